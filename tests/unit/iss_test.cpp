// The functional model on small programs built directly from table encodings (no assembler), with
// expected results derived by hand.
#include <catch2/catch.hpp>

#include "isa/isa.hpp"
#include "sim/iss/iss.hpp"
#include "tests/support/machines.hpp"

using namespace pipesim;
using isa::encode;
using isa::Op;

namespace {
constexpr unsigned zero = 0, ra = 1, sp = 2, t0 = 5, t1 = 6, a0 = 10, a1 = 11, a2 = 12, a7 = 17;

uint32_t exit_with(unsigned reg) {
  return encode(Op::Addi, a0, reg, 0, 0);
}
const uint32_t kExit[] = {encode(Op::Addi, a7, zero, 0, 93), encode(Op::Ecall, 0, 0, 0, 0)};
std::vector<uint32_t> with_exit(std::vector<uint32_t> v) {
  v.insert(v.end(), std::begin(kExit), std::end(kExit));
  return v;
}
}  // namespace

TEST_CASE("iss: initial state, exit code and instruction count", "[iss]") {
  CapturedIo io;
  Iss iss(test::program_from_words(with_exit({encode(Op::Addi, a0, zero, 0, 42)})), io);
  CHECK(iss.state().pc == kTextBase);
  CHECK(iss.state().regs[sp] == kStackTop);
  iss.run(1000);
  CHECK(iss.halt() == Halt::Exit);
  CHECK(iss.exit_code() == 42);
  CHECK(iss.instructions() == 3);  // addi, addi, ecall: the halting ecall counts
}

TEST_CASE("iss: writes to x0 are discarded", "[iss]") {
  CapturedIo io;
  Iss iss(test::program_from_words(with_exit({encode(Op::Addi, zero, zero, 0, 5),
                                              encode(Op::Lui, zero, 0, 0, 0x12345000),
                                              encode(Op::Jal, zero, 0, 0, 4), exit_with(zero)})),
          io);
  iss.run(100);
  CHECK(iss.state().regs[zero] == 0);
  CHECK(iss.exit_code() == 0);
}

TEST_CASE("iss: loads sign- and zero-extend, stores write little-endian", "[iss]") {
  CapturedIo io;
  // data: 0x80 0xff 0x34 0x12 at kDataBase
  const std::vector<uint8_t> data = {0x80, 0xff, 0x34, 0x12, 0, 0, 0, 0};
  auto prog = test::program_from_words(
      with_exit({
          encode(Op::Lui, t0, 0, 0, static_cast<int32_t>(kDataBase)),
          encode(Op::Lb, a0, t0, 0, 0),   // 0xffffff80
          encode(Op::Lbu, a1, t0, 0, 0),  // 0x80
          encode(Op::Lh, a2, t0, 0, 0),   // bytes 80 ff -> 0xff80 -> 0xffffff80
          encode(Op::Lhu, t1, t0, 0, 2),  // 0x1234
          encode(Op::Lw, 7, t0, 0, 0),    // 0x1234ff80
          encode(Op::Sh, 0, t0, t1, 4),   // mem[4..5] = 34 12
          encode(Op::Lw, 8, t0, 0, 4),    // 0x00001234
          encode(Op::Sb, 0, t0, a0, 7),   // mem[7] = 0x80
          encode(Op::Lw, 9, t0, 0, 4),    // 0x80001234
      }),
      data);
  Iss iss(prog, io);
  iss.run(100);
  REQUIRE(iss.halt() == Halt::Exit);
  const auto& x = iss.state().regs;
  CHECK(x[a0] == 0xffffff80);
  CHECK(x[a1] == 0x80);
  CHECK(x[a2] == 0xffffff80);
  CHECK(x[t1] == 0x1234);
  CHECK(x[7] == 0x1234ff80);
  CHECK(x[8] == 0x00001234);
  CHECK(x[9] == 0x80001234);
  CHECK(iss.exit_code() == 0x80);  // exit(a0 = 0xffffff80) -> status 0x80
}

TEST_CASE("iss: branches, jal and jalr link and redirect", "[iss]") {
  CapturedIo io;
  // 0: addi t0, zero, 3
  // 4: addi a0, a0, 2        <- loop
  // 8: addi t0, t0, -1
  // c: bne t0, zero, -8
  // 10: jal ra, +8  (to 0x18)
  // 14: jal zero, +12 (to 0x20: exit)
  // 18: addi a0, a0, 100
  // 1c: jalr zero, 0(ra)    (back to 0x14)
  // 20: exit
  Iss iss(test::program_from_words(
              with_exit({encode(Op::Addi, t0, zero, 0, 3), encode(Op::Addi, a0, a0, 0, 2),
                         encode(Op::Addi, t0, t0, 0, -1), encode(Op::Bne, 0, t0, zero, -8),
                         encode(Op::Jal, ra, 0, 0, 8), encode(Op::Jal, zero, 0, 0, 12),
                         encode(Op::Addi, a0, a0, 0, 100), encode(Op::Jalr, zero, ra, 0, 0)})),
          io);
  iss.run(100);
  CHECK(iss.halt() == Halt::Exit);
  CHECK(iss.exit_code() == 106);
  CHECK(iss.state().regs[ra] == kTextBase + 0x14);
  // 1 + 3*3 + jal + addi + jalr + jal + 2 (exit) = 16
  CHECK(iss.instructions() == 16);
}

TEST_CASE("iss: ecall write and RARS print services go to the host", "[iss]") {
  CapturedIo io;
  const std::vector<uint8_t> data = {'h', 'i', '\n', 0};
  Iss iss(test::program_from_words(with_exit({
                                       encode(Op::Addi, a0, zero, 0, 1),
                                       encode(Op::Lui, a1, 0, 0, static_cast<int32_t>(kDataBase)),
                                       encode(Op::Addi, a2, zero, 0, 3),
                                       encode(Op::Addi, a7, zero, 0, 64),
                                       encode(Op::Ecall, 0, 0, 0, 0),   // write(1, "hi\n", 3)
                                       encode(Op::Addi, t0, a0, 0, 0),  // t0 = 3 (returned count)
                                       encode(Op::Addi, a0, zero, 0, -7),
                                       encode(Op::Addi, a7, zero, 0, 1),
                                       encode(Op::Ecall, 0, 0, 0, 0),  // print_int(-7)
                                       encode(Op::Addi, a0, zero, 0, '!'),
                                       encode(Op::Addi, a7, zero, 0, 11),
                                       encode(Op::Ecall, 0, 0, 0, 0),  // print_char
                                       encode(Op::Lui, a0, 0, 0, static_cast<int32_t>(kDataBase)),
                                       encode(Op::Addi, a7, zero, 0, 4),
                                       encode(Op::Ecall, 0, 0, 0, 0),  // print_string
                                       encode(Op::Addi, a0, zero, 0, 2),
                                       encode(Op::Addi, a7, zero, 0, 64),
                                       encode(Op::Ecall, 0, 0, 0, 0),  // write(2, ...) -> stderr
                                       encode(Op::Addi, a0, t0, 0, 0),
                                   }),
                                   data),
          io);
  iss.run(100);
  CHECK(iss.halt() == Halt::Exit);
  CHECK(io.out == "hi\n-7!hi\n");
  CHECK(io.err == "hi\n");
  CHECK(iss.exit_code() == 3);
}

TEST_CASE("iss: ebreak and RARS exit halt the run", "[iss]") {
  CapturedIo io;
  Iss a(
      test::program_from_words({encode(Op::Addi, a0, zero, 0, 9), encode(Op::Ebreak, 0, 0, 0, 0)}),
      io);
  a.run(100);
  CHECK(a.halt() == Halt::Ebreak);
  CHECK(a.instructions() == 2);
  Iss b(
      test::program_from_words({encode(Op::Addi, a0, zero, 0, 9), encode(Op::Addi, a7, zero, 0, 10),
                                encode(Op::Ecall, 0, 0, 0, 0)}),
      io);
  b.run(100);
  CHECK(b.halt() == Halt::Exit);
  CHECK(b.exit_code() == 0);
}

TEST_CASE("iss: guest faults stop the run and name pc and address", "[iss]") {
  CapturedIo io;
  SECTION("load from unmapped memory") {
    Iss iss(test::program_from_words({encode(Op::Lw, a0, zero, 0, 16)}), io);
    iss.run(100);
    CHECK(iss.halt() == Halt::Fault);
    CHECK(iss.fault().kind == FaultKind::LoadAccess);
    CHECK(iss.fault().pc == kTextBase);
    CHECK(iss.fault().addr == 16);
    CHECK(iss.instructions() == 0);
    CHECK(fault_message(iss.fault(), "instruction 1") ==
          "guest fault at pc 0x00010000 (instruction word 0x01002503), instruction 1: load from "
          "unmapped address 0x00000010");
  }
  SECTION("misaligned store") {
    Iss iss(test::program_from_words({encode(Op::Sw, 0, sp, zero, -2)}), io);
    iss.run(100);
    CHECK(iss.fault().kind == FaultKind::StoreMisaligned);
    CHECK(iss.fault().addr == kStackTop - 2);
  }
  SECTION("illegal instruction") {
    Iss iss(test::program_from_words({0x00000000}), io);
    iss.run(100);
    CHECK(iss.fault().kind == FaultKind::IllegalInstruction);
  }
  SECTION("jump to a misaligned target does not write the link register") {
    Iss iss(test::program_from_words({encode(Op::Jal, ra, 0, 0, 6)}), io);
    iss.run(100);
    CHECK(iss.fault().kind == FaultKind::FetchMisaligned);
    CHECK(iss.fault().addr == kTextBase + 6);
    CHECK(iss.state().regs[ra] == 0);
  }
  SECTION("running off the end of the code meets the zero-filled rest of the page") {
    Iss iss(test::program_from_words({encode(Op::Addi, a0, zero, 0, 1)}), io);
    iss.run(100);
    CHECK(iss.fault().kind == FaultKind::IllegalInstruction);
    CHECK(iss.fault().pc == kTextBase + 4);
    CHECK(iss.fault().word == 0);
  }
  SECTION("jump to unmapped memory") {
    Iss iss(test::program_from_words(
                {encode(Op::Lui, t0, 0, 0, 0x40000000), encode(Op::Jalr, ra, t0, 0, 0)}),
            io);
    iss.run(100);
    CHECK(iss.fault().kind == FaultKind::FetchAccess);
    CHECK(iss.fault().pc == 0x40000000);
    CHECK(iss.state().regs[ra] == kTextBase + 8);  // the jump itself completed
  }
  SECTION("unknown system call") {
    Iss iss(test::program_from_words(
                {encode(Op::Addi, a7, zero, 0, 999), encode(Op::Ecall, 0, 0, 0, 0)}),
            io);
    iss.run(100);
    CHECK(iss.fault().kind == FaultKind::UnsupportedSyscall);
    CHECK(describe(iss.fault()) == "unsupported system call a7=999");
  }
}

TEST_CASE("iss: instruction limit stops an infinite loop", "[iss]") {
  CapturedIo io;
  Iss iss(test::program_from_words({encode(Op::Jal, zero, 0, 0, 0)}), io);
  iss.run(1000);
  CHECK(iss.halt() == Halt::Limit);
  CHECK(iss.instructions() == 1000);
}

TEST_CASE("iss: self-modifying code sees the new instruction", "[iss]") {
  CapturedIo io;
  // 0: lui t0, 0x10        t0 = 0x10000 (the text base)
  // 4: lw  t1, 16(t0)      t1 = word at 0x10010 (addi a0, zero, 7)
  // 8: sw  t1, 12(t0)      overwrite 0x1000c (addi a0, zero, 1) with it
  // c: addi a0, zero, 1    <- replaced before it runs, but after it was cached? It runs once.
  // 10: addi a0, zero, 7 ... then exit with a0
  auto p = test::program_from_words(
      with_exit({encode(Op::Lui, t0, 0, 0, static_cast<int32_t>(kTextBase)),
                 encode(Op::Lw, t1, t0, 0, 16), encode(Op::Sw, 0, t0, t1, 12),
                 encode(Op::Addi, a0, zero, 0, 1), encode(Op::Addi, a1, zero, 0, 7)}));
  // Make the word at 0x10010 "addi a0, zero, 7" so the store copies it over 0x1000c.
  const uint32_t w = encode(Op::Addi, a0, zero, 0, 7);
  for (int i = 0; i < 4; ++i) p.segments[0].bytes[16 + i] = static_cast<uint8_t>(w >> (8 * i));
  Iss iss(p, io);
  iss.run(100);
  CHECK(iss.exit_code() == 7);
}

TEST_CASE("iss: a store over an instruction that already ran replaces it", "[iss]") {
  CapturedIo io;
  // The decoded copy of 0x10008 exists after the first pass; the store must drop it.
  //  0: lui  t0, 0x10         t0 = 0x10000 (the text base)
  //  4: addi t2, zero, 2      two passes
  //  8: addi a0, zero, 1      <- first pass: a0 = 1; then replaced by "addi a0, zero, 7"
  //  c: lw   t1, 0x24(t0)     t1 = the word after the exit sequence
  // 10: sw   t1, 8(t0)        overwrite 0x10008
  // 14: addi t2, t2, -1
  // 18: bne  t2, zero, -16    back to 0x10008
  // 1c: exit with a0 (addi a7, zero, 93; ecall)    24: addi a0, zero, 7 (data)
  constexpr unsigned t2 = 7;
  auto words = with_exit({encode(Op::Lui, t0, 0, 0, static_cast<int32_t>(kTextBase)),
                          encode(Op::Addi, t2, zero, 0, 2), encode(Op::Addi, a0, zero, 0, 1),
                          encode(Op::Lw, t1, t0, 0, 0x24), encode(Op::Sw, 0, t0, t1, 8),
                          encode(Op::Addi, t2, t2, 0, -1), encode(Op::Bne, 0, t2, zero, -16)});
  words.push_back(encode(Op::Addi, a0, zero, 0, 7));
  Iss iss(test::program_from_words(words), io);
  iss.run(100);
  CHECK(iss.halt() == Halt::Exit);
  CHECK(iss.exit_code() == 7);  // a stale decoded copy would give 1
  CHECK(iss.instructions() == 2 + 2 * 5 + 2);
}
