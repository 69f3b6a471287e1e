// The scheduling rules of docs/tasks.md on small graphs built for one rule each, and the bridge
// from instructions (`tasks --from`): expected values derived by hand in the comments; the
// bridge's critical path against `pipesim deps`' own.
#include <fmt/format.h>
#include <catch2/catch.hpp>
#include <string>

#include "isa/assembler.hpp"
#include "sim/classroom/deps.hpp"
#include "sim/classroom/deps_tasks.hpp"
#include "sim/config/config_load.hpp"
#include "sim/json/json_text.hpp"
#include "sim/tasks/exact_schedule.hpp"
#include "sim/tasks/gantt_text.hpp"
#include "sim/tasks/schedule.hpp"
#include "sim/tasks/task_graph_json.hpp"
#include "sim/tasks/tasks_chrome.hpp"
#include "sim/tasks/tasks_json.hpp"
#include "tests/support/files.hpp"

using namespace pipesim;
using namespace pipesim::tasks;

namespace {

TaskGraph parse(const std::string& text) {
  return parse_task_graph(text, "t.json");
}

}  // namespace

// A task waiting for one listed after it: sequential runs b (listed second) before a, then c.
TEST_CASE("tasks: sequential order is file order, dependences first", "[tasks]") {
  const TaskGraph g = parse(R"({"unit": "s", "tasks": [
      {"name": "a", "duration": 2, "after": "b"}, {"name": "b", "duration": 3},
      {"name": "c", "duration": 1}]})");
  const Schedule s = sequential_schedule(g, 1);
  CHECK(s.slots[1].start == 0);  // b
  CHECK(s.slots[0].start == 3);  // a, after b
  CHECK(s.slots[2].start == 5);  // c
  CHECK(s.length == 6);
}

// Capacity 3 of "unit"; big needs 2 for 4 s, small1 and small2 need 1 for 1 s; the priority
// (height) is big 4, small 1. At 0 big takes 2 units and small1 the third; small2 does not fit
// until small1 ends at 1: 1-2. Length 4 (big). A need of 2 on capacity 1 would be refused.
TEST_CASE("tasks: list scheduling fills the capacity in priority order", "[tasks]") {
  const TaskGraph g = parse(R"({"unit": "s", "resources": {"unit": 3}, "tasks": [
      {"name": "small1", "duration": 1, "needs": "unit"},
      {"name": "small2", "duration": 1, "needs": "unit"},
      {"name": "big", "duration": 4, "needs": {"unit": 2}}]})");
  const Schedule s = list_schedule(g, 1);
  CHECK(s.slots[2].start == 0);
  CHECK(s.slots[0].start == 0);
  CHECK(s.slots[1].start == 1);
  CHECK(s.length == 4);
  CHECK(resource_bound(g, 1).length == 4);  // (1 + 1 + 2 * 4) / 3 rounded up: optimal
}

// A lower-priority task that fits starts while a higher-priority one waits for its resource:
// long (height 5, kettle) and first (kettle, height 1+5=6 via its dependant) are ready at 0;
// "first" takes the kettle 0-1; "long" waits for the kettle; "free" (no resource, height 1)
// starts at 0 anyway. At 1 long takes the kettle and after first (no resource) starts: both 1-6.
TEST_CASE("tasks: a task that fits is not held back by one that does not", "[tasks]") {
  const TaskGraph g = parse(R"({"unit": "min", "resources": {"kettle": 1}, "tasks": [
      {"name": "long", "duration": 5, "needs": "kettle"},
      {"name": "first", "duration": 1, "needs": "kettle"},
      {"name": "after first", "duration": 5, "after": "first"},
      {"name": "free", "duration": 1}]})");
  const Schedule s = list_schedule(g, 1);
  CHECK(s.slots[1].start == 0);  // first: height 6 beats long's 5
  CHECK(s.slots[3].start == 0);  // free
  CHECK(s.slots[0].start == 1);  // long, when the kettle is free
  CHECK(s.slots[2].start == 1);  // after first (no resource)
  CHECK(s.length == 6);
}

// after_previous and per-iteration resources: three iterations of step (2 min, its own worker
// per iteration), each after the previous one's step: 0-2, 2-4, 4-6 although the workers are
// free; the dataflow limit is the chain 6; the resource bound is 6 too: iteration k's worker has
// 2 min of work, after a head of 2k and before a tail of 2 * (2 - k).
TEST_CASE("tasks: dependences between iterations and per-iteration resources", "[tasks]") {
  const TaskGraph g = parse(R"({"unit": "min", "iterations": 3,
      "resources": {"worker": {"capacity": 1, "per_iteration": true}},
      "tasks": [{"name": "step", "duration": 2, "after_previous": "step", "needs": "worker"}]})");
  const Schedule s = list_schedule(g, 3);
  CHECK(s.slots[2].start == 4);
  CHECK(s.length == 6);
  CHECK(critical_path(g, 3).length == 6);
  CHECK(critical_path(g, 3).chain.size() == 3);
  CHECK(resource_bound(g, 3).length == 6);
}

// The JSON output carries every slot; the Chrome trace one complete event per instance and
// names the processes by the schedules.
TEST_CASE("tasks: JSON and Chrome trace outputs", "[tasks]") {
  const TaskGraph g = parse(R"({"unit": "min", "resources": {"kettle": 1}, "tasks": [
      {"name": "boil", "duration": 3, "needs": "kettle"}, {"name": "drink", "duration": 1, "after": "boil"}]})");
  const TasksAnalysis a = analyse_tasks(g, {});
  const auto j = tasks_json(a);
  CHECK(j["schedules"][1]["id"] == "overlap");
  CHECK(j["schedules"][1]["slots"][1]["start"] == 3);
  CHECK(j["critical_path"]["length"] == 4);
  CHECK(parse_task_graph(json_text(graph_json(g)), "again.json").tasks[1].after.front() == 0);
  const auto trace = nlohmann::json::parse(tasks_chrome_trace(a));
  int slices = 0;
  for (const auto& e : trace) slices += e["ph"] == "X";
  CHECK(slices == 4);  // two schedules of two tasks
}

// morning-routine.s (one block of 21 instructions) on 5-stage-mul-div: the bridge's critical path
// is the one `pipesim deps` computes, over the same RAW dependences and latencies; one divider
// makes the two 16-cycle divides (i2, i3) run one after the other, two overlap them.
TEST_CASE("tasks --from: a basic block's graph has deps' critical path", "[tasks]") {
  const std::string file = std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/morning-routine.s";
  const Program program = assemble(test::read_file(file), file).program;
  const PipelineConfig config = load_config("5-stage-mul-div");
  const std::vector<classroom::BasicBlock> blocks = classroom::static_blocks(program, config);
  const TaskGraph g = classroom::program_task_graph(program, file, config, 0);
  REQUIRE(g.tasks.size() == blocks.front().graph.insns.size());
  const CriticalPath cp = critical_path(g, 1);
  CHECK(cp.length == blocks.front().graph.critical_path);
  REQUIRE(cp.chain.size() == blocks.front().graph.critical_chain.size());
  for (std::size_t i = 0; i < cp.chain.size(); ++i)
    CHECK(cp.chain[i].task == blocks.front().graph.critical_chain[i]);
  const std::size_t div = find_resource(g, "div");
  REQUIRE(div < g.resources.size());
  const Schedule one = list_schedule(g, 1);
  const Schedule two = list_schedule(with_capacities(g, {{"div", 2}}), 1);
  CHECK(one.slots[3].start >= one.slots[2].end);  // i3 waits for the divider
  CHECK(two.slots[3].start == two.slots[2].start);
}

// The bound's arithmetic at the limits: 100 independent tasks of 10^9 s, each needing all 10^6
// units of r, over 1,000 iterations: 10^5 instances one at a time, 10^14 s. The work on r,
// 10^9 × 10^6 × 10^5 = 10^20, does not fit in 64 bits; divided by the capacity it is 10^14, the
// bound (nothing before or after), and the pipelined schedule reaches it.
TEST_CASE("tasks: the resource bound does not overflow at the limits", "[tasks]") {
  std::string text = R"({"unit": "s", "iterations": 1000, "resources": {"r": 1000000}, "tasks": [)";
  for (int i = 0; i < 100; ++i)
    text += fmt::format(R"({}{{"name": "t{}", "duration": 1000000000, "needs": {{"r": 1000000}}}})",
                        i ? "," : "", i);
  const TaskGraph g = parse(text + "]}");
  CHECK(resource_bound(g, 1000).length == 100'000'000'000'000);
  CHECK(resource_bound(g, 1).length == 100'000'000'000);
  const Schedule s = list_schedule(g, 1000);
  CHECK(s.length == 100'000'000'000'000);
  CHECK(s.lower_bound == s.length);
}

// The bound is not always reached, and then the search proves the list schedule optimal: three
// tasks of 1 s, each needing two of the resources a, b, c (ab, bc, ca). Any two share a
// resource, so they run one at a time: 3 s. Each resource has 2 s of work and nothing comes
// before or after: the bound is 2 s (the dataflow limit 1 s).
TEST_CASE("tasks: the exhaustive search proves a list schedule above the bound optimal",
          "[tasks]") {
  const TaskGraph g = parse(R"({"unit": "s", "resources": {"a": 1, "b": 1, "c": 1}, "tasks": [
      {"name": "ab", "duration": 1, "needs": {"a": 1, "b": 1}},
      {"name": "bc", "duration": 1, "needs": {"b": 1, "c": 1}},
      {"name": "ca", "duration": 1, "needs": {"c": 1, "a": 1}}]})");
  CHECK(resource_bound(g, 1).length == 2);
  const TasksAnalysis a = analyse_tasks(g, {});
  CHECK(a.schedules[1].length == 3);
  CHECK(a.schedules[1].lower_bound == 2);
  CHECK(a.schedules[1].optimum == 3);
  CHECK_THAT(tasks_text(a),
             Catch::Matchers::Contains("Overlapped: 3 s, optimal (an exhaustive search finds none "
                                       "shorter; the lower bound is 2 s)"));
}

// List scheduling is not always optimal: five independent tasks of 3, 3, 2, 2 and 2 min on two
// units. By height (= duration) the two 3s start at 0, two 2s at 3, the last 2 at 5: 7 min. The
// work is 12 min on 2 units, so 6 is the bound, and {3, 3} beside {2, 2, 2} reaches it: the
// exhaustive search finds 6, and the text says so.
TEST_CASE("tasks: the exhaustive search finds what list scheduling misses", "[tasks]") {
  const TaskGraph g = parse(R"({"unit": "min", "resources": {"cpu": 2}, "tasks": [
      {"name": "a", "duration": 3, "needs": "cpu"}, {"name": "b", "duration": 3, "needs": "cpu"},
      {"name": "c", "duration": 2, "needs": "cpu"}, {"name": "d", "duration": 2, "needs": "cpu"},
      {"name": "e", "duration": 2, "needs": "cpu"}]})");
  CHECK(list_schedule(g, 1).length == 7);
  CHECK(exact_length(g, 1, 7) == std::optional<uint64_t>{6});
  const TasksAnalysis a = analyse_tasks(g, {});
  CHECK(a.schedules[1].optimum == 6);
  CHECK_THAT(tasks_text(a), Catch::Matchers::Contains(
                                "Overlapped: 7 min, the optimum is 6 min (exhaustive search)"));
  // Nothing shorter than the known length: the known length comes back.
  CHECK(exact_length(g, 1, 6) == std::optional<uint64_t>{6});
  // Beyond kExactMaxInstances it does not search.
  CHECK(!exact_length(g, 4, 100).has_value());
}

// On a terminal: fitted to its width and in colour. Laundry pipelined (210 min, labels 7 wide):
// at 60 columns, (60 - 9) / 4 = 12 time columns fit, so a column is the 10-min unit times 2; a
// cell shows the task running during any of its slice (wash #1, 0-30, in the 0 and 20 columns).
// Colours: the resource's index picks the stage colour (kettle, the second resource: 32).
TEST_CASE("tasks: the text fitted to a width and in colour", "[tasks]") {
  const TaskGraph laundry =
      load_task_graph(std::string(PIPESIM_SOURCE_DIR) + "/programs/taskgraphs/laundry.json");
  const Schedule p = list_schedule(laundry, 4);
  const std::string fitted = render_gantt(laundry, p, {60, false});
  CHECK(fitted.substr(0, fitted.find("dry #1")) ==
        "         0   20  40  60  80  100 120 140 160 180 200\n"
        "wash #1  was was\n");
  const TaskGraph g = parse(R"({"unit": "min", "resources": {"person": 1, "kettle": 1}, "tasks": [
      {"name": "boil", "duration": 1, "needs": "kettle"}]})");
  CHECK(render_gantt(g, list_schedule(g, 1), {0, true}) ==
        "      0\n"
        "boil  \x1b[32mket\x1b[0m\n");  // the label, two spaces, the painted cell
}
