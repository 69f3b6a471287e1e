// Directives about symbols: binding (.globl, .weak, .local), definition (.equ, .set, .equiv,
// .eqv) and common symbols (.comm, .lcomm), whose storage layout allocates
// (isa/asm/commons.cpp); and the ELF annotations that change no loaded byte (.type, .size,
// .hidden, ...).
#include <fmt/format.h>

#include "isa/asm/directive_context.hpp"

namespace pipesim::assembler {
namespace {

void equ(const Ctx& c) {
  c.count(2, 2);
  const std::string& n = c.ident(0);
  // .equiv and .eqv refuse to redefine; pipesim evaluates .eqv when it is defined, like
  // .equiv (its operands are bound to their current definitions, as gas binds .eqv's).
  if ((c.name() == ".equiv" || c.name() == ".eqv") && c.st.symbols.count(n) &&
      (c.st.symbols.at(n).value || c.st.symbols.at(n).expr || c.st.symbols.at(n).common))
    c.fail(c.ops[0].b, fmt::format("symbol '{}' is already defined", n));
  c.st.define_equ(n, expr_operand(c.st, c.s, c.ops[1]), c.s.loc(c.ops[0].b));
}

// Applies `set` to the symbol named by every operand.
template <typename F>
void each_symbol(const Ctx& c, F set) {
  if (c.ops.empty() || (c.ops.size() == 1 && c.ops[0].empty()))
    c.fail(0, fmt::format("'{}' needs a symbol name", c.name()));
  for (std::size_t i = 0; i < c.ops.size(); ++i) set(c.st.symbols[c.ident(i)]);
}

bool power_of_two(int64_t v) {
  return v > 0 && (v & (v - 1)) == 0;
}

// .comm name, size [, alignment in bytes] and .lcomm name, size (gas for ELF; .lcomm takes no
// alignment there and aligns by size, as TC_IMPLICIT_LCOMM_ALIGNMENT does).
void comm(const Ctx& c, bool lcomm) {
  c.count(2, lcomm ? 2 : 3);
  const std::string& n = c.ident(0);
  const int64_t size = c.constant(1, "size");
  if (size < 0 || size > kMaxDirectiveBytes)
    c.fail(c.ops[1].b, fmt::format("invalid size {} for common symbol '{}'", size, n));
  int64_t align = 0;  // 0: the default for its kind (isa/asm/commons.cpp)
  if (c.has(2)) {
    align = c.constant(2, "alignment");
    if (!power_of_two(align) || align > 65536)
      c.fail(c.ops[2].b, fmt::format("alignment {} is not a power of 2 (1 to 65536)", align));
  }
  if (lcomm) align = size >= 8 ? 8 : size >= 4 ? 4 : size >= 2 ? 2 : 1;
  Symbol& sym = c.st.symbols[n];
  if (sym.value || sym.expr || sym.common)
    c.fail(c.ops[0].b, fmt::format("symbol '{}' is already defined", n));
  sym.common = true;
  sym.loc = c.s.loc(c.ops[0].b);
  if (lcomm) sym.local_binding = true;
  c.st.commons.push_back({n, static_cast<uint32_t>(size), static_cast<uint32_t>(align)});
}

}  // namespace

const std::vector<Directive>& symbol_directives() {
  auto ignore = [](const Ctx&) {};
  static const std::vector<Directive> t = {
      {".globl", [](const Ctx& c) { each_symbol(c, [](Symbol& s) { s.global = true; }); }},
      {".global", [](const Ctx& c) { each_symbol(c, [](Symbol& s) { s.global = true; }); }},
      {".weak", [](const Ctx& c) { each_symbol(c, [](Symbol& s) { s.global = s.weak = true; }); }},
      {".local", [](const Ctx& c) { each_symbol(c, [](Symbol& s) { s.local_binding = true; }); }},
      {".comm", [](const Ctx& c) { comm(c, false); }},
      {".lcomm", [](const Ctx& c) { comm(c, true); }},
      {".equ", equ},
      {".set", equ},
      {".equiv", equ},
      {".eqv", equ},
      // ELF symbol attributes: no loaded byte depends on them.
      {".type", ignore},
      {".size", ignore},
      {".hidden", ignore},
      {".internal", ignore},
      {".protected", ignore},
      {".extern", ignore},  // gas treats every undefined symbol as external anyway
      {".variant_cc", ignore},
  };
  return t;
}

}  // namespace pipesim::assembler
