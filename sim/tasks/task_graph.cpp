// Orders and cycles of a task graph's `after` dependences.
#include "sim/tasks/task_graph.hpp"

#include <algorithm>
#include <functional>
#include <queue>

namespace pipesim::tasks {

std::size_t find_task(const TaskGraph& g, const std::string& name) {
  for (std::size_t i = 0; i < g.tasks.size(); ++i)
    if (g.tasks[i].name == name) return i;
  return g.tasks.size();
}

std::size_t find_resource(const TaskGraph& g, const std::string& name) {
  for (std::size_t i = 0; i < g.resources.size(); ++i)
    if (g.resources[i].name == name) return i;
  return g.resources.size();
}

std::vector<std::size_t> topological_order(const TaskGraph& g) {
  const std::size_t n = g.tasks.size();
  std::vector<std::size_t> waiting(n, 0);
  std::vector<std::vector<std::size_t>> successors(n);
  for (std::size_t t = 0; t < n; ++t)
    for (std::size_t p : g.tasks[t].after) {
      ++waiting[t];
      successors[p].push_back(t);
    }
  // The earliest-listed ready task first: file order whenever the file is already in order.
  std::priority_queue<std::size_t, std::vector<std::size_t>, std::greater<>> ready;
  for (std::size_t t = 0; t < n; ++t)
    if (waiting[t] == 0) ready.push(t);
  std::vector<std::size_t> order;
  order.reserve(n);
  while (!ready.empty()) {
    const std::size_t t = ready.top();
    ready.pop();
    order.push_back(t);
    for (std::size_t s : successors[t])
      if (--waiting[s] == 0) ready.push(s);
  }
  if (order.size() != n) order.clear();
  return order;
}

std::vector<std::size_t> find_cycle(const TaskGraph& g) {
  // Depth-first along `after` (task -> what it waits for), iteratively: a graph of kMaxTasks
  // tasks in one chain must not exhaust the stack. A task met again while still on the path
  // closes a cycle.
  enum : uint8_t { Unseen, OnPath, Done };
  const std::size_t n = g.tasks.size();
  std::vector<uint8_t> state(n, Unseen);
  for (std::size_t root = 0; root < n; ++root) {
    if (state[root] != Unseen) continue;
    std::vector<std::pair<std::size_t, std::size_t>> path{{root, 0}};  // task, next edge
    state[root] = OnPath;
    while (!path.empty()) {
      auto& [t, edge] = path.back();
      if (edge == g.tasks[t].after.size()) {
        state[t] = Done;
        path.pop_back();
        continue;
      }
      const std::size_t p = g.tasks[t].after[edge++];
      if (state[p] == OnPath) {
        // The cycle, in the order the tasks run: p ... t, then p again.
        std::vector<std::size_t> cycle;
        auto it =
            std::find_if(path.begin(), path.end(), [p](const auto& e) { return e.first == p; });
        for (; it != path.end(); ++it) cycle.push_back(it->first);
        std::reverse(cycle.begin(), cycle.end());
        cycle.push_back(cycle.front());
        return cycle;
      }
      if (state[p] == Unseen) {
        state[p] = OnPath;
        path.emplace_back(p, 0);
      }
    }
  }
  return {};
}

}  // namespace pipesim::tasks
