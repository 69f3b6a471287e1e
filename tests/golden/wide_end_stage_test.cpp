// A superscalar machine whose end stage is before write-back (`end_stage=MEM`, QtRVSim's
// convention): an ecall issued in the same group as the older instruction that sets its
// argument register commits in MEM in the same cycle as that instruction, one cycle before the
// instruction writes the register in WB. The ecall must still see the value (sequential
// execution does). Found on fibonacci.s with `2-wide-any --set end_stage=MEM`: the exit ecall
// read the old a7 (64, write) and the program never ended. Hand-derived on `2-wide-any` (two
// identical slots, any two consecutive instructions; docs/config.md "Issue"), 5 stages IF ID EX
// MEM WB, full forwarding, code at 0x10000.
#include <catch2/catch.hpp>

#include "tests/support/wide_run.hpp"

using namespace pipesim;
using test::check_insn;
using test::WideRun;

namespace {
constexpr uint32_t kBase = 0x10000;
constexpr unsigned a0 = 10, a7 = 17;
}  // namespace

TEST_CASE("end_stage MEM on 2-wide-any: an ecall sees the argument set beside it in its group",
          "[superscalar][end_stage]") {
  // c1 IF {0, 4}.
  // c2 ID {0, 4}: independent ALU instructions, both issue (slots 0, 1); IF {8, c}.
  // c3 EX {0, 4}; ID {8, c}: ecall reads and writes no register for pairing, so it issues in
  //    slot 1 beside the addi that sets a7; IF {10, 14}.
  // c4 MEM {0, 4}: both commit (the end stage); EX {8, c}; ID {10, 14} both issue; IF {18, 1c}.
  // c5 MEM {8, c}: the addi commits, then the ecall: a7 = 93 (its write lands in WB, c6, but a
  //    trap sees the registers as sequential execution leaves them) and a0 = 7: exit 7. The run
  //    ends in c5; WB {0, 4} wrote a0 and nothing; EX {10, 14} never commit (not in the end
  //    stage: no halt slot). Never entering WB: the addi and the ecall (the run ended), 0x10, 0x14.
  // End-stage slots: c1-c3 fill (6), c4-c5 four commits: 2 x 5 = 10 = 4 + 6 + 0 stalls + 0 halt.
  const WideRun r = test::run_wide("2-wide-any",
                                   "addi a0, zero, 7\n"
                                   "nop\n"
                                   "addi a7, zero, 93\n"
                                   "ecall\n"
                                   "ebreak\n"
                                   "nop\n",
                                   {"end_stage=MEM"}, Halt::Exit);
  check_insn(r, kBase + 0, {1, 2, 3, 4, 5}, 0);
  check_insn(r, kBase + 4, {1, 2, 3, 4, 5}, 1);
  check_insn(r, kBase + 8, {2, 3, 4, 5, 0}, 0);
  check_insn(r, kBase + 12, {2, 3, 4, 5, 0}, 1);
  check_insn(r, kBase + 16, {3, 4, 5, 0, 0}, 0, /*committed=*/false);
  check_insn(r, kBase + 20, {3, 4, 5, 0, 0}, 1, /*committed=*/false);
  CHECK(r.result.exit_code == 7);
  CHECK(r.result.regs[a7] == 93);
  CHECK(r.result.regs[a0] == 7);
  CHECK(r.stats().cycles == 5);
  CHECK(r.stats().instructions == 4);
  CHECK(r.stats().fill_cycles == 6);
  CHECK(r.stats().total_stall_cycles() == 0);
  CHECK(r.stats().halt_slots == 0);
}

TEST_CASE("program_end drain with the end stage before write-back: the last writes still land",
          "[end_stage][program_end]") {
  // A program that runs off its code ends when its last instruction leaves the end stage
  // (program_end: drain). With end_stage=MEM that is a cycle before its WB: its register write
  // must still be in the final registers, as sequential execution leaves them (it used to be
  // lost: a1 read 0).
  // ripes-5s, IF ID EX MEM WB: addi a0 in MEM c4 (commits), WB c5; addi a1 in MEM c5 (commits,
  // the last: the run ends in c5 with a1 = 5 + 7 = 12 never written back by WB).
  const WideRun five = test::run_wide("ripes-5s",
                                      "addi a0, zero, 5\n"
                                      "addi a1, a0, 7\n",
                                      {"end_stage=MEM"}, Halt::Exit);
  CHECK(five.result.regs[11] == 12);
  CHECK(five.result.regs[10] == 5);
  CHECK(five.stats().cycles == 5);
  CHECK(five.stats().instructions == 2);
  // 7-stage (IF1 IF2 ID EX MEM1 MEM2 WB) ending in MEM1: when the last instruction commits, the
  // one before it is in MEM2, not written back either; a load's value lands too.
  const WideRun seven = test::run_wide("7-stage",
                                       "la t0, d\n"
                                       "addi a0, zero, 5\n"
                                       "lw a1, 0(t0)\n"
                                       ".data\n"
                                       "d: .word 0x1234\n",
                                       {"end_stage=MEM1", "program_end=drain"}, Halt::Exit);
  CHECK(seven.result.regs[10] == 5);
  CHECK(seven.result.regs[11] == 0x1234);
  CHECK(seven.stats().instructions == 4);  // la is auipc + addi
}
