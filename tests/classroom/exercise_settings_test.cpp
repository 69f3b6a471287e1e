// Exercise settings: the front matter of an exercise .md (docs/classroom.md, "Exercise
// settings"), read strictly, and the shipped exercises' front matter agreeing with their text.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "isa/error.hpp"
#include "sim/classroom/exercise_settings.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;
using namespace pipesim;
using namespace pipesim::classroom;

namespace {

// The SourceError parse_exercise_settings throws for `text`, as "LINE:COLUMN: MESSAGE".
std::string error_of(const std::string& text) {
  try {
    parse_exercise_settings(text, "ex.md");
  } catch (const SourceError& e) {
    CHECK(e.file == "ex.md");
    return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("exercise settings: every key of a front matter is read", "[classroom][settings]") {
  const ExerciseSettings s = parse_exercise_settings(
      "---\n"
      "# a comment, then a blank line\n"
      "\n"
      "machines: 5-stage, 5-stage-branch-in-id\n"
      "flushed-rows: required\n"
      "flushed-row-points: 3\n"
      "template: show cycles\n"
      "points: 20\n"
      "---\n"
      "# The question\n"
      "flushed-rows: forbidden\n",  // after the closing line: the question's text, not read
      "ex.md");
  CHECK(s.has_front_matter);
  CHECK(s.machines == std::vector<std::string>{"5-stage", "5-stage-branch-in-id"});
  REQUIRE(s.flushed_rows);
  CHECK(*s.flushed_rows == FlushedRows::Required);
  CHECK(s.flushed_row_points == 3u);
  CHECK(s.template_cycles == true);
  CHECK(!s.template_flushed);
  CHECK(s.points == 20u);

  const GradePolicy p = grade_policy(s);
  CHECK(p.flushed_rows == FlushedRows::Required);
  CHECK(p.missing_flushed_row_points == 3);
  // Required flushed rows appear on the sheet unless the template hides them.
  const TemplateOptions t = template_options(s);
  CHECK(t.show_cycle_count);
  CHECK(t.show_flushed_rows);
}

TEST_CASE("exercise settings: without front matter everything is the default",
          "[classroom][settings]") {
  for (const char* text : {"", "# Title\n\n---\nmachines: x\n---\n", " ---\n"}) {
    INFO(text);
    const ExerciseSettings s = parse_exercise_settings(text, "ex.md");
    CHECK(!s.has_front_matter);
    CHECK(s.machines.empty());
    CHECK(!s.flushed_rows);
    const GradePolicy p = grade_policy(s);
    CHECK(p.flushed_rows == FlushedRows::Optional);
    CHECK(p.missing_flushed_row_points == 5);
    const TemplateOptions t = template_options(s);
    CHECK(!t.show_cycle_count);
    CHECK(!t.show_flushed_rows);
  }
  // An empty front matter, with Windows line ends.
  const ExerciseSettings s = parse_exercise_settings("---\r\n---\r\n# Title\r\n", "ex.md");
  CHECK(s.has_front_matter);
  CHECK(s.machines.empty());
}

TEST_CASE("exercise settings: template hides and shows cycles and flushed rows",
          "[classroom][settings]") {
  ExerciseSettings s = parse_exercise_settings(
      "---\ntemplate: hide cycles, flushed\nflushed-rows: required\n---\n", "ex.md");
  CHECK(s.template_cycles == false);
  CHECK(s.template_flushed == false);
  CHECK(!template_options(s).show_flushed_rows);  // hidden although required: the teacher said so
  s = parse_exercise_settings("---\ntemplate: show flushed\n---\n", "ex.md");
  CHECK(!s.template_cycles);
  CHECK(s.template_flushed == true);
  CHECK(template_options(s).show_flushed_rows);
  CHECK(!template_options(s).show_cycle_count);
}

TEST_CASE("exercise settings: a bad front matter is an error at its line and column",
          "[classroom][settings]") {
  CHECK(error_of("---\nmachines: 5-stage\ncolour: red\n---\n") ==
        "3:1: unknown exercise setting `colour` (known: machines, flushed-rows, "
        "flushed-row-points, template, points)");
  CHECK(error_of("---\npoints: 5\npoints: 6\n---\n") == "3:1: `points` is given twice");
  CHECK(error_of("---\nflushed-rows: sometimes\n---\n") ==
        "2:15: `flushed-rows` is optional, required or forbidden, not `sometimes`");
  CHECK(error_of("---\npoints: 1001\n---\n") ==
        "2:9: `points` takes a whole number from 0 to 1000, not `1001`");
  CHECK(error_of("---\nflushed-row-points: -1\n---\n") ==
        "2:21: `flushed-row-points` takes a whole number from 0 to 100, not `-1`");
  CHECK(error_of("---\nmachines: 5-stage,,7-stage\n---\n") ==
        "2:11: `machines`: an empty item in the list");
  CHECK(error_of("---\nmachines:\n---\n") == "2:1: `machines` has no value");
  CHECK(error_of("---\njust words\n---\n") == "2:1: expected `key: value` in the front matter");
  CHECK(error_of("---\ntemplate: cycles\n---\n") ==
        "2:11: `template` takes `show` or `hide` and a list of cycles, flushed (e.g. `hide "
        "cycles, flushed`)");
  CHECK(error_of("---\ntemplate: show labels\n---\n") ==
        "2:16: `template` shows or hides `cycles` or `flushed`, not `labels`");
  CHECK(error_of("---\nmachines: 5-stage\n") ==
        "1:1: the front matter opened here has no closing `---` line");
  // Bounded: a file that opens a front matter and never closes it is not read to its end.
  std::string endless = "---\n";
  for (int i = 0; i < 100; ++i) endless += "# line\n";
  CHECK(error_of(endless) ==
        "1:1: the front matter opened here has no closing `---` line within 64 lines");
}

// The shipped exercises carry their settings; the machines must be the ones their text names
// ("**Machines:** `5-stage`, `7-stage`").
TEST_CASE("exercise settings: the shipped exercises' front matter names their machines",
          "[classroom][settings]") {
  const fs::path dir = fs::path(PIPESIM_SOURCE_DIR) / "programs" / "exercises";
  std::size_t count = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    if (e.path().extension() != ".md") continue;
    ++count;
    INFO(e.path());
    const std::string text = test::read_file(e.path());
    const ExerciseSettings s = parse_exercise_settings(text, e.path().string());
    CHECK(s.has_front_matter);
    const std::size_t at = text.find("**Machines:**");
    REQUIRE(at != std::string::npos);
    const std::string line = text.substr(at, text.find('\n', at) - at);
    std::vector<std::string> named;
    for (std::size_t p = line.find('`'); p != std::string::npos; p = line.find('`', p + 1)) {
      const std::size_t end = line.find('`', p + 1);
      named.push_back(line.substr(p + 1, end - p - 1));
      p = end;
    }
    CHECK(s.machines == named);
  }
  CHECK(count >= 12);
}
