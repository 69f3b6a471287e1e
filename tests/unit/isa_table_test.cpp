// Checks of the instruction table itself (Spike's check-opcode-overlap, riscv-opcodes' parser
// checks) and of the decode/encode pair driven by it (Sail's inverse mappings).
#include <catch2/catch.hpp>
#include <random>

#include "isa/isa.hpp"

using namespace pipesim::isa;

TEST_CASE("table: 40 base, 8 M, 1 Zifencei and 6 Zicsr instructions, each mnemonic once", "[isa]") {
  REQUIRE(kNumOps == 55);
  for (std::size_t i = 0; i < kNumOps; ++i)
    for (std::size_t j = i + 1; j < kNumOps; ++j) REQUIRE(kOps[i].mnemonic != kOps[j].mnemonic);
}

TEST_CASE("table: match bits lie inside the mask and the opcode is always fixed", "[isa]") {
  for (const OpInfo& row : kOps) {
    INFO(row.mnemonic);
    REQUIRE((row.match & ~row.mask) == 0);
    REQUIRE((row.mask & 0x7f) == 0x7f);
    REQUIRE((row.match & 3) == 3);  // 32-bit encodings only (no C extension)
    REQUIRE(static_cast<std::size_t>(row.op) == static_cast<std::size_t>(&row - kOps.data()));
  }
}

TEST_CASE("table: no two rows overlap", "[isa]") {
  for (const OpInfo& a : kOps)
    for (const OpInfo& b : kOps) {
      if (&a == &b) continue;
      INFO(a.mnemonic << " vs " << b.mnemonic);
      // Two rows overlap when some word satisfies both: they agree on every bit both fix.
      const uint32_t common = a.mask & b.mask;
      REQUIRE((a.match & common) != (b.match & common));
    }
}

TEST_CASE("decode(encode(x)) == x for every row and random fields", "[isa]") {
  std::mt19937 rng(12345);
  for (const OpInfo& row : kOps) {
    for (int n = 0; n < 200; ++n) {
      const unsigned rd = rng() % 32, rs1 = rng() % 32, rs2 = rng() % 32;
      const ImmRange r = imm_range(row.fmt);
      int64_t imm = r.min + static_cast<int64_t>(rng() % static_cast<uint64_t>(r.max - r.min + 1));
      if (row.fmt == Fmt::B || row.fmt == Fmt::J) imm &= ~int64_t{1};
      if (row.fmt == Fmt::U) imm <<= 12;
      if (row.fmt == Fmt::Fence) imm = static_cast<int64_t>(rng() % 256);
      const uint32_t w = encode(row.op, rd, rs1, rs2, static_cast<int32_t>(imm));
      const Insn d = decode(w);
      INFO(row.mnemonic << " word " << std::hex << w);
      REQUIRE(d.op == row.op);
      REQUIRE(encode(d) == w);
      if (writes_rd(row.fmt)) REQUIRE(d.rd == rd);
      if (reads_rs1(row.fmt)) REQUIRE(d.rs1 == rs1);
      if (reads_rs2(row.fmt)) REQUIRE(d.rs2 == rs2);
      if (row.fmt != Fmt::R && row.fmt != Fmt::Sys)
        REQUIRE(d.imm == static_cast<int32_t>(static_cast<uint32_t>(imm)));
    }
  }
}

TEST_CASE("decode: hand-checked words from the GNU assembler", "[isa]") {
  // Words and fields taken from riscv64-unknown-elf-objdump output of binutils 2.40.
  Insn i = decode(0xfcb504e3);  // beq a0,a1,-56
  CHECK(i.op == Op::Beq);
  CHECK(i.rs1 == 10);
  CHECK(i.rs2 == 11);
  CHECK(i.imm == -56);
  i = decode(0xfc5ff0ef);  // jal ra,-60
  CHECK(i.op == Op::Jal);
  CHECK(i.rd == 1);
  CHECK(i.imm == -60);
  i = decode(0x00a12423);  // sw a0,8(sp)
  CHECK(i.op == Op::Sw);
  CHECK(i.rs1 == 2);
  CHECK(i.rs2 == 10);
  CHECK(i.imm == 8);
  i = decode(0x12345537);  // lui a0,0x12345
  CHECK(i.op == Op::Lui);
  CHECK(i.imm == 0x12345000);
  i = decode(0x80050513);  // addi a0,a0,-2048
  CHECK(i.op == Op::Addi);
  CHECK(i.imm == -2048);
  i = decode(0x0310000f);  // fence rw,w
  CHECK(i.op == Op::Fence);
  CHECK(i.imm == 0x31);
  CHECK(decode(0x00000000).op == Op::Illegal);
  CHECK(decode(0xffffffff).op == Op::Illegal);
  CHECK(decode(0x00100073).op == Op::Ebreak);
  CHECK(decode(0x00200073).op == Op::Illegal);  // no such SYSTEM encoding in RV32IM
}

TEST_CASE("registers: ABI names, xN and fp", "[isa]") {
  CHECK(parse_register("zero") == 0u);
  CHECK(parse_register("x0") == 0u);
  CHECK(parse_register("x31") == 31u);
  CHECK(parse_register("fp") == 8u);
  CHECK(parse_register("s0") == 8u);
  CHECK(parse_register("t6") == 31u);
  CHECK(!parse_register("x32"));
  CHECK(!parse_register("x01"));
  CHECK(!parse_register("a8"));
  CHECK(abi_name(2) == "sp");
}

TEST_CASE("an illegal word has a table entry of its own: no registers, no memory", "[isa]") {
  // Models ask any instruction for its unit and format before it faults; Op::Illegal is past
  // the end of the table rows and must not read beyond them.
  const pipesim::isa::OpInfo& i = pipesim::isa::info(pipesim::isa::Op::Illegal);
  CHECK(i.op == pipesim::isa::Op::Illegal);
  CHECK(i.unit == pipesim::isa::Unit::System);
  CHECK(i.mem == pipesim::isa::Mem::None);
  CHECK_FALSE(pipesim::isa::writes_rd(i.fmt));
  CHECK_FALSE(pipesim::isa::reads_rs1(i.fmt));
  CHECK(pipesim::isa::decode(0).op == pipesim::isa::Op::Illegal);
}
