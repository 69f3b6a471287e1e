// Operand parsing. Anything that is not a register where one is required is reported with the
// operand's text, so "add a0, x32, a1" says "invalid register 'x32'".
#include "isa/asm/operands.hpp"
#include "isa/asm/suggest.hpp"

#include <fmt/format.h>

namespace pipesim::assembler {
namespace {

std::string text_of(const Stmt& s, Range r) {
  std::string out;
  for (std::size_t i = r.b; i < r.e; ++i) {
    const Token& t = s.toks[i];
    if (i > r.b && t.col > s.toks[i - 1].col + static_cast<int>(s.toks[i - 1].text.size()))
      out += ' ';
    out += t.kind == Tok::String  ? "\"" + t.text + "\""
           : t.kind == Tok::Reloc ? "%" + t.text
                                  : t.text;
  }
  return out;
}

Reloc reloc_of(const std::string& name) {
  if (name == "hi") return Reloc::Hi;
  if (name == "lo") return Reloc::Lo;
  if (name == "pcrel_hi") return Reloc::PcrelHi;
  return Reloc::PcrelLo;
}

// Why a name is not a register: a number past its family ("t9": RV32 has t0-t6), or the
// register it is a typo of ("zer0").
std::string register_hint(const std::string& name) {
  const std::string family = register_family_hint(name);
  if (!family.empty()) return family;
  static const std::vector<std::string_view> kNames = [] {
    std::vector<std::string_view> out;
    for (unsigned r = 0; r < 32; ++r) out.push_back(isa::abi_name(r));
    return out;
  }();
  return did_you_mean(name, kNames);
}

}  // namespace

std::vector<Range> split_operands(const Stmt& s, std::size_t from) {
  std::vector<Range> out;
  if (from >= s.toks.size()) return out;
  int depth = 0;
  std::size_t start = from;
  for (std::size_t i = from; i < s.toks.size(); ++i) {
    const Token& t = s.toks[i];
    if (t.is("(")) ++depth;
    if (t.is(")")) --depth;
    if (t.is(",") && depth == 0) {
      out.push_back({start, i});
      start = i + 1;
    }
  }
  out.push_back({start, s.toks.size()});
  return out;
}

std::optional<unsigned> as_register(const Stmt& s, Range r) {
  if (r.e != r.b + 1 || s.toks[r.b].kind != Tok::Ident) return std::nullopt;
  return isa::parse_register(s.toks[r.b].text);
}

unsigned register_operand(const State& st, const Stmt& s, Range r) {
  if (r.empty()) st.src.error(s.loc(r.b), "missing register operand");
  if (auto reg = as_register(s, r)) return *reg;
  st.src.error(s.loc(r.b), r.e == r.b + 1 && s.toks[r.b].kind == Tok::Ident
                               ? fmt::format("invalid register '{}'{}", s.toks[r.b].text,
                                             register_hint(s.toks[r.b].text))
                               : fmt::format("expected a register, found '{}'", text_of(s, r)));
}

Expr expr_operand(const State& st, const Stmt& s, Range r) {
  if (r.empty()) st.src.error(s.loc(r.b), "missing operand");
  std::size_t pos = r.b;
  Expr e = parse_expr(st.src, s.line, s.toks, pos, r.e, s.file);
  if (pos != r.e)
    st.src.error(s.loc(pos),
                 fmt::format("unexpected '{}' after expression", text_of(s, Range{pos, r.e})));
  return e;
}

Imm imm_operand(const State& st, const Stmt& s, Range r) {
  Imm imm;
  imm.loc = s.loc(r.b);
  if (!r.empty() && s.toks[r.b].kind == Tok::Reloc) {
    const Token& op = s.toks[r.b];
    imm.reloc = reloc_of(op.text);
    if (r.e - r.b < 3 || !s.toks[r.b + 1].is("("))
      st.src.error(imm.loc, fmt::format("expected '%{}(expression)'", op.text));
    // gas applies the operator to all that follows: `%lo(x) + 4` is %lo(x + 4), whose upper
    // part may differ from %hi(x)'s (tests/asm/corpus/87_pseudo_forms.s).
    imm.expr = expr_operand(st, s, Range{r.b + 1, r.e});
    return imm;
  }
  imm.expr = expr_operand(st, s, r);
  return imm;
}

std::optional<MemOperand> mem_operand(const State& st, const Stmt& s, Range r) {
  if (r.e - r.b < 3 || !s.toks[r.e - 1].is(")") || !s.toks[r.e - 3].is("(")) return std::nullopt;
  const auto base = as_register(s, Range{r.e - 2, r.e - 1});
  if (!base) {
    if (s.toks[r.e - 2].kind == Tok::Ident && r.e - 3 > r.b)
      register_operand(st, s, Range{r.e - 2, r.e - 1});  // "4(x32)": a bad register, not an expr
    return std::nullopt;
  }
  MemOperand m;
  m.base = *base;
  const Range off{r.b, r.e - 3};
  if (off.empty()) {
    m.offset = Imm::constant(0);
    m.offset.loc = s.loc(r.b);
  } else {
    m.offset = imm_operand(st, s, off);
  }
  return m;
}

}  // namespace pipesim::assembler
