// Decoding, encoding and naming, all driven by the table in isa/rv32im.def.
#include "isa/isa.hpp"

#include <string>

namespace pipesim::isa {
namespace {

constexpr uint32_t bits(uint32_t w, unsigned hi, unsigned lo) {
  return (w >> lo) & ((hi - lo == 31) ? ~0u : ((1u << (hi - lo + 1)) - 1));
}
constexpr int32_t sext(uint32_t v, unsigned width) {
  const uint32_t m = 1u << (width - 1);
  return static_cast<int32_t>((v ^ m) - m);
}

// Immediate layouts of the RISC-V base formats (unprivileged spec, figure 2.4).
constexpr int32_t imm_i(uint32_t w) {
  return sext(bits(w, 31, 20), 12);
}
constexpr int32_t imm_s(uint32_t w) {
  return sext(bits(w, 31, 25) << 5 | bits(w, 11, 7), 12);
}
constexpr int32_t imm_b(uint32_t w) {
  return sext(
      bits(w, 31, 31) << 12 | bits(w, 7, 7) << 11 | bits(w, 30, 25) << 5 | bits(w, 11, 8) << 1, 13);
}
constexpr int32_t imm_u(uint32_t w) {
  return static_cast<int32_t>(w & 0xfffff000u);
}
constexpr int32_t imm_j(uint32_t w) {
  return sext(
      bits(w, 31, 31) << 20 | bits(w, 19, 12) << 12 | bits(w, 20, 20) << 11 | bits(w, 30, 21) << 1,
      21);
}

constexpr std::array<std::string_view, 32> kAbiNames = {
    "zero", "ra", "sp", "gp", "tp",  "t0",  "t1", "t2", "s0", "s1", "a0",
    "a1",   "a2", "a3", "a4", "a5",  "a6",  "a7", "s2", "s3", "s4", "s5",
    "s6",   "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};

}  // namespace

Insn decode(uint32_t w) {
  Insn in;
  in.raw = w;
  for (const OpInfo& row : kOps) {
    if ((w & row.mask) != row.match) continue;
    in.op = row.op;
    const Fmt f = row.fmt;
    if (writes_rd(f)) in.rd = static_cast<uint8_t>(bits(w, 11, 7));
    if (reads_rs1(f)) in.rs1 = static_cast<uint8_t>(bits(w, 19, 15));
    if (reads_rs2(f)) in.rs2 = static_cast<uint8_t>(bits(w, 24, 20));
    switch (f) {
      case Fmt::CsrI:
        in.rs1 = static_cast<uint8_t>(bits(w, 19, 15));  // the immediate (isa.hpp, Insn)
        [[fallthrough]];
      case Fmt::Csr:
        in.imm = static_cast<int32_t>(bits(w, 31, 20));
        break;
      case Fmt::I:
      case Fmt::Load:
      case Fmt::Jalr:
        in.imm = imm_i(w);
        break;
      case Fmt::Shift:
        in.imm = static_cast<int32_t>(bits(w, 24, 20));
        break;
      case Fmt::S:
        in.imm = imm_s(w);
        break;
      case Fmt::B:
        in.imm = imm_b(w);
        break;
      case Fmt::U:
        in.imm = imm_u(w);
        break;
      case Fmt::J:
        in.imm = imm_j(w);
        break;
      case Fmt::Fence:
        in.imm = static_cast<int32_t>(bits(w, 27, 20));
        break;
      case Fmt::R:
      case Fmt::Sys:
        break;
    }
    return in;
  }
  return in;  // Op::Illegal
}

uint32_t encode(Op op, unsigned rd, unsigned rs1, unsigned rs2, int32_t imm) {
  const OpInfo& row = info(op);
  const uint32_t u = static_cast<uint32_t>(imm);
  uint32_t w = row.match;
  const Fmt f = row.fmt;
  if (writes_rd(f)) w |= (rd & 31u) << 7;
  if (reads_rs1(f)) w |= (rs1 & 31u) << 15;
  if (reads_rs2(f)) w |= (rs2 & 31u) << 20;
  switch (f) {
    case Fmt::CsrI:
      w |= (rs1 & 31u) << 15;
      [[fallthrough]];
    case Fmt::Csr:
      w |= (u & 0xfff) << 20;
      break;
    case Fmt::I:
    case Fmt::Load:
    case Fmt::Jalr:
      w |= (u & 0xfff) << 20;
      break;
    case Fmt::Shift:
      w |= (u & 31) << 20;
      break;
    case Fmt::S:
      w |= bits(u, 11, 5) << 25 | bits(u, 4, 0) << 7;
      break;
    case Fmt::B:
      w |= bits(u, 12, 12) << 31 | bits(u, 10, 5) << 25 | bits(u, 4, 1) << 8 | bits(u, 11, 11) << 7;
      break;
    case Fmt::U:
      w |= u & 0xfffff000u;
      break;
    case Fmt::J:
      w |= bits(u, 20, 20) << 31 | bits(u, 10, 1) << 21 | bits(u, 11, 11) << 20 |
           bits(u, 19, 12) << 12;
      break;
    case Fmt::Fence:
      w |= (u & 0xff) << 20;
      break;
    case Fmt::R:
    case Fmt::Sys:
      break;
  }
  return w;
}

ImmRange imm_range(Fmt f) {
  switch (f) {
    case Fmt::I:
    case Fmt::Load:
    case Fmt::Jalr:
    case Fmt::S:
      return {-2048, 2047};
    case Fmt::Shift:
      return {0, 31};
    case Fmt::B:
      return {-4096, 4094};
    case Fmt::J:
      return {-(1 << 20), (1 << 20) - 2};
    case Fmt::U:
      return {0, 0xfffff};  // the 20-bit field as written in source (lui a0, 0x12345)
    case Fmt::Fence:
      return {0, 15};
    case Fmt::Csr:
    case Fmt::CsrI:
      return {0, 4095};  // the CSR number
    case Fmt::R:
    case Fmt::Sys:
      return {0, 0};
  }
  return {0, 0};
}

std::optional<Op> op_from_mnemonic(std::string_view m) {
  for (const OpInfo& row : kOps)
    if (row.mnemonic == m) return row.op;
  return std::nullopt;
}

std::string_view unit_name(Unit unit) {
  switch (unit) {
    case Unit::Alu:
      return "alu";
    case Unit::Branch:
      return "branch";
    case Unit::Jump:
      return "jump";
    case Unit::Load:
      return "load";
    case Unit::Store:
      return "store";
    case Unit::Mul:
      return "mul";
    case Unit::Div:
      return "div";
    case Unit::System:
      return "system";
  }
  return "?";
}

std::string_view abi_name(unsigned reg) {
  return kAbiNames[reg & 31];
}

std::optional<unsigned> parse_register(std::string_view name) {
  for (unsigned r = 0; r < 32; ++r)
    if (kAbiNames[r] == name) return r;
  if (name == "fp") return 8u;
  if (name.size() >= 2 && name.size() <= 3 && name[0] == 'x') {
    unsigned n = 0;
    for (char c : name.substr(1)) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + static_cast<unsigned>(c - '0');
    }
    // "x01" is not a register name in GNU as.
    if (name.size() == 3 && name[1] == '0') return std::nullopt;
    if (n < 32) return n;
  }
  return std::nullopt;
}

}  // namespace pipesim::isa
