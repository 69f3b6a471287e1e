// Root-cause grading: one mistake drawn consistently is one cause, the rows it moves count as
// right; feedback that says each finding once; the flushed-row policy. Expected scores and
// feedback lines are derived by hand in the comments (5-stage: IF ID EX MEM WB, forwarding,
// branches decided in EX and predicted not-taken).
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "isa/assembler.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grade_report.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/classroom/row_timeline.hpp"
#include "sim/config/config_load.hpp"
#include "sim/report/hazard_events.hpp"
#include "tests/support/files.hpp"
#include "tests/support/grading_exercise.hpp"

namespace fs = std::filesystem;
using namespace pipesim;
using namespace pipesim::classroom;
using pipesim::test::grading::Exercise;
using pipesim::test::grading::kBranch;
using pipesim::test::grading::kLoadUse;

namespace {

std::string exercise_source(const char* name) {
  return test::read_file(fs::path(PIPESIM_SOURCE_DIR) / "programs" / "exercises" / name);
}

}  // namespace

TEST_CASE("root cause: one forgotten stall drawn consistently is one cause", "[classroom]") {
  // programs/exercises/load_use.s on 5-stage (its key, keys/load_use.5-stage.txt):
  //   1 li t0   IF1 ID2 EX3 MEM4 WB5         6 li a2   IF7 ID8 EX9 MEM10 WB11
  //   2 sw      IF2 ID3 EX4 MEM5 WB6         7 add     IF8 ... WB12
  //   3 lw a0   IF3 ID4 EX5 MEM6 WB7         8 li a7   IF9 ... WB13
  //   4 addi    IF4 ID5 S6 EX7 MEM8 WB9      9 ecall   IF10 ... WB14
  //   5 lw a1   IF5 S6 ID7 EX8 MEM9 WB10
  // The student forgets addi's load-use stall and draws every later row one cycle earlier, as
  // the rows above (as drawn) impose: lw a1 enters ID when addi leaves it (cycle 6), and so on.
  const Exercise ex(exercise_source("load_use.s"));
  const std::string answer =
      "1 2 3 4 5 6 7 8 9 10 11 12 13\n"
      "li t0     IF ID EX MEM WB\n"
      "sw        - IF ID EX MEM WB\n"
      "lw a0     - - IF ID EX MEM WB\n"
      "addi      - - - IF ID EX MEM WB\n"
      "lw a1     - - - - IF ID EX MEM WB\n"
      "li a2     - - - - - IF ID EX MEM WB\n"
      "add       - - - - - - IF ID EX MEM WB\n"
      "li a7     - - - - - - - IF ID EX MEM WB\n"
      "ecall     - - - - - - - - IF ID EX MEM WB\n";
  const Grade g = ex.grade(answer);
  // Rows 1-3: 15 cells right. Row 4 (the cause): cycles 4..9 graded, 6, 7, 8, 9 wrong (S/EX,
  // EX/MEM, MEM/WB, WB/empty), 2 right. Rows 5-9 follow through (each stage entered one cycle
  // early, as the row ahead): counted as their key cells, 6 + 5 + 5 + 5 + 5 = 26, all right.
  // 47 graded, 43 right: floor(4300 / 47) = 91. (Cell by cell, as before, 18 of 51: 35.)
  CHECK(g.cells == 47);
  CHECK(g.correct == 43);
  CHECK(g.score == 91);
  REQUIRE(g.causes.size() == 1);
  CHECK(g.causes[0].row == 4);
  CHECK(g.causes[0].cells == 4);
  CHECK(g.wrong.size() == 4);
  const std::vector<std::string> lines = ex.feedback(g);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[0] == "ex.s on 5-stage, answer mine.txt: score 91/100 (43 of 47 cells right)");
  CHECK(lines[1] == "1 cause:");
  CHECK(lines[2] ==
        "  row 4 `addi a0, a0, 1`: missing 1 stall cycle in ID — load-use on a0 from row 3 "
        "`lw a0, -4(sp)`, available after MEM — rows 5–9 are consistent with that (counted "
        "right) [4 cells]");
  CHECK(lines[3] == std::string("rule: ") + kScoringRule);
  // The details are the cause's row only.
  for (std::size_t i = 4; i < lines.size(); ++i) CHECK_THAT(lines[i], Catch::StartsWith("row 4 "));
}

TEST_CASE("root cause: an extra stall drawn consistently is one cause", "[classroom]") {
  // An extra stall in lw's ID in cycle 3, every later row drawn consistently:
  //   lw    IF1 ID2 S3 EX4 MEM5 WB6            (EX, MEM, WB and the end one cycle late)
  //   add       IF2 S3 ID4 S5 EX6 MEM7 WB8     (enters ID when lw leaves it: follows)
  //   li            IF4 S5 ID6 EX7 MEM8 WB9    (fetched when add leaves IF: follows)
  //   ecall                 IF6 ID7 EX8 MEM9 WB10
  const Exercise ex(kLoadUse);
  const Grade g = ex.grade(
      "1 2 3 4 5 6 7 8 9 10\n"
      "lw    IF ID S EX MEM WB\n"
      "add   - IF S ID S EX MEM WB\n"
      "li    - - - IF S ID EX MEM WB\n"
      "ecall - - - - - IF ID EX MEM WB\n");
  // Row 1: cycles 1..6 graded, 3..6 wrong. Rows 2-4 follow: 6 + 6 + 5 key cells, right.
  // 23 graded, 19 right: floor(1900 / 23) = 82.
  CHECK(g.score == 82);
  REQUIRE(g.causes.size() == 1);
  const std::vector<std::string> lines = ex.feedback(g);
  REQUIRE(lines.size() >= 3);
  CHECK(lines[2] ==
        "  row 1 `lw a0, -4(sp)`: extra stall in ID in cycle 3: it enters EX in cycle 3, nothing "
        "holds it — rows 2–4 are consistent with that (counted right) [4 cells]");
}

TEST_CASE("root cause: a flushed mark one cycle early is one finding", "[classroom]") {
  // Row 2 (flushed in the key: if2 id3, mark in cycle 4) drawn `IF flushed`: the mark in
  // cycle 3. Cycle 3 (ID/flushed) and cycle 4 (flushed/empty) are wrong: 2 of 20 cells
  // (5 + 3 + 2 + 5 + 5): floor(1800 / 20) = 90. One cause, one detail line for both cells, and
  // no line tells the student to "mark the row flushed" (it is marked).
  const Exercise ex(kBranch);
  const Grade g = ex.grade(
      "1 2 3 4 5 6 7 8 9\n"
      "beq   IF ID EX MEM WB\n"
      "addi - IF flushed\n"
      "addi - - if flushed\n"
      "li   - - - IF ID EX MEM WB\n"
      "ecall - - - - IF ID EX MEM WB\n");
  CHECK(g.score == 90);
  CHECK(g.wrong.size() == 2);
  REQUIRE(g.causes.size() == 1);
  const std::vector<std::string> lines = ex.feedback(g);
  REQUIRE(lines.size() == 5);
  // beq is decided in EX in cycle 3 and was predicted not taken: fetch had gone the other way.
  CHECK(lines[2] ==
        "  row 2 `addi a0, a0, 1`: flushed too early: you marked it flushed in cycle 3; it is in "
        "ID until cycle 3, so the mark goes in cycle 4 — row 1 `beqz zero, 0x1000c` redirected "
        "fetch in EX: fetch had gone the other way [2 cells]");
  CHECK_THAT(lines[4], Catch::StartsWith("row 2 `addi a0, a0, 1`, cycles 3–4: you marked it "
                                         "flushed in cycle 3;"));
  for (const std::string& line : lines) CHECK_THAT(line, !Catch::Contains("mark the row flushed"));
  // A forgotten mark is still said so.
  const Grade no_mark = ex.grade(
      "1 2 3 4 5 6 7 8 9\n"
      "beq   IF ID EX MEM WB\n"
      "addi - IF ID\n"
      "addi - - if flushed\n"
      "li   - - - IF ID EX MEM WB\n"
      "ecall - - - - IF ID EX MEM WB\n");
  REQUIRE(no_mark.causes.size() == 1);
  CHECK_THAT(no_mark.causes[0].text, Catch::StartsWith("row 2 `addi a0, a0, 1`: flushed mark "
                                                       "missing: it is flushed in cycle 3: "));
}

TEST_CASE("root cause: a stall written by repeating the stage is read as a stall", "[classroom]") {
  // `ID ID` for add's stall in cycle 4 and `IF IF` for li's: the same timeline as S, so 100,
  // and a note says how it was read (the first line after the score).
  const Exercise ex(kLoadUse);
  const Grade g = ex.grade(
      "1 2 3 4 5 6 7 8 9\n"
      "lw    IF ID EX MEM WB\n"
      "add   - IF ID ID EX MEM WB\n"
      "li    - - IF IF ID EX MEM WB\n"
      "ecall - - - - IF ID EX MEM WB\n");
  CHECK(g.score == 100);
  CHECK(g.causes.empty());
  const std::vector<std::string> lines = ex.feedback(g);
  REQUIRE(lines.size() == 2);
  CHECK(lines[1] ==
        "note: rows 2–3: a stage written again (`ID ID`) is read as a stall in that stage, as S "
        "is (pipesim writes a stall S)");
  // Repeating the stage where the key moves on is not a stall: add ID ID ID is one extra cycle.
  const Grade extra = ex.grade(
      "1 2 3 4 5 6 7 8 9 10\n"
      "lw    IF ID EX MEM WB\n"
      "add   - IF ID ID ID EX MEM WB\n"
      "li    - - IF S S ID EX MEM WB\n"
      "ecall - - - - - IF ID EX MEM WB\n");
  REQUIRE(extra.causes.size() == 1);
  CHECK(extra.causes[0].text ==
        "row 2 `add a1, a0, a0`: an extra cycle in ID in cycle 5: it enters EX in cycle 5, "
        "nothing holds it — rows 3–4 are consistent with that (counted right)");
}

TEST_CASE("root cause: the flushed-row policy", "[classroom]") {
  // The key of kBranch without its two flushed rows (2 and 3), rows paired by hand.
  const Exercise ex(kBranch);
  const ParsedAnswer without = ex.parse(
      "1 2 3 4 5 6 7 8 9\n"
      "beq   IF ID EX MEM WB\n"
      "li   - - - IF ID EX MEM WB\n"
      "ecall - - - - IF ID EX MEM WB\n");
  RowMatching m;
  m.pairs = {{0, 0}, {1, std::nullopt}, {2, std::nullopt}, {3, 1}, {4, 2}};
  GradePolicy policy;
  // Optional (the default): leaving them out costs nothing.
  const Grade optional = grade_matched(ex.run, ex.key, ex.events, without, m, policy);
  CHECK(optional.score == 100);
  CHECK(optional.causes.empty());
  // Required: 5 points each: 100 - 10.
  policy.flushed_rows = FlushedRows::Required;
  const Grade required = grade_matched(ex.run, ex.key, ex.events, without, m, policy);
  CHECK(required.score == 90);
  REQUIRE(required.causes.size() == 1);
  CHECK(required.causes[0].text ==
        "flushed (wrong-path) rows 2–3 not drawn: this exercise requires them, 5 points each");
  CHECK(required.causes[0].points == 10);
  // Forbidden: the full key draws them: 100 - 10; without them, 100.
  policy.flushed_rows = FlushedRows::Forbidden;
  const Grade forbidden = ex.grade(ex.key.text, policy);
  CHECK(forbidden.score == 90);
  CHECK(grade_matched(ex.run, ex.key, ex.events, without, m, policy).score == 100);
}

TEST_CASE("root cause: a missing and an extra row are one cause each", "[classroom]") {
  const Exercise ex(kLoadUse);
  const ParsedAnswer a = ex.parse(
      "1 2 3 4 5 6 7 8 9\n"
      "lw    IF ID EX MEM WB\n"
      "li    - - IF S ID EX MEM WB\n"
      "ecall - - - - IF ID EX MEM WB\n"
      "nop   - - - - - IF ID EX MEM\n");
  RowMatching m;
  m.pairs = {{0, 0}, {1, std::nullopt}, {2, 1}, {3, 2}, {std::nullopt, 3}};
  const Grade g = grade_matched(ex.run, ex.key, ex.events, a, m);
  // add's 6 key cells are wrong (missing), the nop's 4 cells too (extra); rows 1, 3, 4 right:
  // 5 + 6 + 5 = 16 right of 26: floor(1600 / 26) = 61.
  CHECK(g.score == 61);
  REQUIRE(g.causes.size() == 2);
  CHECK(g.causes[0].text == "row 2 `add a1, a0, a0`: the row is missing");
  CHECK(g.causes[1].text == "line 5 `nop`: an extra row (the run has no instruction for it)");
}

TEST_CASE("root cause: timelines and follow-through", "[classroom]") {
  using Cells = std::map<uint64_t, std::string>;
  const Timeline stall = make_timeline(Cells{{1, "IF"}, {2, "ID"}, {3, "S"}, {4, "EX"}}, false, 1);
  const Timeline again = make_timeline(Cells{{1, "IF"}, {2, "ID"}, {3, "ID"}, {4, "EX"}}, false, 1);
  CHECK(stall.cells == again.cells);
  REQUIRE(stall.entries.size() == 4);  // IF ID EX (end)
  CHECK(stall.entries[2].stage == "EX");
  CHECK(stall.entries[3].cycle == 5);
  // A row one cycle early from EX on (a missing stall above): follows through when the row
  // ahead (as drawn) is one cycle early from the same key cycle (4) or later.
  const Timeline key = make_timeline(Cells{{2, "IF"}, {3, "ID"}, {4, "S"}, {5, "EX"}}, false, 1);
  const Timeline early = make_timeline(Cells{{2, "IF"}, {3, "ID"}, {4, "EX"}}, false, 1);
  CHECK_FALSE(first_unexplained(key, early, {{3, 0}, {5, -1}, {6, -1}}).has_value());
  CHECK(first_unexplained(key, early, {{3, 0}, {5, 0}, {6, 0}}) == 2u);  // nothing above moved
  CHECK(first_unexplained(key, early, {{2, -1}, {3, 0}}) == 2u);  // only before the row's cycle
  CHECK(first_unexplained(key, early, {{5, 1}, {6, 1}}) == 2u);   // the other way
  // Catching up (a delta back to 0) must be explained too: the row ahead is late, not early.
  const Timeline caught = make_timeline(Cells{{3, "IF"}, {4, "ID"}, {5, "EX"}}, false, 1);
  CHECK(first_unexplained(key, caught, {{3, 1}, {4, 1}, {5, 1}, {6, 1}}) == 2u);
  // A row that does not go through the same stages has no deltas.
  const Timeline skipped = make_timeline(Cells{{1, "IF"}, {2, "EX"}}, false, 1);
  CHECK_FALSE(entry_deltas(stall, skipped).has_value());
}

TEST_CASE("root cause: long feedback is cut after 20 detail lines", "[classroom]") {
  // branch_policies on 5-stage with IF and ID swapped in every row that has both (23 of its 27
  // rows; the 4 `if flushed` rows have one stage): 23 root causes, each with 2 wrong cells of
  // different reasons ("it enters IF …", "it enters ID …"): 46 detail lines, 20 shown.
  const Exercise ex(exercise_source("branch_policies.s"));
  ParsedAnswer a = ex.parse(ex.key.text);
  for (AnswerRow& r : a.rows)
    if (r.cells.size() >= 2) std::swap(r.cells.begin()->second, std::next(r.cells.begin())->second);
  const Grade g = grade_answer(ex.run, ex.key, ex.events, a);
  CHECK(g.causes.size() == 23);
  CHECK(g.wrong.size() == 46);
  const std::vector<std::string> lines = ex.feedback(g);
  REQUIRE(lines.size() == 1 + 1 + 23 + 1 + 20 + 1);
  CHECK(lines[1] == "23 causes, most costly first:");
  CHECK(lines.back() == "… and 26 more (--format json lists every wrong cell)");
}
