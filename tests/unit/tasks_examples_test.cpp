// The three example task graphs (programs/taskgraphs/): each schedule's length and diagram,
// derived by hand below from the rules of docs/tasks.md, "Schedules".
#include <catch2/catch.hpp>
#include <string>

#include "sim/tasks/gantt_text.hpp"
#include "sim/tasks/schedule.hpp"
#include "sim/tasks/task_graph_json.hpp"
#include "sim/tasks/tasks_analysis.hpp"

using namespace pipesim::tasks;

namespace {

TaskGraph example(const char* name) {
  return load_task_graph(std::string(PIPESIM_SOURCE_DIR) + "/programs/taskgraphs/" + name);
}

const Schedule& schedule(const TasksAnalysis& a, const std::string& id) {
  for (const Schedule& s : a.schedules)
    if (s.id == id) return s;
  FAIL("no schedule " << id);
  return a.schedules.front();
}

// Start and end of (task, iteration) in a schedule.
std::pair<uint64_t, uint64_t> when(const TaskGraph& g, const Schedule& s, const std::string& task,
                                   uint64_t iteration = 1) {
  const std::size_t t = find_task(g, task);
  const Slot& slot = s.slots.at((iteration - 1) * g.tasks.size() + t);
  REQUIRE(slot.task == t);
  return {slot.start, slot.end};
}

}  // namespace

// morning.json: boil water 20 (kettle); shower 10, brush teeth 5, make tea 5 (after boil), drink
// tea 15 (after make tea; and after the previous morning's drink: one mug), all on the person,
// who is one per morning; one kettle.
//   Sequential: 20 + 10 + 5 + 5 + 15 = 55 min; two mornings one after the other 110.
//   Critical path: boil 20 -> make tea 5 -> drink 15 = 40; the person's work is 35, so 40 is the
//   lower bound. List scheduling: at 0 the kettle starts boiling; the person's ready tasks are
//   shower (height 10) and brush (5): shower 0-10, brush 10-15; the person waits until the water
//   boils at 20; make tea 20-25, drink 25-40. 55 -> 40, and 40 is optimal.
//   Two mornings pipelined: boil #1 0-20, boil #2 waits for the one kettle: 20-40. Each person
//   showers 0-10 and brushes 10-15. Morning 1: tea 20-25, drink 25-40. Morning 2: tea 40-45,
//   drink 45-60 (the mug is free since 40). 60 min against 110.
//   With two kettles both boil 0-20, both make tea 20-25; drink #1 25-40, and drink #2 waits for
//   the mug: 40-55. 55 min: the loop-carried dependence (the mug) is now the limit, as the
//   dataflow limit says (20 + 5 + 15 + 15 = 55).
TEST_CASE("tasks: the morning routine, 55 -> 40, two mornings 60, with two kettles 55", "[tasks]") {
  const TaskGraph g = example("morning.json");
  REQUIRE(g.tasks.size() == 5);
  TasksOptions o;
  o.sets = parse_capacity_sets(g, {"kettle=2"});
  const TasksAnalysis a = analyse_tasks(g, o);
  CHECK(a.iterations == 2);
  CHECK(schedule(a, "sequential").length == 55);
  CHECK(a.sequential_all == 110);
  CHECK(a.critical.length == 40);
  REQUIRE(a.critical.chain.size() == 3);
  CHECK(g.tasks[a.critical.chain[0].task].name == "boil water");
  CHECK(g.tasks[a.critical.chain[2].task].name == "drink tea");
  CHECK(a.dataflow.length == 55);

  const Schedule& overlap = schedule(a, "overlap");
  CHECK(overlap.length == 40);
  CHECK(overlap.lower_bound == 40);
  CHECK(when(g, overlap, "shower") == std::pair<uint64_t, uint64_t>{0, 10});
  CHECK(when(g, overlap, "brush teeth") == std::pair<uint64_t, uint64_t>{10, 15});
  CHECK(when(g, overlap, "make tea") == std::pair<uint64_t, uint64_t>{20, 25});
  CHECK(when(g, overlap, "drink tea") == std::pair<uint64_t, uint64_t>{25, 40});
  // The diagram: columns of 5 min (the greatest common divisor of the times).
  CHECK(render_gantt(g, overlap) ==
        "             0   5   10  15  20  25  30  35\n"
        "boil water   ket ket ket ket\n"
        "shower       per per\n"
        "brush teeth          per\n"
        "make tea                     per\n"
        "drink tea                        per per per\n");

  const Schedule& pipelined = schedule(a, "pipelined");
  CHECK(pipelined.length == 60);
  CHECK(when(g, pipelined, "boil water", 2) == std::pair<uint64_t, uint64_t>{20, 40});
  CHECK(when(g, pipelined, "shower", 2) == std::pair<uint64_t, uint64_t>{0, 10});
  CHECK(when(g, pipelined, "drink tea", 2) == std::pair<uint64_t, uint64_t>{45, 60});
  // 60 is optimal, and the bound proves it although the dataflow limit is 55: the one kettle
  // boils 40 min from 0 at the earliest, and after the second boil its morning still makes tea
  // (5) and drinks (15): 0 + 40 + 20 (the kettle's head-body-tail bound).
  CHECK(pipelined.lower_bound == 60);

  const Schedule& kettles = schedule(a, "more");
  CHECK(kettles.title == "2 iterations pipelined, kettle=2");
  CHECK(kettles.length == 55);
  CHECK(when(g, kettles, "boil water", 2) == std::pair<uint64_t, uint64_t>{0, 20});
  CHECK(when(g, kettles, "drink tea", 2) == std::pair<uint64_t, uint64_t>{40, 55});
  CHECK(kettles.length == kettles.lower_bound);  // optimal
}

// laundry.json: wash 30 (washer), dry 40 (dryer, after wash), fold 20 (folder, after dry), four
// loads. One load: 90 min; four one after the other: 360 min = 6 hours.
// Pipelined (every wash has height 90; ties go to the earlier load): wash #k at 30(k-1); the
// dryer is the slowest stage: dry #1 30-70, #2 70-110, #3 110-150, #4 150-190, each load folded
// as soon as it is dry: fold #4 190-210. 210 min = 3.5 hours, the figures of the classic slide.
// 210 = the first wash, four dryer loads, the last fold: 30 + 4 * 40 + 20, which is also the
// dryer's head-body-tail bound (nothing dries before 30, the dryer works 160, a fold of 20
// follows the last load): the schedule is optimal.
TEST_CASE("tasks: laundry, 6 hours one load after the other, 3.5 hours pipelined", "[tasks]") {
  const TaskGraph g = example("laundry.json");
  const TasksAnalysis a = analyse_tasks(g, {});
  CHECK(a.iterations == 4);
  CHECK(schedule(a, "sequential").length == 90);
  CHECK(a.sequential_all == 360);
  const Schedule& p = schedule(a, "pipelined");
  CHECK(p.length == 210);
  CHECK(p.lower_bound == 210);
  for (uint64_t k = 1; k <= 4; ++k) {
    CHECK(when(g, p, "wash", k) == std::pair<uint64_t, uint64_t>{30 * (k - 1), 30 * k});
    CHECK(when(g, p, "dry", k) == std::pair<uint64_t, uint64_t>{40 * k - 10, 40 * k + 30});
    CHECK(when(g, p, "fold", k) == std::pair<uint64_t, uint64_t>{40 * k + 30, 40 * k + 50});
  }
  const std::string diagram = render_gantt(g, p);
  CHECK(diagram.substr(0, diagram.find("fold #1")) ==
        "         0   10  20  30  40  50  60  70  80  90  100 110 120 130 140 150 160 170 180 190 "
        "200\n"
        "wash #1  was was was\n"
        "dry #1               dry dry dry dry\n");
}

// resnet-block.json: main branch conv3x3 a 8 -> bn+relu a 2 -> conv3x3 b 8 -> bn b 2; shortcut
// conv1x1 4 -> bn 1; add 1 after both; relu 1. Sequential: 27 us. Critical path: the main branch
// and add, relu: 8 + 2 + 8 + 2 + 1 + 1 = 22.
// Two compute units: at 0 both conv3x3 a (height 22) and conv1x1 (height 7) start; bn shortcut
// 4-5; the main branch runs 0-20 without waiting; add 20-21; relu 21-22: 22 us, the critical
// path, so optimal. One compute unit: no overlap is possible, 27 us.
TEST_CASE("tasks: a ResNet block's two branches overlap on two compute units", "[tasks]") {
  const TaskGraph g = example("resnet-block.json");
  TasksOptions o;
  o.sets = parse_capacity_sets(g, {"compute_unit=1"});
  const TasksAnalysis a = analyse_tasks(g, o);
  CHECK(schedule(a, "sequential").length == 27);
  CHECK(a.critical.length == 22);
  const Schedule& two = schedule(a, "overlap");
  CHECK(two.length == 22);
  CHECK(two.lower_bound == 22);
  CHECK(when(g, two, "conv1x1 shortcut") == std::pair<uint64_t, uint64_t>{0, 4});
  CHECK(when(g, two, "bn shortcut") == std::pair<uint64_t, uint64_t>{4, 5});
  CHECK(when(g, two, "conv3x3 a") == std::pair<uint64_t, uint64_t>{0, 8});
  CHECK(when(g, two, "relu") == std::pair<uint64_t, uint64_t>{21, 22});
  CHECK(schedule(a, "more").length == 27);
}
