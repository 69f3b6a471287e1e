// Expressions in operands and directives: parsed once into a small tree, evaluated in 64 bits
// like GNU as, with each value either absolute or an offset into a section (a label address is
// only final after layout).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "isa/asm/lexer.hpp"
#include "isa/asm/source.hpp"

namespace pipesim::assembler {

inline constexpr int kAbsolute = -1;

// Most levels of parentheses and unary operators in one expression (docs/errors.md). The parser
// recurses once per level; 256 keeps it far below the host's stack, also under AddressSanitizer.
inline constexpr int kMaxExprDepth = 256;

// sec == kAbsolute: a plain number; otherwise v is an offset into section number sec.
struct Value {
  int64_t v = 0;
  int sec = kAbsolute;
  bool absolute() const { return sec == kAbsolute; }
};

struct Expr {
  enum class Kind : uint8_t { Num, Sym, Unary, Binary };
  // Kept small: a fixup holds its expression until layout, one per label reference.
  struct Node {
    Kind kind = Kind::Num;
    bool local = false;  // Sym: a numeric local label reference ("1b"), renamed in `name`
    bool forward = false;
    bool bound = false;  // Sym: the symbol's value was known when it was read: value, sec
    int lhs = -1, rhs = -1;
    int sec = kAbsolute;  // bound Sym: the section of value
    int64_t value = 0;    // Num: the number; local Sym: the label number; bound Sym: its value
    // Sym: symbol name (numeric local labels renamed, "name^V<n>" for definition n of a symbol
    // that was redefined); Unary/Binary: operator.
    std::string name;
    Loc loc;
    // Sym: the name as written, for messages.
    std::string written() const {
      return local ? std::to_string(value) + (forward ? "f" : "b") : name.substr(0, name.find('^'));
    }
  };
  std::vector<Node> nodes;  // operands before their operator (post-order): the root is last
  Loc loc;                  // first token
};

// What an expression needs from the assembler: symbol values and section names/addresses.
class Resolver {
 public:
  virtual ~Resolver() = default;
  // nullopt: not known yet. Before layout that makes the whole expression unknown; after it an
  // undefined symbol is reported by the resolver itself.
  virtual std::optional<Value> symbol(const Expr::Node& sym) = 0;
  virtual std::string section_name(int sec) const = 0;
  virtual std::optional<uint32_t> section_base(int sec) const = 0;
  // The address of a section-relative value after layout (merged string sections move their
  // offsets: isa/asm/merge_strings.hpp).
  virtual int64_t address(const Value& v) const { return v.v + *section_base(v.sec); }
};

// Parses toks[pos, end) of a statement on `line` up to the first token that cannot continue the
// expression (',' or an unmatched ')'), where pos is left. `file` is the Loc::file of the line.
Expr parse_expr(const Source& src, int line, const std::vector<Token>& toks, std::size_t& pos,
                std::size_t end, int file = 0);

// nullopt when a symbol is not known yet. Throws through src.error on division by zero and on
// operations that have no meaning for addresses (label * 2, label + label).
std::optional<Value> evaluate(const Source& src, const Expr& e, Resolver& r);

// The absolute address of a value once sections have been placed.
int64_t final_value(const Value& v, const Resolver& r);

}  // namespace pipesim::assembler
