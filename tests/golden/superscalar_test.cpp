// Superscalar issue (issue 19), hand-derived on `2-wide` (Patterson & Hennessy's static
// two-issue: slot 0 takes alu/mul/div/branch, slot 1 takes mem; packets aligned to 8 bytes) and
// `2-wide-any` (two identical slots, any two consecutive instructions, one memory access and one
// branch per cycle), both on the 5-stage pipeline, with --set variants. Each case is worked out
// cycle by cycle from the rules in docs/config.md "Issue" and sim/pipe/pipeline_issue.cpp, then
// compared with the model's instruction records (the cycle each stage is entered, the issue slot)
// and its counters (cycles, stall slots by cause, issue slots by reason, fill, halt_slots).
//
// The rules used in every derivation below:
//   - 5 stages IF ID EX MEM WB, full forwarding, branches resolved in EX, predict not-taken;
//     cycle 1 is the first fetch; code starts at 0x10000 (a packet boundary);
//   - fetch brings 2 instructions per cycle; on `2-wide` only up to the 8-byte boundary;
//   - ID issues in program order, each instruction into the first free slot accepting its class;
//     an instruction that cannot issue keeps itself and the ones behind it in ID; its empty EX
//     slot carries the reason (the first rule it breaks: a data hazard, then dependent,
//     slot_class, memory_port, branch, read_ports, write_ports);
//   - an instruction left in ID: on `2-wide` (aligned) the next packet waits in IF until ID is
//     empty, and the slot beside the leftover when it issues is charged `alignment`; on
//     `2-wide-any` the oldest fetched instruction joins it in ID at once;
//   - a width-2 machine has 2 WB slots per cycle: 2 fill slots in each of cycles 1-4, and the
//     identity 2 x cycles == instructions + fill + stall slots + halt_slots;
//   - the run ends in the cycle the halting instruction is in WB; an instruction beside it that is
//     younger does not commit (a halt slot), and nothing fetched behind it is counted;
//   - ebreak, ecall and nop are of class alu; they read and write no register for pairing.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/wide_run.hpp"

using namespace pipesim;
using test::check_insn;
using test::WideRun;

namespace {

constexpr uint32_t kBase = 0x10000;
constexpr unsigned a0 = 10, a1 = 11, a2 = 12;

// The Issue stall event that held the instruction at `consumer_pc` (with its reason).
const Event* issue_stall(const WideRun& r, uint32_t consumer_pc) {
  const InsnRecord* c = r.at_pc(consumer_pc);
  if (!c) return nullptr;
  for (const Event& e : r.stalls)
    if (e.seq == c->seq && e.cause == StallCause::Issue) return &e;
  return nullptr;
}

void check_no_other_stalls(const WideRun& r, uint64_t issue_total) {
  CHECK(r.stalls_of(StallCause::Issue) == issue_total);
  uint64_t by_reason = 0;
  for (uint64_t v : r.stats().issue_reasons) by_reason += v;
  CHECK(by_reason == issue_total);
}

}  // namespace

TEST_CASE("2-wide: an ALU and a memory instruction issue together in every packet",
          "[superscalar]") {
  // c1 IF {0,4}; c2 ID {0,4}: addi in slot 0, sw in slot 1, both issue; IF {8,c}.
  // c3 EX {0,4}, ID {8,c} both issue, IF {10,14}. c4 ID {ebreak, lw}: ebreak slot 0, lw slot 1.
  // WB: c5 {0,4}, c6 {8,c}, c7 {ebreak, lw}: the run ends; the lw beside the ebreak is younger
  // and does not commit: 1 halt slot. 7 cycles: 14 slots = 5 instructions + 8 fill + 1 halt.
  const WideRun r = test::run_wide("2-wide",
                                   "addi a0, zero, 5\n"
                                   "sw   zero, -8(sp)\n"
                                   "addi a2, zero, 7\n"
                                   "lw   a1, -8(sp)\n"
                                   "ebreak\n"
                                   "lw   a1, -8(sp)\n");
  check_insn(r, kBase + 0, {1, 2, 3, 4, 5}, 0);
  check_insn(r, kBase + 4, {1, 2, 3, 4, 5}, 1);
  check_insn(r, kBase + 8, {2, 3, 4, 5, 6}, 0);
  check_insn(r, kBase + 12, {2, 3, 4, 5, 6}, 1);
  check_insn(r, kBase + 16, {3, 4, 5, 6, 7}, 0);
  check_insn(r, kBase + 20, {3, 4, 5, 6, 7}, 1, /*committed=*/false);
  CHECK(r.stats().cycles == 7);
  CHECK(r.stats().instructions == 5);
  CHECK(r.stats().fill_cycles == 8);
  CHECK(r.stats().total_stall_cycles() == 0);
  CHECK(r.stats().halt_slots == 1);
  CHECK(r.result.regs[a0] == 5);
  CHECK(r.result.regs[a2] == 7);
}

TEST_CASE("2-wide: dependent, alignment and slot_class leave slot 1 empty", "[superscalar]") {
  // c2 ID {addi a0, sw a0}: the sw reads a0, which the addi issuing in this cycle writes:
  //   dependent (producer addi, register a0). EX c3 {addi, -dependent}.
  // c3 ID {sw}: it issues alone (the aligned packet {ebreak, nop} waits in IF until ID is
  //   empty): EX c4 {sw, -alignment}.
  // c4 ID {ebreak, nop}: ebreak takes slot 0; the nop (alu) has no free slot that accepts alu:
  //   slot_class. EX c5 {ebreak, -slot_class}.
  // WB: c5 {addi, -dep}, c6 {sw, -align}, c7 {ebreak, -slot_class}: the run ends.
  // 7 cycles: 14 = 3 instructions + 8 fill + 3 issue (one of each reason).
  const WideRun r = test::run_wide("2-wide",
                                   "addi a0, zero, 5\n"
                                   "sw   a0, -8(sp)\n"
                                   "ebreak\n"
                                   "nop\n");
  check_insn(r, kBase + 0, {1, 2, 3, 4, 5}, 0);
  check_insn(r, kBase + 4, {1, 2, 4, 5, 6}, 1);
  check_insn(r, kBase + 8, {2, 4, 5, 6, 7}, 0);
  CHECK(r.stats().cycles == 7);
  CHECK(r.stats().instructions == 3);
  CHECK(r.stats().fill_cycles == 8);
  CHECK(r.stats().halt_slots == 0);
  CHECK(r.issue_of(IssueReason::Dependent) == 1);
  CHECK(r.issue_of(IssueReason::Alignment) == 1);
  CHECK(r.issue_of(IssueReason::SlotClass) == 1);
  check_no_other_stalls(r, 3);
  CHECK(r.stats().total_stall_cycles() == 3);
  const Event* dep = issue_stall(r, kBase + 4);
  REQUIRE(dep != nullptr);
  CHECK(dep->reason == IssueReason::Dependent);
  CHECK(dep->other == r.at_pc(kBase)->seq);
  CHECK(dep->reg == a0);
  const Event* cls = issue_stall(r, kBase + 12);
  REQUIRE(cls != nullptr);
  CHECK(cls->reason == IssueReason::SlotClass);
}

TEST_CASE("2-wide: load-use between packets costs both slots of a cycle", "[superscalar]") {
  // c2 ID {addi a0, lw a1}: independent, slots 0 and 1, both issue. IF {add, sw}.
  // c3 ID {add a2,a1,a0; sw a2}: the lw (slot 1) is in EX; its value exists after MEM (c4), the
  //   add would need it in EX in c4: load_use, the add and the sw behind it stay: EX c4 gets two
  //   load_use bubbles.
  // c4 ID: the lw is in MEM, MEM/WB -> EX forwards a1 in c5: the add issues (slot 0); the sw
  //   reads a2, which the add writes: dependent. EX c5 {add, -dep}.
  // c5 ID {sw}: alone (aligned): EX c6 {sw, -alignment}. IF {ebreak, nop} moves to ID.
  // c6 ID {ebreak, nop}: slot_class. EX c7 {ebreak, -slot_class}.
  // WB: c5 {addi, lw}, c6 {-lu, -lu}, c7 {add, -dep}, c8 {sw, -align}, c9 {ebreak, -class}.
  // 9 cycles: 18 = 5 instructions + 8 fill + 2 load_use + 3 issue.
  const WideRun r = test::run_wide("2-wide",
                                   "addi a0, zero, 1\n"
                                   "lw   a1, -8(sp)\n"
                                   "add  a2, a1, a0\n"
                                   "sw   a2, -12(sp)\n"
                                   "ebreak\n"
                                   "nop\n");
  check_insn(r, kBase + 0, {1, 2, 3, 4, 5}, 0);
  check_insn(r, kBase + 4, {1, 2, 3, 4, 5}, 1);
  check_insn(r, kBase + 8, {2, 3, 5, 6, 7}, 0);
  check_insn(r, kBase + 12, {2, 3, 6, 7, 8}, 1);
  check_insn(r, kBase + 16, {3, 6, 7, 8, 9}, 0);
  CHECK(r.stats().cycles == 9);
  CHECK(r.stats().instructions == 5);
  CHECK(r.stats().fill_cycles == 8);
  CHECK(r.stalls_of(StallCause::LoadUse) == 2);
  CHECK(r.issue_of(IssueReason::Dependent) == 1);
  CHECK(r.issue_of(IssueReason::Alignment) == 1);
  CHECK(r.issue_of(IssueReason::SlotClass) == 1);
  check_no_other_stalls(r, 3);
  CHECK(r.stats().total_stall_cycles() == 5);
  CHECK(r.result.regs[a2] == 1);
}

TEST_CASE("2-wide: a taken branch flushes its younger partner; a target at pc%8==4 fetches alone",
          "[superscalar]") {
  // c2 ID {beq (slot 0), lw (slot 1)}: both issue. IF {addi, sw}. c3: ID {addi, sw}, IF
  //   {0x10, 0x14}; the beq resolves taken in EX and flushes the lw beside it in EX (younger),
  //   the 2 in ID and the 2 in IF: 5 slots lost to control.
  // c4 IF {ebreak at 0x14 (pc % 8 == 4)}: the aligned packet ends at 0x18, the second fetch
  //   position stays empty: alignment. It travels with the ebreak: ID c5, EX c6, MEM c7, WB c8.
  // WB: c5 {beq, -control (the lw)}, c6 {-control, -control}, c7 {-control, -control},
  //   c8 {ebreak, -alignment}. 8 cycles: 16 = 2 instructions + 8 fill + 5 control + 1 issue.
  const WideRun r = test::run_wide("2-wide",
                                   "    beq  zero, zero, target\n"
                                   "    lw   a0, -8(sp)\n"
                                   "    addi a1, zero, 1\n"
                                   "    sw   a1, -8(sp)\n"
                                   "    nop\n"
                                   "target:\n"
                                   "    ebreak\n");
  check_insn(r, kBase + 0, {1, 2, 3, 4, 5}, 0);
  const InsnRecord* lw = r.at_pc(kBase + 4);
  REQUIRE(lw != nullptr);
  CHECK(!lw->committed);
  CHECK(lw->flushed_by == r.at_pc(kBase)->seq);
  CHECK(lw->enter[2] == 3);  // it was in EX beside the branch
  CHECK(lw->enter[3] == 0);
  // The ebreak's first fetch (IF c3, behind the branch) was flushed; the second is the target.
  check_insn(r, kBase + 20, {4, 5, 6, 7, 8}, 0, true, 1);
  CHECK(r.stats().cycles == 8);
  CHECK(r.stats().instructions == 2);
  CHECK(r.stats().fill_cycles == 8);
  CHECK(r.stalls_of(StallCause::Control) == 5);
  CHECK(r.issue_of(IssueReason::Alignment) == 1);
  check_no_other_stalls(r, 1);
  CHECK(r.stats().total_stall_cycles() == 6);
  CHECK(r.stats().halt_slots == 0);
}

TEST_CASE("2-wide-any: two memory accesses in a packet: memory_port; the leftover pairs on",
          "[superscalar]") {
  // c2 ID {lw a0, lw a1}: the second load finds the one memory access of the cycle taken:
  //   memory_port. EX c3 {lw a0, -memory_port}. Not aligned: the ebreak joins the leftover lw
  //   in ID at once.
  // c3 ID {lw a1 (slot 0), ebreak (slot 1)}: they issue together. WB c6 {lw a1, ebreak}.
  // WB: c5 {lw a0, -memory_port}, c6 {lw a1, ebreak}. 6 cycles: 12 = 3 + 8 fill + 1 issue.
  // The same program with issue.memory_per_cycle=2: both loads issue in c2 (slots 0 and 1),
  // {ebreak, nop} in c3; WB c6 {ebreak, nop}, the nop younger: 1 halt slot. 6 cycles:
  // 12 = 3 + 8 fill + 0 stalls + 1 halt.
  const std::string program =
      "lw   a0, -8(sp)\n"
      "lw   a1, -12(sp)\n"
      "ebreak\n"
      "nop\n";
  const WideRun r = test::run_wide("2-wide-any", program);
  check_insn(r, kBase + 0, {1, 2, 3, 4, 5}, 0);
  check_insn(r, kBase + 4, {1, 2, 4, 5, 6}, 0);
  check_insn(r, kBase + 8, {2, 3, 4, 5, 6}, 1);
  CHECK(r.stats().cycles == 6);
  CHECK(r.stats().instructions == 3);
  CHECK(r.stats().fill_cycles == 8);
  CHECK(r.issue_of(IssueReason::MemoryPort) == 1);
  check_no_other_stalls(r, 1);
  CHECK(r.stats().total_stall_cycles() == 1);

  const WideRun two = test::run_wide("2-wide-any", program, {"issue.memory_per_cycle=2"});
  check_insn(two, kBase + 0, {1, 2, 3, 4, 5}, 0);
  check_insn(two, kBase + 4, {1, 2, 3, 4, 5}, 1);
  check_insn(two, kBase + 8, {2, 3, 4, 5, 6}, 0);
  check_insn(two, kBase + 12, {2, 3, 4, 5, 6}, 1, /*committed=*/false);
  CHECK(two.stats().cycles == 6);
  CHECK(two.stats().total_stall_cycles() == 0);
  CHECK(two.stats().halt_slots == 1);
}

TEST_CASE("2-wide-any: two branches in a packet: branch", "[superscalar]") {
  // Two never-taken branches: c2 ID {bne, bne}: the second finds the one branch of the cycle
  //   taken: branch. EX c3 {bne, -branch}. The ebreak joins the leftover bne in ID: c3 they issue
  //   together; WB c6. 6 cycles: 12 = 3 instructions + 8 fill + 1 issue.
  const WideRun r = test::run_wide("2-wide-any",
                                   "    bne  zero, zero, away\n"
                                   "    bne  zero, zero, away\n"
                                   "    ebreak\n"
                                   "away:\n"
                                   "    ebreak\n");
  check_insn(r, kBase + 0, {1, 2, 3, 4, 5}, 0);
  check_insn(r, kBase + 4, {1, 2, 4, 5, 6}, 0);
  check_insn(r, kBase + 8, {2, 3, 4, 5, 6}, 1);
  CHECK(r.stats().cycles == 6);
  CHECK(r.issue_of(IssueReason::Branch) == 1);
  check_no_other_stalls(r, 1);
  CHECK(r.stats().total_stall_cycles() == 1);
}

TEST_CASE("2-wide-any: register-file ports: read_ports and write_ports", "[superscalar]") {
  // issue.read_ports=3: c2 ID {add a0,a1,a2 (2 reads); add a3,a4,a5 (2 more: 4 > 3)}:
  //   read_ports. The ebreak (no reads) joins the leftover in c3 and they issue together.
  //   6 cycles: 12 = 3 instructions + 8 fill + 1 issue.
  const WideRun rp = test::run_wide("2-wide-any",
                                    "add a0, a1, a2\n"
                                    "add a3, a4, a5\n"
                                    "ebreak\n"
                                    "nop\n",
                                    {"issue.read_ports=3"});
  check_insn(rp, kBase + 4, {1, 2, 4, 5, 6}, 0);
  check_insn(rp, kBase + 8, {2, 3, 4, 5, 6}, 1);
  CHECK(rp.stats().cycles == 6);
  CHECK(rp.issue_of(IssueReason::ReadPorts) == 1);
  check_no_other_stalls(rp, 1);
  // Reading x0 uses no port: two addi (1 read each) pair on 2 ports.
  const WideRun x0 = test::run_wide("2-wide-any",
                                    "addi a0, a1, 1\n"
                                    "addi a3, a4, 1\n"
                                    "ebreak\n"
                                    "nop\n",
                                    {"issue.read_ports=2"});
  check_insn(x0, kBase + 4, {1, 2, 3, 4, 5}, 1);
  CHECK(x0.stats().total_stall_cycles() == 0);

  // issue.write_ports=1: c2 ID {addi a0; addi a1}: both write a register: write_ports. The
  //   ebreak (no result) pairs with the leftover in c3. 6 cycles, 1 issue slot.
  const WideRun wp = test::run_wide("2-wide-any",
                                    "addi a0, zero, 1\n"
                                    "addi a1, zero, 2\n"
                                    "ebreak\n"
                                    "nop\n",
                                    {"issue.write_ports=1"});
  check_insn(wp, kBase + 4, {1, 2, 4, 5, 6}, 0);
  check_insn(wp, kBase + 8, {2, 3, 4, 5, 6}, 1);
  CHECK(wp.stats().cycles == 6);
  CHECK(wp.issue_of(IssueReason::WritePorts) == 1);
  check_no_other_stalls(wp, 1);
  CHECK(wp.result.regs[a1] == 2);
}

TEST_CASE(
    "2-wide-any: RAW between slots is forwarded across lanes, or waits for the "
    "register file without cross-lane forwarding",
    "[superscalar]") {
  // c2 ID {addi a0 (slot 0), addi a1 (slot 1)}: independent, issue together. c3 ID {add a2,a1,a1
  //   (slot 0); ebreak (slot 1)}: a1 comes from slot 1's addi in EX: EX/MEM -> EX in c4, forwarded
  //   into slot 0. They issue together: WB c6. 6 cycles: 12 = 4 + 8 fill. 2 forwards (rs1, rs2).
  const std::string program =
      "addi a0, zero, 5\n"
      "addi a1, zero, 6\n"
      "add  a2, a1, a1\n"
      "ebreak\n";
  const WideRun r = test::run_wide("2-wide-any", program);
  check_insn(r, kBase + 8, {2, 3, 4, 5, 6}, 0);
  check_insn(r, kBase + 12, {2, 3, 4, 5, 6}, 1);
  CHECK(r.stats().cycles == 6);
  CHECK(r.stats().total_stall_cycles() == 0);
  CHECK(r.stats().forwards == 2);
  CHECK(r.result.regs[a2] == 12);

  // issue.cross_lane_forwarding=false: the add (slot 0) can take a1 (slot 1) only from the
  //   register file: the addi writes it in WB in c5 (split phase: read in ID that cycle). The add
  //   stays in ID in c3 and c4 (raw, the ebreak behind it): EX c4, c5 get two raw bubbles each;
  //   c5 the add and the ebreak issue: EX c6, WB c8. 8 cycles: 16 = 4 + 8 fill + 4 raw. No
  //   forwards.
  const WideRun n = test::run_wide("2-wide-any", program, {"issue.cross_lane_forwarding=false"});
  check_insn(n, kBase + 8, {2, 3, 6, 7, 8}, 0);
  check_insn(n, kBase + 12, {2, 3, 6, 7, 8}, 1);
  CHECK(n.stats().cycles == 8);
  CHECK(n.stalls_of(StallCause::Raw) == 4);
  CHECK(n.stats().total_stall_cycles() == 4);
  CHECK(n.stats().forwards == 0);
  CHECK(n.result.regs[a2] == 12);
}

TEST_CASE("2-wide-any: WAW in one packet: the younger value wins", "[superscalar]") {
  // c2 ID {addi a0,1; addi a0,2}: no source depends on the other: they issue together. c3 ID
  //   {add a1,a0,zero; ebreak}: a0 from the YOUNGER addi (the last position of EX): forwarded.
  //   WB c6. 6 cycles: 12 = 4 + 8 fill. a0 == a1 == 2, as sequential execution gives.
  const WideRun r = test::run_wide("2-wide-any",
                                   "addi a0, zero, 1\n"
                                   "addi a0, zero, 2\n"
                                   "add  a1, a0, zero\n"
                                   "ebreak\n");
  check_insn(r, kBase + 4, {1, 2, 3, 4, 5}, 1);
  check_insn(r, kBase + 8, {2, 3, 4, 5, 6}, 0);
  CHECK(r.stats().cycles == 6);
  CHECK(r.stats().total_stall_cycles() == 0);
  CHECK(r.result.regs[a0] == 2);
  CHECK(r.result.regs[a1] == 2);
}

TEST_CASE("2-wide-any: a store and a load of one address in one packet (memory_per_cycle=2)",
          "[superscalar]") {
  // c2 ID {addi a0,42; addi a2,0}: issue together. c3 ID {sw a0; lw a1} at the same address:
  //   two memory accesses are allowed: they issue together (a0 forwarded to the sw). In MEM c5
  //   the older sw writes before the lw reads: a1 == 42. c4 ID {ebreak, nop}: together; WB c7,
  //   the nop younger: 1 halt slot. 7 cycles: 14 = 5 + 8 fill + 1 halt.
  const WideRun r = test::run_wide("2-wide-any",
                                   "addi a0, zero, 42\n"
                                   "addi a2, zero, 0\n"
                                   "sw   a0, -8(sp)\n"
                                   "lw   a1, -8(sp)\n"
                                   "ebreak\n"
                                   "nop\n",
                                   {"issue.memory_per_cycle=2"});
  check_insn(r, kBase + 8, {2, 3, 4, 5, 6}, 0);
  check_insn(r, kBase + 12, {2, 3, 4, 5, 6}, 1);
  check_insn(r, kBase + 16, {3, 4, 5, 6, 7}, 0);
  CHECK(r.stats().cycles == 7);
  CHECK(r.stats().total_stall_cycles() == 0);
  CHECK(r.stats().halt_slots == 1);
  CHECK(r.result.regs[a1] == 42);
}

TEST_CASE("2-wide-any: an exit ecall with a younger partner; a fault in slot 0 with a partner",
          "[superscalar]") {
  // Exit: c2 ID {li a7,93; li a0,3} together, c3 ID {ecall; addi a1} together; WB c6: the ecall
  //   exits (reading a7 and a0 at completion), the addi beside it is younger: 1 halt slot.
  //   6 cycles: 12 = 3 instructions + 8 fill + 1 halt.
  const WideRun e = test::run_wide("2-wide-any",
                                   "addi a7, zero, 93\n"
                                   "addi a0, zero, 3\n"
                                   "ecall\n"
                                   "addi a1, zero, 1\n",
                                   {}, Halt::Exit);
  check_insn(e, kBase + 8, {2, 3, 4, 5, 6}, 0);
  check_insn(e, kBase + 12, {2, 3, 4, 5, 6}, 1, /*committed=*/false);
  CHECK(e.result.exit_code == 3);
  CHECK(e.stats().cycles == 6);
  CHECK(e.stats().instructions == 3);
  CHECK(e.stats().halt_slots == 1);
  CHECK(e.stats().total_stall_cycles() == 0);
  CHECK(e.result.regs[a1] == 0);

  // Fault: c2 ID {lw a0, 0(zero) (slot 0); addi a1 (slot 1)} together; the load of address 0
  //   faults; it reaches WB in c5 with the addi beside it and neither commits: 2 halt slots.
  //   5 cycles: 10 = 0 instructions + 8 fill + 2 halt.
  const WideRun f = test::run_wide("2-wide-any",
                                   "lw   a0, 0(zero)\n"
                                   "addi a1, zero, 1\n"
                                   "ebreak\n",
                                   {}, Halt::Fault);
  check_insn(f, kBase + 0, {1, 2, 3, 4, 5}, 0, /*committed=*/false);
  check_insn(f, kBase + 4, {1, 2, 3, 4, 5}, 1, /*committed=*/false);
  CHECK(f.stats().cycles == 5);
  CHECK(f.stats().instructions == 0);
  CHECK(f.stats().fill_cycles == 8);
  CHECK(f.stats().halt_slots == 2);
  CHECK(f.result.regs[a1] == 0);
}

TEST_CASE("2-wide-any with a 2-bit predictor: a predicted-taken branch ends its fetch packet",
          "[superscalar]") {
  // 5-stage-2bit made 2 wide (the issue defaults are 2-wide-any's: any alignment, identical
  // slots, 1 memory access and 1 branch a cycle); counters start weakly not-taken, BTB empty.
  // c2 ID {li t0,2; addi t0,t0,-1}: dependent (t0). EX c3 {li, -dep}. The nop joins the addi.
  // c3 ID {addi, nop} issue. c4 ID {bnez, ebreak} issue together (the ebreak is not a branch).
  // c5 EX: bnez taken (t0 = 1), predicted not taken: it flushes the ebreak beside it in EX, the
  //   2 in ID and the 2 in IF (5 control slots); counter -> weakly taken, BTB learns 0x0c -> 0x04.
  // c6 IF {addi', nop'}. c7 IF {bnez', -branch}: the BTB hit predicts taken, the fetch packet
  //   ends at it, fetch goes on at 0x04. c8 ID {bnez', -branch}: it issues alone, the bubble
  //   beside it carries the reason to WB. c8 IF {addi'', nop''}, c9 IF {bnez'', -branch}.
  // c9 EX: bnez' not taken (t0 = 0), predicted taken: it flushes ID and IF (4 control slots);
  //   c10 IF {ebreak, nop}, c11 ID (together), WB c14: the nop is younger: 1 halt slot.
  // WB: c5 {li, -dep}, c6 {addi, nop}, c7 {bnez, -ctl}, c8 {-ctl x2}, c9 {-ctl x2},
  //   c10 {addi', nop'}, c11 {bnez', -branch}, c12 {-ctl x2}, c13 {-ctl x2}, c14 {ebreak, nop}.
  // 14 cycles: 28 = 8 instructions + 8 fill + 9 control + 2 issue + 1 halt.
  const WideRun r = test::run_wide("5-stage-2bit",
                                   "      addi t0, zero, 2\n"
                                   "loop: addi t0, t0, -1\n"
                                   "      nop\n"
                                   "      bnez t0, loop\n"
                                   "      ebreak\n"
                                   "      nop\n",
                                   {"issue_width=2"});
  check_insn(r, kBase + 0, {1, 2, 3, 4, 5}, 0);
  check_insn(r, kBase + 4, {1, 2, 4, 5, 6}, 0);
  check_insn(r, kBase + 8, {2, 3, 4, 5, 6}, 1);
  check_insn(r, kBase + 12, {2, 4, 5, 6, 7}, 0);
  check_insn(r, kBase + 4, {6, 7, 8, 9, 10}, 0, true, 1);
  check_insn(r, kBase + 12, {7, 8, 9, 10, 11}, 0, true, 1);
  check_insn(r, kBase + 16, {10, 11, 12, 13, 14}, 0, true, 1);
  CHECK(r.stats().cycles == 14);
  CHECK(r.stats().instructions == 8);
  CHECK(r.stats().fill_cycles == 8);
  CHECK(r.stalls_of(StallCause::Control) == 9);
  CHECK(r.issue_of(IssueReason::Dependent) == 1);
  CHECK(r.issue_of(IssueReason::Branch) == 1);
  check_no_other_stalls(r, 2);
  CHECK(r.stats().total_stall_cycles() == 11);
  CHECK(r.stats().halt_slots == 1);
  CHECK(r.stats().mispredictions == 2);
}
