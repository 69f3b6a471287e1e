// Pseudo-instructions: assembler spellings that expand onto table instructions, exactly as
// GNU as 2.40 expands them for rv32 without relaxation (checked against its output in
// tests/asm/corpus/pseudo*.s).
#include <fmt/format.h>

#include <functional>
#include <string_view>

#include "isa/asm/emit.hpp"
#include "isa/asm/instructions.hpp"

namespace pipesim::assembler {
namespace {

using isa::Op;

constexpr unsigned kZero = 0, kRa = 1, kT1 = 6;

struct Ctx {
  State& st;
  const Stmt& s;
  const std::vector<Range>& ops;
  unsigned reg(std::size_t i) const { return register_operand(st, s, ops[i]); }
  Imm imm(std::size_t i) const { return imm_operand(st, s, ops[i]); }
  void count(std::size_t n) const { expect_count(st, s, ops, n); }
  void emit(Op op, unsigned rd, unsigned rs1, unsigned rs2, const Imm& imm) const {
    emit_insn(st, op, rd, rs1, rs2, imm, s.loc(0));
  }
  void emit(Op op, unsigned rd, unsigned rs1, unsigned rs2, int64_t imm = 0) const {
    emit_insn(st, op, rd, rs1, rs2, Imm::constant(imm), s.loc(0));
  }
};

// li: addi for 12-bit values, else lui of the rounded upper part plus addi of the sign-extended
// low part when it is not zero (binutils load_const, on the value truncated to 32 bits).
void li(const Ctx& c) {
  c.count(2);
  const unsigned rd = c.reg(0);
  const Imm i = c.imm(1);
  // gas takes `li rd, %lo(x)` (and %pcrel_lo) as one addi from x0 with that relocation; %hi
  // would need a lui, and gas refuses it.
  if (i.reloc == Reloc::Lo || i.reloc == Reloc::PcrelLo) return c.emit(Op::Addi, rd, kZero, 0, i);
  if (i.reloc != Reloc::None)
    c.st.src.error(i.loc, "'li' takes a constant or %lo(...), not a %hi relocation");
  const int64_t v = c.st.eval_constant(*i.expr, "'li' value");
  if (v < INT32_MIN || v > static_cast<int64_t>(UINT32_MAX))
    c.st.src.error(i.loc, fmt::format("'li' value {} does not fit in 32 bits", v));
  const auto w = static_cast<int32_t>(static_cast<uint32_t>(v));
  if (w >= -2048 && w <= 2047) return c.emit(Op::Addi, rd, kZero, 0, w);
  const int32_t lo = static_cast<int32_t>(static_cast<uint32_t>(w) << 20) >> 20;
  const uint32_t hi = ((static_cast<uint32_t>(w) - static_cast<uint32_t>(lo)) >> 12) & 0xfffff;
  c.emit(Op::Lui, rd, 0, 0, hi);
  if (lo != 0) c.emit(Op::Addi, rd, rd, 0, lo);
}

// la/lla: auipc + addi, pc-relative; of a constant already known, gas loads it as li does.
void load_address(const Ctx& c) {
  c.count(2);
  const Imm t = c.imm(1);
  if (t.reloc == Reloc::None && t.expr)
    if (const auto v = c.st.eval(*t.expr, c.st.here()); v && v->absolute()) return li(c);
  pcrel_pair(c.st, c.s, c.ops[1], c.reg(0), Op::Addi, c.reg(0), 0, false);
}

void branch(const Ctx& c, Op op, bool swap) {
  c.count(3);
  const unsigned a = c.reg(0), b = c.reg(1);
  const Imm t = c.imm(2);
  swap ? c.emit(op, 0, b, a, t) : c.emit(op, 0, a, b, t);
}

// Compare-with-zero branches: `zero_first` puts x0 as rs1.
void branch_zero(const Ctx& c, Op op, bool zero_first) {
  c.count(2);
  const unsigned r = c.reg(0);
  const Imm t = c.imm(1);
  zero_first ? c.emit(op, 0, kZero, r, t) : c.emit(op, 0, r, kZero, t);
}

void jr(const Ctx& c, unsigned rd) {
  if (c.ops.size() == 1) {
    if (auto m = mem_operand(c.st, c.s, c.ops[0]))
      return c.emit(Op::Jalr, rd, m->base, 0, m->offset);
    return c.emit(Op::Jalr, rd, c.reg(0), 0);
  }
  c.count(2);
  c.emit(Op::Jalr, rd, c.reg(0), 0, c.imm(1));
}

// The call target `f@plt`, which gas accepts for f: in a static link the PLT entry of f is f.
Stmt without_plt(State& st, const Stmt& s, Range target) {
  Stmt out = s;
  Token& t = out.toks[target.b];
  constexpr std::string_view kPlt = "@plt";
  if (target.e == target.b + 1 && t.kind == Tok::Ident && t.text.size() > kPlt.size() &&
      t.text.compare(t.text.size() - kPlt.size(), kPlt.size(), kPlt) == 0) {
    t.text.resize(t.text.size() - kPlt.size());
    st.bind(t);
  }
  return out;
}

// auipc tmp, then jalr rd through it, to `target` (call, tail).
void call_through(const Ctx& c, Range target, unsigned tmp, unsigned rd) {
  pcrel_pair(c.st, without_plt(c.st, c.s, target), target, tmp, Op::Jalr, rd, 0, true);
}

// call [rd,] target: auipc t1 (ra without rd) then jalr rd; `jump target, tmp`: auipc tmp then
// jalr x0 (gas's M_CALL rows; gcc -msave-restore calls `call t0, __riscv_save_0`).
void call(const Ctx& c) {
  if (c.ops.size() != 2) {
    c.count(1);
    return call_through(c, c.ops[0], kRa, kRa);
  }
  call_through(c, c.ops[1], kT1, c.reg(0));
}

// sext.b/sext.h/zext.h without Zbb: gas expands them to a pair of shifts.
void shift_pair(const Ctx& c, Op right, int64_t amount) {
  c.count(2);
  const unsigned rd = c.reg(0), rs = c.reg(1);
  c.emit(Op::Slli, rd, rs, 0, amount);
  c.emit(right, rd, rd, 0, amount);
}

// Words the table has no row for, emitted as gas encodes them: `unimp` is csrrw x0, cycle, x0
// (an illegal instruction here: cycle is read-only), `fence.tso` a fence with fm=1000 and
// pred=succ=rw (pipesim executes it as a fence).
void word(const Ctx& c, uint32_t w) {
  c.count(0);
  emit_word(c.st, w, c.s.loc(0));
}

using Handler = std::function<void(const Ctx&)>;

const std::vector<std::pair<std::string_view, Handler>>& table() {
  static const std::vector<std::pair<std::string_view, Handler>> t = {
      {"nop", [](const Ctx& c) { c.count(0), c.emit(Op::Addi, kZero, kZero, 0); }},
      {"li", li},
      {"la", load_address},
      {"lla", load_address},
      {"scall", [](const Ctx& c) { c.count(0), c.emit(Op::Ecall, 0, 0, 0); }},  // old names
      {"sbreak", [](const Ctx& c) { c.count(0), c.emit(Op::Ebreak, 0, 0, 0); }},
      {"mv", [](const Ctx& c) { c.count(2), c.emit(Op::Addi, c.reg(0), c.reg(1), 0); }},
      {"not", [](const Ctx& c) { c.count(2), c.emit(Op::Xori, c.reg(0), c.reg(1), 0, -1); }},
      {"neg", [](const Ctx& c) { c.count(2), c.emit(Op::Sub, c.reg(0), kZero, c.reg(1)); }},
      {"seqz", [](const Ctx& c) { c.count(2), c.emit(Op::Sltiu, c.reg(0), c.reg(1), 0, 1); }},
      {"snez", [](const Ctx& c) { c.count(2), c.emit(Op::Sltu, c.reg(0), kZero, c.reg(1)); }},
      {"sltz", [](const Ctx& c) { c.count(2), c.emit(Op::Slt, c.reg(0), c.reg(1), kZero); }},
      {"sgtz", [](const Ctx& c) { c.count(2), c.emit(Op::Slt, c.reg(0), kZero, c.reg(1)); }},
      {"sgt", [](const Ctx& c) { c.count(3), c.emit(Op::Slt, c.reg(0), c.reg(2), c.reg(1)); }},
      {"sgtu", [](const Ctx& c) { c.count(3), c.emit(Op::Sltu, c.reg(0), c.reg(2), c.reg(1)); }},
      {"j", [](const Ctx& c) { c.count(1), c.emit(Op::Jal, kZero, 0, 0, c.imm(0)); }},
      {"jr", [](const Ctx& c) { jr(c, kZero); }},
      {"ret", [](const Ctx& c) { c.count(0), c.emit(Op::Jalr, kZero, kRa, 0); }},
      {"call", call},
      {"jump",  // gas takes no `@plt` here
       [](const Ctx& c) {
         c.count(2), pcrel_pair(c.st, c.s, c.ops[0], c.reg(1), Op::Jalr, kZero, 0, true);
       }},
      {"tail", [](const Ctx& c) { c.count(1), call_through(c, c.ops[0], kT1, kZero); }},
      {"zext.b", [](const Ctx& c) { c.count(2), c.emit(Op::Andi, c.reg(0), c.reg(1), 0, 255); }},
      {"sext.b", [](const Ctx& c) { shift_pair(c, Op::Srai, 24); }},
      {"sext.h", [](const Ctx& c) { shift_pair(c, Op::Srai, 16); }},
      {"zext.h", [](const Ctx& c) { shift_pair(c, Op::Srli, 16); }},
      {"unimp", [](const Ctx& c) { word(c, 0xc0001073); }},
      {"fence.tso", [](const Ctx& c) { word(c, 0x8330000f); }},
      {"beqz", [](const Ctx& c) { branch_zero(c, Op::Beq, false); }},
      {"bnez", [](const Ctx& c) { branch_zero(c, Op::Bne, false); }},
      {"blez", [](const Ctx& c) { branch_zero(c, Op::Bge, true); }},
      {"bgez", [](const Ctx& c) { branch_zero(c, Op::Bge, false); }},
      {"bltz", [](const Ctx& c) { branch_zero(c, Op::Blt, false); }},
      {"bgtz", [](const Ctx& c) { branch_zero(c, Op::Blt, true); }},
      {"bgt", [](const Ctx& c) { branch(c, Op::Blt, true); }},
      {"ble", [](const Ctx& c) { branch(c, Op::Bge, true); }},
      {"bgtu", [](const Ctx& c) { branch(c, Op::Bltu, true); }},
      {"bleu", [](const Ctx& c) { branch(c, Op::Bgeu, true); }},
  };
  return t;
}

}  // namespace

std::vector<std::string_view> pseudo_names() {
  std::vector<std::string_view> out;
  for (const auto& row : table()) out.push_back(row.first);
  return out;
}

bool assemble_pseudo(State& st, const Stmt& s, const std::vector<Range>& ops) {
  for (const auto& [name, handler] : table())
    if (name == s.toks[0].text) {
      handler(Ctx{st, s, ops});
      return true;
    }
  return false;
}

}  // namespace pipesim::assembler
