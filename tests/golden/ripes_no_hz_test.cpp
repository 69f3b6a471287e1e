// Issue 19: the preset `ripes-5s-no-hz`, Ripes' RV32_5S_NO_HZ (forwarding into EX, no hazard
// unit), cycle for cycle, and the key behind it, `forwarded_operands: alu`. Every diagram and
// value is worked out by hand from the rules of docs/config.md ("Ripes compatibility presets"):
//   - IF ID EX MEM WB, split-phase register file (a read in ID in the cycle of the WB write sees
//     the new value), fetch predicts not taken, branches and jumps resolve in EX and squash 2,
//     the program ends by running off its code (the run ends with the last WB);
//   - nothing ever stalls;
//   - only the ALU's inputs (the load/store base and the jalr base included) pass through the
//     forwarding multiplexers. From the instruction 1 ahead (d=1) an ALU input is its EX/MEM
//     latch: its result, and for a load its ADDRESS (the data is read in MEM, a cycle too late);
//     from 2 ahead (d=2) its MEM/WB latch, the value it writes back (load data included);
//   - a branch's comparator inputs and a store's data are the values read in ID: from a producer
//     1 or 2 ahead they are stale (the producer writes back in the consumer's EX or MEM cycle);
//     from 3 ahead the WB of that cycle is seen through the split-phase register file;
//   - the ecall acts in ID at once, reading a7 from the register file.
//
// Cycle numbers: pipesim counts from 1, Ripes' diagram numbers columns from 0; Ripes reports
// cycles = the column of the last WB + 1, so both give the same count (see
// ripes_presets_test.cpp). The diagrams show pipesim's disassembly (x1 = ra, x2 = sp, x5 = t0,
// x6 = t1, x7 = t2).
//
// The independent reference: every program below was also run on Ripes' own RV32_5S_NO_HZ model
// (commit 5b8a616, the headless harness of the research notes); "Ripes:" gives its cycles and
// registers, and its diagrams agree column for column. The programs avoid Ripes' and pipesim's
// different address layouts (.text at 0 and 0x10000; gp preset only in Ripes): data lives at
// 0x7ff00000 (the bottom of pipesim's stack), built with lui, and jump targets come from a link
// register.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/diagram_run.hpp"

using namespace pipesim;
using test::check_row;
using test::Outcome;

namespace {

Outcome run_no_hz(const std::string& source, const std::vector<std::string>& sets = {},
                  Halt halt = Halt::Exit) {
  return test::run_diagram("ripes-5s-no-hz", source, sets, halt);
}

}  // namespace

TEST_CASE("ripes-5s-no-hz: a load forwards its address at distance 1, its data at distance 2",
          "[ripes][golden]") {
  // lui x5 WB 5, addi x6 WB 6. sw x6 (5th, IF 5) reads x5 and x6 in ID 6: x6 is written back
  // that cycle (split-phase), x5 before: it stores 42 at 0x7ff00008.
  // lw x1 IF 6, ID 7, EX 8, MEM 9, WB 10.
  // add x2 (d=1) IF 7, ID 8, EX 9: lw is in MEM, its EX/MEM latch holds the address 0x7ff00008:
  //   x2 = 0xffe00010, no stall.
  // add x7 (d=2) IF 8, EX 10: lw is in WB, its MEM/WB latch holds the data: x7 = 84.
  // 9 instructions, nothing stalls: the last WB is 9 + 4 = 13.
  // Ripes: 13 cycles, 9 retired, x1 = 42, x2 = 0xffe00010, x7 = 84.
  const Outcome o = run_no_hz(
      "lui x5, 0x7ff00\naddi x6, x0, 42\nnop\nnop\nsw x6, 8(x5)\nlw x1, 8(x5)\n"
      "add x2, x1, x1\nadd x7, x1, x1\nnop\n");
  check_row(o, 5, "lw ra, 8(t0)", 6, "IF ID EX MEM WB");
  check_row(o, 6, "add sp, ra, ra", 7, "IF ID EX MEM WB");
  check_row(o, 7, "add t2, ra, ra", 8, "IF ID EX MEM WB");
  CHECK(o.result.stats.cycles == 13);
  CHECK(o.result.stats.instructions == 9);
  CHECK(o.stall_total() == 0);
  CHECK(o.result.regs[1] == 42);
  CHECK(o.result.regs[2] == 0xffe00010);
  CHECK(o.result.regs[7] == 84);
}

TEST_CASE("ripes-5s-no-hz: a branch compares the values read in ID", "[ripes][golden]") {
  // addi x1 IF 1, EX 3, WB 5. bne x1, x0 (d=1) IF 2, ID 3 reads x1 = 0 (written in 5): the
  // comparator is not behind the forwarding multiplexers, so 0 != 0 is false and the branch
  // falls through. addi x5 and x6 execute; 8 instructions, no squash: 8 + 4 = 12.
  // Ripes: 12 cycles, 8 retired, x5 = 5, x6 = 6, x7 = 7.
  const std::string program =
      "addi x1, x0, 1\nbne x1, x0, L\naddi x5, x0, 5\naddi x6, x0, 6\nL: addi x7, x0, 7\n"
      "nop\nnop\nnop\n";
  const Outcome o = run_no_hz(program);
  check_row(o, 1, "bnez ra", 2, "IF ID EX MEM WB");
  check_row(o, 2, "li t0, 5", 3, "IF ID EX MEM WB");
  check_row(o, 3, "li t1, 6", 4, "IF ID EX MEM WB");
  CHECK(o.result.stats.cycles == 12);
  CHECK(o.result.stats.instructions == 8);
  CHECK(o.result.regs[5] == 5);
  CHECK(o.result.regs[6] == 6);
  CHECK(o.result.regs[7] == 7);
  // The same program with the comparator behind the multiplexers (forwarded_operands: all):
  // bne EX 4 gets x1 = 1 over EX/MEM, is taken and squashes addi x5 (ID 4) and addi x6 (IF 4);
  // L is fetched in 5. 6 instructions + 4 fill + 2 control: 12 again, but x5 and x6 stay 0.
  const Outcome all = run_no_hz(program, {"forwarded_operands=all"});
  CHECK(all.result.stats.cycles == 12);
  CHECK(all.result.stats.instructions == 6);
  CHECK(all.result.regs[5] == 0);
}

TEST_CASE("ripes-5s-no-hz: a store's data is read in ID, its base is forwarded",
          "[ripes][golden]") {
  // lui x5 IF 1, WB 5; addi x1 IF 2, WB 6.
  // sw x1, 0(x5) ID 4: data x1 (d=1) read before its WB: 0. Base x5 (d=2) over MEM/WB in EX 5.
  // sw x1, 4(x5) ID 5: data x1 (d=2) still before its WB in 6: 0.
  // sw x1, 8(x5) ID 6: the WB of x1 that cycle is seen (split-phase): 7.
  // The loads read x5 from the register file. 8 instructions: 12.
  // Ripes: 12 cycles, x2 = 0, x6 = 0, x4 = 7.
  const Outcome o = run_no_hz(
      "lui x5, 0x7ff00\naddi x1, x0, 7\nsw x1, 0(x5)\nsw x1, 4(x5)\nsw x1, 8(x5)\n"
      "lw x2, 0(x5)\nlw x6, 4(x5)\nlw x4, 8(x5)\n");
  CHECK(o.result.stats.cycles == 12);
  CHECK(o.stall_total() == 0);
  CHECK(o.result.regs[2] == 0);
  CHECK(o.result.regs[6] == 0);
  CHECK(o.result.regs[4] == 7);
  // A base at distance 1 is an ALU input, the data is not. lui x5 IF 1, EX 2, WB 5.
  // sw x5, 0(x5) ID 3, EX 4: base 0x7ff00000 from lui's EX/MEM latch; data x5 from the ID read
  //   in 3, before lui's WB: 0. It stores 0 at 0x7ff00000.
  // lw x6, 0(x5) EX 5: base from lui's MEM/WB latch (d=2): it loads that 0. 3 instructions: 7.
  // (Forwarding every operand, the store would write 0x7ff00000 and x6 would be 0x7ff00000.)
  // Ripes: 7 cycles, x6 = 0.
  const Outcome b = run_no_hz("lui x5, 0x7ff00\nsw x5, 0(x5)\nlw x6, 0(x5)\n");
  CHECK(b.result.stats.cycles == 7);
  CHECK(b.result.regs[6] == 0);
}

TEST_CASE("ripes-5s-no-hz: a jalr base is forwarded at distance 1", "[ripes][golden]") {
  // jal x5, F IF 1, ID 2, EX 3: taken, squashes addi x6 (ID 3) and addi x7 (IF 3); WB 5 writes
  //   x5 = .text + 4.
  // F: addi x5, x5, 20 IF 4, ID 5 reads x5 in the cycle of jal's WB (split-phase): x5 = .text
  //   + 24 in EX 6.
  // jalr x0, 0(x5) IF 5, ID 6, EX 7: its base (d=1) is addi's EX/MEM latch, .text + 24 (the
  //   stale register value would be .text + 4). It squashes addi x9 (ID 7) and addi x10 (IF 7);
  //   the target, addi x10, is fetched again in 8, addi x11 in 9, WB 13.
  // Retired: jal, addi x5, jalr, addi x10, addi x11 = 5.
  // Ripes: 13 cycles, 5 retired, x9 = 0, x10 = 10, x11 = 11.
  const Outcome o = run_no_hz(
      "jal x5, F\naddi x6, x0, 6\naddi x7, x0, 7\nF: addi x5, x5, 20\njalr x0, 0(x5)\n"
      "addi x9, x0, 9\naddi x10, x0, 10\naddi x11, x0, 11\n");
  CHECK(o.result.stats.cycles == 13);
  CHECK(o.result.stats.instructions == 5);
  CHECK(o.result.regs[9] == 0);
  CHECK(o.result.regs[10] == 10);
  CHECK(o.result.regs[11] == 11);
}

TEST_CASE("ripes-5s-no-hz: the exit ecall acts in ID at once", "[ripes][golden]") {
  // addi a7 WB 5; the ecall (IF 5) is in ID in 6 and reads a7 = 10: exit. addi x1 (IF 6) is
  // squashed; the ecall goes on to WB 9 = 5 + 4. Ripes: 9 cycles, 5 retired, x1 = 0.
  const Outcome o = run_no_hz("addi a7, x0, 10\nnop\nnop\nnop\necall\naddi x1, x0, 1\n");
  check_row(o, 4, "ecall", 5, "IF ID EX MEM WB");
  CHECK(o.result.stats.cycles == 9);
  CHECK(o.result.stats.instructions == 5);
  CHECK(o.result.regs[1] == 0);
}

TEST_CASE("forwarded_operands alu with a hazard unit: the comparator waits for the register file",
          "[ripes][golden]") {
  // 5-stage (branch in EX, full forwarding, hazard detection) with only the ALU inputs
  // forwarded. addi x1 IF 1, EX 3, WB 5. bne x1 IF 2, ID 3: its comparator input comes from
  // the ID read, so it waits in ID while addi x1 is in EX (3) and MEM (4); in 5 addi writes
  // back and the split-phase read sees x1 = 1: bne EX 6, taken, squashes 2; L IF 7 ... WB 11.
  // 2 raw stalls; with forwarded_operands all it would be 0 and end in 9.
  const std::string program =
      "addi x1, x0, 1\nbne x1, x0, L\naddi x5, x0, 5\naddi x6, x0, 6\nL: ebreak\n";
  const Outcome o = test::run_diagram("5-stage", program, {"forwarded_operands=alu"});
  check_row(o, 1, "bnez ra", 2, "IF ID S S EX MEM WB");
  CHECK(o.stalls(StallCause::Raw) == 2);
  CHECK(o.result.stats.cycles == 11);
  const Outcome all = test::run_diagram("5-stage", program);
  CHECK(all.stalls(StallCause::Raw) == 0);
  CHECK(all.result.stats.cycles == 9);
  // A store's data the same way: sw x1 ID 3 waits while addi x1 is in EX and MEM, reads x1 = 7
  // in 5 (split-phase), EX 6, WB 8; ebreak (held in IF 3-5) ID 6 ... WB 9. Its base (sp) is an
  // ALU input but has no producer. Forwarding every operand: no stall, 7.
  const std::string store = "addi x1, x0, 7\nsw x1, -4(sp)\nebreak\n";
  const Outcome s = test::run_diagram("5-stage", store, {"forwarded_operands=alu"});
  check_row(s, 1, "sw ra", 2, "IF ID S S EX MEM WB");
  CHECK(s.stalls(StallCause::Raw) == 2);
  CHECK(s.result.stats.cycles == 9);
  CHECK(test::run_diagram("5-stage", store).result.stats.cycles == 7);
}
