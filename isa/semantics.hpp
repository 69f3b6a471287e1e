// What each instruction computes, expanded from the `value` column of isa/rv32im.def. Pure
// functions of their operands: the functional model and the pipeline both call these, so a
// difference between the two models is always a timing difference, never an arithmetic one.
#pragma once

#include <cstdint>

#include "isa/isa.hpp"

namespace pipesim::isa {

namespace sem {
constexpr int32_t s(uint32_t v) {
  return static_cast<int32_t>(v);
}
constexpr int64_t s64(uint32_t v) {
  return static_cast<int64_t>(static_cast<int32_t>(v));
}
constexpr int64_t s64(uint64_t v) {
  return static_cast<int64_t>(v);
}
constexpr uint64_t u64(uint32_t v) {
  return v;
}
constexpr uint32_t hi(int64_t v) {
  return static_cast<uint32_t>(static_cast<uint64_t>(v) >> 32);
}
constexpr uint32_t hi(uint64_t v) {
  return static_cast<uint32_t>(v >> 32);
}
// Arithmetic shift right without relying on implementation-defined behaviour.
constexpr uint32_t sra(uint32_t a, uint32_t b) {
  const unsigned sh = b & 31;
  const uint32_t sign = (a & 0x80000000u) && sh ? ~(~0u >> sh) : 0;
  return (a >> sh) | sign;
}
// RV32M division never traps: x/0 gives all ones (div, divu) or x (rem, remu), and the one
// signed overflow, INT_MIN / -1, gives INT_MIN with remainder 0 (unprivileged spec, table 7.1).
constexpr uint32_t div(uint32_t a, uint32_t b) {
  if (b == 0) return ~0u;
  if (a == 0x80000000u && b == ~0u) return a;
  return static_cast<uint32_t>(s(a) / s(b));
}
constexpr uint32_t divu(uint32_t a, uint32_t b) {
  return b == 0 ? ~0u : a / b;
}
constexpr uint32_t rem(uint32_t a, uint32_t b) {
  if (b == 0) return a;
  if (a == 0x80000000u && b == ~0u) return 0;
  return static_cast<uint32_t>(s(a) % s(b));
}
constexpr uint32_t remu(uint32_t a, uint32_t b) {
  return b == 0 ? a : a % b;
}
}  // namespace sem

// The `value` column of the table: rd's new value (alu, mul, div, jump), the branch condition
// (branch), or the effective address (load, store). `b` is rs2's value or the immediate as
// operand_b_is_rs2() says; `imm` is always the immediate. This form, with the op known at compile
// time, is what the functional model's dispatch expands once per op (always inlined, so each op's
// case holds just its own arithmetic).
template <Op kOp>
[[gnu::always_inline]] constexpr uint32_t compute(uint32_t a, uint32_t b, uint32_t imm,
                                                  uint32_t pc) {
  using namespace sem;
  (void)a, (void)b, (void)imm, (void)pc;
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) \
  if constexpr (kOp == Op::name) return static_cast<uint32_t>(value);
#include "isa/rv32im.def"
#undef INSN
  return 0;  // Op::Illegal
}
constexpr uint32_t compute(Op op, uint32_t a, uint32_t b, uint32_t imm, uint32_t pc) {
  switch (op) {
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) \
  case Op::name:                                             \
    return compute<Op::name>(a, b, imm, pc);
#include "isa/rv32im.def"
#undef INSN
    case Op::Illegal:
      break;
  }
  return 0;
}
inline constexpr uint32_t compute(const Insn& i, uint32_t a, uint32_t b, uint32_t pc) {
  return compute(i.op, a, b, static_cast<uint32_t>(i.imm), pc);
}

// Where control goes next when the instruction is a taken branch or a jump.
constexpr uint32_t jump_target(Op op, uint32_t rs1_value, uint32_t imm, uint32_t pc) {
  if (op == Op::Jalr) return (rs1_value + imm) & ~1u;
  return pc + imm;
}
constexpr uint32_t jump_target(const Insn& i, uint32_t rs1_value, uint32_t pc) {
  return jump_target(i.op, rs1_value, static_cast<uint32_t>(i.imm), pc);
}

constexpr unsigned mem_size(Mem m) {
  switch (m) {
    case Mem::B:
    case Mem::BU:
      return 1;
    case Mem::H:
    case Mem::HU:
      return 2;
    case Mem::W:
      return 4;
    case Mem::None:
      return 0;
  }
  return 0;
}

// Extends the raw bytes read by a load to the 32-bit register value.
constexpr uint32_t extend_load(Mem m, uint32_t raw) {
  switch (m) {
    case Mem::B:
      return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int8_t>(raw & 0xff)));
    case Mem::H:
      return static_cast<uint32_t>(static_cast<int32_t>(static_cast<int16_t>(raw & 0xffff)));
    case Mem::BU:
      return raw & 0xff;
    case Mem::HU:
      return raw & 0xffff;
    case Mem::W:
    case Mem::None:
      return raw;
  }
  return raw;
}

}  // namespace pipesim::isa
