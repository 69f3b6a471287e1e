// exact_length: depth-first over the orders of the instances, earliest placement of each.
#include "sim/tasks/exact_schedule.hpp"

#include <algorithm>
#include <vector>

namespace pipesim::tasks {

namespace {

struct Search {
  const TaskGraph& g;
  uint64_t iterations;
  std::size_t n, count;
  std::vector<uint64_t> height;  // duration + longest chain of dependants
  std::vector<std::vector<std::size_t>> preds;
  std::vector<std::vector<std::pair<std::size_t, uint64_t>>> needs;  // (pool, count)
  std::vector<uint64_t> capacity;                                    // by pool
  std::vector<uint64_t> start, end;
  std::vector<bool> placed;
  std::vector<std::size_t> placed_order;
  uint64_t best, steps = 0;
  bool gave_up = false;

  Search(const TaskGraph& graph, uint64_t iters, uint64_t known)
      : g(graph), iterations(iters), n(graph.tasks.size()), count(n * iters), best(known) {
    std::vector<std::size_t> base;
    for (const Resource& r : g.resources) {
      base.push_back(capacity.size());
      capacity.insert(capacity.end(), r.per_iteration ? iterations : 1, r.capacity);
    }
    preds.resize(count);
    needs.resize(count);
    for (std::size_t id = 0; id < count; ++id) {
      const Task& t = g.tasks[id % n];
      const uint64_t k = id / n;
      for (std::size_t p : t.after) preds[id].push_back(k * n + p);
      if (k > 0)
        for (std::size_t p : t.after_previous) preds[id].push_back((k - 1) * n + p);
      for (const Need& need : t.needs)
        needs[id].emplace_back(
            base[need.resource] + (g.resources[need.resource].per_iteration ? k : 0), need.count);
    }
    height.assign(count, 0);
    for (std::size_t id = count; id-- > 0;) height[id] += g.tasks[id % n].duration;
    // Instances are numbered so that each comes after its predecessors within an iteration only
    // when the file is in order; relax until nothing changes (count is small).
    for (bool changed = true; changed;) {
      changed = false;
      for (std::size_t id = 0; id < count; ++id)
        for (std::size_t p : preds[id])
          if (height[p] < g.tasks[p % n].duration + height[id]) {
            height[p] = g.tasks[p % n].duration + height[id];
            changed = true;
          }
    }
    start.assign(count, 0);
    end.assign(count, 0);
    placed.assign(count, false);
  }

  // The units of `pool` in use at time t by the placed instances.
  uint64_t used(std::size_t pool, uint64_t t) const {
    uint64_t u = 0;
    for (std::size_t id : placed_order)
      if (start[id] <= t && t < end[id])
        for (const auto& [p, c] : needs[id])
          if (p == pool) u += c;
    return u;
  }

  bool fits(std::size_t id, uint64_t s) const {
    const uint64_t e = s + g.tasks[id % n].duration;
    for (const auto& [pool, c] : needs[id]) {
      // Usage changes only where a placed instance starts: check s and those inside [s, e).
      if (used(pool, s) + c > capacity[pool]) return false;
      for (std::size_t other : placed_order)
        if (start[other] > s && start[other] < e && used(pool, start[other]) + c > capacity[pool])
          return false;
    }
    return true;
  }

  uint64_t earliest(std::size_t id) const {
    uint64_t s = 0;
    for (std::size_t p : preds[id]) s = std::max(s, end[p]);
    if (fits(id, s)) return s;
    std::vector<uint64_t> candidates;
    for (std::size_t other : placed_order)
      if (end[other] > s) candidates.push_back(end[other]);
    std::sort(candidates.begin(), candidates.end());
    for (uint64_t c : candidates)
      if (fits(id, c)) return c;
    return s;  // unreachable: after every placed instance ends, all units are free
  }

  bool ready(std::size_t id) const {
    return !placed[id] && std::all_of(preds[id].begin(), preds[id].end(),
                                      [&](std::size_t p) { return placed[p]; });
  }

  void dfs(uint64_t makespan) {
    if (gave_up) return;
    if (++steps > kExactMaxSteps) {
      gave_up = true;
      return;
    }
    if (placed_order.size() == count) {
      best = std::min(best, makespan);
      return;
    }
    // A bound: every ready instance still needs its height after its dependences end.
    for (std::size_t id = 0; id < count; ++id)
      if (ready(id)) {
        uint64_t s = 0;
        for (std::size_t p : preds[id]) s = std::max(s, end[p]);
        if (s + height[id] >= best) return;
      }
    for (std::size_t id = 0; id < count; ++id) {
      if (!ready(id)) continue;
      const uint64_t s = earliest(id);
      start[id] = s;
      end[id] = s + g.tasks[id % n].duration;
      if (std::max(makespan, end[id]) < best) {
        placed[id] = true;
        placed_order.push_back(id);
        dfs(std::max(makespan, end[id]));
        placed_order.pop_back();
        placed[id] = false;
      }
    }
  }
};

}  // namespace

std::optional<uint64_t> exact_length(const TaskGraph& g, uint64_t iterations, uint64_t known) {
  if (g.tasks.size() * iterations > kExactMaxInstances) return std::nullopt;
  Search s(g, iterations, known);
  s.dfs(0);
  if (s.gave_up) return std::nullopt;
  return s.best;
}

}  // namespace pipesim::tasks
