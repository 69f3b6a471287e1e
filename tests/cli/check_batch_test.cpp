// `pipesim check --batch` and `--course` as a teacher runs them (docs/classroom.md, "Grading a
// course"): every submission is a record, whatever is wrong with it, in CSV, JSON and the LMS
// formats; and docs/examples/run_autograder in an /autograder-like folder. Few runs of the CLI:
// each grades many answers.
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/load_use.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace pipesim::test;

namespace {

// The hand-worked diagram of kLoadUse on 5-stage (tests/support/load_use.hpp).
const char* kGood =
    "                         1   2   3   4   5   6   7   8   9   10\n"
    "00010000  li a0, 7       IF  ID  EX  MEM WB\n"
    "00010004  sw a0, -4(sp)      IF  ID  EX  MEM WB\n"
    "00010008  lw a1, -4(sp)          IF  ID  EX  MEM WB\n"
    "0001000c  add a2, a1, a1             IF  ID  S   EX  MEM WB\n"
    "00010010  ebreak                         IF  S   ID  EX  MEM WB\n";
// The load-use stall left out: add and ebreak one cycle early. Wrong whatever the scoring rule.
const char* kWrong =
    "1 2 3 4 5 6 7 8 9\n"
    "li     IF ID EX MEM WB\n"
    "sw     -  IF ID EX MEM WB\n"
    "lw     -  -  IF ID EX MEM WB\n"
    "add    -  -  -  IF ID EX MEM WB\n"
    "ebreak -  -  -  -  IF ID EX MEM WB\n";
// `XX` is no cell: an error at line 2, column 10.
const char* kMalformed = "1 2 3\nlw IF ID XX\n";

// RFC 4180 CSV into rows of fields (quoted fields may hold commas, quotes and line breaks).
std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        rows.back().back() += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        rows.back().back() += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().emplace_back();
    } else if (c == '\n') {
      rows.emplace_back(1);
    } else {
      rows.back().back() += c;
    }
  }
  if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
  return rows;
}

// A folder of answers: good, wrong, malformed, and unreadable ones (a folder named like an
// answer; a file without read permission, unless we are root, who reads it anyway).
struct BatchFolder {
  TempDir dir{"pipesim-batch"};
  bool unreadable_file = geteuid() != 0;
  BatchFolder() {
    dir.file("ex.s", kLoadUse);
    fs::create_directories(dir.path / "answers" / "dave.txt");
    write_file(dir.path / "answers" / "alice.txt", kGood);
    write_file(dir.path / "answers" / "bob.txt", kWrong);
    write_file(dir.path / "answers" / "carol.txt", kMalformed);
    write_file(dir.path / "answers" / ".hidden.txt", kGood);  // skipped
    if (unreadable_file) {
      write_file(dir.path / "answers" / "erin.txt", kGood);
      chmod((dir.path / "answers" / "erin.txt").c_str(), 0);
    }
  }
};

}  // namespace

TEST_CASE("check --batch: every answer is a record, in CSV and JSON", "[classroom][cli][batch]") {
  BatchFolder b;
  RunResult single = pipesim_in(b.dir.path, {"check", "ex.s", "-c", "5-stage", "--answer",
                                             "answers/bob.txt", "--format", "json"});
  REQUIRE(single.exit_code == 0);
  const unsigned bob_score = nlohmann::json::parse(single.out)["score"];
  CHECK(bob_score < 100);

  RunResult r = pipesim_in(b.dir.path, {"check", "ex.s", "-c", "5-stage", "--batch", "answers"});
  REQUIRE(r.exit_code == 0);
  const auto rows = parse_csv(r.out);
  REQUIRE(rows.size() == (b.unreadable_file ? 6u : 5u));
  CHECK(rows[0] == std::vector<std::string>{"student", "exercise", "machine", "file", "score",
                                            "points", "max_points", "cells", "correct", "wrong",
                                            "causes", "error", "feedback"});
  for (const auto& row : rows) REQUIRE(row.size() == 13);
  // alice: the key itself.
  CHECK(rows[1][0] == "alice");
  CHECK(rows[1][1] == "ex");
  CHECK(rows[1][2] == "5-stage");
  CHECK(rows[1][3] == "alice.txt");
  CHECK(rows[1][4] == "100");
  CHECK(rows[1][5] == "100");
  CHECK(rows[1][11].empty());
  CHECK_THAT(rows[1][12], Catch::Contains("score 100/100"));
  // bob: the score --answer gives, and feedback.
  CHECK(rows[2][0] == "bob");
  CHECK(rows[2][4] == std::to_string(bob_score));
  CHECK(rows[2][11].empty());
  CHECK_THAT(rows[2][12], Catch::Contains("score " + std::to_string(bob_score) + "/100"));
  // carol: malformed, with its place; dave: a folder; erin: unreadable.
  CHECK(rows[3][0] == "carol");
  CHECK(rows[3][4].empty());
  CHECK(rows[3][5] == "0");
  CHECK_THAT(rows[3][11],
             Catch::StartsWith("line 2, column 10: unknown cell `XX`; did you mean `EX`?"));
  CHECK(rows[4][0] == "dave");
  CHECK_THAT(rows[4][11], Catch::Contains("cannot read"));
  if (b.unreadable_file) {
    CHECK(rows[5][0] == "erin");
    CHECK_THAT(rows[5][11], Catch::Contains("cannot open"));
  }

  r = pipesim_in(b.dir.path,
                 {"check", "ex.s", "-c", "5-stage", "--batch", "answers", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);  // JSON, not CSV (it was CSV)
  CHECK(j["schema"] == "pipesim.check-batch/1");
  const auto& recs = j["records"];
  REQUIRE(recs.size() == (b.unreadable_file ? 5u : 4u));
  CHECK(recs[0]["student"] == "alice");
  CHECK(recs[0]["score"] == 100);
  CHECK(recs[0]["grade"]["schema"] == "pipesim.check/1");
  CHECK(recs[1]["student"] == "bob");
  CHECK(recs[1]["score"] == bob_score);
  CHECK(recs[1]["grade"]["score"] == bob_score);
  CHECK(recs[1]["causes"].is_array());
  CHECK_THAT(recs[1]["feedback"].get<std::string>(), Catch::Contains("/100"));
  CHECK(recs[2]["error"]["line"] == 2);
  CHECK(recs[2]["error"]["column"] == 10);
  CHECK_THAT(recs[2]["error"]["message"].get<std::string>(),
             Catch::StartsWith("unknown cell `XX`"));
  CHECK(!recs[2].contains("score"));
  CHECK(recs[3]["student"] == "dave");
  CHECK(recs[3].contains("error"));
  if (b.unreadable_file) CHECK(recs[4].contains("error"));

  // The exercise's settings (PROGRAM's sibling .md) give its points; --flushed-rows is checked.
  write_file(b.dir.path / "ex.md", "---\nmachines: 5-stage\npoints: 10\n---\n");
  r = pipesim_in(b.dir.path, {"check", "ex.s", "-c", "5-stage", "--batch", "answers",
                              "--flushed-rows", "required", "--format", "moodle"});
  REQUIRE(r.exit_code == 0);
  const auto moodle = parse_csv(r.out);
  REQUIRE(moodle.size() >= 3);
  CHECK(moodle[0] == std::vector<std::string>{"Username", "ex (5-stage)"});
  CHECK(moodle[1] == std::vector<std::string>{"alice", "10"});  // 100 of 10 points
  r = pipesim_in(b.dir.path, {"check", "ex.s", "-c", "5-stage", "--batch", "answers",
                              "--flushed-rows", "sometimes"});
  CHECK(r.exit_code == 2);

  // Gradescope's results.json is one student's: refused for a folder of students.
  r = pipesim_in(b.dir.path, {"check", "ex.s", "-c", "5-stage", "--batch", "answers", "--format",
                              "gradescope"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("error: --format gradescope writes one student's results"));
}

namespace {

// A course of two exercises for two students; bob has no answer to the second.
struct Course {
  TempDir dir{"pipesim-course"};
  Course() {
    fs::create_directories(dir.path / "exercises");
    write_file(dir.path / "exercises" / "load_use.s", kLoadUse);
    write_file(dir.path / "exercises" / "load_use.md",
               "---\nmachines: 5-stage\npoints: 10\n---\n\n# Load-use\n");
    // Two dependent adds: with forwarding no stall.
    write_file(dir.path / "exercises" / "raw.s", "addi a0, zero, 1\nadd a1, a0, a0\nebreak\n");
    write_file(dir.path / "exercises" / "raw.md", "---\nmachines: 5-stage\npoints: 20\n---\n");
    write_file(dir.path / "exercises" / "notes.txt", "not an exercise\n");
    for (const char* s : {"alice", "bob"}) fs::create_directories(dir.path / "subs" / s);
    write_file(dir.path / "subs" / "alice" / "load_use.txt", kGood);
    write_file(dir.path / "subs" / "bob" / "load_use.5-stage.txt", kWrong);
  }
};

}  // namespace

TEST_CASE("check --course: every student x exercise is a record; LMS exports",
          "[classroom][cli][batch]") {
  Course c;
  // alice's answer to raw is the key pipesim draws: graded 100 against itself.
  RunResult r = pipesim_in(c.dir.path, {"check", "exercises/raw.s", "-c", "5-stage", "--key"});
  REQUIRE(r.exit_code == 0);
  write_file(c.dir.path / "subs" / "alice" / "raw.txt", r.out);

  r = pipesim_in(c.dir.path,
                 {"check", "--course", "exercises", "--submissions", "subs", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json j = nlohmann::json::parse(r.out);
  const auto& recs = j["records"];
  REQUIRE(recs.size() == 4);  // alice, bob x load_use, raw (sorted)
  CHECK(recs[0]["student"] == "alice");
  CHECK(recs[0]["exercise"] == "load_use");
  CHECK(recs[0]["score"] == 100);
  CHECK(recs[0]["points"] == 10);
  CHECK(recs[1]["exercise"] == "raw");
  CHECK(recs[1]["score"] == 100);
  CHECK(recs[1]["max_points"] == 20);
  CHECK(recs[2]["student"] == "bob");
  CHECK(recs[2]["score"] < 100);
  CHECK(recs[3]["student"] == "bob");
  CHECK(recs[3]["exercise"] == "raw");
  CHECK(recs[3]["points"] == 0);
  CHECK(recs[3]["error"]["message"] ==
        "no answer for raw on 5-stage (expected raw.5-stage.txt or raw.txt)");

  r = pipesim_in(c.dir.path,
                 {"check", "--course", "exercises", "--submissions", "subs", "--format", "moodle"});
  REQUIRE(r.exit_code == 0);
  const auto moodle = parse_csv(r.out);
  REQUIRE(moodle.size() == 3);
  CHECK(moodle[0] == std::vector<std::string>{"Username", "load_use (5-stage)", "raw (5-stage)"});
  CHECK(moodle[1] == std::vector<std::string>{"alice", "10", "20"});
  CHECK(moodle[2][0] == "bob");
  CHECK(moodle[2][2] == "0");

  r = pipesim_in(c.dir.path, {"check", "--course", "exercises", "--submissions", "subs", "--format",
                              "canvas", "-o", "canvas.csv"});
  REQUIRE(r.exit_code == 0);
  CHECK(first_line(read_file(c.dir.path / "canvas.csv")) ==
        "Student,ID,SIS User ID,SIS Login ID,Section,load_use (5-stage),raw (5-stage)");

  // One student's folder, as Gradescope gives it: one test per exercise.
  r = pipesim_in(c.dir.path, {"check", "--course", "exercises", "--student", "subs/alice/",
                              "--format", "gradescope"});
  REQUIRE(r.exit_code == 0);
  const nlohmann::json gs = nlohmann::json::parse(r.out);
  CHECK(gs["score"] == 30);
  REQUIRE(gs["tests"].size() == 2);
  CHECK(gs["tests"][0]["name"] == "load_use (5-stage)");
  CHECK(gs["tests"][1]["max_score"] == 20);
}

TEST_CASE("check --course: mistakes of the command and the folders", "[classroom][cli][batch]") {
  Course c;
  RunResult r = pipesim_in(c.dir.path, {"check", "--course", "exercises"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: --course needs one of --submissions DIR (a folder per student) or --student "
        "DIR\n");
  r = pipesim_in(c.dir.path, {"check", "--course", "exercises", "--submissions", "subs", "--format",
                              "gradescope"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: --format gradescope writes one student's results: use --student DIR\n");
  // -o must not replace a student's answer.
  r = pipesim_in(c.dir.path, {"check", "--course", "exercises", "--submissions", "subs", "-o",
                              "subs/alice/load_use.txt"});
  CHECK(r.exit_code == 2);
  CHECK(first_line(r.err) ==
        "error: refusing to write -o to 'subs/alice/load_use.txt': that file is the answer "
        "'subs/alice/load_use.txt'");
  CHECK(read_file(c.dir.path / "subs" / "alice" / "load_use.txt") == kGood);
  // A PROGRAM with --course, --student without --course.
  r = pipesim_in(c.dir.path,
                 {"check", "exercises/raw.s", "--course", "exercises", "--student", "subs/bob"});
  CHECK(r.err == "error: --course grades the exercises of its folder: give no PROGRAM\n");
  r = pipesim_in(c.dir.path,
                 {"check", "exercises/raw.s", "-c", "5-stage", "--key", "--student", "subs/bob"});
  CHECK(r.err == "error: --submissions and --student go with --course DIR\n");
  // An exercise without machines, and no --config.
  write_file(c.dir.path / "exercises" / "raw.md", "# no front matter\n");
  r = pipesim_in(c.dir.path, {"check", "--course", "exercises", "--submissions", "subs"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("error: --course: 'exercises/raw.s' names no machine"));
  // A bad front matter: its line and column.
  write_file(c.dir.path / "exercises" / "raw.md", "---\nmachine: 5-stage\n---\n");
  r = pipesim_in(c.dir.path, {"check", "--course", "exercises", "--submissions", "subs"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("exercises/raw.md:2:1: error: unknown exercise setting "
                                      "`machine`"));
}

// docs/examples/run_autograder, run as Gradescope would, in a folder laid out like /autograder
// (AUTOGRADER_ROOT points there; the real one is never touched).
TEST_CASE("check --course: the documented run_autograder writes results.json",
          "[classroom][cli][batch]") {
  Course c;
  const fs::path root = c.dir.path / "autograder";
  fs::create_directories(root / "source");
  fs::copy(c.dir.path / "exercises", root / "source" / "exercises");
  fs::copy(c.dir.path / "subs" / "bob", root / "submission");
  const std::string script =
      (fs::path(PIPESIM_SOURCE_DIR) / "docs" / "examples" / "run_autograder").string();
  RunResult r = run_process({"env", "AUTOGRADER_ROOT=" + root.string(),
                             std::string("PIPESIM=") + PIPESIM_BINARY, "sh", script});
  INFO(r.err);
  REQUIRE(r.exit_code == 0);
  const nlohmann::json gs = nlohmann::json::parse(read_file(root / "results" / "results.json"));
  REQUIRE(gs["tests"].size() == 2);
  CHECK(gs["tests"][0]["score"] < 10);  // bob's wrong load-use diagram
  CHECK(gs["tests"][1]["score"] == 0);  // no answer to raw
  CHECK_THAT(gs["tests"][1]["output"].get<std::string>(), Catch::Contains("no answer for raw"));
}

TEST_CASE("check --batch: a FIFO or a device among the answers is a record, not a hang",
          "[classroom][cli][batch]") {
  // A FIFO in a folder of submissions has no writer: reading it would wait forever. A link to
  // /dev/zero would read without end. Both are records with their error; the batch goes on.
  TempDir dir{"pipesim-batch-fifo"};
  dir.file("ex.s", kLoadUse);
  fs::create_directories(dir.path / "answers");
  write_file(dir.path / "answers" / "alice.txt", kGood);
  REQUIRE(mkfifo((dir.path / "answers" / "fifo.txt").c_str(), 0600) == 0);
  fs::create_symlink("/dev/zero", dir.path / "answers" / "zero.txt");
  RunResult r = pipesim_in(
      dir.path, {"check", "ex.s", "-c", "5-stage", "--batch", "answers", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const auto records = nlohmann::json::parse(r.out)["records"];
  REQUIRE(records.size() == 3);
  CHECK(records[0]["score"] == 100);
  CHECK(records[1]["student"] == "fifo");
  CHECK(records[1]["error"]["message"] ==
        "cannot read 'answers/fifo.txt': not a regular file (a FIFO)");
  CHECK(records[2]["student"] == "zero");
  CHECK(records[2]["error"]["message"] ==
        "cannot read 'answers/zero.txt': not a regular file (a character device)");
}
