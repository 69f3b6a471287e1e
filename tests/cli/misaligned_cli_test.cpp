// `pipesim run` with memory.misaligned (docs/config.md) and the hint for a program that runs off
// the end of its code (docs/errors.md). The misaligned program writes what its loads read to
// stdout as raw little-endian words; the expected bytes are worked out by hand from the RISC-V
// spec (little-endian memory, sign/zero extension), and qemu-riscv32 running the same source,
// assembled and linked by GNU as + ld at test time, must print the same bytes.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::run_process;
using pipesim::test::RunResult;
using pipesim::test::TempDir;

namespace {

const char* kMisaligned =
    "        .data\n"
    "d:      .byte 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27\n"
    "        .byte 28,29,30,31\n"
    "buf:    .space 24\n"
    "        .text\n"
    "        .globl _start\n"
    "_start: la   s0, d\n"
    "        la   s1, buf\n"
    "        lw   t0, 1(s0)\n"  // bytes 1..4
    "        sw   t0, 0(s1)\n"
    "        lh   t1, 15(s0)\n"  // bytes 15, 16
    "        sw   t1, 4(s1)\n"
    "        lhu  t2, 3(s0)\n"  // bytes 3, 4
    "        sw   t2, 8(s1)\n"
    "        li   a0, 0x8081\n"
    "        sh   a0, 7(s0)\n"  // bytes 7, 8 = 81 80
    "        lh   t3, 7(s0)\n"  // sign-extended
    "        sw   t3, 12(s1)\n"
    "        li   a1, 0xa1b2c3d4\n"
    "        sw   a1, 13(s0)\n"  // bytes 13..16 = d4 c3 b2 a1
    "        lw   t4, 12(s0)\n"
    "        sw   t4, 16(s1)\n"
    "        lw   t5, 16(s0)\n"
    "        sw   t5, 20(s1)\n"
    "        li   a0, 1\n"
    "        mv   a1, s1\n"
    "        li   a2, 24\n"
    "        li   a7, 64\n"  // write(1, buf, 24)
    "        ecall\n"
    "        li   a0, 0\n"
    "        li   a7, 93\n"
    "        ecall\n";

// The six words, little-endian: 0x04030201, 0x0000100f, 0x00000403, 0xffff8081, 0xb2c3d40c,
// 0x131211a1.
const std::string kExpected = std::string(
    "\x01\x02\x03\x04"
    "\x0f\x10\x00\x00"
    "\x03\x04\x00\x00"
    "\x81\x80\xff\xff"
    "\x0c\xd4\xc3\xb2"
    "\xa1\x11\x12\x13",
    24);

RunResult run_pipesim_cli(std::vector<std::string> args) {
  args.insert(args.begin(), PIPESIM_BINARY);
  return run_process(std::move(args));
}

}  // namespace

TEST_CASE("misaligned: --set memory.misaligned=allow runs the program on every engine",
          "[misaligned][cli]") {
  TempDir dir;
  const std::string prog = dir.file("ma.s", kMisaligned);
  for (const std::vector<std::string>& extra : {std::vector<std::string>{},
                                                {"--config", "5-stage", "--check"},
                                                {"--config", "5-stage", "--engine", "timing"},
                                                {"--config", "5-stage-cache", "--check"},
                                                {"--config", "multi-cycle", "--check"}}) {
    std::vector<std::string> args = {"run", prog, "--set", "memory.misaligned=allow", "-q"};
    args.insert(args.end(), extra.begin(), extra.end());
    INFO(fmt::format("{}", fmt::join(args, " ")));
    const RunResult r = run_pipesim_cli(args);
    INFO(r.err);
    CHECK(r.exit_code == 0);
    CHECK(r.out.substr(0, kExpected.size()) == kExpected);
  }
}

TEST_CASE("misaligned: by default the first misaligned load is a guest fault",
          "[misaligned][cli]") {
  TempDir dir;
  const RunResult r = run_pipesim_cli({"run", dir.file("ma.s", kMisaligned)});
  CHECK(r.exit_code == 3);
  CHECK(r.err ==
        "error: guest fault at pc 0x00010010 (instruction word 0x00142283), instruction 5: "
        "misaligned load from address 0x00100001\n");
}

TEST_CASE("misaligned: without a machine, --set takes only memory.misaligned",
          "[misaligned][cli]") {
  TempDir dir;
  const std::string prog = dir.file("ma.s", kMisaligned);
  const RunResult other = run_pipesim_cli({"run", prog, "--set", "memory.data_latency=2"});
  CHECK(other.exit_code == 2);
  CHECK(other.err.find("only --set memory.misaligned=fault|allow applies") != std::string::npos);
  const RunResult bad = run_pipesim_cli({"run", prog, "--set", "memory.misaligned=yes"});
  CHECK(bad.exit_code == 2);
  CHECK(bad.err.find("memory.misaligned is \"fault\" or \"allow\"") != std::string::npos);
  const RunResult on_machine =
      run_pipesim_cli({"run", prog, "--config", "5-stage", "--set", "memory.misaligned=yes"});
  CHECK(on_machine.exit_code == 2);
  CHECK(on_machine.err.find("memory.misaligned") != std::string::npos);
}

TEST_CASE("misaligned: qemu-riscv32 prints the same bytes", "[misaligned][cli][qemu]") {
  const std::string qemu = PIPESIM_QEMU_RISCV32;
  if (qemu.empty() || std::system("riscv64-unknown-elf-as --version >/dev/null 2>&1") != 0) {
    WARN("skipped: qemu-riscv32 or riscv64-unknown-elf-as is not installed");
    return;
  }
  TempDir dir;
  const std::string src = dir.file("ma.s", kMisaligned);
  const std::string obj = dir / "ma.o", elf = dir / "ma.elf";
  REQUIRE(run_process({"riscv64-unknown-elf-as", "-march=rv32im", "-mabi=ilp32", src, "-o", obj})
              .exit_code == 0);
  REQUIRE(run_process({"riscv64-unknown-elf-ld", "-m", "elf32lriscv", "-T",
                       std::string(PIPESIM_SOURCE_DIR) + "/tests/asm/gnu.ld", obj, "-o", elf})
              .exit_code == 0);
  const RunResult q = run_process({qemu, elf});
  CHECK(q.exit_code == 0);
  CHECK(q.out == kExpected);
  const RunResult p = run_pipesim_cli({"run", elf, "--set", "memory.misaligned=allow", "-q"});
  CHECK(p.exit_code == 0);
  CHECK(p.out == q.out);
}

TEST_CASE("running off the end of the program: the fault says it has no exit", "[cli]") {
  TempDir dir;
  const std::string hint =
      "; this is right after the program's last instruction: the program has no exit "
      "(li a7, 93; ecall) or ebreak at its end\n";
  SECTION("an all-zero word after the code (functional model and 5-stage)") {
    const std::string prog = dir.file("p.s", "_start: li a0, 1\n        li a1, 2\n");
    const RunResult f = run_pipesim_cli({"run", prog});
    CHECK(f.exit_code == 3);
    CHECK(f.err ==
          "error: guest fault at pc 0x00010008 (instruction word 0x00000000), instruction 3: "
          "illegal instruction 0x00000000" +
              hint);
    const RunResult m = run_pipesim_cli({"run", prog, "--config", "5-stage", "-q"});
    CHECK(m.exit_code == 3);
    CHECK(m.err ==
          "error: guest fault at pc 0x00010008 (instruction word 0x00000000), cycle 7: "
          "illegal instruction 0x00000000" +
              hint);
  }
  SECTION("unmapped memory after code that fills its page") {
    std::string src = "_start:\n";
    for (int i = 0; i < 1024; ++i) src += "  nop\n";
    const RunResult f = run_pipesim_cli({"run", dir.file("p.s", src)});
    CHECK(f.exit_code == 3);
    CHECK(f.err ==
          "error: guest fault at pc 0x00011000 (instruction word 0x00000000), instruction 1025: "
          "instruction fetch from unmapped address 0x00011000" +
              hint);
  }
  SECTION("a jump to a zero word that is not the end of the code gets no hint") {
    const RunResult f = run_pipesim_cli(
        {"run", dir.file("p.s", "_start: j 1f\n  .word 0\n1: .word 0\n  li a0, 1\n")});
    CHECK(f.exit_code == 3);
    CHECK(f.err ==
          "error: guest fault at pc 0x00010008 (instruction word 0x00000000), instruction 2: "
          "illegal instruction 0x00000000\n");
  }
}
