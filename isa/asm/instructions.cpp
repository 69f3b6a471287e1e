// Table instructions. The operand syntax follows from the format (isa.hpp); beyond the canonical
// forms GNU as also accepts, and so do we:
//   add/and/or/xor/slt/sltu/sll/srl/sra rd, rs, imm   -> the -i instruction
//   lw rd, (rs)  sw rs2, (rs)                          -> offset 0
//   lw rd, symbol / sw rs2, symbol, rt                 -> auipc + pc-relative access
//   jalr rs | jalr rd, rs | jalr rs, imm | jalr [rd,] imm(rs) | jalr rd, rs, imm
//   jal target                                         -> rd = ra
#include <fmt/format.h>

#include "isa/asm/emit.hpp"
#include "isa/asm/instructions.hpp"
#include "isa/asm/suggest.hpp"

namespace pipesim::assembler {
namespace {

using isa::Fmt;
using isa::Op;

constexpr unsigned kRa = 1;

// The register-immediate instruction GNU as substitutes when an R-type's last operand is not a
// register. Not an instruction list: a spelling rule over the table's own mnemonics.
std::optional<Op> immediate_twin(Op op) {
  const std::string_view m = isa::mnemonic(op);
  if (m == "sltu") return Op::Sltiu;
  if (m == "add" || m == "and" || m == "or" || m == "xor" || m == "slt" || m == "sll" ||
      m == "srl" || m == "sra")
    return isa::op_from_mnemonic(std::string(m) + "i");
  return std::nullopt;
}

Imm target_operand(const State& st, const Stmt& s, Range r) {
  Imm t = imm_operand(st, s, r);
  if (t.reloc != Reloc::None)
    st.src.error(t.loc,
                 fmt::format("'{}' is not valid for '{}'", "%" + s.toks[r.b].text, s.toks[0].text));
  return t;
}

unsigned fence_set(const State& st, const Stmt& s, Range r) {
  const Token& t = s.toks[r.b];
  unsigned bits = 0;
  std::size_t next = 0;
  static constexpr std::string_view kOrder = "iorw";
  bool ok = r.e == r.b + 1 && t.kind == Tok::Ident && !t.text.empty();
  for (char c : ok ? t.text : std::string()) {
    const std::size_t k = kOrder.find(c, next);
    if (k == std::string_view::npos) ok = false;
    if (!ok) break;
    bits |= 8u >> k;
    next = k + 1;
  }
  if (!ok)
    st.src.error(s.loc(r.b), fmt::format("invalid fence operand '{}' (expected letters of 'iorw' "
                                         "in that order)",
                                         t.text));
  return bits;
}

void base(State& st, const Stmt& s, Op op, const std::vector<Range>& ops) {
  const Loc line = s.loc(0);  // where instructions of this statement are reported
  auto reg = [&](std::size_t i) { return register_operand(st, s, ops[i]); };
  auto imm = [&](std::size_t i) { return imm_operand(st, s, ops[i]); };
  switch (isa::info(op).fmt) {
    case Fmt::R: {
      expect_count(st, s, ops, 3);
      const unsigned rd = reg(0), rs1 = reg(1);
      if (auto rs2 = as_register(s, ops[2])) return emit_insn(st, op, rd, rs1, *rs2, {}, line);
      const auto twin = immediate_twin(op);
      if (!twin) reg(2);  // reports the bad register
      return emit_insn(st, *twin, rd, rs1, 0, imm(2), line);
    }
    case Fmt::I:
    case Fmt::Shift:
      expect_count(st, s, ops, 3);
      return emit_insn(st, op, reg(0), reg(1), 0, imm(2), line);
    case Fmt::Load: {
      expect_count(st, s, ops, 2);
      const unsigned rd = reg(0);
      if (auto m = mem_operand(st, s, ops[1]))
        return emit_insn(st, op, rd, m->base, 0, m->offset, line);
      // GNU as reads "lw t0, t1" as a load from a symbol named t1, which the linker then
      // cannot find: say what was surely meant.
      if (auto base = as_register(s, ops[1]))
        st.src.error(s.loc(ops[1].b),
                     fmt::format("'{}' needs a memory operand 'offset(register)': '0({})', not "
                                 "'{}'",
                                 isa::mnemonic(op), s.toks[ops[1].b].text, s.toks[ops[1].b].text));
      return pcrel_pair(st, s, ops[1], rd, op, rd, 0, false);
    }
    case Fmt::S: {
      if (ops.size() == 3) {
        const unsigned rs2 = reg(0), tmp = reg(2);
        return pcrel_pair(st, s, ops[1], tmp, op, 0, rs2, false);
      }
      expect_count(st, s, ops, 2);
      const unsigned rs2 = reg(0);
      auto m = mem_operand(st, s, ops[1]);
      if (!m)
        st.src.error(s.loc(ops[1].b), fmt::format("expected 'offset(register)' or 'symbol, "
                                                  "register' for '{}'",
                                                  isa::mnemonic(op)));
      return emit_insn(st, op, 0, m->base, rs2, m->offset, line);
    }
    case Fmt::Jalr: {
      if (ops.size() == 3) return emit_insn(st, op, reg(0), reg(1), 0, imm(2), line);
      if (ops.size() == 1) {
        if (auto m = mem_operand(st, s, ops[0]))
          return emit_insn(st, op, kRa, m->base, 0, m->offset, line);
        return emit_insn(st, op, kRa, reg(0), 0, Imm::constant(0), line);
      }
      expect_count(st, s, ops, 2);
      if (auto rs = as_register(s, ops[1]))
        return emit_insn(st, op, reg(0), *rs, 0, Imm::constant(0), line);
      if (auto m = mem_operand(st, s, ops[1]))
        return emit_insn(st, op, reg(0), m->base, 0, m->offset, line);
      return emit_insn(st, op, kRa, reg(0), 0, imm(1), line);
    }
    case Fmt::B:
      expect_count(st, s, ops, 3);
      return emit_insn(st, op, 0, reg(0), reg(1), target_operand(st, s, ops[2]), line);
    case Fmt::U:
      expect_count(st, s, ops, 2);
      return emit_insn(st, op, reg(0), 0, 0, imm(1), line);
    case Fmt::J:
      if (ops.size() == 1) return emit_insn(st, op, kRa, 0, 0, target_operand(st, s, ops[0]), line);
      expect_count(st, s, ops, 2);
      return emit_insn(st, op, reg(0), 0, 0, target_operand(st, s, ops[1]), line);
    case Fmt::Fence: {
      if (ops.empty()) return emit_insn(st, op, 0, 0, 0, Imm::constant(0xff), line);
      expect_count(st, s, ops, 2);
      const unsigned pred = fence_set(st, s, ops[0]), succ = fence_set(st, s, ops[1]);
      return emit_insn(st, op, 0, 0, 0, Imm::constant(pred << 4 | succ), line);
    }
    case Fmt::Sys:
      expect_count(st, s, ops, 0);
      return emit_insn(st, op, 0, 0, 0, {}, line);
    case Fmt::Csr:
    case Fmt::CsrI:
      return assemble_csr(st, s, op, ops);
  }
}

}  // namespace

void expect_count(const State& st, const Stmt& s, const std::vector<Range>& ops, std::size_t n) {
  if (ops.size() != n)
    st.src.error(s.loc(0), fmt::format("'{}' takes {} operand{}, not {}", s.toks[0].text, n,
                                       n == 1 ? "" : "s", ops.size()));
}

void pcrel_pair(State& st, const Stmt& s, Range target, unsigned tmp, Op second, unsigned rd,
                unsigned rs2, bool call) {
  Imm hi = target_operand(st, s, target);
  const isa::Fmt f = isa::info(second).fmt;
  if (f == Fmt::Load || f == Fmt::S) {
    // GNU as takes "lw a0, 4" as an error, not as an absolute address.
    const auto v = st.eval(*hi.expr, st.here());
    if (v && v->absolute())
      st.src.error(hi.loc, fmt::format("expected 'offset(register)' or a symbol for '{}'",
                                       isa::mnemonic(second)));
  }
  hi.reloc = Reloc::PcrelHi;
  hi.call = call;
  const Value auipc = st.here();
  emit_insn(st, Op::Auipc, tmp, 0, 0, hi, s.loc(0));
  Imm lo = hi;
  lo.reloc = Reloc::PcrelLo;
  lo.pair = auipc;
  lo.call = false;
  emit_insn(st, second, rd, tmp, rs2, lo, s.loc(0));
}

void assemble_instruction(State& st, const Stmt& s) {
  const Token& m = s.toks[0];
  const std::vector<Range> ops = split_operands(s, 1);
  for (const Range& r : ops)
    if (r.empty()) st.src.error(s.loc(r.b), "missing operand");
  if (auto op = isa::op_from_mnemonic(m.text)) return base(st, s, *op, ops);
  if (assemble_pseudo(st, s, ops) || assemble_csr_pseudo(st, s, ops)) return;
  std::vector<std::string_view> known = pseudo_names();
  for (const isa::OpInfo& row : isa::kOps) known.push_back(row.mnemonic);
  st.src.error(s.loc(0),
               fmt::format("unknown instruction '{}'{}", m.text, did_you_mean(m.text, known)));
}

}  // namespace pipesim::assembler
