// The writers of many grades (sim/classroom/grade_exports.hpp): CSV and JSON records, Gradescope's
// results.json, and the Moodle and Canvas grade imports. The records are built by hand here, so
// every expected value follows from the numbers written below.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "sim/classroom/grade_exports.hpp"

using namespace pipesim::classroom;

namespace {

// alice: 100 on load_use (10 points); bob: 81 on load_use (10 points -> 8.1) and a malformed
// answer to jumps (20 points -> 0); carol: no answer to load_use.
std::vector<GradeRecord> sample() {
  std::vector<GradeRecord> out;
  GradeRecord a;
  a.student = "alice";
  a.exercise = "load_use";
  a.machine = "5-stage";
  a.file = "alice/load_use.txt";
  a.max_points = 10;
  a.grade = Grade{};
  a.grade->score = 100;
  a.grade->cells = 22;
  a.grade->correct = 22;
  a.feedback = "score 100/100\n";
  a.detail = {{"score", 100}};
  out.push_back(a);

  GradeRecord b = a;
  b.student = "bob";
  b.file = "bob/load_use.txt";
  b.grade->score = 81;
  b.grade->correct = 18;
  b.grade->wrong.resize(4);
  b.grade->causes.push_back({2, "row 2: missing load-use stall", 4});
  b.grade->causes.push_back({3, "row 3: enters EX, early", 1});
  b.feedback = "score 81/100\nrow 2, cycle 4: you wrote \"EX\"\n";
  b.detail = {{"score", 81}};
  out.push_back(b);

  GradeRecord bj;
  bj.student = "bob";
  bj.exercise = "jumps";
  bj.machine = "5-stage";
  bj.file = "bob/jumps.txt";
  bj.max_points = 20;
  bj.error = "`XX` is not a cell";
  bj.line = 2;
  bj.column = 10;
  out.push_back(bj);

  GradeRecord c;
  c.student = "carol";
  c.exercise = "load_use";
  c.machine = "5-stage";
  c.max_points = 10;
  c.error = "no answer for load_use on 5-stage (expected load_use.txt)";
  out.push_back(c);
  return out;
}

}  // namespace

TEST_CASE("grade exports: points are score x max_points / 100, printed short",
          "[classroom][exports]") {
  const std::vector<GradeRecord> r = sample();
  CHECK(record_points(r[0]) == 10.0);
  CHECK(record_points(r[1]) == Approx(8.1));  // 81 × 10 / 100
  CHECK(record_points(r[2]) == 0.0);          // no grade
  CHECK(points_text(10.0) == "10");
  CHECK(points_text(8.1) == "8.1");
  CHECK(points_text(0.0) == "0");
  CHECK(points_text(2.0 / 3.0) == "0.67");
  CHECK(item_name(r[2]) == "jumps (5-stage)");
}

TEST_CASE("grade exports: CSV records, with the error's line and column", "[classroom][exports]") {
  const std::vector<GradeRecord> r = sample();
  CHECK(csv_header() ==
        "student,exercise,machine,file,score,points,max_points,cells,correct,wrong,causes,error,"
        "feedback\n");
  CHECK(csv_row(r[0]) ==
        "alice,load_use,5-stage,alice/load_use.txt,100,10,10,22,22,0,,,\"score 100/100\n\"\n");
  // Causes joined with "; "; the feedback quoted (it holds a line break and a quote, doubled).
  CHECK(csv_row(r[1]) ==
        "bob,load_use,5-stage,bob/load_use.txt,81,8.1,10,22,18,4,"
        "\"row 2: missing load-use stall; row 3: enters EX, early\",,"
        "\"score 81/100\nrow 2, cycle 4: you wrote \"\"EX\"\"\n\"\n");
  CHECK(csv_row(r[2]) ==
        "bob,jumps,5-stage,bob/jumps.txt,,0,20,,,,,\"line 2, column 10: `XX` is not a cell\",\n");
  CHECK(csv_row(r[3]) ==
        "carol,load_use,5-stage,,,0,10,,,,,no answer for load_use on 5-stage "
        "(expected load_use.txt),\n");
}

TEST_CASE("grade exports: JSON records, a grade or an error each", "[classroom][exports]") {
  const nlohmann::ordered_json j = records_json(sample());
  CHECK(j["schema"] == "pipesim.check-batch/1");
  REQUIRE(j["records"].size() == 4);
  const auto& bob = j["records"][1];
  CHECK(bob["student"] == "bob");
  CHECK(bob["exercise"] == "load_use");
  CHECK(bob["machine"] == "5-stage");
  CHECK(bob["file"] == "bob/load_use.txt");
  CHECK(bob["max_points"] == 10);
  CHECK(bob["score"] == 81);
  CHECK(bob["points"].get<double>() == Approx(8.1));
  CHECK(bob["cells"] == 22);
  CHECK(bob["correct"] == 18);
  REQUIRE(bob["causes"].size() == 2);
  CHECK(bob["causes"][0]["row"] == 2);
  CHECK(bob["causes"][0]["text"] == "row 2: missing load-use stall");
  CHECK(bob["causes"][0]["cells"] == 4);
  CHECK(bob["feedback"] == "score 81/100\nrow 2, cycle 4: you wrote \"EX\"\n");
  CHECK(bob["grade"]["score"] == 81);  // the one-answer JSON, nested as it is
  CHECK(!bob.contains("error"));
  const auto& malformed = j["records"][2];
  CHECK(!malformed.contains("score"));
  CHECK(malformed["points"] == 0);
  CHECK(malformed["error"]["message"] == "`XX` is not a cell");
  CHECK(malformed["error"]["line"] == 2);
  CHECK(malformed["error"]["column"] == 10);
  const auto& missing = j["records"][3];
  CHECK(missing["error"]["message"] == "no answer for load_use on 5-stage (expected load_use.txt)");
  CHECK(!missing["error"].contains("line"));  // not an answer's mistake: no place in a file
}

// Gradescope's autograder specification (gradescope-autograders.readthedocs.io, "Autograder
// Specifications", results.json): top-level "score", "output", "visibility", "stdout_visibility",
// "tests"; each test "score", "max_score", "status" (passed/failed), "name", "output",
// "visibility" (hidden, after_due_date, after_published, visible).
TEST_CASE("grade exports: Gradescope results.json for one student", "[classroom][exports]") {
  const std::vector<GradeRecord> all = sample();
  const std::vector<GradeRecord> bob = {all[1], all[2]};
  const nlohmann::ordered_json j = gradescope_results(bob);
  for (const auto& [key, value] : j.items()) {
    INFO(key);
    CHECK((key == "score" || key == "output" || key == "visibility" || key == "stdout_visibility" ||
           key == "tests"));
  }
  CHECK(j["score"].is_number());
  CHECK(j["score"].get<double>() == Approx(8.1));  // 8.1 + 0
  CHECK(j["output"] == "pipesim check: 8.1 of 30 points (2 diagrams)");
  CHECK(j["visibility"] == "visible");
  CHECK(j["stdout_visibility"] == "hidden");
  REQUIRE(j["tests"].size() == 2);
  for (const auto& t : j["tests"]) {
    for (const auto& [key, value] : t.items()) {
      INFO(key);
      CHECK((key == "name" || key == "score" || key == "max_score" || key == "status" ||
             key == "output" || key == "visibility"));
    }
    CHECK(t["score"].is_number());
    CHECK(t["max_score"].is_number());
    CHECK(t["name"].is_string());
    CHECK(t["output"].is_string());
    CHECK(t["visibility"] == "visible");
  }
  CHECK(j["tests"][0]["name"] == "load_use (5-stage)");
  CHECK(j["tests"][0]["score"].get<double>() == Approx(8.1));
  CHECK(j["tests"][0]["max_score"] == 10);
  CHECK(j["tests"][0]["status"] == "failed");
  CHECK(j["tests"][0]["output"] == all[1].feedback);
  CHECK(j["tests"][1]["name"] == "jumps (5-stage)");
  CHECK(j["tests"][1]["score"] == 0);
  CHECK(j["tests"][1]["max_score"] == 20);
  CHECK(j["tests"][1]["output"] == "bob/jumps.txt: line 2, column 10: `XX` is not a cell\n");
  CHECK(gradescope_results({all[0]})["tests"][0]["status"] == "passed");
}

// Moodle's "Import grades: CSV file" maps one column to a user field (username, email address,
// ID number) and the others to grade items; Canvas' Gradebook import reads the columns of its
// own export: Student, ID, SIS User ID, SIS Login ID, Section, then one column per assignment.
TEST_CASE("grade exports: Moodle and Canvas grade CSV", "[classroom][exports]") {
  const std::vector<GradeRecord> r = sample();
  CHECK(moodle_csv(r) ==
        "Username,load_use (5-stage),jumps (5-stage)\n"
        "alice,10,\n"  // alice has no jumps record: the cell is left empty
        "bob,8.1,0\n"
        "carol,0,\n");
  CHECK(canvas_csv(r) ==
        "Student,ID,SIS User ID,SIS Login ID,Section,load_use (5-stage),jumps (5-stage)\n"
        "alice,,,alice,,10,\n"
        "bob,,,bob,,8.1,0\n"
        "carol,,,carol,,0,\n");
}

TEST_CASE("grade exports: a field a spreadsheet would run as a formula is text",
          "[classroom][exports]") {
  // A student folder named `=HYPERLINK(...)` (or starting + - @) gets a leading ' in every CSV,
  // which Excel, LibreOffice and Sheets show as text instead of evaluating it.
  std::vector<GradeRecord> r = sample();
  r[3].student = "=HYPERLINK(\"http://x\")";
  CHECK(csv_row(r[3]) ==
        "\"'=HYPERLINK(\"\"http://x\"\")\",load_use,5-stage,,,0,10,,,,,no answer for load_use on "
        "5-stage (expected load_use.txt),\n");
  r[0].student = "+1";
  r[1].student = "@bob";
  r[2].student = "-x";
  r.pop_back();
  CHECK(moodle_csv(r) ==
        "Username,load_use (5-stage),jumps (5-stage)\n"
        "'+1,10,\n"  // students in the records' order
        "'@bob,8.1,\n"
        "'-x,,0\n");
}
