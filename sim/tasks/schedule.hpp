// Schedules of a task graph repeated `iterations` times (docs/tasks.md, "Schedules"): each task
// instance (task, iteration) gets a start and an end in the graph's unit. A task instance waits
// for the instances it depends on to end (`after`: same iteration; `after_previous`: the
// iteration before) and holds its resources from start to end; it is never interrupted.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/tasks/task_graph.hpp"

namespace pipesim::tasks {

// Work beyond this many dependences between instances (a graph's dependences times its
// iterations) is refused as too large (docs/tasks.md, "Limits").
inline constexpr uint64_t kMaxInstanceDependences = 2'000'000;

// Throws pipesim::Error when `iterations` of `g` are beyond the limits (instances, dependences).
void check_size(const TaskGraph& g, uint64_t iterations);

struct Slot {
  std::size_t task = 0;
  uint64_t iteration = 0;  // 0-based
  uint64_t start = 0, end = 0;
};

struct Schedule {
  std::string id;     // "sequential", "overlap", "pipelined", "more"
  std::string title;  // "Sequential", "2 iterations pipelined, kettle=2"
  std::string rule;   // how it was made, in a sentence
  uint64_t iterations = 1;
  std::vector<uint64_t> capacities;  // per resource, as used
  std::vector<Slot> slots;           // by instance: iteration by iteration, tasks in file order
  uint64_t length = 0;               // the last end
  // What no schedule can beat: max(dataflow limit, the busiest resource's work / capacity);
  // the schedule is optimal when its length reaches it. 0 for the sequential one.
  uint64_t lower_bound = 0;
  // The shortest possible length, when the list schedule misses the lower bound and the graph is
  // small enough for an exhaustive search (exact_schedule.hpp); else 0.
  uint64_t optimum = 0;
};

// One task at a time, iteration after iteration, each in topological_order (file order where
// the file allows). Resources cannot conflict: nothing runs at the same time.
Schedule sequential_schedule(const TaskGraph& g, uint64_t iterations);

// List scheduling by critical path: whenever a task ends (and at time 0), the ready instances
// start in order of priority while their resources allow: the longest path from the instance's
// start to the end of the whole graph first (its "height": its duration plus its longest chain
// of dependants), then the earlier iteration, then file order. An instance that does not fit
// lets a lower-priority one that fits start (no instance waits for one that cannot start).
Schedule list_schedule(const TaskGraph& g, uint64_t iterations);

struct Instance {
  std::size_t task = 0;
  uint64_t iteration = 0;
};

// The longest chain of dependences weighted by durations: the time with unlimited resources
// (for several iterations: the dataflow limit). The chain is in order; ties go to the
// earlier-listed instance.
struct CriticalPath {
  uint64_t iterations = 1;
  uint64_t length = 0;
  std::vector<Instance> chain;
};
CriticalPath critical_path(const TaskGraph& g, uint64_t iterations);

// The head-body-tail bound of the busiest resource: the earliest any instance needing it can
// start, plus its work (duration times count over those instances) divided by its capacity,
// rounded up, plus the shortest chain that must follow the last of them. A per-iteration
// resource is bounded per iteration. 0 without resources.
struct ResourceBound {
  uint64_t length = 0;
  std::size_t resource = 0;  // the busiest
};
ResourceBound resource_bound(const TaskGraph& g, uint64_t iterations);

}  // namespace pipesim::tasks
