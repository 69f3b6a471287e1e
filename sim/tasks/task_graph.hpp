// Task graphs (`pipesim tasks`, docs/tasks.md): the morning routine itself, before any
// instruction. A graph is a list of tasks, each with a duration in the graph's time unit, the
// tasks it waits for (in the same iteration, and in the previous one), and the resources it holds
// while it runs; resources have capacities. The graph may be repeated (iterations), as a loop's
// body is. Loading (task_graph_json.hpp) validates everything once, so a TaskGraph is always
// well-formed: names unique, dependences acyclic and pointing backwards in no particular order,
// every need within its resource's capacity.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pipesim::tasks {

// Limits (docs/tasks.md, "Limits"): far above a hand-written graph (a ResNet block has ~10 tasks,
// a basic block of --from at most a few thousand instructions), low enough that the schedules,
// whose cost grows with instances times resource kinds, stay well under a second and every
// time fits in 64 bits (kMaxInstances * kMaxDuration < 2^63).
inline constexpr std::size_t kMaxTasks = 20'000;
inline constexpr std::size_t kMaxResources = 64;
inline constexpr std::size_t kMaxDependences = 200'000;  // `after` and `after_previous` entries
inline constexpr uint64_t kMaxIterations = 1'000;
inline constexpr std::size_t kMaxInstances = 100'000;  // tasks times iterations
inline constexpr uint64_t kMaxDuration = 1'000'000'000;
inline constexpr uint64_t kMaxCapacity = 1'000'000;
inline constexpr std::size_t kMaxNameBytes = 80;

struct Resource {
  std::string name;       // "kettle"
  uint64_t capacity = 1;  // how many can be in use at once (at least 1)
  // Each iteration has its own (a person per morning) instead of all sharing them (the kettle).
  bool per_iteration = false;
};

struct Need {
  std::size_t resource = 0;  // index into TaskGraph::resources
  uint64_t count = 1;        // at least 1, at most the resource's capacity
};

struct Task {
  std::string name;
  uint64_t duration = 1;                    // in the graph's unit, at least 1
  std::vector<std::size_t> after;           // tasks of the same iteration it waits for
  std::vector<std::size_t> after_previous;  // tasks of the previous iteration it waits for
  std::vector<Need> needs;                  // held from its start to its end
};

struct TaskGraph {
  std::string file;  // where it was read from, for messages
  std::string name;
  std::string unit = "min";  // every duration and time is a whole number of these
  std::vector<Resource> resources;
  std::vector<Task> tasks;  // in file order
  uint64_t iterations = 1;  // how often the graph is repeated by default
};

// A task's index by name, or tasks.size().
std::size_t find_task(const TaskGraph& g, const std::string& name);
std::size_t find_resource(const TaskGraph& g, const std::string& name);

// The tasks in an order where each comes after those it waits for (`after`): file order where
// the file allows it, else the earliest-listed ready task next. Empty if there is a cycle.
std::vector<std::size_t> topological_order(const TaskGraph& g);

// One cycle of `after` dependences (task indices, the first repeated at the end), or empty.
std::vector<std::size_t> find_cycle(const TaskGraph& g);

}  // namespace pipesim::tasks
