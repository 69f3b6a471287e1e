// Grading hand-drawn diagrams: the answer parser (layouts, marks, malformed input), the grader
// (planted mistakes found exactly, with reasons) and `pipesim check` on the command line.
// Expected diagrams are derived by hand in the comments (5-stage: IF ID EX MEM WB, forwarding,
// branches decided in EX and predicted not-taken).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"
#include "sim/report/hazard_events.hpp"
#include "tests/support/grading_exercise.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace pipesim;
using namespace pipesim::classroom;
using pipesim::test::run_pipesim;
using pipesim::test::temp_file;
using pipesim::test::grading::Exercise;
using pipesim::test::grading::kBranch;
using pipesim::test::grading::kLoadUse;

TEST_CASE("check: the key is the hand-derived load-use diagram", "[classroom]") {
  const Exercise ex(kLoadUse);
  REQUIRE(ex.key.rows.size() == 4);
  CHECK(ex.key.last_cycle == 9);
  using Cells = std::map<uint64_t, std::string>;
  CHECK(ex.key.rows[0].cells == Cells{{1, "IF"}, {2, "ID"}, {3, "EX"}, {4, "MEM"}, {5, "WB"}});
  CHECK(ex.key.rows[1].cells ==
        Cells{{2, "IF"}, {3, "ID"}, {4, "S"}, {5, "EX"}, {6, "MEM"}, {7, "WB"}});
  CHECK(ex.key.rows[2].cells ==
        Cells{{3, "IF"}, {4, "S"}, {5, "ID"}, {6, "EX"}, {7, "MEM"}, {8, "WB"}});
  CHECK(ex.key.rows[3].cells == Cells{{5, "IF"}, {6, "ID"}, {7, "EX"}, {8, "MEM"}, {9, "WB"}});
}

TEST_CASE("check: free layouts of a correct answer all score 100", "[classroom]") {
  const Exercise ex(kLoadUse);
  // Compact: header not indented, cells one per cycle from cycle 1, leading blanks as - or .,
  // any case, `stall` for S, a | after a label.
  CHECK(ex.grade("1 2 3 4 5 6 7 8 9\n"
                 "lw a0, -4(sp)  IF ID EX MEM WB\n"
                 "add a1,a0,a0 | - IF ID S EX MEM WB\n"
                 "li a7, 93 - - if stall id ex mem wb\n"
                 "\n# comments and blank lines are skipped\n"
                 "ecall\t. . . .\tIF ID EX MEM WB\n")
            .score == 100);
  // Aligned under an indented header, blanks left blank, no labels.
  CHECK(ex.grade("      1  2  3  4  5  6  7  8  9\n"
                 "      IF ID EX MEM WB\n"
                 "         IF ID S  EX MEM WB\n"
                 "            IF S  ID EX MEM WB\n"
                 "                  IF ID EX MEM WB\n")
            .score == 100);
  // pipesim's own diagram, legend included.
  CHECK(ex.grade(ex.key.text + "\nS: stays in the same stage another cycle (stall); lower case: "
                               "flushed instruction\nstall cycles: raw 0\n")
            .score == 100);
}

TEST_CASE("check: a missed load-use stall is found cell by cell, with the reason", "[classroom]") {
  const Exercise ex(kLoadUse);
  // Row 2 drawn without its stall: cycles 4..7 hold EX MEM WB - instead of S EX MEM WB.
  const Grade g = ex.grade(
      "1 2 3 4 5 6 7 8 9\n"
      "lw    IF ID EX MEM WB\n"
      "add - IF ID EX MEM WB\n"
      "li  - - IF S ID EX MEM WB\n"
      "ecall - - - - IF ID EX MEM WB\n");
  REQUIRE(g.wrong.size() == 4);
  CHECK(g.wrong[0].row == 2);
  CHECK(g.wrong[0].cycle == 4);
  CHECK(g.wrong[0].expected == "S");
  CHECK(g.wrong[0].given == "EX");
  CHECK(g.wrong[0].reason ==
        "you wrote EX; it stalls here in ID — load-use on a0 from row 1 `lw a0, -4(sp)`, "
        "available after MEM");
  CHECK(g.wrong[1].cycle == 5);
  CHECK(g.wrong[3].cycle == 7);
  CHECK(g.wrong[3].expected == "WB");
  CHECK(g.wrong[3].given == "");
  // Cells graded: 5 + 6 + 6 + 5 = 22, 4 wrong: floor(100 * 18 / 22) = 81.
  CHECK(g.cells == 22);
  CHECK(g.correct == 18);
  CHECK(g.score == 81);
}

TEST_CASE("check: flushed rows and the flushed mark", "[classroom]") {
  const Exercise ex(kBranch);
  REQUIRE(ex.key.rows.size() == 5);
  CHECK(ex.key.rows[1].flushed);
  CHECK(ex.key.rows[2].flushed);
  const std::string right =
      "1 2 3 4 5 6 7 8 9\n"
      "beq   IF ID EX MEM WB\n"
      "addi - if id flushed\n"
      "addi - - if flushed\n"
      "li   - - - IF ID EX MEM WB\n"
      "ecall - - - - IF ID EX MEM WB\n";
  CHECK(ex.grade(right).score == 100);
  // Forgetting one mark is one wrong cell, in the cycle after the row's last cell.
  std::string no_mark = right;
  no_mark.replace(no_mark.find("- if id flushed"), 15, "- if id");
  const Grade g = ex.grade(no_mark);
  REQUIRE(g.wrong.size() == 1);
  CHECK(g.wrong[0].row == 2);
  CHECK(g.wrong[0].cycle == 4);
  CHECK(g.wrong[0].expected == "flushed");
  CHECK_THAT(g.wrong[0].reason,
             Catch::Contains("row 1 `beqz zero") || Catch::Contains("row 1 `beq zero"));
  CHECK_THAT(g.wrong[0].reason, Catch::Contains("in EX"));
  // Leaving the flushed rows out, as many textbooks draw: the labels pair `li` and `ecall` with
  // key rows 4 and 5, whose cells are right. The default policy (optional) takes nothing off; a
  // policy that requires flushed rows takes its 5 points for each of the two left out: 90.
  const std::string without_flushed =
      "1 2 3 4 5 6 7 8 9\n"
      "beq   IF ID EX MEM WB\n"
      "li   - - - IF ID EX MEM WB\n"
      "ecall - - - - IF ID EX MEM WB\n";
  CHECK(ex.grade(without_flushed).score == 100);
  GradePolicy required;
  required.flushed_rows = FlushedRows::Required;
  const Grade strict =
      grade_answer(ex.run, ex.key, ex.events,
                   parse_answer(without_flushed, "answer.txt", ex.key.words), required);
  CHECK(strict.score == 90);
}

TEST_CASE("check: malformed answers are line-numbered errors", "[classroom]") {
  const std::vector<std::string> words = {"IF", "ID", "EX", "MEM", "WB"};
  auto error_of = [&](const std::string& text) -> std::pair<int, int> {
    try {
      parse_answer(text, "a.txt", words);
    } catch (const SourceError& e) {
      CHECK(e.file == "a.txt");
      return {e.line, e.column};
    }
    FAIL("no error for: " << text);
    return {0, 0};
  };
  CHECK(error_of("") == std::pair{1, 1});
  CHECK(error_of("\n\nlw IF ID\n") == std::pair{3, 1});               // no header
  CHECK(error_of("1 2 4\n") == std::pair{1, 5});                      // not consecutive
  CHECK(error_of("1 2 3\nadd IF ID XX EX\n") == std::pair{2, 11});    // typo among cells
  CHECK(error_of("1 2 3\nadd IF ID EX MEM\n") == std::pair{2, 14});   // past the header
  CHECK(error_of("1 2 3\nadd IF flushed ID\n") == std::pair{2, 16});  // mark not last
  CHECK(error_of("1 2 3\nadd | IF ID bogus\n") == std::pair{2, 13});  // after a |
}

TEST_CASE("check: the parser survives random input", "[classroom]") {
  const std::vector<std::string> words = {"IF", "ID", "EX", "MEM", "WB"};
  std::mt19937 rng(6);
  const std::string alphabet = "0123456789 \t\n|-.sSIFDEXMWBflushed#*abc\r";
  for (int i = 0; i < 3000; ++i) {
    std::string text = i % 2 ? "1 2 3 4 5\n" : "";
    const int n = static_cast<int>(rng() % 80);
    for (int k = 0; k < n; ++k) text += alphabet[rng() % alphabet.size()];
    try {
      const ParsedAnswer a = parse_answer(text, "r.txt", words);
      for (const AnswerRow& r : a.rows)
        for (const auto& [c, t] : r.cells) CHECK((c >= a.first_cycle && c <= a.last_cycle));
    } catch (const SourceError&) {
    }
  }
}

TEST_CASE("cli: check grades, reports JSON and batches into CSV", "[classroom][cli]") {
  const std::string prog = temp_file("loaduse.s", kLoadUse);
  const std::string good = temp_file("good.txt",
                                     "1 2 3 4 5 6 7 8 9\nlw IF ID EX MEM WB\n"
                                     "add - IF ID S EX MEM WB\nli - - IF S ID EX MEM WB\n"
                                     "ecall - - - - IF ID EX MEM WB\n");
  const std::string bad = temp_file("bad.txt",
                                    "1 2 3 4 5 6 7 8 9\nlw IF ID EX MEM WB\n"
                                    "add - IF ID EX MEM WB\nli - - IF S ID EX MEM WB\n"
                                    "ecall - - - - IF ID EX MEM WB\n");
  test::RunResult r = run_pipesim({"check", prog, "-c", "5-stage", "--answer", good});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("score 100/100 (22 of 22 cells right)"));

  r = run_pipesim({"check", prog, "-c", "5-stage", "--answer", bad, "--format", "json"});
  CHECK(r.exit_code == 0);
  const auto j = nlohmann::json::parse(r.out);
  CHECK(j["score"] == 81);
  REQUIRE(j["wrong"].size() == 4);
  CHECK(j["wrong"][0]["row"] == 2);
  CHECK(j["wrong"][0]["cycle"] == 4);
  CHECK(j["wrong"][0]["expected"] == "S");
  CHECK(j["wrong"][0]["given"] == "EX");
  CHECK_THAT(j["wrong"][0]["reason"].get<std::string>(), Catch::Contains("load-use on a0"));

  const std::string malformed = temp_file("malformed.txt", "1 2 3\nlw IF ID XX\n");
  r = run_pipesim({"check", prog, "-c", "5-stage", "--answer", malformed});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith(malformed + ":2:10: error: unknown cell `XX`"));

  const test::TempDir batch("pipesim-classroom-batch");
  const fs::path& dir = batch.path;
  fs::copy_file(good, dir / "alice.txt");
  fs::copy_file(bad, dir / "bob.txt");
  fs::copy_file(malformed, dir / "carol.txt");
  r = run_pipesim({"check", prog, "-c", "5-stage", "--batch", dir.string()});
  CHECK(r.exit_code == 0);
  // One record each (the feedback column holds the text report; tests/cli/check_batch_test.cpp
  // reads the records field by field).
  CHECK_THAT(r.out, Catch::StartsWith("student,exercise,machine,file,score,points,max_points,"
                                      "cells,correct,wrong,causes,error,feedback\n"
                                      "alice,loaduse,5-stage,alice.txt,100,100,100,22,22,0,,,"));
  CHECK_THAT(r.out, Catch::Contains("\nbob,loaduse,5-stage,bob.txt,81,81,100,22,18,4,"));
  CHECK_THAT(r.out,
             Catch::EndsWith("\ncarol,loaduse,5-stage,carol.txt,,0,100,,,,,\"line 2, column 10: "
                             "unknown cell `XX`; did you mean `EX`?\",\n"));
  r = run_pipesim({"check", prog, "-c", "5-stage"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("cli: explain groups and counts the hand-derived stalls and flushes",
          "[classroom][cli]") {
  // kLoadUse: one load-use stall (add waits in ID for a0 from the lw), no flush.
  const std::string prog = temp_file("explain_loaduse.s", kLoadUse);
  test::RunResult r = run_pipesim({"explain", prog, "-c", "5-stage"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("9 cycles, 4 instructions executed, 4 cycles filling, 1 cycle "
                                    "stalled, 0 instructions flushed"));
  CHECK_THAT(r.out, Catch::Contains(
                        "load-use stalls: 1 stall cycle\n"
                        "  1 stall (1 cycle): `add a1, a0, a0` at 0x10004 waits in ID: load-use "
                        "on a0 from `lw a0, -4(sp)` at 0x10000, available after MEM\n"));
  // kBranch: the taken beq squashes the two instructions behind it, once.
  const std::string branch = temp_file("explain_branch.s", kBranch);
  r = run_pipesim({"explain", branch, "-c", "5-stage"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("flushes (wrong-path instructions squashed): 2 instructions\n"
                                    "     1x  `beqz zero, 0x1000c` at 0x10000 redirected fetch in "
                                    "EX: fetch had gone the other way (2 instructions squashed)"));
}
