// The RV32IM instruction set as data: the Op enum, per-op metadata and the decoded form of an
// instruction. Everything here is generated from isa/rv32im.def.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace pipesim::isa {

// Operand layout and encoding format. The assembler's operand syntax and the disassembler's
// output follow from it:
//   R      rd, rs1, rs2            Shift  rd, rs1, shamt        U     rd, imm20
//   I      rd, rs1, imm12          Load   rd, imm(rs1)          J     rd, target
//   Jalr   rd, imm(rs1)            S      rs2, imm(rs1)         B     rs1, rs2, target
//   Fence  pred, succ              Sys    (no operands)
//   Csr    rd, csr, rs1            CsrI   rd, csr, uimm5
enum class Fmt : uint8_t { R, I, Shift, Load, Jalr, S, B, U, J, Fence, Sys, Csr, CsrI };

// Functional-unit class: which kind of hardware executes the instruction.
enum class Unit : uint8_t { Alu, Branch, Jump, Load, Store, Mul, Div, System };

// Memory access width and signedness of loads and stores.
enum class Mem : uint8_t { None, B, H, W, BU, HU };

enum class Op : uint8_t {
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) name,
#include "isa/rv32im.def"
#undef INSN
  Illegal,  // any word that matches no row
};

struct OpInfo {
  Op op;
  std::string_view mnemonic;
  Fmt fmt;
  uint32_t match;
  uint32_t mask;
  Unit unit;
  Mem mem;
};

inline constexpr std::array kOps = {
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) \
  OpInfo{Op::name, mnem, Fmt::fmt, match, mask, Unit::unit, Mem::mem},
#include "isa/rv32im.def"
#undef INSN
};
inline constexpr std::size_t kNumOps = kOps.size();

// The table rows plus one for Op::Illegal (what an illegal word is treated as until it faults:
// no registers, no memory, no unit work), so info() is one indexed load for every Op value.
inline constexpr auto kOpInfo = [] {
  std::array<OpInfo, kNumOps + 1> rows{};
  for (std::size_t i = 0; i < kNumOps; ++i) rows[i] = kOps[i];
  rows[kNumOps] = OpInfo{Op::Illegal, "illegal", Fmt::Sys, 0, 0, Unit::System, Mem::None};
  return rows;
}();
static_assert(static_cast<std::size_t>(Op::Illegal) == kNumOps);

constexpr const OpInfo& info(Op op) {
  return kOpInfo[static_cast<std::size_t>(op)];
}
constexpr std::string_view mnemonic(Op op) {
  return info(op).mnemonic;
}
std::optional<Op> op_from_mnemonic(std::string_view mnemonic);
std::string_view unit_name(Unit unit);

// Which register fields a format uses. Register x0 is never a real dependence; callers that
// track hazards must skip it.
constexpr bool writes_rd(Fmt f) {
  return f == Fmt::R || f == Fmt::I || f == Fmt::Shift || f == Fmt::Load || f == Fmt::Jalr ||
         f == Fmt::U || f == Fmt::J || f == Fmt::Csr || f == Fmt::CsrI;
}
constexpr bool reads_rs1(Fmt f) {
  return f == Fmt::R || f == Fmt::I || f == Fmt::Shift || f == Fmt::Load || f == Fmt::Jalr ||
         f == Fmt::S || f == Fmt::B || f == Fmt::Csr;
}
constexpr bool reads_rs2(Fmt f) {
  return f == Fmt::R || f == Fmt::S || f == Fmt::B;
}

// Second ALU operand: register rs2 for R, S and B formats, the immediate otherwise.
constexpr bool operand_b_is_rs2(Fmt f) {
  return reads_rs2(f);
}

// An instruction decoded into fields. Fields a format does not use are zero, so two Insn with
// the same encoding compare equal. `imm` is sign-extended; for U format it holds the value
// already shifted (imm20 << 12), for Shift the shift amount, for Fence (pred << 4 | succ), for
// Csr and CsrI the CSR number (0 to 4095, not sign-extended). CsrI keeps its 5-bit unsigned
// immediate in `rs1` (the field it is encoded in; reads_rs1() is false: it is no register).
struct Insn {
  Op op = Op::Illegal;
  uint8_t rd = 0;
  uint8_t rs1 = 0;
  uint8_t rs2 = 0;
  int32_t imm = 0;
  uint32_t raw = 0;

  constexpr Fmt fmt() const { return info(op).fmt; }
  constexpr Unit unit() const { return info(op).unit; }
  friend constexpr bool operator==(const Insn&, const Insn&) = default;
};

Insn decode(uint32_t word);

// Encodes op and fields into a machine word. The fields must be in range (the assembler checks
// ranges before calling); out-of-range bits are masked off.
uint32_t encode(Op op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm);
inline uint32_t encode(const Insn& i) {
  return encode(i.op, i.rd, i.rs1, i.rs2, i.imm);
}

// Range of the immediate each format accepts, as the assembler checks it. Branch and jump
// offsets must also be even.
struct ImmRange {
  int64_t min, max;
};
ImmRange imm_range(Fmt f);

// ABI register names (x0 is "zero", x8 is "s0"); parse_register also accepts "xN" and "fp".
std::string_view abi_name(unsigned reg);
std::optional<unsigned> parse_register(std::string_view name);

}  // namespace pipesim::isa
