// `pipesim tasks` through the command: the morning's schedules as printed, the output files
// (--json, --html, --trace-chrome, --save-graph), --from a program, and bad input: exit 2 with a
// message at FILE:LINE:COL or the JSON path, and no output file written. The numbers are those
// derived by hand in tests/unit/tasks_examples_test.cpp.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using Catch::Matchers::Contains;
using pipesim::test::read_file;
using pipesim::test::run_pipesim;
using pipesim::test::RunResult;
using pipesim::test::TempDir;

namespace {

std::string source(const std::string& path) {
  return std::string(PIPESIM_SOURCE_DIR) + "/" + path;
}

const std::string kMorning = source("programs/taskgraphs/morning.json");

}  // namespace

TEST_CASE("tasks cli: the morning routine, 55 -> 40, two mornings, two kettles", "[tasks][cli]") {
  const RunResult r = run_pipesim({"tasks", kMorning, "--set", "kettle=2"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.err.empty());
  CHECK_THAT(r.out, Contains("\nSequential: 55 min\n"));
  CHECK_THAT(r.out, Contains("\nOverlapped: 40 min, optimal (no schedule beats 40 min)\n"));
  CHECK_THAT(r.out,
             Contains("\n2 iterations pipelined: 60 min (110 min one iteration after the other)"));
  CHECK_THAT(r.out, Contains("\n2 iterations pipelined, kettle=2: 55 min"));
  CHECK_THAT(
      r.out,
      Contains("Critical path, one iteration: 40 min: boil water -> make tea -> drink tea\n"));
  CHECK_THAT(r.out, Contains("boil water #2                   ket ket ket ket\n"));
  // --iterations 1: no pipelined schedule; --set then gives the overlapped one with 2 kettles.
  const RunResult one = run_pipesim({"tasks", kMorning, "--iterations", "1", "--set", "kettle=2"});
  REQUIRE(one.exit_code == 0);
  CHECK_THAT(one.out, !Contains("pipelined"));
  CHECK_THAT(one.out, Contains("\nOverlapped, kettle=2: 40 min"));
}

TEST_CASE("tasks cli: --json, --html, --trace-chrome and --save-graph", "[tasks][cli]") {
  TempDir dir("pipesim-tasks");
  const RunResult r = run_pipesim({"tasks", kMorning, "--json", dir / "m.json", "--html",
                                   dir / "m.html", "--trace-chrome", dir / "m.trace.json",
                                   "--save-graph", dir / "g.json", "-o", dir / "m.txt"});
  REQUIRE(r.exit_code == 0);
  const auto j = nlohmann::json::parse(read_file(dir / "m.json"));
  CHECK(j["schema"] == "pipesim.tasks-result/1");
  CHECK(j["schedules"][0]["length"] == 55);
  CHECK(j["schedules"][1]["length"] == 40);
  CHECK(j["schedules"][2]["length"] == 60);
  CHECK(j["dataflow_limit"]["length"] == 55);
  const std::string html = read_file(dir / "m.html");
  CHECK_THAT(html, Contains("<h2>Overlapped: 40 min</h2>"));
  CHECK_THAT(html, Contains("title=\"boil water #2: 20-40 min\""));
  const auto trace = nlohmann::json::parse(read_file(dir / "m.trace.json"));
  CHECK(trace.is_array());
  CHECK_THAT(read_file(dir / "m.txt"), Contains("Overlapped: 40 min"));
  // The saved graph reads back and schedules the same.
  const RunResult again = run_pipesim({"tasks", dir / "g.json"});
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.out, Contains("\nOverlapped: 40 min"));
}

TEST_CASE("tasks cli: --from a program's basic block", "[tasks][cli]") {
  const RunResult r = run_pipesim({"tasks", "--from", source("programs/examples/morning-routine.s"),
                                   "--config", "5-stage-mul-div", "--set", "div=2"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("times in cycles"));
  CHECK_THAT(r.out, Contains("i2 divu t0, a1, a2"));
  CHECK_THAT(r.out, Contains("Overlapped, div=2: "));
}

TEST_CASE("tasks cli: bad input is exit 2 with the place, and writes nothing", "[tasks][cli]") {
  TempDir dir("pipesim-tasks-bad");
  const std::string out = dir / "out.json";
  auto fails = [&](std::vector<std::string> args, const std::string& message) {
    args.insert(args.end(), {"--json", out});
    const RunResult r = run_pipesim(args);
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Contains(message));
    CHECK(!fs::exists(out));
  };
  fails({"tasks", dir.file("syntax.json", "{\"unit\": \"min\",\n  \"tasks\": [,]}")},
        "syntax.json:2:13: error: invalid JSON");
  fails({"tasks", dir.file("cycle.json", R"({"unit": "min", "tasks": [
      {"name": "a", "duration": 1, "after": "b"}, {"name": "b", "duration": 1, "after": "a"}]})")},
        "cycle.json: /tasks/0/after: a cycle: b -> a -> b");
  fails({"tasks",
         dir.file("zero.json", R"({"unit": "min", "resources": {"kettle": 0}, "tasks": []})")},
        "zero.json: /resources/kettle: a capacity of 0");
  fails({"tasks", kMorning, "--set", "oven=2"}, "--set oven=2: ");
  fails({"tasks", kMorning, "--iterations", "1001"}, "--iterations");
  fails({"tasks", dir / "missing.json"}, "missing.json");
  fails({"tasks"}, "give a task graph FILE or --from PROGRAM");
}

// A name with a screen clear, and a file whose name has an ESC: neither reaches the terminal
// (tests/unit/tasks_names_test.cpp has every output).
TEST_CASE("tasks cli: control characters in names are printed as \\xNN", "[tasks][cli]") {
  TempDir dir("pipesim-tasks-names");
  const std::string file = dir.file("a\x1b[31m.json", R"({"unit": "min", "tasks": [
      {"name": "x\u001b[2Jy", "duration": 1}]})");
  const RunResult r = run_pipesim({"tasks", file});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Contains("a\\x1b[31m.json: 1 tasks"));
  CHECK_THAT(r.out, Contains("\nx\\x1b[2Jy  ===\n"));
  CHECK(r.out.find('\x1b') == std::string::npos);
  const RunResult bad = run_pipesim({"tasks", dir.file("b.json", R"({"unit": "min", "tasks": [
      {"name": "x", "duration": 1, "after": "\u001b[2J"}]})")});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Contains("b.json: /tasks/0/after: unknown task \"\\x1b[2J\""));
  CHECK(bad.err.find('\x1b') == std::string::npos);
}

TEST_CASE("tasks cli: `tasks` and `task` tell each other apart in the help", "[tasks][cli]") {
  const RunResult r = run_pipesim({"--help"});
  CHECK_THAT(r.out, Contains("Task graphs (the morning routine in minutes)"));
  CHECK_THAT(r.out, Contains("Optimisation challenges for programs (not `tasks`: task graphs)"));
}

// README.md and docs/tutorial.md paste the command's output: it must be what the command prints.
TEST_CASE("tasks cli: the output pasted in the tutorial and README is the command's",
          "[tasks][cli][docs]") {
  pipesim::test::ProcessOptions in_source;
  in_source.cwd = PIPESIM_SOURCE_DIR;
  const RunResult r = run_pipesim({"tasks", "programs/taskgraphs/morning.json"}, in_source);
  REQUIRE(r.exit_code == 0);
  const std::string head = r.out.substr(0, r.out.find("\n2 iterations pipelined"));
  CHECK_THAT(read_file(source("docs/tutorial.md")), Contains(head));
  const std::string overlapped = head.substr(head.find("Overlapped:"));
  CHECK_THAT(read_file(source("README.md")), Contains(overlapped));
  CHECK_THAT(read_file(source("docs/tasks.md")), Contains(head));
}
