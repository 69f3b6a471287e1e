// Branch relaxation and the instruction forms gas accepts (isa/asm/relax.cpp, emit.cpp,
// pseudo.cpp). Byte identity with GNU is checked by tests/asm/corpus/8*_*.s at test time; these
// cases pin what a student sees, with words encoded by hand from the RISC-V spec (B-type and
// J-type immediates) and addresses derived from the layout (.text at 0x10000, .data at
// 0x100000).
#include <catch2/catch.hpp>

#include <cstdint>
#include <string>

#include "isa/assembler.hpp"
#include "isa/error.hpp"

namespace {

pipesim::Program assembled(const std::string& source) {
  return pipesim::assemble(source, "relax.s").program;
}

// The instruction word at `addr` of the text segment.
uint32_t word_at(const pipesim::Program& p, uint32_t addr) {
  const auto& seg = p.segments.at(0);
  const uint32_t k = addr - seg.addr;
  REQUIRE(k + 4 <= seg.bytes.size());
  return static_cast<uint32_t>(seg.bytes[k]) | static_cast<uint32_t>(seg.bytes[k + 1]) << 8 |
         static_cast<uint32_t>(seg.bytes[k + 2]) << 16 |
         static_cast<uint32_t>(seg.bytes[k + 3]) << 24;
}

std::string error_of(const std::string& source) {
  try {
    pipesim::assemble(source, "relax.s");
  } catch (const pipesim::SourceError& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("relax: a branch out of reach becomes the inverted branch over a jal", "[asm][relax]") {
  const auto p = assembled(
      "_start: beq a0, a1, far\n"  // 0x10000: 4100 bytes from far while short
      "        .space 4096\n"
      "far:    ebreak\n");
  CHECK(p.symbols.at("far") == 0x11008);
  // bne a0, a1, +8: funct3 001, rs1 10, rs2 11, imm[4:1] = 0100.
  CHECK(word_at(p, 0x10000) == 0x00b51463);
  // jal x0, +4100 (0x1004): imm[10:1] = 2, imm[19:12] = 1.
  CHECK(word_at(p, 0x10004) == 0x0040106f);
}

TEST_CASE("relax: every branch condition inverts to its opposite", "[asm][relax]") {
  const auto p = assembled(
      "_start: beq a0, a1, 0x100\n"
      "        bne a0, a1, 0x100\n"
      "        blt a0, a1, 0x100\n"
      "        bge a0, a1, 0x100\n"
      "        bltu a0, a1, 0x100\n"
      "        bgeu a0, a1, 0x100\n");
  // funct3 flips its low bit: beq 000 <-> bne 001, blt 100 <-> bge 101, bltu 110 <-> bgeu 111;
  // each over its jal: +8.
  const uint32_t funct3[] = {1, 0, 5, 4, 7, 6};
  for (uint32_t k = 0; k < 6; ++k)
    CHECK(word_at(p, 0x10000 + 8 * k) == (0x00b50463u | funct3[k] << 12));
}

TEST_CASE("relax: the edges of a branch's reach", "[asm][relax]") {
  // -4096 reaches; -4100 does not.
  CHECK(assembled("back: nop\n .space 4092\n beq a0, a1, back\nafter: ebreak\n")
            .symbols.at("after") == 0x11004);
  CHECK(assembled("back: nop\n .space 4096\n beq a0, a1, back\nafter: ebreak\n")
            .symbols.at("after") == 0x1100c);
  // +4092 near the start of the section reaches.
  CHECK(assembled("_start: beq a0, a1, t\n .space 4088\nt: ebreak\n").symbols.at("t") == 0x10ffc);
}

TEST_CASE("relax: gas's first estimate can hold a branch at the edge long", "[asm][relax]") {
  // More than 4 KiB into the section, gas first measures a forward target from the start of its
  // own frag, finds it out of reach, and the 4 bytes the branch then grows keep it out of reach
  // (+4096): 8 bytes, as GNU as gives (tests/asm/corpus/82_relax_estimate.s).
  const auto p = assembled("_start: .space 8192\n beq a0, a1, t\n .space 4088\nt: ebreak\n");
  CHECK(p.symbols.at("t") == 0x13000);
}

TEST_CASE("relax: absolute and other-section targets are always 8 bytes", "[asm][relax]") {
  const auto p = assembled(
      "_start: beq a0, a1, helper\n"
      "        bne a0, a1, 0x100\n"
      "next:   ebreak\n"
      "        .section .text.helper, \"ax\"\n"
      "helper: ret\n");
  CHECK(p.symbols.at("next") == 0x10010);
  CHECK(p.symbols.at("helper") == 0x10014);
  // jal x0, helper from 0x10004: +16 (imm[10:1] = 8).
  CHECK(word_at(p, 0x10004) == 0x0100006f);
  // jal x0, 0x100 from 0x1000c: -0xff0c.
  const int32_t off = 0x100 - 0x1000c;
  const auto u = static_cast<uint32_t>(off);
  const uint32_t jal = 0x6f | ((u >> 12) & 0xff) << 12 | ((u >> 11) & 1) << 20 |
                       ((u >> 1) & 0x3ff) << 21 | ((u >> 20) & 1) << 31;
  CHECK(word_at(p, 0x1000c) == jal);
}

TEST_CASE("relax: jal and call to an absolute address", "[asm][relax]") {
  const auto p = assembled("_start: jal 0x10010\n call 0x10000\n");
  CHECK(word_at(p, 0x10000) == 0x010000ef);  // jal ra, +16
  CHECK(word_at(p, 0x10004) == 0x00000097);  // auipc ra, 0
  CHECK(word_at(p, 0x10008) == 0xffc080e7);  // jalr ra, -4(ra)
  CHECK(error_of("_start: jal 0x200000\n") ==
        "jump target out of range: offset 2031616 is not in [-1048576, 1048574] ('jal' cannot "
        "reach it)");
}

TEST_CASE("forms: call rd, jump, li %lo, extensions, unimp, fence.tso", "[asm][relax]") {
  const auto p = assembled(
      "_start: call t0, f\n"     // 0x10000: auipc t1; jalr t0
      "        jump f, a1\n"     // 0x10008: auipc a1; jalr x0
      "        li a0, %lo(x)\n"  // 0x10010
      "        zext.b a0, a1\n"  // 0x10014
      "        sext.b a0, a1\n"  // 0x10018, 0x1001c
      "        zext.h a0, a1\n"  // 0x10020, 0x10024
      "        unimp\n"          // 0x10028
      "        fence.tso\n"      // 0x1002c
      "f:      ret\n"            // 0x10030
      "        .data\n"
      "        .word 0\n"
      "x:      .word 1\n");                  // 0x100004
  CHECK(word_at(p, 0x10000) == 0x00000317);  // auipc t1, 0
  CHECK(word_at(p, 0x10004) == 0x030302e7);  // jalr t0, 48(t1)
  CHECK(word_at(p, 0x10008) == 0x00000597);  // auipc a1, 0
  CHECK(word_at(p, 0x1000c) == 0x02858067);  // jalr x0, 40(a1)
  CHECK(word_at(p, 0x10010) == 0x00400513);  // addi a0, x0, 4
  CHECK(word_at(p, 0x10014) == 0x0ff5f513);  // andi a0, a1, 255
  CHECK(word_at(p, 0x10018) == 0x01859513);  // slli a0, a1, 24
  CHECK(word_at(p, 0x1001c) == 0x41855513);  // srai a0, a0, 24
  CHECK(word_at(p, 0x10020) == 0x01059513);  // slli a0, a1, 16
  CHECK(word_at(p, 0x10024) == 0x01055513);  // srli a0, a0, 16
  CHECK(word_at(p, 0x10028) == 0xc0001073);  // csrrw x0, cycle, x0
  CHECK(word_at(p, 0x1002c) == 0x8330000f);  // fence fm=1000, pred=succ=rw
  CHECK(error_of("li a0, %hi(x)\nx: nop\n") ==
        "'li' takes a constant or %lo(...), not a %hi relocation");
}

TEST_CASE("forms: .option pic says what is missing", "[asm][relax]") {
  CHECK(error_of(".option pic\n") ==
        "position-independent code is not supported (.option pic): its 'la' loads addresses "
        "from a GOT, which pipesim does not build (compile without -fpic, or use 'lla')");
}
