// Bad task graphs: each problem is an error at FILE:LINE:COL (JSON syntax) or at the JSON path
// of the value at fault (docs/tasks.md, "Errors"), never a crash or a hang.
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <string>

#include "isa/error.hpp"
#include "sim/tasks/schedule.hpp"
#include "sim/tasks/task_graph_json.hpp"

using namespace pipesim::tasks;
using Catch::Matchers::Contains;
using Catch::Matchers::Equals;

namespace {

// A graph in minutes with a kettle (1) and the given tasks (a JSON array's items).
std::string graph(const std::string& tasks, const std::string& resources = R"({"kettle": 1})") {
  return R"({"unit": "min", "resources": )" + resources + R"(, "tasks": [)" + tasks + "]}";
}

std::string error_of(const std::string& text) {
  try {
    parse_task_graph(text, "g.json");
  } catch (const pipesim::Error& e) {
    return e.what();
  }
  return "(no error)";
}

}  // namespace

TEST_CASE("tasks errors: JSON syntax at line and column", "[tasks]") {
  try {
    parse_task_graph("{\"unit\": \"min\",\n  \"tasks\": [,]}", "g.json");
    FAIL("no error");
  } catch (const pipesim::SourceError& e) {
    CHECK(e.file == "g.json");
    CHECK(e.line == 2);
    CHECK(e.column == 13);
  }
  // A key given twice is refused, not silently the last.
  CHECK_THROWS_AS(parse_task_graph(R"({"unit": "min", "unit": "h", "tasks": []})", "g.json"),
                  pipesim::SourceError);
}

// The cycle is found from the first task along what each waits for (a -> b -> c -> a again) and
// printed in the order the tasks would run: c, then b (waits for c), then a (waits for b); it is
// reported at b's `after`, b waiting for the first task shown.
TEST_CASE("tasks errors: cycles, with the tasks on them", "[tasks]") {
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 1, "after": "b"},
                               {"name": "b", "duration": 1, "after": "c"},
                               {"name": "c", "duration": 1, "after": "a"})")),
             Equals("g.json: /tasks/1/after: a cycle: c -> b -> a -> c (each waits for the one "
                    "before it)"));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 1, "after": ["a"]})")),
             Equals("g.json: /tasks/0/after: a cycle: a -> a (each waits for the one before it)"));
}

TEST_CASE("tasks errors: unknown and duplicate tasks", "[tasks]") {
  CHECK_THAT(error_of(graph(R"({"name": "boil", "duration": 1},
                               {"name": "drink", "duration": 1, "after": ["boil", "bol"]})")),
             Equals("g.json: /tasks/1/after/1: unknown task \"bol\""));
  CHECK_THAT(error_of(graph(R"({"name": "boil", "duration": 1}, {"name": "boil", "duration": 2})")),
             Equals("g.json: /tasks/1/name: duplicate task name \"boil\" (first at /tasks/0)"));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 1, "after_previous": "b"})")),
             Equals("g.json: /tasks/0/after_previous: unknown task \"b\""));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 1, "colour": "red"})")),
             Equals("g.json: /tasks/0/colour: unknown key"));
}

TEST_CASE("tasks errors: durations that are not a whole positive number of the unit", "[tasks]") {
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 0})")),
             Equals("g.json: /tasks/0/duration: a duration of 0 min: a task takes at least 1 min"));
  CHECK_THAT(
      error_of(graph(R"({"name": "a", "duration": -5})")),
      Equals("g.json: /tasks/0/duration: a duration of -5 min: a task takes at least 1 min"));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 2.5})")),
             Equals("g.json: /tasks/0/duration: 2.5 is not a whole number of min"));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": "0 h"})")),
             Contains("/tasks/0/duration: a duration of 0 min"));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": "-1 min"})")),
             Contains("/tasks/0/duration: \"-1 min\" is not a duration"));
  // Bad units: unknown, or not a whole number of the graph's unit.
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": "5 parsecs"})")),
             Equals("g.json: /tasks/0/duration: unknown unit \"parsecs\" (units: ns, us, ms, s, "
                    "min, h, d, cycles)"));
  CHECK_THAT(
      error_of(graph(R"({"name": "a", "duration": "30 s"})")),
      Equals("g.json: /tasks/0/duration: 30 s is not a whole number of min, the graph's unit"));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": "3 cycles"})")),
             Contains("3 cycles is not a whole number of min"));
  CHECK_THAT(error_of(R"({"unit": "fortnights", "tasks": [{"name": "a", "duration": 1}]})"),
             Contains("g.json: /unit: unknown unit \"fortnights\""));
  CHECK_THAT(error_of(R"({"tasks": [{"name": "a", "duration": 1}]})"),
             Contains("g.json: /: missing key \"unit\""));
  // A duration in another unit that converts: 1 h is 60 min.
  CHECK(
      parse_task_graph(graph(R"({"name": "a", "duration": "1 h"})"), "g.json").tasks[0].duration ==
      60);
}

TEST_CASE("tasks errors: resources with no capacity, unknown, or needed beyond it", "[tasks]") {
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 1})", R"({"kettle": 0})")),
             Equals("g.json: /resources/kettle: a capacity of 0: a resource with no capacity could "
                    "never be used"));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 1})",
                            R"({"person": {"capacity": -1, "per_iteration": true}})")),
             Contains("g.json: /resources/person/capacity: a capacity of -1"));
  CHECK_THAT(
      error_of(graph(R"({"name": "a", "duration": 1, "needs": "oven"})")),
      Equals("g.json: /tasks/0/needs: unknown resource \"oven\" (declare it under /resources)"));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 1, "needs": {"kettle": 2}})")),
             Equals("g.json: /tasks/0/needs/kettle: needs 2 kettle but there is only 1"));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 1, "needs": {"kettle": 0}})")),
             Contains("/tasks/0/needs/kettle: 0 is less than 1"));
}

TEST_CASE("tasks errors: graphs beyond the limits", "[tasks]") {
  std::string tasks;
  for (std::size_t i = 0; i <= kMaxTasks; ++i)
    tasks += fmt::format("{}{{\"name\": \"t{}\", \"duration\": 1}}", i ? "," : "", i);
  CHECK_THAT(error_of(graph(tasks)),
             Equals(fmt::format("g.json: /tasks: {} tasks, more than the limit of {}",
                                kMaxTasks + 1, kMaxTasks)));
  CHECK_THAT(error_of(graph(R"({"name": "a", "duration": 1000000001})")),
             Contains("/tasks/0/duration: 1000000001 is more than the limit of 1000000000"));
  CHECK_THAT(
      error_of(R"({"unit": "min", "iterations": 1001, "tasks": [{"name": "a", "duration": 1}]})"),
      Contains("/iterations: 1001 is more than the limit of 1000"));
  // Tasks times iterations: 200 tasks may be repeated 500 times (100,000 instances), not 501.
  tasks.clear();
  for (std::size_t i = 0; i < 200; ++i)
    tasks += fmt::format("{}{{\"name\": \"t{}\", \"duration\": 1}}", i ? "," : "", i);
  const TaskGraph g = parse_task_graph(graph(tasks), "g.json");
  CHECK_NOTHROW(check_size(g, 500));
  CHECK_THROWS_WITH(check_size(g, 501),
                    Contains("200 tasks times 501 iterations is more than the limit of 100000"));
}

TEST_CASE("tasks errors: --set RESOURCE=CAPACITY", "[tasks]") {
  const TaskGraph g = parse_task_graph(
      graph(R"({"name": "a", "duration": 1, "needs": {"kettle": 1}})", R"({"kettle": 1})"),
      "g.json");
  CHECK(parse_capacity_sets(g, {"kettle=2"}).front().second == 2);
  CHECK_THROWS_WITH(parse_capacity_sets(g, {"oven=2"}),
                    Equals("--set oven=2: g.json has no resource \"oven\""));
  CHECK_THROWS_WITH(parse_capacity_sets(g, {"kettle=0"}),
                    Contains("--set kettle=0: the capacity must be a whole number from 1 to"));
  CHECK_THROWS_WITH(parse_capacity_sets(g, {"kettle"}), Contains("expected RESOURCE=CAPACITY"));
  CHECK_THROWS_WITH(parse_capacity_sets(g, {"kettle=two"}), Contains("a whole number"));
}
