// The classroom on a superscalar machine (issue 19): the exercise dual_issue_pairs on 2-wide-any
// (its key derived by hand below, graded against itself and against planted mistakes), and
// `check`, `explain`, `deps` and `schedule` on 2-wide and 2-wide-any, in process.
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>

#include "isa/assembler.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/deps.hpp"
#include "sim/classroom/explainer.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/classroom/scheduler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/report/hazard_events.hpp"
#include "sim/report/text.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;
using namespace pipesim;
using namespace pipesim::classroom;

namespace {

const fs::path kExercise =
    fs::path(PIPESIM_SOURCE_DIR) / "programs" / "exercises" / "dual_issue_pairs.s";

// The key of dual_issue_pairs on 2-wide-any, derived by hand. 2-wide-any is 5-stage (full
// forwarding: an ALU result is used by the next cycle's EX, a load's after MEM) with two
// identical issue slots: fetch brings 2 instructions a cycle, ID issues up to 2 in program
// order, any two consecutive instructions may pair, one load or store per cycle, and an
// instruction left in ID pairs with the next one, which moves up from IF into the free position.
//   1: IF li t0, li t1.
//   2: ID li t0, li t1: independent, both issue (pair 1). IF add t2, sub t3.
//   3: ID add t2, sub t3: both read t0 and t1 (forwarded from EX/MEM), neither writes what the
//      other reads: both issue (pair 2). IF add t4, sw t4.
//   4: ID add t4, sw t4: add t4 issues alone; sw t4 reads t4, which add t4 writes in the same
//      packet: issue stall `dependent` (1 empty slot). IF lw a0 (one free position in ID
//      next cycle: only lw a0 moves up), addi fetched.
//   5: ID sw t4, lw a0: sw t4 issues (t4 forwarded from add t4, then in EX); lw a0 is a second
//      memory access in the cycle: `memory_port` (1 slot). addi stays in IF (S), li a7 fetched.
//   6: ID lw a0, addi: lw a0 issues; addi reads a0 from lw a0: `dependent` (1 slot). IF li a7
//      (S), ecall fetched.
//   7: ID addi, li a7: lw a0 is in EX, its value exists after MEM: load-use, addi is held and
//      li a7 behind it (2 empty slots, load_use).
//   8: lw a0 in MEM: addi issues (EX in 9, the value forwarded from MEM/WB) with li a7 (pair 3,
//      independent). ecall waits in IF (S in 7 and 8).
//   9: ID ecall issues alone (what was fetched behind it is not drawn); EX 10, MEM 11, WB 12.
// So 12 cycles; 10 instructions; 2 × 12 = 24 slots = 10 + 8 fill + 2 load_use + 3 issue +
// 1 after the halt (ecall's partner slot in WB).
const char* const kKey =
    R"(                         1   2   3   4   5   6   7   8   9   10  11  12
00010000  li t0, 6       IF  ID  EX  MEM WB
00010004  li t1, 7       IF  ID  EX  MEM WB
00010008  add t2, t0, t1     IF  ID  EX  MEM WB
0001000c  sub t3, t0, t1     IF  ID  EX  MEM WB
00010010  add t4, t2, t3         IF  ID  EX  MEM WB
00010014  sw t4, -4(sp)          IF  ID  S   EX  MEM WB
00010018  lw a0, -4(sp)              IF  ID  S   EX  MEM WB
0001001c  addi a0, a0, 1             IF  S   ID  S   S   EX  MEM WB
00010020  li a7, 93                      IF  S   ID  S   EX  MEM WB
00010024  ecall                              IF  S   S   ID  EX  MEM WB
)";

struct Checked {
  RecordedRun run;
  AnswerKey key;
};

Checked run_on(const std::string& source, const std::string& name, const std::string& machine) {
  const AsmResult a = assemble(source, name);
  RecordedRun run = record_run(load_config(machine), a.program);
  AnswerKey key = make_answer_key(run);
  return {std::move(run), std::move(key)};
}

Checked exercise() {
  return run_on(test::read_file(kExercise), kExercise.string(), "2-wide-any");
}

std::string replace(std::string text, const std::string& from, const std::string& to) {
  const std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

Grade grade(const Checked& c, const std::string& answer) {
  const HazardEvents events(c.run.recorder);
  return grade_answer(c.run, c.key, events, parse_answer(answer, "answer", c.key.words));
}

}  // namespace

TEST_CASE("dual_issue_pairs: the key on 2-wide-any is the hand derivation", "[classroom][issue]") {
  const Checked c = exercise();
  CHECK(c.key.text == kKey);
  const PipelineStats& st = c.run.result.stats;
  CHECK(st.cycles == 12);
  CHECK(st.instructions == 10);
  CHECK(st.fill_cycles == 8);
  CHECK(st.stall_cycles[static_cast<std::size_t>(StallCause::LoadUse)] == 2);
  CHECK(st.stall_cycles[static_cast<std::size_t>(StallCause::Issue)] == 3);
  CHECK(st.issue_reasons[static_cast<std::size_t>(IssueReason::Dependent)] == 2);
  CHECK(st.issue_reasons[static_cast<std::size_t>(IssueReason::MemoryPort)] == 1);
  CHECK(st.halt_slots == 1);

  // The pairs: rows that enter EX in the same cycle (EX is stage 2).
  std::map<uint64_t, std::vector<std::string>> by_ex;
  for (const InsnRecord& r : c.run.recorder.instructions())
    if (r.committed) by_ex[r.enter[2]].push_back(report::insn_text(r));
  const std::map<uint64_t, std::vector<std::string>> pairs = {
      {3, {"li t0, 6", "li t1, 7"}},
      {4, {"add t2, t0, t1", "sub t3, t0, t1"}},
      {5, {"add t4, t2, t3"}},
      {6, {"sw t4, -4(sp)"}},
      {7, {"lw a0, -4(sp)"}},
      {9, {"addi a0, a0, 1", "li a7, 93"}},
      {10, {"ecall"}}};
  CHECK(by_ex == pairs);
}

TEST_CASE("dual_issue_pairs: the key scores 100, planted pairing mistakes are found",
          "[classroom][issue]") {
  const Checked c = exercise();
  const Grade perfect = grade(c, kKey);
  CHECK(perfect.score == 100);
  CHECK(perfect.wrong.empty());
  CHECK(perfect.cells == 59);  // 5 × 5 + 6 + 6 + 8 + 7 + 7 (every key cell)

  // Pairing the dependent sw t4 with add t4 (no stall in ID): row 6 reads IF ID EX MEM WB from
  // cycle 3 against the key's IF ID S EX MEM WB; cycles 5 to 8 differ (EX/S, MEM/EX, WB/MEM,
  // empty/WB): 4 wrong of 59, the rows below as in the key are right: floor(100 × 55 / 59) = 93.
  const std::string dependent = replace(kKey, "sw t4, -4(sp)          IF  ID  S   EX  MEM WB",
                                        "sw t4, -4(sp)          IF  ID  EX  MEM WB");
  const Grade g = grade(c, dependent);
  CHECK(g.score == 93);
  CHECK(g.correct == 55);
  REQUIRE(g.causes.size() == 1);
  CHECK(g.causes[0].row == 6);
  CHECK_THAT(g.causes[0].text,
             Catch::Contains("missing 1 stall cycle in ID — issue: it reads t4, which row 5 "
                             "`add t4, t2, t3` writes in the same cycle"));
  // An issue stall is not told as a data hazard.
  CHECK_THAT(g.causes[0].text, !Catch::Contains("RAW") && !Catch::Contains("load-use"));

  // Pairing lw a0 with sw t4 (two memory accesses in one cycle): row 7 loses its S in cycle 6,
  // 4 cells wrong again: 93; the reason is the memory port.
  const std::string memory = replace(kKey, "lw a0, -4(sp)              IF  ID  S   EX  MEM WB",
                                     "lw a0, -4(sp)              IF  ID  EX  MEM WB");
  const Grade m = grade(c, memory);
  CHECK(m.score == 93);
  REQUIRE(m.causes.size() == 1);
  CHECK_THAT(m.causes[0].text,
             Catch::Contains("missing 1 stall cycle in ID — issue: 1 load or store per cycle"));

  // The load-use stall of addi left out (ID 6, S 7, EX 8 ...): its own cause is the load-use,
  // in cycle 8 where the key holds it.
  const std::string load_use =
      replace(kKey, "addi a0, a0, 1             IF  S   ID  S   S   EX  MEM WB",
              "addi a0, a0, 1             IF  S   ID  S   EX  MEM WB");
  // Cycles 8 to 11 differ (S/EX, EX/MEM, MEM/WB, WB/empty): 93 again.
  const Grade l = grade(c, load_use);
  CHECK(l.score == 93);
  REQUIRE(l.causes.size() == 1);
  CHECK(l.causes[0].row == 8);
  CHECK_THAT(l.causes[0].text,
             Catch::Contains("missing 1 stall cycle in ID — load-use on a0 from row 7 "
                             "`lw a0, -4(sp)`, available after MEM"));
}

TEST_CASE("explain on 2-wide-any: issue stalls grouped with their pairing rule",
          "[classroom][issue]") {
  const Checked c = exercise();
  const Explanation e = explain_run(c.run);
  const CauseSection* issue = nullptr;
  const CauseSection* load_use = nullptr;
  for (const CauseSection& s : e.sections) {
    if (s.title == "issue stalls") issue = &s;
    if (s.title == "load-use stalls") load_use = &s;
  }
  // Hand derivation above: sw t4 (dependent, cycle 4), lw a0 (memory port, 5), addi
  // (dependent, 6); then addi's load-use (7).
  REQUIRE(issue);
  REQUIRE(load_use);
  CHECK(issue->total == 3);
  CHECK(issue->groups.size() == 3);
  CHECK(load_use->total == 1);
  CHECK_THAT(issue->remedy, Catch::Contains("pipesim schedule"));
  std::string sentences;
  for (const HazardGroup& g : issue->groups) sentences += g.sentence + "\n";
  CHECK_THAT(sentences, Catch::Contains("`sw t4, -4(sp)` at 0x10014 waits in ID: issue: it reads "
                                        "t4, which `add t4, t2, t3` at 0x10010 writes"));
  CHECK_THAT(sentences, Catch::Contains("`lw a0, -4(sp)` at 0x10018 waits in ID: issue: 1 load or "
                                        "store per cycle"));
  // The first line counts issue slots on a two-issue machine: 2 × 12 = 24 = 10 + 8 + 5 + 1.
  const std::string text = render_explanation("dual_issue_pairs.s", c.run, e);
  CHECK_THAT(text, Catch::Contains("12 cycles × 2 issue slots = 24 slots: 10 instructions, 8 "
                                   "filling, 5 stalled, 1 after the halt"));
  // Each section also counts its empty slots: the load-use held addi and li a7 (2 slots).
  CHECK_THAT(text, Catch::Contains("load-use stalls: 1 stall cycle, 2 empty issue slots\n"));
  CHECK_THAT(text, Catch::Contains("issue stalls: 3 stall cycles, 3 empty issue slots "
                                   "(dependent 2, memory_port 1)\n"));
}

TEST_CASE("deps on 2-wide-any: the dataflow limit next to the two-issue run",
          "[classroom][issue]") {
  const AsmResult a = assemble(test::read_file(kExercise), kExercise.string());
  const DepsAnalysis d = analyse_deps(a.program, load_config("2-wide-any"), 16, 100000, 10000);
  CHECK(d.limit.complete);
  CHECK(d.limit.instructions == 10);
  CHECK(d.limit.achieved_cycles == 12);  // the hand-derived run above
  CHECK(d.limit.ideal_cycles < d.limit.achieved_cycles);
}

// `schedule` on 2-wide (Patterson & Hennessy: slot 0 ALU/branch, slot 1 load/store, packets of
// 8 bytes aligned, no merging). As written, each aligned packet holds two instructions of one
// class: {lw a0, lw a1} at 0x10000, {add t0, add t3} at 0x10008, {li a7, ecall} at 0x10010,
// so each packet issues over two cycles (slot_class) and the next enters ID after it: issue
// cycles 2..7, the ecall in EX 8, MEM 9, WB 10: 10 cycles. Scheduled, the packets pair a load
// with an add: {lw a0, add t0} issues in 2, {lw a1, add t3} in 3, li a7 in 4 and ecall (both
// ALU) in 5; EX 6, MEM 7, WB 8: 8 cycles.
TEST_CASE("schedule on 2-wide pairs a load with an ALU operation in each packet",
          "[classroom][issue]") {
  const char* source = R"(    .text
    .globl _start
_start:
    lw   a0, -4(sp)
    lw   a1, -8(sp)
    add  t0, t1, t2
    add  t3, t4, t5
    li   a7, 93
    ecall
)";
  const ScheduleResult r = schedule_program(source, "pairs.s", load_config("2-wide"), 10000);
  CHECK(r.cycles_before == 10);
  CHECK(r.cycles_after == 8);
  CHECK(r.reordered == 1);
  CHECK_THAT(r.source, Catch::Contains("    lw   a0, -4(sp)\n    add  t0, t1, t2\n    lw   a1, "
                                       "-8(sp)\n    add  t3, t4, t5\n"));
  // Width 1 is the scalar scheduler: nothing stalls on 5-stage, nothing moves.
  const ScheduleResult scalar = schedule_program(source, "pairs.s", load_config("5-stage"), 10000);
  CHECK(scalar.reordered == 0);
}

TEST_CASE("schedule never makes the exercises slower on 2-wide and 2-wide-any",
          "[classroom][issue]") {
  const fs::path dir = kExercise.parent_path();
  for (const char* machine : {"2-wide", "2-wide-any"})
    for (const char* name : {"schedule_loads", "load_use", "dual_issue_pairs", "morning_routine",
                             "speedup", "structural_memory_port"}) {
      INFO(name << " on " << machine);
      const fs::path src = dir / (std::string(name) + ".s");
      const ScheduleResult r =
          schedule_program(test::read_file(src), src.string(), load_config(machine), 100000);
      CHECK(r.cycles_after <= r.cycles_before);
    }
  // schedule_loads on 2-wide-any: its loads and stores can pair with the li's and adds.
  const fs::path loads = dir / "schedule_loads.s";
  const ScheduleResult r =
      schedule_program(test::read_file(loads), loads.string(), load_config("2-wide-any"), 100000);
  CHECK(r.cycles_after < r.cycles_before);
}
