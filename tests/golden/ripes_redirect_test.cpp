// Issue 19 (and, last, one pairing rule of the dual model). Ripes' datapaths redirect fetch on a
// TAKEN branch or jump (`(branch & taken) | jump` in EX), not on a wrong prediction, so a branch or
// jump taken to the very next address still flushes what was fetched behind it and fetches that
// address again (`branches.redirect_taken`, docs/config.md "Branches"). The Ripes presets set it.
// Every diagram is derived by hand from the rules in the header of ripes_presets_test.cpp (5-stage)
// and ripes_dual_test.cpp (dual), and was checked on Ripes' own models (the headless harness,
// commit 5b8a616): "Ripes: N" is its cycle count. Ripes' diagram shows the refetched instruction on
// its first row again; pipesim gives the squashed copy (lower case, `flushed`) and the refetched
// one a row each, and shows the zero words fetched after the end of the code (squashed too) as
// `.4byte 0x0` rows.
//
// Cycle numbers: pipesim counts from 1; Ripes' column c is pipesim's cycle c + 1.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/diagram_run.hpp"

using namespace pipesim;
using test::check_row;
using test::check_row_start;
using test::Outcome;

namespace {

Outcome run_ripes(const char* preset, const std::string& source,
                  const std::vector<std::string>& sets = {}) {
  return test::run_diagram(preset, source, sets, Halt::Exit);
}

}  // namespace

TEST_CASE("ripes-5s family: a branch taken to the next address still flushes 2",
          "[ripes][golden][redirect]") {
  // addi x1 IF 1 ... WB 5; beq IF 2, ID 3, EX 4: taken (x0 == x0) to L = its own pc + 4. Fetch
  // went on to L already (IF 3, ID 4), but the redirect is on "taken": L is squashed in ID and
  // fetched again in 5: IF 5 ID 6 EX 7 MEM 8 WB 9. 9 = 3 + 4 fill + 2 control. No operand
  // depends on another, so forwarding and hazard detection play no part: the same on all three
  // presets. Ripes: 9 on RV32_5S, RV32_5S_NO_FW and RV32_5S_NO_FW_HZ.
  const std::string program = "addi x1, x0, 1\nbeq x0, x0, L\nL: addi x2, x0, 2\n";
  for (const char* preset : {"ripes-5s", "ripes-5s-no-fw", "ripes-5s-no-fw-hz"}) {
    INFO(preset);
    const Outcome o = run_ripes(preset, program);
    check_row(o, 1, "beqz", 2, "IF ID EX MEM WB");
    check_row_start(o, 2, "li sp, 2", 3, "if id");      // squashed
    check_row(o, 4, "li sp, 2", 5, "IF ID EX MEM WB");  // row 3: the zero word, IF 4
    CHECK(o.result.stats.cycles == 9);
    CHECK(o.stalls(StallCause::Control) == 2);
    CHECK(o.result.stats.instructions == 3);
    CHECK(o.result.stats.mispredictions == 1);
    CHECK(o.result.regs[2] == 2);
  }
  // Without the key (`5-stage`'s rule: only a target other than the fetched address redirects)
  // nothing is lost: L is IF 3 ... WB 7, 7 = 3 + 4.
  const Outcome plain = run_ripes("ripes-5s", program, {"branches.redirect_taken=false"});
  check_row(plain, 2, "li sp, 2", 3, "IF ID EX MEM WB");
  CHECK(plain.result.stats.cycles == 7);
  CHECK(plain.stalls(StallCause::Control) == 0);
}

TEST_CASE("ripes-5s family: a jal to the next address flushes 2", "[ripes][golden][redirect]") {
  // jal IF 1, ID 2, EX 3 (jumps resolve in EX): L (IF 2, ID 3) is squashed and fetched again
  // in 4: WB 8. 8 = 2 + 4 fill + 2 control. Ripes: 8 on all three.
  for (const char* preset : {"ripes-5s", "ripes-5s-no-fw", "ripes-5s-no-fw-hz"}) {
    INFO(preset);
    const Outcome o = run_ripes(preset, "jal x0, L\nL: addi x2, x0, 2\n");
    check_row_start(o, 1, "li sp, 2", 2, "if id");
    check_row(o, 3, "li sp, 2", 4, "IF ID EX MEM WB");
    CHECK(o.result.stats.cycles == 8);
  }
}

TEST_CASE("ripes-5s-no-fw: a dependent branch taken to the next address stalls, then flushes",
          "[ripes][golden][redirect]") {
  // addi x1 IF 1, ID 2, EX 3, MEM 4, WB 5. bne x1 IF 2, ID 3: x1's producer is in EX (3) and MEM
  // (4): held 2 cycles, reads x1 = 1 in ID 5 (the WB write, split phase), EX 6: taken to L =
  // pc + 4. L: IF 3, held in IF 4 and 5 behind bne, ID 6, squashed; fetched again in 7: ID 8,
  // EX 9, MEM 10, WB 11. 11 = 3 + 4 fill + 2 raw + 2 control. Ripes: 11.
  const Outcome o =
      run_ripes("ripes-5s-no-fw", "addi x1, x0, 1\nbne x1, x0, L\nL: addi x2, x1, 1\n");
  check_row(o, 1, "bnez ra", 2, "IF ID S S EX MEM WB");
  check_row_start(o, 2, "addi sp, ra, 1", 3, "if s s id");
  check_row(o, 4, "addi sp, ra, 1", 7, "IF ID EX MEM WB");  // row 3: the zero word, IF 6
  CHECK(o.result.stats.cycles == 11);
  CHECK(o.stalls(StallCause::Raw) == 2);
  CHECK(o.stalls(StallCause::Control) == 2);
  CHECK(o.result.regs[2] == 2);
}

TEST_CASE("ripes-6s-dual: a branch taken to the next address flushes 3 bundles",
          "[ripes][golden][redirect][dual]") {
  // Pairs (0,4) (8,12) (16,20). (addi x1, nop) IF 1 ID 2 II 3 EX 4 MEM 5 WB 6. (beq, addi x2)
  // IF 2 ID 3 II 4: beq, the older, is control flow and issues alone (EX 5); addi x2 waits in
  // II. (addi x3, the zero word after the code) IF 3, ID 4, held in ID 5. beq is taken in EX 5
  // to L = its pc + 4: II, ID and IF are flushed (addi x2, addi x3) and the pair (12,16) = (addi
  // x2, addi x3) is fetched in 6: ID 7 II 8 EX 9 MEM 10 WB 11. 11 cycles. Two ALU instructions:
  // the older goes to the DATA lane (slot 1, primed). Ripes: 11.
  const Outcome o = run_ripes("ripes-6s-dual",
                              "addi x1, x0, 1\nnop\nbeq x0, x0, L\nL: addi x2, x0, 2\n"
                              "addi x3, x0, 3\n");
  check_row(o, 2, "beqz", 2, "IF ID II EX MEM WB");
  check_row_start(o, 3, "li sp, 2", 2, "if id ii s");  // flushed in II in 5
  check_row_start(o, 4, "li gp, 3", 3, "if id s");
  // rows 5-7: zero words after the code (IF 3 and 4), flushed
  check_row(o, 8, "li sp, 2", 6, "IF ID II EX' MEM' WB'");
  check_row(o, 9, "li gp, 3", 6, "IF ID II EX MEM WB");
  CHECK(o.result.stats.cycles == 11);
  CHECK(o.result.stats.instructions == 5);
  CHECK(o.result.regs[3] == 3);
}

TEST_CASE("ripes-6s-dual: a branch in the younger slot, and a jal, taken to the next address",
          "[ripes][golden][redirect][dual]") {
  // (addi x1, beq) IF 1 ID 2 II 3: an ALU instruction and a younger branch pair (the branch to
  // EXEC, slot 0), EX 4. (addi x2, addi x3) IF 2 ID 3 II 4 (the first pair left II for EX).
  // beq is taken in EX 4 to L = 8, the address of that pair: it is flushed in II and fetched
  // again in 5: ID 6 II 7 EX 8 MEM 9 WB 10. Ripes: 10.
  const Outcome b = run_ripes("ripes-6s-dual",
                              "addi x1, x0, 1\nbeq x0, x0, L\nL: addi x2, x0, 2\naddi x3, x0, 3\n");
  check_row(b, 1, "beqz", 1, "IF ID II EX MEM WB");
  check_row_start(b, 2, "li sp, 2", 2, "if id ii");
  check_row(b, 8, "li sp, 2", 5, "IF ID II EX' MEM' WB'");  // rows 4-7: zero words
  CHECK(b.result.stats.cycles == 10);
  // (jal x5, addi x2) IF 1 ID 2 II 3: jal is control flow and older, so it issues alone, EX 4
  // (taken, to 4: its partner); addi x2 waits in II 4; (addi x3, zero word) IF 2, ID 3, held in
  // ID 4. All flushed; (4, 8) fetched in 5: ID 6 II 7 EX 8 MEM 9 WB 10. Ripes: 10, x5 = 4 there
  // (.text at 0); here .text is at 0x10000.
  const Outcome j = run_ripes("ripes-6s-dual", "jal x5, L\nL: addi x2, x0, 2\naddi x3, x0, 3\n");
  check_row(j, 0, "jal t0", 1, "IF ID II EX MEM WB");
  check_row(j, 6, "li sp, 2", 5, "IF ID II EX' MEM' WB'");  // rows 3-5: zero words
  CHECK(j.result.stats.cycles == 10);
  CHECK(j.result.regs[5] == 0x10004);
}

TEST_CASE("ripes-6s-dual: the younger half of a split pair is not checked against a load ahead",
          "[ripes][golden][dual]") {
  // Not a redirect: the other rule difference the random comparison found. (lw x9, nop) IF 1 ID
  // 2 II 3 EX 4 MEM 5 WB 6. (addi x9, add x10) IF 2 ID 3 II 4: add reads x9 from addi, its
  // older partner, so the pair splits (Ripes decides that in ID, and only addi reaches II).
  // addi reads x0 only: no load-use with lw x9 in EX 4; addi EX 5; add waits in II 5, EX 6 (x9
  // = 5 over EX/MEM -> EX), MEM 7, WB 8. 8 cycles. Checking add against the load, as if its x9
  // came from there, would hold the pair in 4 too (9 cycles). Ripes: 8, x10 = 10.
  const Outcome o = run_ripes("ripes-6s-dual",
                              "lw x9, -4(sp)\nnop\naddi x9, x0, 5\n"
                              "add x10, x9, x9\n");
  check_row(o, 2, "li s1, 5", 2, "IF ID II EX MEM WB");
  check_row(o, 3, "add a0, s1, s1", 2, "IF ID II S EX MEM WB");
  CHECK(o.result.stats.cycles == 8);
  CHECK(o.result.regs[10] == 10);
}
