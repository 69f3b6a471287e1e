// Textbook pipeline cases (Patterson & Hennessy ch. 4, Hennessy & Patterson appendix C), each
// worked out by hand from the model's documented rules (docs/model.md) and checked against the
// real model through the pipeline-diagram renderer: exact diagrams, cycle counts, stall cycles by
// cause and the accounting identity cycles == instructions + fill + sum(stall cycles).
//
// The rules used in every derivation below:
//   - cycle 1 is the first instruction's IF; 5-stage: IF ID EX MEM WB; the run ends in the cycle
//     the halting ebreak is in WB (N straight-line instructions: N + 4 cycles);
//   - registers are read in ID, split-phase: a value written in WB is read in ID that cycle;
//   - full forwarding: ALU results reach the next instructions' EX (EX/MEM→EX, MEM/WB→EX); a
//     load's value exists after MEM, so a dependent instruction right behind it stalls 1 in ID;
//   - no forwarding: a dependent instruction waits in ID until the producer is in WB;
//   - a stall holds the instruction in ID and freezes IF behind it (diagram: `S`);
//   - branches resolved in EX, predict not-taken: a taken branch flushes the 2 instructions
//     behind it (in IF and ID), fetch restarts at the target in the next cycle; jal redirects at
//     the end of ID (1 flushed), jalr at the end of EX (2 flushed);
//   - instructions fetched behind the halting ebreak are not drawn (the renderer's default).
// Labels are the pc and the short disassembly, which uses objdump's aliases (li, bnez, ret, jal
// without ra).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/diagram_run.hpp"

using namespace pipesim;

namespace {

using test::Outcome;
Outcome run(const std::string& preset, const std::string& source,
            const std::vector<std::string>& sets = {}) {
  return test::run_diagram(preset, source, sets);
}

constexpr unsigned a0 = 10, a1 = 11, a2 = 12, a3 = 13, a4 = 14, ra = 1;

}  // namespace

// ---------------------------------------------------------------------------------------------
// Data hazards

TEST_CASE("textbook: RAW chain with full forwarding has no stalls", "[textbook]") {
  // add needs a0 from addi (distance 1): EX/MEM→EX in cycle 4; sub needs a1 from add (EX/MEM→EX
  // in cycle 5) and a0 from addi (MEM/WB→EX in cycle 5). 4 instructions: 4 + 4 = 8 cycles.
  const Outcome o = run("5-stage",
                        "addi a0, zero, 5\n"
                        "add  a1, a0, a0\n"
                        "sub  a2, a1, a0\n"
                        "ebreak\n");
  CHECK(o.diagram == R"(                         1   2   3   4   5   6   7   8
00010000  li a0, 5       IF  ID  EX  MEM WB
00010004  add a1, a0, a0     IF  ID  EX  MEM WB
00010008  sub a2, a1, a0         IF  ID  EX  MEM WB
0001000c  ebreak                     IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 8);
  CHECK(o.result.stats.instructions == 4);
  CHECK(o.result.stats.fill_cycles == 4);
  CHECK(o.stall_total() == 0);
  CHECK(o.result.stats.forwards == 4);  // add: rs1 and rs2; sub: rs1 and rs2
  CHECK(o.result.regs[a1] == 10);
  CHECK(o.result.regs[a2] == 5);
}

TEST_CASE("textbook: RAW chain without forwarding stalls until the producer is in WB",
          "[textbook]") {
  // add (distance 1 from addi) sits in ID in cycles 3, 4, 5 and reads a0 in cycle 5, when addi
  // is in WB: 2 stalls. sub (distance 1 from add) is frozen in IF in 4 and 5, enters ID in 6 and
  // waits there until add is in WB (cycle 8): 2 more stalls. ebreak follows sub through.
  // 4 instructions + 4 fill + 4 raw = 12 cycles.
  const Outcome o = run("5-stage-no-forwarding",
                        "addi a0, zero, 5\n"
                        "add  a1, a0, a0\n"
                        "sub  a2, a1, a0\n"
                        "ebreak\n");
  CHECK(o.diagram == R"(                         1   2   3   4   5   6   7   8   9   10  11  12
00010000  li a0, 5       IF  ID  EX  MEM WB
00010004  add a1, a0, a0     IF  ID  S   S   EX  MEM WB
00010008  sub a2, a1, a0         IF  S   S   ID  S   S   EX  MEM WB
0001000c  ebreak                             IF  S   S   ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 12);
  CHECK(o.stalls(StallCause::Raw) == 4);
  CHECK(o.stall_total() == 4);
  CHECK(o.result.stats.forwards == 0);
  CHECK(o.result.regs[a2] == 5);
}

TEST_CASE("textbook: without forwarding a distance-2 dependence stalls once", "[textbook]") {
  // add is in ID in cycle 4 while addi a0 is in MEM; in cycle 5 addi is in WB and add reads a0:
  // 1 stall. 4 + 4 + 1 = 9 cycles.
  const Outcome o = run("5-stage-no-forwarding",
                        "addi a0, zero, 5\n"
                        "addi a3, zero, 1\n"
                        "add  a1, a0, a0\n"
                        "ebreak\n");
  CHECK(o.diagram == R"(                         1   2   3   4   5   6   7   8   9
00010000  li a0, 5       IF  ID  EX  MEM WB
00010004  li a3, 1           IF  ID  EX  MEM WB
00010008  add a1, a0, a0         IF  ID  S   EX  MEM WB
0001000c  ebreak                     IF  S   ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 9);
  CHECK(o.stalls(StallCause::Raw) == 1);
  CHECK(o.stall_total() == 1);
  CHECK(o.result.regs[a1] == 10);
}

TEST_CASE("textbook: load-use costs one stall with forwarding", "[textbook]") {
  // sw gets a0 over EX/MEM→EX (no stall). lw's a1 exists after MEM (cycle 6); add would be in EX
  // in cycle 6, so it waits one cycle in ID and gets a1 over MEM/WB→EX in cycle 7.
  // 5 instructions + 4 fill + 1 load_use = 10 cycles.
  const Outcome o = run("5-stage",
                        "addi a0, zero, 7\n"
                        "sw   a0, -4(sp)\n"
                        "lw   a1, -4(sp)\n"
                        "add  a2, a1, a1\n"
                        "ebreak\n");
  CHECK(o.diagram == R"(                         1   2   3   4   5   6   7   8   9   10
00010000  li a0, 7       IF  ID  EX  MEM WB
00010004  sw a0, -4(sp)      IF  ID  EX  MEM WB
00010008  lw a1, -4(sp)          IF  ID  EX  MEM WB
0001000c  add a2, a1, a1             IF  ID  S   EX  MEM WB
00010010  ebreak                         IF  S   ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 10);
  CHECK(o.stalls(StallCause::LoadUse) == 1);
  CHECK(o.stall_total() == 1);
  CHECK(o.result.regs[a2] == 14);
}

// ---------------------------------------------------------------------------------------------
// A taken branch under each policy. beq a0, a0 is taken and its a0 comes over EX/MEM→EX (no
// stall); it skips two instructions. Committed: addi, beq, addi a3, ebreak = 4 instructions.

namespace {
const char* kTakenBranch =
    "addi a0, zero, 1\n"          // 0x10000
    "beq  a0, a0, target\n"       // 0x10004 → 0x10010
    "addi a1, zero, 1\n"          // 0x10008 (skipped)
    "addi a2, zero, 2\n"          // 0x1000c (skipped)
    "target: addi a3, zero, 3\n"  // 0x10010
    "ebreak\n";                   // 0x10014
}

TEST_CASE("textbook: taken branch, predict not-taken (resolved in EX)", "[textbook]") {
  // beq resolves in EX in cycle 4: the instructions at 0x10008 (ID) and 0x1000c (IF) are
  // flushed; the target is fetched in cycle 5. 4 + 4 + 2 control = 10 cycles.
  const Outcome o = run("5-stage", kTakenBranch);
  CHECK(o.diagram == R"(                              1   2   3   4   5   6   7   8   9   10
00010000  li a0, 1            IF  ID  EX  MEM WB
00010004  beq a0, a0, 0x10010     IF  ID  EX  MEM WB
00010008  li a1, 1                    if  id  flushed
0001000c  li a2, 2                        if  flushed
00010010  li a3, 3                            IF  ID  EX  MEM WB
00010014  ebreak                                  IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 10);
  CHECK(o.stalls(StallCause::Control) == 2);
  CHECK(o.stall_total() == 2);
  CHECK(o.result.stats.flushed == 2);
  CHECK(o.result.stats.branches == 1);
  CHECK(o.result.stats.taken_branches == 1);
  CHECK(o.result.stats.mispredictions == 1);
  CHECK(o.result.regs[a1] == 0);
  CHECK(o.result.regs[a2] == 0);
  CHECK(o.result.regs[a3] == 3);
}

TEST_CASE("textbook: taken branch, stall policy (no wrong-path fetch)", "[textbook]") {
  // Fetch stops once beq is fetched (cycle 2): nothing is fetched in cycles 3 and 4; beq resolves
  // in EX in cycle 4 and the target is fetched in cycle 5. Nothing is flushed and nothing is
  // mispredicted. 4 + 4 + 2 control = 10 cycles.
  const Outcome o = run("5-stage", kTakenBranch, {"branches.policy=stall"});
  CHECK(o.diagram == R"(                              1   2   3   4   5   6   7   8   9   10
00010000  li a0, 1            IF  ID  EX  MEM WB
00010004  beq a0, a0, 0x10010     IF  ID  EX  MEM WB
00010010  li a3, 3                            IF  ID  EX  MEM WB
00010014  ebreak                                  IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 10);
  CHECK(o.stalls(StallCause::Control) == 2);
  CHECK(o.stall_total() == 2);
  CHECK(o.result.stats.flushed == 0);
  CHECK(o.result.stats.mispredictions == 0);
  CHECK(o.result.regs[a3] == 3);
}

TEST_CASE("textbook: a not-taken branch also costs 2 cycles under the stall policy", "[textbook]") {
  // bne a0, a0 is never taken: fetch still waits in cycles 3 and 4 for it to resolve in EX.
  // 5 instructions (addi, bne, addi, addi, ebreak) + 4 + 2 control = 11 cycles.
  const Outcome o = run("5-stage",
                        "addi a0, zero, 1\n"
                        "bne  a0, a0, target\n"
                        "addi a1, zero, 1\n"
                        "target: addi a3, zero, 3\n"
                        "ebreak\n",
                        {"branches.policy=stall"});
  CHECK(o.result.stats.cycles == 11);
  CHECK(o.stalls(StallCause::Control) == 2);
  CHECK(o.result.stats.flushed == 0);
}

TEST_CASE("textbook: taken branch, static predict-taken (decided in ID)", "[textbook]") {
  // In cycle 3 decode computes the target and redirects: the instruction at 0x10008 (IF) is
  // flushed and the target is fetched in cycle 4. beq resolves taken in EX (cycle 4): correct.
  // 4 + 4 + 1 control = 9 cycles.
  const Outcome o = run("5-stage", kTakenBranch, {"branches.policy=taken"});
  CHECK(o.diagram == R"(                              1   2   3   4   5   6   7   8   9
00010000  li a0, 1            IF  ID  EX  MEM WB
00010004  beq a0, a0, 0x10010     IF  ID  EX  MEM WB
00010008  li a1, 1                    if  flushed
00010010  li a3, 3                        IF  ID  EX  MEM WB
00010014  ebreak                              IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 9);
  CHECK(o.stalls(StallCause::Control) == 1);
  CHECK(o.stall_total() == 1);
  CHECK(o.result.stats.flushed == 1);
  CHECK(o.result.stats.mispredictions == 0);
}

TEST_CASE("textbook: taken forward branch, btfn predicts not-taken", "[textbook]") {
  // Forward branch: predicted not-taken, so exactly the not-taken case: 10 cycles, 2 flushed.
  const Outcome o = run("5-stage", kTakenBranch, {"branches.policy=btfn"});
  CHECK(o.diagram == R"(                              1   2   3   4   5   6   7   8   9   10
00010000  li a0, 1            IF  ID  EX  MEM WB
00010004  beq a0, a0, 0x10010     IF  ID  EX  MEM WB
00010008  li a1, 1                    if  id  flushed
0001000c  li a2, 2                        if  flushed
00010010  li a3, 3                            IF  ID  EX  MEM WB
00010014  ebreak                                  IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 10);
  CHECK(o.stalls(StallCause::Control) == 2);
  CHECK(o.result.stats.flushed == 2);
  CHECK(o.result.stats.mispredictions == 1);
}

TEST_CASE("textbook: taken forward branch, 2-bit predictor with a cold BTB", "[textbook]") {
  // The BTB starts empty: predicted not-taken at fetch, resolved taken in EX: like not-taken.
  const Outcome o = run("5-stage-2bit", kTakenBranch);
  CHECK(o.diagram == R"(                              1   2   3   4   5   6   7   8   9   10
00010000  li a0, 1            IF  ID  EX  MEM WB
00010004  beq a0, a0, 0x10010     IF  ID  EX  MEM WB
00010008  li a1, 1                    if  id  flushed
0001000c  li a2, 2                        if  flushed
00010010  li a3, 3                            IF  ID  EX  MEM WB
00010014  ebreak                                  IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 10);
  CHECK(o.stalls(StallCause::Control) == 2);
  CHECK(o.result.stats.flushed == 2);
  CHECK(o.result.stats.mispredictions == 1);
}

TEST_CASE("textbook: btfn on a backward loop branch", "[textbook]") {
  // Two iterations: bne taken then not taken. Backward: predicted taken in ID.
  // 1st bne: ID in cycle 4 redirects to the loop (ebreak at 0x1000c, in IF, flushed: 1 slot).
  // 2nd bne: ID in cycle 7 redirects (ebreak in IF flushed); in EX in cycle 8 it is found not
  // taken: the loop's addi fetched in cycle 8 is flushed (ID holds the bubble of the earlier
  // flush) and ebreak is fetched in cycle 9. Committed: addi, 2 × (addi, bne), ebreak = 6.
  // 6 + 4 + 3 control = 13 cycles; flushed 3; 1 misprediction.
  const Outcome o = run("5-stage",
                        "addi a0, zero, 2\n"
                        "loop: addi a0, a0, -1\n"
                        "bne  a0, zero, loop\n"
                        "ebreak\n",
                        {"branches.policy=btfn"});
  CHECK(o.diagram ==
        R"(                           1   2   3   4   5   6   7   8   9   10  11  12  13
00010000  li a0, 2         IF  ID  EX  MEM WB
00010004  addi a0, a0, -1      IF  ID  EX  MEM WB
00010008  bnez a0, 0x10004         IF  ID  EX  MEM WB
0001000c  ebreak                       if  flushed
00010004  addi a0, a0, -1                  IF  ID  EX  MEM WB
00010008  bnez a0, 0x10004                     IF  ID  EX  MEM WB
0001000c  ebreak                                   if  flushed
00010004  addi a0, a0, -1                              if  flushed
0001000c  ebreak                                           IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 13);
  CHECK(o.result.stats.instructions == 6);
  CHECK(o.stalls(StallCause::Control) == 3);
  CHECK(o.stall_total() == 3);
  CHECK(o.result.stats.flushed == 3);
  CHECK(o.result.stats.branches == 2);
  CHECK(o.result.stats.taken_branches == 1);
  CHECK(o.result.stats.mispredictions == 1);
}

// ---------------------------------------------------------------------------------------------
// The 2-bit predictor warming up on a loop: bne runs 4 times, taken, taken, taken, not taken.
//   bne #1: BTB miss → predict not-taken; taken: MISPREDICT (counter 1 → 2, BTB filled)
//   bne #2: hit, counter 2 → taken; right (→ 3)
//   bne #3: hit, counter ≥ 2 → taken; right
//   bne #4: hit, counter 3 → taken; not taken: MISPREDICT
// 2 mispredictions × 2 flushed slots = 4 control cycles. Committed: addi, 4 × (addi, bne),
// addi a1, ebreak = 11. 11 + 4 + 4 = 19 cycles. Predict-not-taken pays for 3 taken: 21 cycles.

namespace {
const char* kLoop4 =
    "addi a0, zero, 4\n"       // 0x10000
    "loop: addi a0, a0, -1\n"  // 0x10004
    "bne  a0, zero, loop\n"    // 0x10008
    "addi a1, zero, 1\n"       // 0x1000c
    "ebreak\n";                // 0x10010
}

TEST_CASE("textbook: 2-bit predictor warms up on a loop", "[textbook]") {
  const Outcome o = run("5-stage-2bit", kLoop4);
  CHECK(
      o.diagram ==
      R"(                           1   2   3   4   5   6   7   8   9   10  11  12  13  14  15  16  17  18  19
00010000  li a0, 4         IF  ID  EX  MEM WB
00010004  addi a0, a0, -1      IF  ID  EX  MEM WB
00010008  bnez a0, 0x10004         IF  ID  EX  MEM WB
0001000c  li a1, 1                     if  id  flushed
00010010  ebreak                           if  flushed
00010004  addi a0, a0, -1                      IF  ID  EX  MEM WB
00010008  bnez a0, 0x10004                         IF  ID  EX  MEM WB
00010004  addi a0, a0, -1                              IF  ID  EX  MEM WB
00010008  bnez a0, 0x10004                                 IF  ID  EX  MEM WB
00010004  addi a0, a0, -1                                      IF  ID  EX  MEM WB
00010008  bnez a0, 0x10004                                         IF  ID  EX  MEM WB
00010004  addi a0, a0, -1                                              if  id  flushed
00010008  bnez a0, 0x10004                                                 if  flushed
0001000c  li a1, 1                                                             IF  ID  EX  MEM WB
00010010  ebreak                                                                   IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 19);
  CHECK(o.result.stats.instructions == 11);
  CHECK(o.result.stats.branches == 4);
  CHECK(o.result.stats.taken_branches == 3);
  CHECK(o.result.stats.mispredictions == 2);
  CHECK(o.result.stats.flushed == 4);
  CHECK(o.stalls(StallCause::Control) == 4);
  CHECK(o.stall_total() == 4);
  CHECK(o.result.regs[a0] == 0);
  CHECK(o.result.regs[a1] == 1);
}

TEST_CASE("textbook: the same loop under predict-not-taken", "[textbook]") {
  // Every taken bne (3) flushes 2: 11 + 4 + 6 = 21 cycles.
  const Outcome o = run("5-stage", kLoop4);
  CHECK(o.result.stats.cycles == 21);
  CHECK(o.result.stats.mispredictions == 3);
  CHECK(o.result.stats.flushed == 6);
  CHECK(o.stalls(StallCause::Control) == 6);
}

// ---------------------------------------------------------------------------------------------
// Jumps

TEST_CASE("textbook: jal redirects in ID, jalr in EX", "[textbook]") {
  // jal (cycle 2 in ID) flushes the instruction in IF (0x10004); func is fetched in cycle 3.
  // ret (jalr) reads ra in ID in cycle 5 while jal is in WB (split phase: no stall), resolves in
  // EX in cycle 6 and flushes 0x10014 (ID) and 0x10018 (IF); 0x10004 is fetched in cycle 7.
  // Committed: jal, addi a0, ret, addi a1, ebreak = 5. 5 + 4 + 1 + 2 = 12 cycles.
  const Outcome o = run("5-stage",
                        "jal  ra, func\n"           // 0x10000
                        "addi a1, zero, 1\n"        // 0x10004
                        "ebreak\n"                  // 0x10008
                        "func: addi a0, zero, 5\n"  // 0x1000c
                        "jalr zero, 0(ra)\n"        // 0x10010
                        "addi a3, zero, 3\n"        // 0x10014 (wrong path)
                        "addi a4, zero, 4\n"        // 0x10018 (wrong path)
                        "ebreak\n");
  CHECK(o.diagram == R"(                      1   2   3   4   5   6   7   8   9   10  11  12
00010000  jal 0x1000c IF  ID  EX  MEM WB
00010004  li a1, 1        if  flushed
0001000c  li a0, 5            IF  ID  EX  MEM WB
00010010  ret                     IF  ID  EX  MEM WB
00010014  li a3, 3                    if  id  flushed
00010018  li a4, 4                        if  flushed
00010004  li a1, 1                            IF  ID  EX  MEM WB
00010008  ebreak                                  IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 12);
  CHECK(o.result.stats.instructions == 5);
  CHECK(o.stalls(StallCause::Control) == 3);
  CHECK(o.stall_total() == 3);
  CHECK(o.result.stats.flushed == 3);
  CHECK(o.result.stats.jumps == 2);
  CHECK(o.result.stats.mispredictions == 2);  // both redirected fetch when they resolved
  CHECK(o.result.regs[ra] == 0x10004);
  CHECK(o.result.regs[a0] == 5);
  CHECK(o.result.regs[a1] == 1);
  CHECK(o.result.regs[a3] == 0);
  CHECK(o.result.regs[a4] == 0);
}

// ---------------------------------------------------------------------------------------------
// Branches resolved in ID, with forwarding into ID from EX/MEM and MEM/WB.

TEST_CASE("textbook: branch in ID right after an ALU producer stalls once", "[textbook]") {
  // bne is in ID in cycle 3 while addi is in EX (a0 not yet in a latch): 1 stall. In cycle 4
  // a0 comes over EX/MEM→ID, bne resolves taken and flushes the one instruction in IF
  // (0x10008, frozen there in cycle 4). ebreak is fetched in cycle 5.
  // 3 instructions + 4 + 1 raw + 1 control = 9 cycles.
  const Outcome o = run("5-stage-branch-in-id",
                        "addi a0, zero, 1\n"       // 0x10000
                        "bne  a0, zero, target\n"  // 0x10004 → 0x10010
                        "addi a1, zero, 1\n"       // 0x10008
                        "addi a2, zero, 2\n"       // 0x1000c
                        "target: ebreak\n");       // 0x10010
  CHECK(o.diagram == R"(                           1   2   3   4   5   6   7   8   9
00010000  li a0, 1         IF  ID  EX  MEM WB
00010004  bnez a0, 0x10010     IF  ID  S   EX  MEM WB
00010008  li a1, 1                 if  s   flushed
00010010  ebreak                           IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 9);
  CHECK(o.stalls(StallCause::Raw) == 1);
  CHECK(o.stalls(StallCause::Control) == 1);
  CHECK(o.stall_total() == 2);
  CHECK(o.result.stats.flushed == 1);
  CHECK(o.result.regs[a1] == 0);
}

TEST_CASE("textbook: branch in ID right after a load stalls twice", "[textbook]") {
  // lw's a1 exists after MEM (cycle 6) and reaches ID in cycle 7 (lw in WB). bne is in ID in
  // cycles 5, 6, 7: 2 load_use stalls; it resolves taken in cycle 7 and flushes the instruction
  // frozen in IF (0x10010). ebreak is fetched in cycle 8.
  // 5 instructions + 4 + 2 load_use + 1 control = 12 cycles.
  const Outcome o = run("5-stage-branch-in-id",
                        "addi a0, zero, 1\n"       // 0x10000
                        "sw   a0, -4(sp)\n"        // 0x10004
                        "lw   a1, -4(sp)\n"        // 0x10008
                        "bne  a1, zero, target\n"  // 0x1000c → 0x10018
                        "addi a2, zero, 2\n"       // 0x10010
                        "addi a3, zero, 3\n"       // 0x10014
                        "target: ebreak\n");       // 0x10018
  CHECK(o.diagram == R"(                           1   2   3   4   5   6   7   8   9   10  11  12
00010000  li a0, 1         IF  ID  EX  MEM WB
00010004  sw a0, -4(sp)        IF  ID  EX  MEM WB
00010008  lw a1, -4(sp)            IF  ID  EX  MEM WB
0001000c  bnez a1, 0x10018             IF  ID  S   S   EX  MEM WB
00010010  li a2, 2                         if  s   s   flushed
00010018  ebreak                                       IF  ID  EX  MEM WB
)");
  CHECK(o.result.stats.cycles == 12);
  CHECK(o.stalls(StallCause::LoadUse) == 2);
  CHECK(o.stalls(StallCause::Control) == 1);
  CHECK(o.stall_total() == 3);
  CHECK(o.result.stats.flushed == 1);
  CHECK(o.result.regs[a2] == 0);
}

// ---------------------------------------------------------------------------------------------
// No interlocks: insert the nops yourself.

TEST_CASE("textbook: without interlocks a dependent instruction reads a stale value",
          "[textbook]") {
  // add reads a0 in ID in cycle 3, while addi is only in EX: it reads the old a0 = 0, so a1 gets
  // 0 instead of 10. Nothing stalls: 3 + 4 = 7 cycles. add commits in WB in cycle 6.
  const PipelineConfig config = load_config("5-stage-no-interlocks");
  const Program program = assemble(
                              "addi a0, zero, 5\n"
                              "add  a1, a0, a0\n"
                              "ebreak\n",
                              "textbook.s")
                              .program;
  CapturedIo io;
  report::Recorder recorder;
  TraceSink* sinks[] = {&recorder};
  const MachineResult r = run_machine(config, program, io, sinks, RunLimits{10000}, true);
  report::DiagramOptions opt;
  opt.legend = false;
  CHECK(report::render_diagram(recorder, config, nullptr, opt) ==
        R"(                         1   2   3   4   5   6   7
00010000  li a0, 5       IF  ID  EX  MEM WB
00010004  add a1, a0, a0     IF  ID  EX  MEM WB
00010008  ebreak                 IF  ID  EX  MEM WB
)");
  CHECK(r.halt == Halt::Ebreak);
  CHECK(r.stats.cycles == 7);
  CHECK(r.stats.total_stall_cycles() == 0);
  CHECK(r.regs[a1] == 0);
  REQUIRE(r.divergence.has_value());
  CHECK(r.divergence->seq == 1);
  CHECK(r.divergence->pc == 0x10004);
  CHECK(r.divergence->cycle == 6);
  CHECK(r.divergence->reg == a1);
  CHECK(r.divergence->expected == 10);
  CHECK(r.divergence->actual == 0);
  CHECK(r.divergence->what.find("a1") != std::string::npos);
}

// ---------------------------------------------------------------------------------------------
// The 7-stage pipeline (IF1 IF2 ID EX MEM1 MEM2 WB): fill 6, N straight instructions: N + 6.

TEST_CASE("textbook: 7-stage load-use costs 2 stalls", "[textbook]") {
  // lw's a1 exists after MEM2 (cycle 8); add must be in EX no earlier than cycle 9 (MEM2/WB→EX):
  // it is in ID in cycles 6, 7, 8: 2 stalls; ebreak waits in IF2. 5 + 6 + 2 = 13 cycles.
  const Outcome o = run("7-stage",
                        "addi a0, zero, 7\n"
                        "sw   a0, -4(sp)\n"
                        "lw   a1, -4(sp)\n"
                        "add  a2, a1, a1\n"
                        "ebreak\n");
  CHECK(o.diagram ==
        R"(                         1    2    3    4    5    6    7    8    9    10   11   12   13
00010000  li a0, 7       IF1  IF2  ID   EX   MEM1 MEM2 WB
00010004  sw a0, -4(sp)       IF1  IF2  ID   EX   MEM1 MEM2 WB
00010008  lw a1, -4(sp)            IF1  IF2  ID   EX   MEM1 MEM2 WB
0001000c  add a2, a1, a1                IF1  IF2  ID   S    S    EX   MEM1 MEM2 WB
00010010  ebreak                             IF1  IF2  S    S    ID   EX   MEM1 MEM2 WB
)");
  CHECK(o.result.stats.cycles == 13);
  CHECK(o.result.stats.fill_cycles == 6);
  CHECK(o.stalls(StallCause::LoadUse) == 2);
  CHECK(o.stall_total() == 2);
  CHECK(o.result.regs[a2] == 14);
}

TEST_CASE("textbook: 7-stage taken branch flushes 3", "[textbook]") {
  // bne resolves in EX in cycle 5 with ID, IF2 and IF1 occupied by the three instructions after
  // it: all flushed; the target is fetched in cycle 6. 3 + 6 + 3 control = 12 cycles.
  const Outcome o = run("7-stage",
                        "addi a0, zero, 1\n"       // 0x10000
                        "bne  a0, zero, target\n"  // 0x10004 → 0x10014
                        "addi a1, zero, 1\n"       // 0x10008
                        "addi a2, zero, 2\n"       // 0x1000c
                        "addi a3, zero, 3\n"       // 0x10010
                        "target: ebreak\n");       // 0x10014
  CHECK(o.diagram ==
        R"(                           1    2    3    4    5    6    7    8    9    10   11   12
00010000  li a0, 1         IF1  IF2  ID   EX   MEM1 MEM2 WB
00010004  bnez a0, 0x10014      IF1  IF2  ID   EX   MEM1 MEM2 WB
00010008  li a1, 1                   if1  if2  id   flushed
0001000c  li a2, 2                        if1  if2  flushed
00010010  li a3, 3                             if1  flushed
00010014  ebreak                                    IF1  IF2  ID   EX   MEM1 MEM2 WB
)");
  CHECK(o.result.stats.cycles == 12);
  CHECK(o.stalls(StallCause::Control) == 3);
  CHECK(o.stall_total() == 3);
  CHECK(o.result.stats.flushed == 3);
}

// ---------------------------------------------------------------------------------------------
// Code scheduling (P&H 4.7): a = b + e; c = b + f. Moving the third load up removes both
// load-use stalls.

TEST_CASE("textbook: reordering loads removes the load-use stalls", "[textbook]") {
  // Before: add t3 right after lw t2, add t5 right after lw t4: 2 load_use stalls.
  // 9 instructions + 4 + 2 = 15 cycles. After: lw t4 moved up behind lw t2: add t3 is two
  // behind lw t2 (MEM/WB→EX), add t5 three behind lw t4: no stall, 9 + 4 = 13 cycles.
  const Outcome before = run("5-stage",
                             "addi t0, sp, -64\n"
                             "lw   t1, 0(t0)\n"
                             "lw   t2, 4(t0)\n"
                             "add  t3, t1, t2\n"
                             "sw   t3, 12(t0)\n"
                             "lw   t4, 8(t0)\n"
                             "add  t5, t1, t4\n"
                             "sw   t5, 16(t0)\n"
                             "ebreak\n");
  CHECK(before.result.stats.instructions == 9);
  CHECK(before.result.stats.cycles == 15);
  CHECK(before.stalls(StallCause::LoadUse) == 2);
  CHECK(before.stall_total() == 2);

  const Outcome after = run("5-stage",
                            "addi t0, sp, -64\n"
                            "lw   t1, 0(t0)\n"
                            "lw   t2, 4(t0)\n"
                            "lw   t4, 8(t0)\n"
                            "add  t3, t1, t2\n"
                            "sw   t3, 12(t0)\n"
                            "add  t5, t1, t4\n"
                            "sw   t5, 16(t0)\n"
                            "ebreak\n");
  CHECK(after.result.stats.instructions == 9);
  CHECK(after.result.stats.cycles == 13);
  CHECK(after.stall_total() == 0);
}

// ---------------------------------------------------------------------------------------------
// Traps

TEST_CASE("textbook: an ecall that does not end the run flushes everything behind it",
          "[textbook]") {
  // ecall (print the character in a0) completes in WB in cycle 7: the four instructions behind
  // it (MEM, EX, ID, IF) are flushed and fetch restarts after it, at 0x1000c, in cycle 8.
  // Committed: li a7, li a0, ecall, li a1, ebreak = 5. 5 + 4 + 4 control = 13 cycles.
  const PipelineConfig config = load_config("5-stage");
  const Program program = assemble(
                              "addi a7, zero, 11\n"  // 0x10000
                              "addi a0, zero, 65\n"  // 0x10004 'A'
                              "ecall\n"              // 0x10008
                              "addi a1, zero, 1\n"   // 0x1000c
                              "ebreak\n"             // 0x10010
                              "addi a2, zero, 2\n"   // 0x10014 (fetched behind the trap only)
                              "addi a3, zero, 3\n",  // 0x10018 (fetched behind the trap only)
                              "textbook.s")
                              .program;
  CapturedIo io;
  report::Recorder recorder;
  TraceSink* sinks[] = {&recorder};
  const MachineResult r = run_machine(config, program, io, sinks, RunLimits{10000}, true);
  report::DiagramOptions opt;
  opt.legend = false;
  CHECK(report::render_diagram(recorder, config, nullptr, opt) ==
        R"(                    1   2   3   4   5   6   7   8   9   10  11  12  13
00010000  li a7, 11 IF  ID  EX  MEM WB
00010004  li a0, 65     IF  ID  EX  MEM WB
00010008  ecall             IF  ID  EX  MEM WB
0001000c  li a1, 1              if  id  ex  mem flushed
00010010  ebreak                    if  id  ex  flushed
00010014  li a2, 2                      if  id  flushed
00010018  li a3, 3                          if  flushed
0001000c  li a1, 1                              IF  ID  EX  MEM WB
00010010  ebreak                                    IF  ID  EX  MEM WB
)");
  CHECK(r.halt == Halt::Ebreak);
  CHECK(io.out == "A");
  CHECK(r.stats.cycles == 13);
  CHECK(r.stats.instructions == 5);
  CHECK(r.stats.flushed == 4);
  CHECK(r.stats.stall_cycles[static_cast<std::size_t>(StallCause::Control)] == 4);
  CHECK(r.stats.issue_width * r.stats.cycles == r.stats.instructions + r.stats.fill_cycles +
                                                    r.stats.total_stall_cycles() +
                                                    r.stats.halt_slots);
  CHECK(r.stats.halt_slots == 0);
  CHECK(r.regs[a1] == 1);
  CHECK(r.regs[a2] == 0);
}
