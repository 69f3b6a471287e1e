// The `ripes-6s-dual` preset against Ripes' RV32_6S_DUAL (docs/config.md "Ripes dual-issue
// preset"). Every case is worked out by hand from the rules below; the independent reference is
// Ripes' own model run headlessly (/work/wt/ripes_harness, `harness dual`), whose count for the
// same program without the final ebreak is noted as "Ripes: N cycles". Ripes ends a program when
// the pipeline has drained, so its count is the cycle of the last real instruction's WB; pipesim
// (until `program_end: drain` exists) ends at the halting ebreak's WB, so each case checks when
// every instruction entered each stage, and that the last real instruction's WB is Ripes' count.
//
// The rules used in every derivation (1-based cycles: Ripes' diagram column c is cycle c + 1):
//   - IF ID II EX MEM WB; fetch brings the pair (pc, pc+4) and pairs never merge: a pair moves
//     into a stage only when the whole stage ahead is free;
//   - the pair issues from II to EX. The older one issues alone (the younger a cycle later,
//     holding ID and IF behind it) when: the older is a branch or jump; both are loads/stores;
//     either depends on the other (RAW or WAR); the younger is a system instruction (ebreak);
//   - load-use: a load in EX and a reader of its rd in II hold the whole II group 1 cycle (the
//     load's value exists at the end of MEM and is forwarded from WB into EX);
//   - ALU results forward EX/MEM→EX and MEM/WB→EX, so ALU→ALU never stalls;
//   - branches and jumps resolve in EX, predict not-taken: a taken one flushes II, ID and IF, and
//     the target pair is fetched the next cycle;
//   - slot 0 is Ripes' EXEC lane, slot 1 its DATA lane: a load/store goes to DATA, the other
//     instruction to EXEC; two ALU instructions: the older to DATA.
#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/recorder.hpp"

using namespace pipesim;

namespace {

struct DualRun {
  MachineResult result;
  std::vector<InsnRecord> insns;  // in program order of their sequence numbers
};

DualRun run_dual(const std::string& source) {
  const PipelineConfig config = load_config("ripes-6s-dual", {});
  const Program program = assemble(source, "ripes_dual.s").program;
  CapturedIo io;
  report::Recorder recorder;
  TraceSink* sinks[] = {&recorder};
  DualRun r;
  r.result = run_machine(config, program, io, sinks, RunLimits{10000}, /*check=*/true);
  r.insns = recorder.instructions();
  std::sort(r.insns.begin(), r.insns.end(),
            [](const InsnRecord& a, const InsnRecord& b) { return a.seq < b.seq; });
  const PipelineStats& st = r.result.stats;
  CHECK(r.result.halt == Halt::Ebreak);
  CHECK(st.issue_width == 2);
  CHECK(2 * st.cycles ==
        st.instructions + st.fill_cycles + st.total_stall_cycles() + st.halt_slots);
  return r;
}

// The cycles an instruction entered IF ID II EX MEM WB, "-" for a stage it never entered.
std::string entries(const InsnRecord& r) {
  std::string s;
  for (uint32_t stage = 0; stage < 6; ++stage) {
    if (!s.empty()) s += ' ';
    s += r.enter[stage] ? std::to_string(r.enter[stage]) : "-";
  }
  return s;
}

// The instructions that ran (fetched, committed or flushed), as `pc: entries`, in program order
// of fetch (by sequence number); `lanes` adds the issue slot of those that issued.
std::vector<std::string> timeline(const DualRun& r, bool lanes = false) {
  std::vector<std::string> out;
  for (const InsnRecord& i : r.insns) {
    std::string line = std::to_string(i.pc - 0x10000) + ": " + entries(i);
    if (lanes && i.enter[3]) line += " lane " + std::to_string(i.lane);
    if (!i.committed) line += " flushed";
    out.push_back(line);
  }
  return out;
}

using Lines = std::vector<std::string>;

}  // namespace

TEST_CASE("ripes-6s-dual: four independent ALU instructions issue in pairs", "[ripes][dual]") {
  // (0,4) IF1 ID2 II3 EX4 MEM5 WB6; (8,12) one cycle behind: WB7 = Ripes' count. The ebreak
  // pair (16, 20: the zero word after the program) follows: ebreak issues alone in II5, WB8.
  // Two ALU instructions: the older goes to DATA (slot 1), the younger to EXEC (slot 0).
  // Ripes: 7 cycles.
  const DualRun r =
      run_dual("addi x1, x0, 1\naddi x2, x0, 2\naddi x3, x0, 3\naddi x4, x0, 4\nebreak\n");
  const Lines want = {"0: 1 2 3 4 5 6 lane 1", "4: 1 2 3 4 5 6 lane 0", "8: 2 3 4 5 6 7 lane 1",
                      "12: 2 3 4 5 6 7 lane 0", "16: 3 4 5 6 7 8 lane 0"};
  Lines got = timeline(r, true);
  got.resize(want.size());  // the zero word behind ebreak is squashed at the halt
  CHECK(got == want);
  CHECK(r.result.stats.cycles == 8);
  CHECK(r.result.regs[4] == 4);
}

TEST_CASE("ripes-6s-dual: RAW inside a pair splits it", "[ripes][dual]") {
  // addi x1 issues alone in II3 (EX4 ... WB6); addi x2 reads x1: it waits in II3 and issues in
  // II4 (EX5, x1 forwarded EX/MEM→EX), WB7 = Ripes' count. The ebreak pair waits in ID4 (II is
  // not empty), enters II5, WB8. Ripes: 7 cycles.
  const DualRun r = run_dual("addi x1, x0, 1\naddi x2, x1, 1\nebreak\n");
  Lines got = timeline(r);
  got.resize(3);
  CHECK(got == Lines{"0: 1 2 3 4 5 6", "4: 1 2 3 5 6 7", "8: 2 3 5 6 7 8"});
  CHECK(r.result.stats.cycles == 8);
  CHECK(r.result.regs[2] == 2);
}

TEST_CASE("ripes-6s-dual: WAR inside a pair splits it too", "[ripes][dual]") {
  // addi x1,x0,5 writes x1, which the older addi x2,x1,1 reads: Ripes splits the pair all the
  // same (conservative). Same timing as RAW: x1's writer WB7. Ripes: 7 cycles. x2 = 0 + 1.
  const DualRun r = run_dual("addi x2, x1, 1\naddi x1, x0, 5\nebreak\n");
  Lines got = timeline(r);
  got.resize(3);
  CHECK(got == Lines{"0: 1 2 3 4 5 6", "4: 1 2 3 5 6 7", "8: 2 3 5 6 7 8"});
  CHECK(r.result.regs[2] == 1);
  CHECK(r.result.regs[1] == 5);
}

TEST_CASE("ripes-6s-dual: a split pair, then load-use", "[ripes][dual]") {
  // lw issues alone in II3 (add depends on it), EX4 MEM5 WB6. add: II3 (split), II4 (load-use:
  // lw in EX), II5 (lw's value exists at the end of MEM5), EX6 MEM7 WB8 = Ripes' count.
  // ebreak: ID3..5, II6, WB9. Ripes: 8 cycles.
  const DualRun r = run_dual("lw x1, -4(sp)\nadd x2, x1, x1\nebreak\n");
  Lines got = timeline(r);
  got.resize(3);
  CHECK(got == Lines{"0: 1 2 3 4 5 6", "4: 1 2 3 6 7 8", "8: 2 3 6 7 8 9"});
  CHECK(r.result.stats.cycles == 9);
}

TEST_CASE("ripes-6s-dual: load-use across pairs holds the whole pair", "[ripes][dual]") {
  // (lw x1, addi x5) issue together in II3: lw to DATA (slot 1), addi to EXEC (slot 0); EX4.
  // (add x6, addi x7) in II4: add reads x1, lw is in EX: the whole pair waits (addi x7 too), II5,
  // EX6 MEM7 WB8 = Ripes' count. ebreak: ID4, ID5 (II busy), II6, WB9. Ripes: 8 cycles.
  const DualRun r =
      run_dual("lw x1, -4(sp)\naddi x5, x0, 5\nadd x6, x1, x1\naddi x7, x0, 7\nebreak\n");
  Lines got = timeline(r, true);
  got.resize(5);
  CHECK(got == Lines{"0: 1 2 3 4 5 6 lane 1", "4: 1 2 3 4 5 6 lane 0", "8: 2 3 4 6 7 8 lane 1",
                     "12: 2 3 4 6 7 8 lane 0", "16: 3 4 6 7 8 9 lane 0"});
  CHECK(r.result.stats.cycles == 9);
  CHECK(r.result.stats.stall_cycles[static_cast<std::size_t>(StallCause::LoadUse)] == 2);
}

TEST_CASE("ripes-6s-dual: two loads split (one DATA lane)", "[ripes][dual]") {
  // lw x1 issues in II3, lw x4 in II4 (one memory slot). (addi x5, addi x6) waits in ID3, ID4,
  // enters II5, EX6 MEM7 WB8 = Ripes' count. The ebreak pair waits in IF3, IF4, ID5, II6, WB9.
  // Ripes: 8 cycles.
  const DualRun r =
      run_dual("lw x1, -4(sp)\nlw x4, -8(sp)\naddi x5, x0, 5\naddi x6, x0, 6\nebreak\n");
  Lines got = timeline(r, true);
  got.resize(5);
  CHECK(got == Lines{"0: 1 2 3 4 5 6 lane 1", "4: 1 2 3 5 6 7 lane 1", "8: 2 3 5 6 7 8 lane 1",
                     "12: 2 3 5 6 7 8 lane 0", "16: 3 5 6 7 8 9 lane 0"});
  CHECK(r.result.stats.cycles == 9);
}

TEST_CASE("ripes-6s-dual: an ALU instruction and a load pair with the load in DATA",
          "[ripes][dual]") {
  // addi; lw: the load takes DATA (slot 1), so the older addi goes to EXEC (slot 0), and the
  // pair issues together; the same for addi; sw. WB6, WB7 = Ripes' count. Ripes: 7 cycles.
  const DualRun r =
      run_dual("addi x5, x0, 5\nlw x1, -4(sp)\naddi x6, x0, 6\nsw x5, -12(sp)\nebreak\n");
  Lines got = timeline(r, true);
  got.resize(5);
  CHECK(got == Lines{"0: 1 2 3 4 5 6 lane 0", "4: 1 2 3 4 5 6 lane 1", "8: 2 3 4 5 6 7 lane 0",
                     "12: 2 3 4 5 6 7 lane 1", "16: 3 4 5 6 7 8 lane 0"});
  CHECK(r.result.stats.cycles == 8);
}

TEST_CASE("ripes-6s-dual: a taken branch as the younger of a pair", "[ripes][dual]") {
  // (addi x1, beq) issue together in II3; beq resolves taken in EX4 and flushes II (addi x2,
  // addi x3, entered II4), ID (L and ebreak, ID4) and IF (the pair at 24, IF4). The target pair
  // (L, ebreak) is fetched in IF5, ID6, II7: addi x4 issues alone (ebreak issues alone), EX8
  // MEM9 WB10 = Ripes' count; ebreak II8, WB11. Ripes: 10 cycles.
  const DualRun r = run_dual(
      "addi x1, x0, 1\nbeq x0, x0, L\naddi x2, x0, 2\naddi x3, x0, 3\nL: addi x4, x0, 4\n"
      "ebreak\n");
  Lines got = timeline(r);
  got.resize(8);
  CHECK(got == Lines{"0: 1 2 3 4 5 6", "4: 1 2 3 4 5 6", "8: 2 3 4 - - - flushed",
                     "12: 2 3 4 - - - flushed", "16: 3 4 - - - - flushed",
                     "20: 3 4 - - - - flushed", "24: 4 - - - - - flushed",
                     "28: 4 - - - - - flushed"});
  Lines target = timeline(r);
  target.erase(target.begin(), target.begin() + 8);
  target.resize(2);
  CHECK(target == Lines{"16: 5 6 7 8 9 10", "20: 5 6 7 9 10 11"});
  CHECK(r.result.stats.cycles == 11);
  CHECK(r.result.regs[3] == 0);  // addi x3 was flushed
  CHECK(r.result.regs[4] == 4);
}

TEST_CASE("ripes-6s-dual: a not-taken branch as the older of a pair issues alone",
          "[ripes][dual]") {
  // bne issues alone in II3 (a branch issues last in its group), not taken in EX4. addi x5
  // issues in II4 (EX5 WB7). (x6, x7) wait in ID3, ID4, II5, WB8. (x9, ebreak): IF3, IF4, ID5,
  // II6: addi x9 issues alone, WB9 = Ripes' count; ebreak II7, WB10. Ripes: 9 cycles.
  const DualRun r = run_dual(
      "bne x0, x0, L\naddi x5, x0, 5\naddi x6, x0, 6\naddi x7, x0, 7\nL: addi x9, x0, 9\n"
      "ebreak\n");
  Lines got = timeline(r);
  got.resize(6);
  CHECK(got == Lines{"0: 1 2 3 4 5 6", "4: 1 2 3 5 6 7", "8: 2 3 5 6 7 8", "12: 2 3 5 6 7 8",
                     "16: 3 5 6 7 8 9", "20: 3 5 6 8 9 10"});
  CHECK(r.result.stats.cycles == 10);
}

TEST_CASE("ripes-6s-dual: a taken branch as the older of a pair", "[ripes][dual]") {
  // beq issues alone in II3, taken in EX4: it flushes addi x5 (still in II), (x6, x7) in ID and
  // (L, x10) in IF. The target pair (L, x10) is fetched again in IF5, ID6, II7, EX8, WB10 =
  // Ripes' count. Ripes: 10 cycles.
  const DualRun r = run_dual(
      "beq x0, x0, L\naddi x5, x0, 5\naddi x6, x0, 6\naddi x7, x0, 7\nL: addi x9, x0, 9\n"
      "addi x10, x0, 10\nebreak\n");
  Lines got = timeline(r);
  got.resize(8);
  CHECK(got == Lines{"0: 1 2 3 4 5 6", "4: 1 2 3 - - - flushed", "8: 2 3 - - - - flushed",
                     "12: 2 3 - - - - flushed", "16: 3 - - - - - flushed",
                     "20: 3 - - - - - flushed", "16: 5 6 7 8 9 10", "20: 5 6 7 8 9 10"});
  CHECK(r.result.stats.cycles == 11);
  CHECK(r.result.regs[5] == 0);
  CHECK(r.result.regs[10] == 10);
}

TEST_CASE("ripes-6s-dual: a not-taken branch as the younger of a pair", "[ripes][dual]") {
  // (addi x1, bne) issue together in II3 (a branch may be the younger); (x5, x6) II4, WB7;
  // (x9, ebreak) II5: addi x9 alone, WB8 = Ripes' count; ebreak II6, WB9. Ripes: 8 cycles.
  const DualRun r = run_dual(
      "addi x1, x0, 1\nbne x0, x0, L\naddi x5, x0, 5\naddi x6, x0, 6\nL: addi x9, x0, 9\n"
      "ebreak\n");
  Lines got = timeline(r);
  got.resize(6);
  CHECK(got == Lines{"0: 1 2 3 4 5 6", "4: 1 2 3 4 5 6", "8: 2 3 4 5 6 7", "12: 2 3 4 5 6 7",
                     "16: 3 4 5 6 7 8", "20: 3 4 5 7 8 9"});
  CHECK(r.result.stats.cycles == 9);
}

TEST_CASE("ripes-6s-dual: a jump to an address with pc % 8 == 4 fetches (t, t+4)",
          "[ripes][dual]") {
  // jal issues alone in II3 and redirects in EX4. The target is 20: the pair fetched in IF5 is
  // (20, 24), not an aligned (16, 20): (x9, x10) ID6 II7 EX8 WB10; (x11, ebreak) IF6 ID7 II8,
  // x11 alone: WB11 = Ripes' count. Ripes: 11 cycles.
  const DualRun r = run_dual(
      "jal x0, L\naddi x5, x0, 5\naddi x6, x0, 6\naddi x7, x0, 7\naddi x8, x0, 8\n"
      "L: addi x9, x0, 9\naddi x10, x0, 10\naddi x11, x0, 11\nebreak\n");
  Lines got = timeline(r);
  got.erase(got.begin() + 1, got.begin() + 6);  // flushed: x5 (II), x6, x7 (ID), x8, x9 (IF)
  got.resize(5);
  CHECK(got == Lines{"0: 1 2 3 4 5 6", "20: 5 6 7 8 9 10", "24: 5 6 7 8 9 10", "28: 6 7 8 9 10 11",
                     "32: 6 7 8 10 11 12"});
  CHECK(r.result.stats.cycles == 12);
}

TEST_CASE("ripes-6s-dual: the preset sets Ripes' issue rules; other presets keep the defaults",
          "[ripes][dual][config]") {
  const PipelineConfig dual = load_config("ripes-6s-dual", {});
  CHECK(dual.issue.alignment == PacketAlignment::Packet);
  CHECK(dual.issue.control_last);
  CHECK(dual.issue.system_alone);
  CHECK(dual.issue.split_war);
  CHECK(dual.issue.hazard_holds_group);
  CHECK(dual.issue.younger_first_slot);
  for (const char* preset : {"2-wide", "2-wide-any"}) {
    const IssueConfig is = load_config(preset, {}).issue;
    CHECK_FALSE(is.control_last);
    CHECK_FALSE(is.system_alone);
    CHECK_FALSE(is.split_war);
    CHECK_FALSE(is.hazard_holds_group);
    CHECK_FALSE(is.younger_first_slot);
  }
  CHECK_THROWS_WITH(load_config("ripes-6s-dual", {"issue.alignment=pairs"}),
                    Catch::Contains("issue.alignment"));
}
