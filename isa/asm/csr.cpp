// Zicsr and its pseudo-instructions, spelled as GNU as 2.40 accepts them (checked against its
// output in tests/asm/corpus/90_csr.s and 91_csr_names.s):
//   csrrw|csrrs|csrrc rd, csr, rs1     csrrwi|csrrsi|csrrci rd, csr, uimm
//   csrrw|csrrs|csrrc rd, csr, uimm    -> the immediate form, as GNU as substitutes it
//   csrr rd, csr      csrw|csrs|csrc csr, rs1|uimm      csrwi|csrsi|csrci csr, uimm
//   rdcycle, rdcycleh, rdtime, rdtimeh, rdinstret, rdinstreth rd
// A CSR is a name (isa/csr.hpp) or a constant expression in [0, 4095].
#include <fmt/format.h>

#include <string_view>

#include "isa/asm/emit.hpp"
#include "isa/asm/instructions.hpp"
#include "isa/csr.hpp"

namespace pipesim::assembler {
namespace {

using isa::Op;

uint32_t csr_operand(State& st, const Stmt& s, Range r) {
  const Token& t = s.toks[r.b];
  if (r.e == r.b + 1 && t.kind == Tok::Ident)
    if (const auto number = isa::csr_number(t.text)) return *number;
  const int64_t v = st.eval_constant(expr_operand(st, s, r), "CSR");
  if (v < 0 || v > 4095)
    st.src.error(s.loc(r.b), fmt::format("CSR number {} is out of range [0, 4095]", v));
  return static_cast<uint32_t>(v);
}

unsigned uimm_operand(State& st, const Stmt& s, Range r) {
  const int64_t v = st.eval_constant(expr_operand(st, s, r), "CSR immediate");
  if (v < 0 || v > 31)
    st.src.error(s.loc(r.b), fmt::format("CSR immediate {} is out of range [0, 31]", v));
  return static_cast<unsigned>(v);
}

Op immediate_form(Op op) {
  return op == Op::Csrrw ? Op::Csrrwi : op == Op::Csrrs ? Op::Csrrsi : Op::Csrrci;
}

// op rd, csr, (rs1 | uimm): a register-form op with an immediate last operand becomes the
// immediate form.
void emit_csr(State& st, const Stmt& s, Op op, unsigned rd, uint32_t csr, Range last) {
  unsigned field = 0;
  if (isa::info(op).fmt == isa::Fmt::Csr) {
    if (auto rs1 = as_register(s, last))
      field = *rs1;
    else
      op = immediate_form(op), field = uimm_operand(st, s, last);
  } else {
    field = uimm_operand(st, s, last);
  }
  emit_insn(st, op, rd, field, 0, Imm::constant(csr), s.loc(0));
}

struct CounterRead {
  std::string_view mnemonic;
  uint32_t csr;
};
constexpr CounterRead kCounterReads[] = {
    {"rdcycle", 0xc00},  {"rdtime", 0xc01},  {"rdinstret", 0xc02},
    {"rdcycleh", 0xc80}, {"rdtimeh", 0xc81}, {"rdinstreth", 0xc82},
};

struct CsrPseudo {
  std::string_view mnemonic;
  Op op;
};
constexpr CsrPseudo kWrites[] = {
    {"csrw", Op::Csrrw},   {"csrs", Op::Csrrs},   {"csrc", Op::Csrrc},
    {"csrwi", Op::Csrrwi}, {"csrsi", Op::Csrrsi}, {"csrci", Op::Csrrci},
};

}  // namespace

void assemble_csr(State& st, const Stmt& s, Op op, const std::vector<Range>& ops) {
  expect_count(st, s, ops, 3);
  const unsigned rd = register_operand(st, s, ops[0]);
  emit_csr(st, s, op, rd, csr_operand(st, s, ops[1]), ops[2]);
}

bool assemble_csr_pseudo(State& st, const Stmt& s, const std::vector<Range>& ops) {
  const std::string_view m = s.toks[0].text;
  for (const CounterRead& c : kCounterReads) {
    if (m != c.mnemonic) continue;
    expect_count(st, s, ops, 1);
    emit_insn(st, Op::Csrrs, register_operand(st, s, ops[0]), 0, 0, Imm::constant(c.csr), s.loc(0));
    return true;
  }
  if (m == "csrr") {
    expect_count(st, s, ops, 2);
    const unsigned rd = register_operand(st, s, ops[0]);
    emit_insn(st, Op::Csrrs, rd, 0, 0, Imm::constant(csr_operand(st, s, ops[1])), s.loc(0));
    return true;
  }
  for (const CsrPseudo& w : kWrites) {
    if (m != w.mnemonic) continue;
    expect_count(st, s, ops, 2);
    emit_csr(st, s, w.op, 0, csr_operand(st, s, ops[0]), ops[1]);
    return true;
  }
  return false;
}

}  // namespace pipesim::assembler
