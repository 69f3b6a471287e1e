// Forwarding paths declared per lane (issue 19, "Forwarding per lane"; docs/config.md
// "Forwarding"): a path's `from_lanes` / `to_lanes` name the issue slots it joins, and a value
// goes from the producer's slot to the consumer's only through a path joining both. Hand-derived
// on `2-wide-any` (5 stages IF ID EX MEM WB, two identical slots, any alignment, one memory access
// per cycle, split-phase register file, code at 0x10000) with its forwarding replaced by --set.
//
// The rules used below (besides those at the top of tests/golden/superscalar_test.cpp):
//   - c1 IF {i0, i1}; c2 ID: both issue, i0 into slot 0, i1 into slot 1; c2 IF {i2, i3}, which
//     reach ID in c3 where the older one takes slot 0 and the younger slot 1;
//   - a producer in EX in cycle c offers its value next cycle through the EX/MEM latch (the path
//     EX -> EX) and the cycle after through the MEM/WB latch (MEM -> EX); without a path joining
//     its slot to the consumer's it is read from the register file in ID, in the cycle the
//     producer is in WB (split phase), as with no forwarding at all;
//   - a held instruction keeps the one behind it in ID: both EX slots of that cycle are stall
//     slots of the hazard's cause; 2 x cycles = instructions + 8 fill + stall slots.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/wide_run.hpp"

using namespace pipesim;
using test::check_insn;
using test::WideRun;

namespace {

constexpr uint32_t kBase = 0x10000;
constexpr unsigned a1 = 11, a2 = 12;

// EX -> EX joins each slot only to itself; MEM -> EX joins every slot to every slot.
const char* const kOwnLaneBypass =
    R"(forwarding=[{"from": "EX", "to": "EX", "from_lanes": [0], "to_lanes": [0]},)"
    R"( {"from": "EX", "to": "EX", "from_lanes": [1], "to_lanes": [1]},)"
    R"( {"from": "MEM", "to": "EX"}])";

// Only slot 1's results are forwarded, and only into slot 0.
const char* const kOneToZero =
    R"(forwarding=[{"from": "EX", "to": "EX", "from_lanes": [1], "to_lanes": [0]},)"
    R"( {"from": "MEM", "to": "EX", "from_lanes": [1], "to_lanes": [0]}])";

// i0, i1 = two independent instructions, one of them writing a1; i2 = add a2, a1, a1; i3 = ebreak.
std::string program(const char* i0, const char* i1) {
  return std::string(i0) + "\n" + i1 + "\nadd  a2, a1, a1\nebreak\n";
}

}  // namespace

TEST_CASE("lane forwarding: an own-lane EX/MEM bypass costs a cross-lane consumer one cycle",
          "[superscalar][forwarding]") {
  // Same slot: addi a1 (slot 0) in EX in c3; the add, slot 0 in ID in c3, takes a1 through
  //   EX -> EX (slot 0 -> 0) in c4. No stall: WB c6, 6 cycles, 12 = 4 + 8 fill. 2 forwards.
  const WideRun same = test::run_wide("2-wide-any", program("addi a1, zero, 6", "addi a0, zero, 5"),
                                      {kOwnLaneBypass});
  check_insn(same, kBase + 0, {1, 2, 3, 4, 5}, 0);
  check_insn(same, kBase + 8, {2, 3, 4, 5, 6}, 0);
  CHECK(same.stats().cycles == 6);
  CHECK(same.stats().total_stall_cycles() == 0);
  CHECK(same.stats().forwards == 2);

  // Across slots: addi a1 is in slot 1, the add in slot 0. In c3 the add would need a1 from the
  //   EX/MEM latch in c4, whose path does not join slot 1 to slot 0: held (raw; the ebreak behind
  //   it too). In c4 the addi is in MEM: in c5 its value is in the MEM/WB latch, whose path joins
  //   every slot: the add issues (still slot 0, the first free one), EX c5, WB c7. One cycle more
  //   than with the bypass into every slot: 7 cycles, 14 = 4 + 8 fill + 2 raw. 2 forwards (MEM ->
  //   EX). (With issue.cross_lane_forwarding=false it waits for the register file: 8 cycles,
  //   superscalar_test.cpp.)
  const WideRun cross = test::run_wide(
      "2-wide-any", program("addi a0, zero, 5", "addi a1, zero, 6"), {kOwnLaneBypass});
  check_insn(cross, kBase + 4, {1, 2, 3, 4, 5}, 1);
  check_insn(cross, kBase + 8, {2, 3, 5, 6, 7}, 0);
  check_insn(cross, kBase + 12, {2, 3, 5, 6, 7}, 1);
  CHECK(cross.stats().cycles == 7);
  CHECK(cross.stalls_of(StallCause::Raw) == 2);
  CHECK(cross.stats().total_stall_cycles() == 2);
  CHECK(cross.stats().forwards == 2);
  CHECK(cross.result.regs[a2] == 12);
}

TEST_CASE("lane forwarding: a path only from slot 1 into slot 0", "[superscalar][forwarding]") {
  // Slot 1 -> slot 0: addi a1 (slot 1) in EX in c3, the add (slot 0) takes it through EX -> EX in
  //   c4 as on a single-issue machine: no stall, 6 cycles, 12 = 4 + 8 fill, 2 forwards.
  const WideRun r =
      test::run_wide("2-wide-any", program("addi a0, zero, 5", "addi a1, zero, 6"), {kOneToZero});
  check_insn(r, kBase + 8, {2, 3, 4, 5, 6}, 0);
  CHECK(r.stats().cycles == 6);
  CHECK(r.stats().total_stall_cycles() == 0);
  CHECK(r.stats().forwards == 2);
  CHECK(r.result.regs[a2] == 12);

  // Slot 0 -> slot 0: no path joins them: the add waits for the register file. The addi (slot 0)
  //   is in WB in c5: the add is held in ID in c3 and c4 (raw, 2 slots each), reads a1 in c5 and
  //   issues: EX c6, WB c8. 8 cycles, 16 = 4 + 8 fill + 4 raw; nothing forwarded.
  const WideRun own =
      test::run_wide("2-wide-any", program("addi a1, zero, 6", "addi a0, zero, 5"), {kOneToZero});
  check_insn(own, kBase + 8, {2, 3, 6, 7, 8}, 0);
  CHECK(own.stats().cycles == 8);
  CHECK(own.stalls_of(StallCause::Raw) == 4);
  CHECK(own.stats().total_stall_cycles() == 4);
  CHECK(own.stats().forwards == 0);
  CHECK(own.result.regs[a2] == 12);

  // Load-use, slot 1 -> slot 0, as on a single-issue machine: the lw (slot 1) is in EX in c3; its
  //   value exists at the end of MEM (c4) and is in the MEM/WB latch in c5, whose path joins
  //   slot 1 to slot 0. The add (slot 0) is held in c3 (load_use: 2 slots) and issues in c4 (slot
  //   0 again): EX c5, WB c7. 7 cycles, 14 = 4 + 8 fill + 2 load_use; a1 forwarded twice.
  const WideRun load =
      test::run_wide("2-wide-any", program("addi a0, zero, 5", "lw   a1, -8(sp)"), {kOneToZero});
  check_insn(load, kBase + 4, {1, 2, 3, 4, 5}, 1);
  check_insn(load, kBase + 8, {2, 3, 5, 6, 7}, 0);
  check_insn(load, kBase + 12, {2, 3, 5, 6, 7}, 1);
  CHECK(load.stats().cycles == 7);
  CHECK(load.stalls_of(StallCause::LoadUse) == 2);
  CHECK(load.stats().total_stall_cycles() == 2);
  CHECK(load.stats().forwards == 2);
}

TEST_CASE("lane forwarding: a slot move that would lose a forwarded operand is not made",
          "[superscalar][forwarding]") {
  // Slot 0 takes every class, slot 1 every class but mem; EX -> EX joins each slot to itself.
  //   c2 ID {addi a1 (slot 0), addi a0 (slot 1)}. c3 ID {add a2,a1,a1; lw}: the add would take
  //   slot 0, where a1 comes from slot 0's EX/MEM latch in c4: no hazard. The lw needs slot 0;
  //   the only way to place it is to move the add to slot 1, where the EX -> EX path does not
  //   reach: the move is not made, the lw has no slot (issue slot_class: 1 slot). The add issues
  //   alone (slot 0): WB c6. c4 ID {lw, ebreak} (the ebreak was fetched in c3): both issue
  //   (slots 0, 1): WB c7. 7 cycles, 14 = 5 + 8 fill + 1 issue.
  // With the bypass into every slot the add moves to slot 1 and the lw takes slot 0: both issue
  //   in c3 (WB c6). The ebreak reaches ID in c4 beside the nop after it (slot 1), WB c7: still
  //   7 cycles, 14 = 5 + 8 fill + 1 halt slot (the younger nop never commits). (Above, the nop
  //   stays in IF in c4 behind the lw and the ebreak: no halt slot.)
  const std::string source =
      "addi a1, zero, 6\n"
      "addi a0, zero, 5\n"
      "add  a2, a1, a1\n"
      "lw   a3, -8(sp)\n"
      "ebreak\n"
      "nop\n";
  const char* const slots =
      R"(issue.slots=[["alu", "mul", "div", "branch", "mem"], ["alu", "mul", "div", "branch"]])";
  const WideRun r = test::run_wide("2-wide-any", source, {slots, kOwnLaneBypass});
  check_insn(r, kBase + 8, {2, 3, 4, 5, 6}, 0);
  check_insn(r, kBase + 12, {2, 3, 5, 6, 7}, 0);
  check_insn(r, kBase + 16, {3, 4, 5, 6, 7}, 1);
  CHECK(r.stats().cycles == 7);
  CHECK(r.issue_of(IssueReason::SlotClass) == 1);
  CHECK(r.stats().total_stall_cycles() == 1);
  CHECK(r.stats().halt_slots == 0);
  CHECK(r.result.regs[a2] == 12);

  const WideRun every = test::run_wide("2-wide-any", source, {slots});
  check_insn(every, kBase + 8, {2, 3, 4, 5, 6}, 1);
  check_insn(every, kBase + 12, {2, 3, 4, 5, 6}, 0);
  check_insn(every, kBase + 16, {3, 4, 5, 6, 7}, 0);
  CHECK(every.stats().cycles == 7);
  CHECK(every.stats().total_stall_cycles() == 0);
  CHECK(every.stats().halt_slots == 1);
}
