// Conditional assembly: .if and its variants, .elseif, .else, .endif, nested, evaluated as GNU
// as evaluates them (absolute expressions now; .ifdef sees the symbols defined so far).
#pragma once

#include <string_view>
#include <vector>

#include "isa/asm/state.hpp"

namespace pipesim::assembler {

// Is `word` (lower case, with its '.') a directive that opens, continues or closes a
// conditional? Skipped text is looked at only for these.
bool is_conditional_directive(std::string_view word);

class Conditionals {
 public:
  // False inside a branch not taken: statements there are skipped.
  bool active() const { return stack_.empty() || stack_.back().active; }
  // Handles s when it is a conditional directive and returns true; `raw` is the text of its
  // operands as written (.ifb, .ifc compare text, not tokens).
  bool handle(State& st, const Stmt& s, std::string_view raw);
  std::size_t depth() const { return stack_.size(); }
  // Drops the conditionals opened after depth `d` (.exitm leaves a macro from inside them).
  void truncate(std::size_t d) { stack_.resize(d < stack_.size() ? d : stack_.size()); }
  // The '.if' opened last and not closed, for "without '.endif'".
  Loc innermost() const { return stack_.back().at; }

 private:
  struct Level {
    bool parent_active = true;
    bool active = false;
    bool taken = false;    // a branch of this .if has been taken
    bool in_else = false;  // after .else: no .else or .elseif may follow
    Loc at;
  };
  bool condition(State& st, const Stmt& s, std::string_view raw);
  std::vector<Level> stack_;
};

}  // namespace pipesim::assembler
