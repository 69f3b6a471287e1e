// What a directive handler sees (the statement, its operands, the assembler state), and the
// tables of handlers each directives file contributes (isa/asm/directives.cpp dispatches).
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "isa/asm/operands.hpp"
#include "isa/asm/state.hpp"

namespace pipesim::assembler {

struct Ctx {
  State& st;
  const Stmt& s;
  std::vector<Range> ops;
  const std::string& name() const { return s.toks[0].text; }
  [[noreturn]] void fail(std::size_t tok, const std::string& msg) const {
    st.src.error(s.loc(tok), msg);
  }
  void count(std::size_t lo, std::size_t hi) const {
    if (ops.size() < lo || ops.size() > hi)
      fail(0, lo == hi ? fmt::format("'{}' takes {} operand{}, not {}", name(), lo,
                                     lo == 1 ? "" : "s", ops.size())
                       : fmt::format("'{}' takes {} to {} operands, not {}", name(), lo, hi,
                                     ops.size()));
  }
  bool has(std::size_t i) const { return i < ops.size() && !ops[i].empty(); }
  int64_t constant(std::size_t i, const char* what) const {
    if (!has(i)) fail(i < ops.size() ? ops[i].b : s.toks.size(), fmt::format("missing {}", what));
    return st.eval_constant(expr_operand(st, s, ops[i]), what);
  }
  const std::string& ident(std::size_t i) const {
    if (ops[i].e != ops[i].b + 1 || s.toks[ops[i].b].kind != Tok::Ident)
      fail(ops[i].b, fmt::format("'{}' expects a symbol name", name()));
    return s.toks[ops[i].b].text;
  }
  // The operand as written in the source (for floating-point literals, which are not tokens).
  std::string text(std::size_t i) const;
};

using Handler = std::function<void(const Ctx&)>;

struct Directive {
  std::string_view name;
  Handler run;
  // Produces bytes (or padding) in the current section: in a section that is not loaded its
  // operands are only checked for syntax (docs/isa.md, "Directives").
  bool emits = false;
};

// Appends bytes to the current section; in .bss only zeros.
void put(State& st, const Stmt& s, const std::vector<uint8_t>& bytes);
std::vector<uint8_t> little_endian(uint64_t v, unsigned size);

// isa/asm/data_directives.cpp: data, strings, padding, alignment, .org.
const std::vector<Directive>& data_directives();
// isa/asm/symbol_directives.cpp: symbol binding and definition, common symbols.
const std::vector<Directive>& symbol_directives();

// Most bytes one directive may reserve (.space, .fill, .org, .dcb, ...).
inline constexpr int64_t kMaxDirectiveBytes = int64_t{1} << 24;

}  // namespace pipesim::assembler
