// Issue 19: the presets that reproduce Ripes' 5-stage processor models (RV32_5S, RV32_5S_NO_FW,
// RV32_5S_NO_FW_HZ) cycle for cycle. Every diagram is worked out by hand from the rules of
// docs/config.md ("Ripes compatibility presets"):
//   - IF ID EX MEM WB; the register file is read in ID and written at the end of WB, and a read
//     in the cycle of the write sees the new value (split-phase);
//   - fetch predicts not taken; branches, jal and jalr resolve in EX: a taken one squashes the 2
//     instructions behind it and the target is fetched in the next cycle;
//   - ripes-5s forwards EX/MEM and MEM/WB into EX and holds a load's consumer 1 cycle in ID;
//     ripes-5s-no-fw holds a consumer in ID until its producer is in WB; ripes-5s-no-fw-hz never
//     holds anything: an operand read in ID from a producer 1 or 2 instructions ahead is stale;
//   - program_end drain: the program ends by running off its code, and the run ends in the cycle
//     its last instruction is in WB (no ebreak needed, none is counted);
//   - the ecall: ripes-5s and -no-fw perform it in EX once no later stage holds an instruction
//     that writes a register (a nop counts; the wait shows as S); a non-exit ecall squashes
//     nothing; an exit squashes what is behind it and the run ends with the ecall's WB.
//     ripes-5s-no-fw-hz performs it in ID at once, reading the registers as they were before
//     that cycle's write-back.
//
// The diagrams show pipesim's disassembly (x1 = ra, x2 = sp, x3 = gp, x4 = tp).
//
// Cycle numbers: pipesim counts cycles from 1, Ripes' diagram numbers its columns from 0 (column
// c is the state after c clocks) and reports cycles = the column of the last WB + 1. So Ripes'
// column c is pipesim's cycle c + 1, and the two cycle counts are the same number.
//
// The independent reference: every program below was also run on Ripes' own processor models
// (commit 5b8a616, the headless harness of the research notes); "Ripes: N" is its count, and
// the diagrams agree column for column.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/diagram_run.hpp"

using namespace pipesim;
using test::check_row;
using test::check_row_start;
using test::Outcome;

namespace {

Outcome run_ripes(const char* preset, const std::string& source) {
  return test::run_diagram(preset, source, {}, Halt::Exit);
}

}  // namespace

TEST_CASE("ripes-5s: a dependent ALU pair is forwarded without a stall", "[ripes][golden]") {
  // addi x1 IF 1 ... WB 5; addi x2 IF 2, ID 3, EX 4 (x1 over EX/MEM -> EX), MEM 5, WB 6. The
  // program runs off its code: the run ends with the last WB, cycle 6 = 2 + 4 fill. Ripes: 6.
  const Outcome o = run_ripes("ripes-5s", "addi x1, x0, 1\naddi x2, x1, 1\n");
  check_row(o, 0, "li ra, 1", 1, "IF ID EX MEM WB");
  check_row(o, 1, "addi sp, ra, 1", 2, "IF ID EX MEM WB");
  CHECK(o.result.stats.cycles == 6);
  CHECK(o.result.stats.instructions == 2);
  CHECK(o.result.exit_code == 0);
  CHECK(o.result.regs[2] == 2);
  CHECK(o.stall_total() == 0);
}

TEST_CASE("ripes-5s: load-use holds the consumer 1 cycle", "[ripes][golden]") {
  // lw IF 1 ... MEM 4, WB 5; add IF 2, ID 3, held in ID 4 (the load is in EX), EX 5 (MEM/WB ->
  // EX), MEM 6, WB 7: 7 = 2 + 4 fill + 1 load-use. Ripes: 7.
  const Outcome o = run_ripes("ripes-5s", "lw x1, -4(sp)\nadd x2, x1, x1\n");
  check_row(o, 1, "add sp, ra, ra", 2, "IF ID S EX MEM WB");
  CHECK(o.result.stats.cycles == 7);
  CHECK(o.stalls(StallCause::LoadUse) == 1);
}

TEST_CASE("ripes-5s: a taken branch and a jal resolve in EX and squash 2", "[ripes][golden]") {
  // beq IF 2, ID 3, EX 4 (taken): addi x2 (ID 4) and addi x3 (IF 4) are squashed, L is
  // fetched in 5 ... WB 9: 9 = 3 + 4 fill + 2 control. Ripes: 9.
  const Outcome b = run_ripes("ripes-5s",
                              "addi x1, x0, 1\nbeq x0, x0, L\naddi x2, x0, 2\naddi x3, x0, 3\n"
                              "L: addi x4, x0, 4\n");
  check_row(b, 1, "beq", 2, "IF ID EX MEM WB");
  check_row_start(b, 2, "li sp, 2", 3, "if id");  // squashed: lower case
  check_row_start(b, 3, "li gp, 3", 4, "if");
  check_row(b, 4, "li tp, 4", 5, "IF ID EX MEM WB");
  CHECK(b.result.stats.cycles == 9);
  CHECK(b.stalls(StallCause::Control) == 2);
  CHECK(b.result.stats.instructions == 3);  // addi x2 and x3 squashed
  // jal in EX (pipesim's 5-stage takes it in ID): IF 1, ID 2, EX 3; L fetched in 4, WB 8:
  // 8 = 2 + 4 + 2. Ripes: 8.
  const Outcome j =
      run_ripes("ripes-5s", "jal x1, L\naddi x2, x0, 2\naddi x3, x0, 3\nL: addi x4, x0, 4\n");
  check_row(j, 3, "li tp, 4", 4, "IF ID EX MEM WB");
  CHECK(j.result.stats.cycles == 8);
}

TEST_CASE("ripes-5s: a branch on a loaded value stalls 1 and then resolves in EX",
          "[ripes][golden]") {
  // addi x5 IF 1; sw IF 2 (x5 forwarded); lw IF 3, ID 4, EX 5, MEM 6; bne IF 4, ID 5, held 6
  // (load-use), EX 7 (x1 = 7 over MEM/WB: taken); addi x2 (IF 5, held in IF 6, ID 7) and addi x3
  // (IF 7) are squashed; L IF 8 ... WB 12: 12 = 5 + 4 + 1 load-use + 2 control. Ripes: 12.
  const Outcome o = run_ripes("ripes-5s",
                              "addi x5, x0, 7\nsw x5, -4(sp)\nlw x1, -4(sp)\nbne x1, x0, L\n"
                              "addi x2, x0, 2\naddi x3, x0, 3\nL: addi x4, x0, 4\n");
  check_row(o, 3, "bnez ra", 4, "IF ID S EX MEM WB");
  check_row(o, 6, "li tp, 4", 8, "IF ID EX MEM WB");
  CHECK(o.result.stats.cycles == 12);
  CHECK(o.result.stats.instructions == 5);
}

TEST_CASE("ripes-5s: an exit ecall waits in EX for the writers, then drains to WB",
          "[ripes][golden]") {
  // addi a7 IF 1, ID 2, EX 3, MEM 4, WB 5. ecall IF 2, ID 3, EX 4: MEM holds a writer (a7) in
  // 4 and WB in 5, so it performs the exit in EX in 6, squashing addi x1 (ID since 4) and addi
  // x2 (IF since 4); MEM 7, WB 8: the run ends, 8 = 2 + 4 fill + 2 (the wait). Ripes: 8 (its
  // trap at column 5 = cycle 6).
  const Outcome o =
      run_ripes("ripes-5s", "addi a7, x0, 10\necall\naddi x1, x0, 1\naddi x2, x0, 2\n");
  check_row(o, 1, "ecall", 2, "IF ID EX S S MEM WB");
  check_row_start(o, 2, "li ra, 1", 3, "if id s s");  // squashed: lower case
  CHECK(o.result.stats.cycles == 8);
  CHECK(o.result.stats.instructions == 2);
  CHECK(o.result.regs[1] == 0);
  // With nops ahead it still waits 2: a nop (addi x0) writes a register for Ripes' hazard unit.
  // a7 WB 5; nops WB 6, 7, 8; ecall IF 5, ID 6, EX 7, held 8 and 9, MEM 10, WB 11. Ripes: 11.
  const Outcome n =
      run_ripes("ripes-5s", "addi a7, x0, 10\nnop\nnop\nnop\necall\naddi x1, x0, 1\n");
  check_row(n, 4, "ecall", 5, "IF ID EX S S MEM WB");
  CHECK(n.result.stats.cycles == 11);
}

TEST_CASE("ripes-5s at issue width 2: an ecall does not issue beside an older register writer",
          "[ripes][golden][superscalar]") {
  // The ecall performs its call in EX once no later stage holds a register writer; a writer in
  // its own group would still be in EX with it, its value not yet in the register file, and a
  // group moves as one after issue. So the ecall waits at issue (reason dependent).
  // c1 IF {addi a7, ecall}. c2 ID: addi issues alone, the ecall is held (issue slot empty).
  // c3 addi EX, the ecall issues: EX in c4, while addi is in MEM (c4) and WB (c5): held 2 (raw,
  // both slots of the stages behind it); it performs the exit in c6, MEM c7, WB c8: 8 cycles.
  // (It used to issue beside the addi, read a7 = 0 and fault: "unsupported system call".)
  const Outcome o =
      test::run_diagram("ripes-5s", "addi a7, x0, 93\necall\n", {"issue_width=2"}, Halt::Exit);
  check_row(o, 1, "ecall", 1, "IF ID S EX S S MEM WB");
  CHECK(o.result.stats.cycles == 8);
  CHECK(o.result.stats.instructions == 2);
  CHECK(o.result.exit_code == 0);
  CHECK(o.result.stats.issue_reasons[static_cast<size_t>(IssueReason::Dependent)] == 1);
}

TEST_CASE("ripes-5s: a non-exit ecall squashes nothing", "[ripes][golden]") {
  // a0 = 'A', a7 = 11 (print a character). ecall IF 3, ID 4, EX 5, held 6 and 7 (addi a7 in
  // MEM, then WB), prints in 7, MEM 8, WB 9. addi x1 waits in ID behind it (ID 5, 6, 7), EX 8 ...
  // WB 10; addi x2 IF 6-8, ID 9 ... WB 11 (x1 forwarded): 11 = 5 + 4 + 2. Ripes: 11.
  const Outcome o = run_ripes(
      "ripes-5s", "addi a0, x0, 65\naddi a7, x0, 11\necall\naddi x1, x0, 1\naddi x2, x1, 1\n");
  check_row(o, 2, "ecall", 3, "IF ID EX S S MEM WB");
  check_row(o, 3, "li ra, 1", 4, "IF ID S S EX MEM WB");
  check_row(o, 4, "addi sp, ra, 1", 5, "IF S S ID EX MEM WB");
  CHECK(o.result.stats.cycles == 11);
  CHECK(o.result.stats.instructions == 5);
  CHECK(o.result.regs[2] == 2);
}

TEST_CASE("ripes-5s-no-fw: distance 1 stalls 2, distance 2 stalls 1", "[ripes][golden]") {
  // addi x1 WB 5; addi x2 IF 2, ID 3, held 4 and 5 (reads x1 in 5, the WB cycle), EX 6, WB 8.
  // Ripes: 8.
  const Outcome d1 = run_ripes("ripes-5s-no-fw", "addi x1, x0, 1\naddi x2, x1, 1\n");
  check_row(d1, 1, "addi sp, ra, 1", 2, "IF ID S S EX MEM WB");
  CHECK(d1.result.stats.cycles == 8);
  CHECK(d1.result.regs[2] == 2);
  // nop between: addi x2 IF 3, ID 4, held 5, EX 6, WB 8 = 3 + 4 + 1. Ripes: 8.
  const Outcome d2 = run_ripes("ripes-5s-no-fw", "addi x1, x0, 5\nnop\naddi x2, x1, 1\n");
  check_row(d2, 2, "addi sp, ra, 1", 3, "IF ID S EX MEM WB");
  CHECK(d2.result.stats.cycles == 8);
  CHECK(d2.result.regs[2] == 6);
}

TEST_CASE("ripes-5s-no-fw: a dependent taken branch stalls 2 and squashes 2", "[ripes][golden]") {
  // addi x1 WB 5; bne IF 2, ID 3, held 4-5, EX 6 (taken); addi x2 (IF 3, held 4-5, ID 6) and
  // addi x3 (IF 6) squashed; L IF 7 ... WB 11 = 3 + 4 + 2 raw + 2 control. Ripes: 11.
  const Outcome o = run_ripes("ripes-5s-no-fw",
                              "addi x1, x0, 1\nbne x1, x0, L\naddi x2, x0, 2\naddi x3, x0, 3\n"
                              "L: addi x4, x0, 4\n");
  check_row(o, 1, "bnez ra", 2, "IF ID S S EX MEM WB");
  check_row(o, 4, "li tp, 4", 7, "IF ID EX MEM WB");
  CHECK(o.result.stats.cycles == 11);
  // The exit ecall: as on ripes-5s. Ripes: 8.
  const Outcome e = run_ripes("ripes-5s-no-fw", "addi a7, x0, 10\necall\naddi x1, x0, 1\n");
  CHECK(e.result.stats.cycles == 8);
}

TEST_CASE("ripes-5s-no-fw-hz: distance 1 and 2 read stale values, distance 3 the new one",
          "[ripes][golden]") {
  // Nothing stalls. addi x2 ID 3 reads x1 = 0 (addi x1 writes it in 5): x2 = 1. 5 instructions,
  // WB of the last in 9. Ripes: 9, x2 = 1.
  const Outcome s1 =
      run_ripes("ripes-5s-no-fw-hz", "addi x1, x0, 5\naddi x2, x1, 1\nnop\nnop\nnop\n");
  check_row(s1, 1, "addi sp, ra, 1", 2, "IF ID EX MEM WB");
  CHECK(s1.result.stats.cycles == 9);
  CHECK(s1.result.regs[2] == 1);
  // Two nops between: addi x2 ID 5, the cycle addi x1 writes back: split-phase, x2 = 6.
  // 7 instructions: 11. Ripes: 11, x2 = 6.
  const Outcome s3 =
      run_ripes("ripes-5s-no-fw-hz", "addi x1, x0, 5\nnop\nnop\naddi x2, x1, 1\nnop\nnop\nnop\n");
  CHECK(s3.result.stats.cycles == 11);
  CHECK(s3.result.regs[2] == 6);
  // A taken branch: as on ripes-5s (9). Ripes: 9.
  const Outcome b = run_ripes("ripes-5s-no-fw-hz",
                              "addi x1, x0, 1\nbeq x0, x0, L\naddi x2, x0, 2\naddi x3, x0, 3\n"
                              "L: addi x4, x0, 4\n");
  CHECK(b.result.stats.cycles == 9);
  CHECK(b.result.stats.instructions == 3);  // addi x2 and x3 squashed
}

TEST_CASE("ripes-5s-no-fw-hz: the exit ecall acts in ID at once", "[ripes][golden]") {
  // a7 is written back in 5; the ecall (IF 5) is in ID in 6, reads a7 = 10 and exits: addi x1
  // (IF 6) is squashed, the ecall goes on, EX 7, MEM 8, WB 9 = 5 + 4 fill. Ripes: 9.
  const Outcome o =
      run_ripes("ripes-5s-no-fw-hz", "addi a7, x0, 10\nnop\nnop\nnop\necall\naddi x1, x0, 1\n");
  check_row(o, 4, "ecall", 5, "IF ID EX MEM WB");
  CHECK(o.result.stats.cycles == 9);
  CHECK(o.result.stats.instructions == 5);
  CHECK(o.result.regs[1] == 0);
}
