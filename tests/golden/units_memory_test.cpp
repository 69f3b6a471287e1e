// Functional units and memory (issue 4), each case worked out by hand from the rules in
// docs/model.md and checked against the real model: the diagram cells of every correct-path
// row, the cycle count, the stall cycles by cause and the cache counters. The rules used:
//   - 5-stage IF ID EX MEM WB, full forwarding; cycle 1 is the first IF; the run ends in the
//     cycle the ebreak is in WB; a stall shows `S`;
//   - blocking execute: an operation stays `latency` cycles in EX (EX in each cycle) and
//     freezes everything behind it; every extra cycle is a `structural` bubble;
//   - parallel execute: decode issues in order into a unit (`ALU`, `MUL1 MUL2 MUL3`, `DIV`
//     16 cycles busy until done); an instruction issued in cycle c leaves its unit for MEM in
//     cycle c + 1 + latency, a cycle reserved at issue (one write-back port); decode holds an
//     instruction whose operands will not be there (raw), whose unit is busy or whose MEM cycle
//     is taken (structural), or that would complete before an older write to its register
//     (waw); ecall/ebreak also wait until they would complete after everything older. A slot
//     of MEM nobody reserved is charged to whatever kept decode from issuing a 1-cycle
//     instruction 2 cycles before (a multi-cycle issue counts as structural);
//   - memory: a fetch or data access that takes k cycles holds IF or MEM for k cycles (the
//     stage name in each), freezing what is behind; every extra cycle is a `memory` bubble;
//     caches: hit 1 cycle, miss 1 + 10; with one shared memory port a load or store in MEM
//     takes the port and nothing is fetched in that cycle (a `structural` bubble).
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/diagram_run.hpp"

using namespace pipesim;
using test::check_row;
using test::Outcome;

namespace {

constexpr unsigned a0 = 10, a2 = 12, a3 = 13, a4 = 14;

const char* kDivThenDependentAdd =
    "li a1, 100\n"
    "li a2, 7\n"
    "div a0, a1, a2\n"
    "add a3, a0, a1\n"
    "ebreak\n";

}  // namespace

TEST_CASE("units: blocking divide holds EX 16 cycles; the dependent add is forwarded", "[units]") {
  // div enters EX in 5 and stays 16 cycles (5..20), MEM 21, WB 22. add: ID 5, frozen 6..20,
  // EX 21 with a0 over EX/MEM->EX. ebreak: IF 5, frozen 6..20, ID 21 ... WB 24.
  // 24 = 5 instructions + 4 fill + 15 structural (the div's extra cycles).
  const Outcome o = test::run_diagram("5-stage-mul-div", kDivThenDependentAdd);
  check_row(o, 2, "div a0, a1, a2", 3, "IF ID EX*16 MEM WB");
  check_row(o, 3, "add a3, a0, a1", 4, "IF ID S*15 EX MEM WB");
  check_row(o, 4, "ebreak", 5, "IF S*15 ID EX MEM WB");
  CHECK(o.result.stats.cycles == 24);
  CHECK(o.stalls(StallCause::Structural) == 15);
  CHECK(o.stall_total() == 15);
  CHECK(o.result.regs[a3] == 114);
}

TEST_CASE("units: parallel divide; the dependent add waits in ID for the result (raw)", "[units]") {
  // div issues in 4: DIV 5..20, MEM 21. add (ID 5) needs a0 from the DIV's output latch, there
  // from the end of 20: it issues in 20, ALU 21, MEM 22. ebreak: ID 21, issues in 21 (after
  // the add in MEM order), WB 24. MEM slots: 6 lost to the div's issue (structural), 7..20 to
  // the add's hold (raw, 14). 24 = 5 + 4 + 1 + 14.
  const Outcome o = test::run_diagram("5-stage-parallel-fu", kDivThenDependentAdd);
  check_row(o, 1, "li a2, 7", 2, "IF ID ALU MEM WB");
  check_row(o, 2, "div a0, a1, a2", 3, "IF ID DIV*16 MEM WB");
  check_row(o, 3, "add a3, a0, a1", 4, "IF ID S*15 ALU MEM WB");
  check_row(o, 4, "ebreak", 5, "IF S*15 ID ALU MEM WB");
  CHECK(o.result.stats.cycles == 24);
  CHECK(o.stalls(StallCause::Raw) == 14);
  CHECK(o.stalls(StallCause::Structural) == 1);
  CHECK(o.stall_total() == 15);
  CHECK(o.result.regs[a3] == 114);
}

TEST_CASE("units: two independent divides need a second divider to overlap", "[units]") {
  const std::string src =
      "li a1, 100\n"
      "li a2, 7\n"
      "div a0, a1, a2\n"
      "div a3, a1, a2\n"
      "ebreak\n";
  SECTION("one divider: the second waits until the first leaves it") {
    // div1 DIV 5..20. div2 (ID 5) finds DIV busy until its done cycle 20: issues in 20, DIV
    // 21..36, MEM 37. ebreak: ID 21, must complete after div2 (MEM 37): issues in 36, ALU 37,
    // MEM 38, WB 39. MEM slots lost: 6 (div1 issue), 7..20 (div2 held), 22 (div2 issue),
    // 23..36 (ebreak held): 30 structural. 39 = 5 + 4 + 30.
    const Outcome o = test::run_diagram("5-stage-parallel-fu", src);
    check_row(o, 2, "div a0, a1, a2", 3, "IF ID DIV*16 MEM WB");
    check_row(o, 3, "div a3, a1, a2", 4, "IF ID S*15 DIV*16 MEM WB");
    check_row(o, 4, "ebreak", 5, "IF S*15 ID S*15 ALU MEM WB");
    CHECK(o.result.stats.cycles == 39);
    CHECK(o.stalls(StallCause::Structural) == 30);
    CHECK(o.stall_total() == 30);
  }
  SECTION("two dividers: the divides overlap") {
    // div1 DIV#1 5..20, MEM 21; div2 issues in 5: DIV#2 6..21, MEM 22. ebreak: ID 6, issues in
    // 21 (after div2's MEM 22), WB 24. MEM slots lost: 6, 7 (two multi-cycle issues), 8..20
    // (ebreak held): 15 structural. 24 = 5 + 4 + 15.
    const Outcome o = test::run_diagram("5-stage-two-dividers", src);
    check_row(o, 2, "div a0, a1, a2", 3, "IF ID DIV#1*16 MEM WB");
    check_row(o, 3, "div a3, a1, a2", 4, "IF ID DIV#2*16 MEM WB");
    check_row(o, 4, "ebreak", 5, "IF ID S*15 ALU MEM WB");
    CHECK(o.result.stats.cycles == 24);
    CHECK(o.stalls(StallCause::Structural) == 15);
    CHECK(o.stall_total() == 15);
  }
}

TEST_CASE("units: WAW in parallel mode stalls issue until the older write completes first",
          "[units]") {
  // div (issued 4) leaves DIV for MEM in 21. li a0 (ID 5) would reach MEM in c + 2 < 21: held
  // for waw in 5..18; in 19 its MEM cycle 21 is the div's (structural); issues in 20, ALU 21,
  // MEM 22. ebreak: ID 21, issues, WB 24. MEM slots: 6 (div issue, structural), 7..20 (waw,
  // 14). a0 ends as 1, the later write.
  const Outcome o = test::run_diagram("5-stage-parallel-fu",
                                      "li a1, 100\n"
                                      "li a2, 7\n"
                                      "div a0, a1, a2\n"
                                      "li a0, 1\n"
                                      "ebreak\n");
  check_row(o, 3, "li a0, 1", 4, "IF ID S*15 ALU MEM WB");
  CHECK(o.result.stats.cycles == 24);
  CHECK(o.stalls(StallCause::Waw) == 14);
  CHECK(o.stalls(StallCause::Structural) == 1);
  CHECK(o.result.regs[a0] == 1);
}

TEST_CASE("units: a write-back port conflict delays the later instruction one cycle", "[units]") {
  // mul issues in 3: MUL1 4, MUL2 5, MUL3 6, MEM 7. addi a2 issues in 4: ALU 5, MEM 6. addi a3
  // (ID 5) would enter MEM in 7, the mul's cycle: held one cycle (structural), ALU 7, MEM 8.
  // ebreak: frozen in IF in 6, ID 7, WB 10. The one lost MEM slot is 5 (the mul's issue).
  const Outcome o = test::run_diagram("5-stage-parallel-fu",
                                      "li a1, 3\n"
                                      "mul a0, a1, a1\n"
                                      "addi a2, a1, 1\n"
                                      "addi a3, a1, 2\n"
                                      "ebreak\n");
  check_row(o, 1, "mul a0, a1, a1", 2, "IF ID MUL1 MUL2 MUL3 MEM WB");
  check_row(o, 2, "addi a2, a1, 1", 3, "IF ID ALU MEM WB");
  check_row(o, 3, "addi a3, a1, 2", 4, "IF ID S ALU MEM WB");
  check_row(o, 4, "ebreak", 5, "IF S ID ALU MEM WB");
  CHECK(o.result.stats.cycles == 10);
  CHECK(o.stalls(StallCause::Structural) == 1);
  CHECK(o.stall_total() == 1);
  // One hold decision (addi a3 in 5); the slot lost to the mul's issue is not a hold.
  CHECK(o.result.stats.stall_events[static_cast<std::size_t>(StallCause::Structural)] == 1);
  CHECK(o.result.regs[a0] == 9);
  CHECK(o.result.regs[a3] == 5);
}

TEST_CASE("units: a fault waits for older operations still in a unit (precise)", "[units]") {
  // The load from address 0 faults; the divide issued before it is still in DIV when the load
  // reaches WB. pipesim completes the divide first and squashes what follows the load: the
  // registers are exactly those of sequential execution (the lockstep check compares them).
  const PipelineConfig config = load_config("5-stage-parallel-fu", {});
  const Program program = assemble(
                              "li a1, 100\n"
                              "li a2, 7\n"
                              "div a0, a1, a2\n"
                              "lw a3, 0(zero)\n"
                              "li a4, 9\n"
                              "ebreak\n",
                              "fault.s")
                              .program;
  CapturedIo io;
  const MachineResult r = run_machine(config, program, io, {}, RunLimits{1000}, true);
  CHECK(r.halt == Halt::Fault);
  CHECK(r.pc == 0x1000c);
  CHECK(r.regs[a0] == 14);
  CHECK(r.regs[a4] == 0);
  const PipelineStats& st = r.stats;
  CHECK(st.halt_slots == 1);  // the faulting store's end-stage slot
  CHECK(st.issue_width * st.cycles ==
        st.instructions + st.fill_cycles + st.total_stall_cycles() + st.halt_slots);
}

TEST_CASE("units: a held-back fault with the end stage before write-back", "[units]") {
  // The same program with MEM as the end stage: the divide commits in MEM after the load that
  // faults (held back until then), and its a0 = 100 / 7 = 14 has not been written back when the
  // fault is raised. Sequential execution leaves a0 = 14 at the fault, so the run must too (it
  // ended with a0 = 0 and --check reported an internal error; found by the parallel timing
  // engine's author).
  const PipelineConfig config = load_config("5-stage-parallel-fu", {"end_stage=MEM"});
  const Program program = assemble(
                              "li a1, 100\n"
                              "li a2, 7\n"
                              "div a0, a1, a2\n"
                              "lw a3, 0(zero)\n"
                              "ebreak\n",
                              "fault.s")
                              .program;
  CapturedIo io;
  const MachineResult r = run_machine(config, program, io, {}, RunLimits{1000}, true);
  CHECK_FALSE(r.divergence);
  CHECK(r.halt == Halt::Fault);
  CHECK(r.pc == 0x1000c);
  CHECK(r.regs[a0] == 14);
  CHECK(r.regs[a3] == 0);
}

TEST_CASE("units: a faulting store in WB waits for an older mul still in MEM", "[units]") {
  // Found by the whole-run fuzzer (tests/fuzz/corpus/run/crash-94c2...). mul: IF 3, ID 4,
  // MUL1-3 5..7, MEM 8, WB 9. sw to address 0: IF 4, ID 5, ALU 6, MEM 7 (faults), WB 8, ahead
  // of the mul. The mul must not be squashed with what is younger than the store: it completes
  // in 9 and the fault is raised then. li a4: ID 6; issuing in 7 would reach MEM in 8, the
  // mul's cycle, so it waits (S in 7) and is in ALU in 8 when the store squashes it.
  // 9 = 3 instructions + 4 fill + 1 structural (the MEM slot of 6 lost to the mul, seen in WB
  // in 7) + the store's cycle in WB.
  const Outcome o = test::run_diagram("5-stage-parallel-fu",
                                      "li a1, 6\n"
                                      "li a2, 7\n"
                                      "mul a0, a1, a2\n"
                                      "sw a1, 0(zero)\n"
                                      "li a4, 9\n"
                                      "ebreak\n",
                                      {}, Halt::Fault);
  check_row(o, 2, "mul a0, a1, a2", 3, "IF ID MUL1 MUL2 MUL3 MEM WB");
  check_row(o, 3, "sw a1, 0(zero)", 4, "IF ID ALU MEM WB");
  CHECK(o.result.stats.cycles == 9);
  CHECK(o.result.stats.instructions == 3);
  CHECK(o.stalls(StallCause::Structural) == 1);
  CHECK(o.result.pc == 0x1000c);
  CHECK(o.result.regs[a0] == 42);
  CHECK(o.result.regs[a4] == 0);
}

TEST_CASE("memory: one shared memory port; a load in MEM delays a fetch", "[memory]") {
  // lw is in MEM in cycle 5 and has the port: nothing is fetched in 5 (H&P figure C.4); the
  // third addi is fetched in 6. 11 = 6 + 4 + 1 structural.
  const Outcome o = test::run_diagram("5-stage-unified-memory",
                                      "lui a1, 0x100\n"
                                      "lw a0, 0(a1)\n"
                                      "addi a2, zero, 1\n"
                                      "addi a3, zero, 2\n"
                                      "addi a4, zero, 3\n"
                                      "ebreak\n"
                                      ".data\n"
                                      ".word 5\n");
  check_row(o, 1, "lw a0, 0(a1)", 2, "IF ID EX MEM WB");
  check_row(o, 3, "li a3, 2", 4, "IF ID EX MEM WB");
  check_row(o, 4, "li a4, 3", 6, "IF ID EX MEM WB");
  check_row(o, 5, "ebreak", 7, "IF ID EX MEM WB");
  CHECK(o.result.stats.cycles == 11);
  CHECK(o.stalls(StallCause::Structural) == 1);
  CHECK(o.stall_total() == 1);
  CHECK(o.result.regs[a0] == 5);
}

TEST_CASE("memory: a loop misses in both caches in its first iteration, then hits", "[memory]") {
  // Text lines (16 B): A = lui li lw addi, B = bnez ebreak. lui misses in IF (1..11); li, lw,
  // addi hit (IF 12, 13, 14). lw misses in MEM (16..26), freezing addi in EX (S 17..26). bnez
  // misses in IF (15..25), then waits in IF in 26, ID 27, EX 28: taken, flushing ebreak (IF 27,
  // ID 28) and the word after it (IF 28). Iteration 2 (all hits): lw IF 29 .. WB 33, bnez EX
  // 33 flushes 2; iteration 3: lw IF 34, bnez EX 38 not taken, ebreak IF 37 .. WB 41.
  // 41 = 12 instructions + 4 fill + 21 memory (10 + 10 + 1: the bubble bnez's miss left in
  // ID, frozen behind the load's miss) + 4 control.
  const Outcome o = test::run_diagram("5-stage-cache",
                                      "  lui a1, 0x100\n"
                                      "  li t0, 3\n"
                                      "loop:\n"
                                      "  lw a0, 0(a1)\n"
                                      "  addi t0, t0, -1\n"
                                      "  bnez t0, loop\n"
                                      "  ebreak\n"
                                      ".data\n"
                                      ".word 5\n");
  check_row(o, 0, "lui a1, 0x100", 1, "IF*11 ID EX MEM WB");
  check_row(o, 1, "li t0, 3", 12, "IF ID EX MEM WB");
  check_row(o, 2, "lw a0, 0(a1)", 13, "IF ID EX MEM*11 WB");
  check_row(o, 3, "addi t0, t0, -1", 14, "IF ID EX S*10 MEM WB");
  check_row(o, 4, "bnez t0", 15, "IF*11 S ID EX MEM WB");
  check_row(o, 7, "lw a0, 0(a1)", 29, "IF ID EX MEM WB");
  check_row(o, 12, "lw a0, 0(a1)", 34, "IF ID EX MEM WB");
  check_row(o, 15, "ebreak", 37, "IF ID EX MEM WB");
  const PipelineStats& st = o.result.stats;
  CHECK(st.cycles == 41);
  CHECK(st.instructions == 12);
  CHECK(o.stalls(StallCause::Memory) == 21);
  CHECK(o.stalls(StallCause::Control) == 4);
  CHECK(o.stall_total() == 25);
  // Fetches in cycles 1, 12-15, 27-40 (19); misses: lui, bnez, and 0x10020 fetched in 40.
  CHECK(st.icache.accesses == 19);
  CHECK(st.icache.misses == 3);
  CHECK(st.icache.hits == 16);
  CHECK(st.dcache.accesses == 3);
  CHECK(st.dcache.misses == 1);
  CHECK(st.dcache.hits == 2);
  CHECK(st.dcache.evictions == 0);
}

TEST_CASE("memory: two addresses thrash a direct-mapped cache; 2 ways fix it", "[memory]") {
  // 0x100000 and 0x100200 are 512 bytes apart: the same set of the 512 B direct-mapped data
  // cache (32 sets of 16 B), and the same set of a 2-way one (16 sets). Direct-mapped, each of
  // the 8 loads evicts the other line: 8 misses, 7 evictions. 2-way: only the first two miss.
  // Later iterations fetch no new text lines, so each extra miss costs exactly 10 cycles.
  const std::string src =
      "  lui a1, 0x100\n"
      "  li t0, 4\n"
      "loop:\n"
      "  lw a0, 0(a1)\n"
      "  lw a2, 512(a1)\n"
      "  addi t0, t0, -1\n"
      "  bnez t0, loop\n"
      "  ebreak\n"
      ".data\n"
      ".word 5\n"
      ".skip 508\n"
      ".word 7\n";
  const Outcome dm = test::run_diagram("5-stage-cache", src);
  const Outcome two = test::run_diagram("5-stage-cache", src, {"memory.dcache.ways=2"});
  CHECK(dm.result.stats.dcache.accesses == 8);
  CHECK(dm.result.stats.dcache.misses == 8);
  CHECK(dm.result.stats.dcache.evictions == 7);
  CHECK(two.result.stats.dcache.misses == 2);
  CHECK(two.result.stats.dcache.hits == 6);
  CHECK(two.result.stats.dcache.evictions == 0);
  CHECK(dm.result.stats.cycles - two.result.stats.cycles == 60);
  CHECK(dm.stalls(StallCause::Memory) - two.stalls(StallCause::Memory) == 60);
  CHECK(dm.result.regs[a2] == 7);
}

TEST_CASE("memory: write-back evicts dirty lines at a cost; write-through never allocates",
          "[memory]") {
  // sw to 0x100000 then lw from 0x100200 (same direct-mapped set). Write-back: the store
  // misses and allocates a dirty line; the load misses and evicts it: one write-back, costing
  // another 10 cycles. Write-through: the store misses without allocating (1 cycle, a write
  // buffer takes it); the load misses into an empty set: no eviction.
  const std::string src =
      "  lui a1, 0x100\n"
      "  sw a1, 0(a1)\n"
      "  lw a0, 512(a1)\n"
      "  ebreak\n"
      ".data\n"
      ".skip 1024\n";
  const Outcome wb = test::run_diagram("5-stage-cache", src);
  const Outcome wt =
      test::run_diagram("5-stage-cache", src, {"memory.dcache.write_policy=write-through"});
  CHECK(wb.result.stats.dcache.misses == 2);
  CHECK(wb.result.stats.dcache.evictions == 1);
  CHECK(wb.result.stats.dcache.writebacks == 1);
  CHECK(wt.result.stats.dcache.misses == 2);
  CHECK(wt.result.stats.dcache.evictions == 0);
  CHECK(wt.result.stats.dcache.writebacks == 0);
  // Store: 10 extra cycles write-back (allocate), 0 write-through; load: 10 + 10 (dirty victim)
  // write-back, 10 write-through: 30 vs 10 memory stall cycles.
  CHECK(wb.stalls(StallCause::Memory) - wt.stalls(StallCause::Memory) == 20);
}
