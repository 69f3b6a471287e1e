// The schedules, the critical path and the bounds, on the graph unrolled over its iterations
// without building the unrolled graph: instance (task t, iteration k) has id k * tasks + t, and
// its dependences are those of t, in iteration k and (after_previous) in k - 1.
#include "sim/tasks/schedule.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <queue>
#include <set>

#include "isa/error.hpp"
#include "sim/tasks/longest_path.hpp"

namespace pipesim::tasks {

namespace {

// The dependants of each task, in its own iteration and in the next.
struct Dependants {
  std::vector<std::vector<std::size_t>> same, next;
  explicit Dependants(const TaskGraph& g) : same(g.tasks.size()), next(g.tasks.size()) {
    for (std::size_t t = 0; t < g.tasks.size(); ++t) {
      for (std::size_t p : g.tasks[t].after) same[p].push_back(t);
      for (std::size_t p : g.tasks[t].after_previous) next[p].push_back(t);
    }
  }
};

// Instances in an order where each comes after what it waits for: iteration by iteration, each
// in topological order (after_previous always points to an earlier iteration).
std::vector<std::size_t> instance_order(const TaskGraph& g, uint64_t iterations) {
  const std::vector<std::size_t> order = topological_order(g);
  const std::size_t n = g.tasks.size();
  std::vector<std::size_t> out;
  out.reserve(n * iterations);
  for (uint64_t k = 0; k < iterations; ++k)
    for (std::size_t t : order) out.push_back(k * n + t);
  return out;
}

std::vector<uint64_t> capacities(const TaskGraph& g) {
  std::vector<uint64_t> c;
  for (const Resource& r : g.resources) c.push_back(r.capacity);
  return c;
}

// Each instance's height: its duration plus the longest chain of dependants after it.
std::vector<uint64_t> heights(const TaskGraph& g, uint64_t iterations) {
  const std::size_t n = g.tasks.size();
  const Dependants d(g);
  const std::vector<std::size_t> order = instance_order(g, iterations);
  std::vector<uint64_t> h(order.size(), 0);
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    const std::size_t t = *it % n;
    const uint64_t k = *it / n;
    uint64_t tail = 0;
    for (std::size_t s : d.same[t]) tail = std::max(tail, h[k * n + s]);
    if (k + 1 < iterations)
      for (std::size_t s : d.next[t]) tail = std::max(tail, h[(k + 1) * n + s]);
    h[*it] = g.tasks[t].duration + tail;
  }
  return h;
}

// Resource pools: a shared resource is one pool, a per-iteration one a pool per iteration.
struct Pools {
  std::vector<std::size_t> base;  // by resource: its first pool
  std::vector<uint64_t> free;     // by pool: units not in use
  Pools(const TaskGraph& g, uint64_t iterations) {
    for (const Resource& r : g.resources) {
      base.push_back(free.size());
      free.insert(free.end(), r.per_iteration ? iterations : 1, r.capacity);
    }
  }
  std::size_t pool(const TaskGraph& g, const Need& need, uint64_t k) const {
    return base[need.resource] + (g.resources[need.resource].per_iteration ? k : 0);
  }
};

}  // namespace

void check_size(const TaskGraph& g, uint64_t iterations) {
  if (iterations < 1 || iterations > kMaxIterations)
    throw Error(fmt::format("{} iterations: the limit is 1 to {}", iterations, kMaxIterations));
  if (g.tasks.size() * iterations > kMaxInstances)
    throw Error(
        fmt::format("{}: {} tasks times {} iterations is more than the limit of {} task "
                    "instances",
                    g.file, g.tasks.size(), iterations, kMaxInstances));
  uint64_t deps = 0;
  for (const Task& t : g.tasks) deps += t.after.size() + t.after_previous.size();
  if (deps * iterations > kMaxInstanceDependences)
    throw Error(fmt::format("{}: {} dependences times {} iterations is more than the limit of {}",
                            g.file, deps, iterations, kMaxInstanceDependences));
}

Schedule sequential_schedule(const TaskGraph& g, uint64_t iterations) {
  check_size(g, iterations);
  Schedule s;
  s.id = "sequential";
  s.title = "Sequential";
  s.rule =
      "one task at a time, in file order (a task listed before one it waits for goes after "
      "it)";
  if (iterations > 1) s.rule += ", iteration after iteration";
  s.iterations = iterations;
  s.capacities = capacities(g);
  const std::size_t n = g.tasks.size();
  s.slots.resize(n * iterations);
  uint64_t t = 0;
  for (std::size_t id : instance_order(g, iterations)) {
    const uint64_t d = g.tasks[id % n].duration;
    s.slots[id] = Slot{id % n, id / n, t, t + d};
    t += d;
  }
  s.length = t;
  return s;
}

Schedule list_schedule(const TaskGraph& g, uint64_t iterations) {
  check_size(g, iterations);
  const std::size_t n = g.tasks.size();
  const std::size_t count = n * iterations;
  const Dependants d(g);
  const std::vector<uint64_t> height = heights(g, iterations);
  Pools pools(g, iterations);
  // Ready instances are queued by what they need (their "signature"): within one signature the
  // highest priority goes first, and when its head does not fit, none of that queue does.
  using Signature = std::vector<std::pair<std::size_t, uint64_t>>;  // pool, count
  std::map<Signature, std::size_t> signature_index;
  std::vector<Signature> signatures;
  std::vector<std::size_t> signature_of(count);
  for (std::size_t id = 0; id < count; ++id) {
    Signature sig;
    for (const Need& need : g.tasks[id % n].needs)
      sig.emplace_back(pools.pool(g, need, id / n), need.count);
    const auto [it, fresh] = signature_index.emplace(sig, signatures.size());
    if (fresh) signatures.push_back(sig);
    signature_of[id] = it->second;
  }
  using Key = std::pair<uint64_t, std::size_t>;  // (UINT64_MAX - height, id): highest first
  std::vector<std::set<Key>> ready(signatures.size());
  std::vector<std::size_t> waiting(count, 0);
  for (std::size_t id = 0; id < count; ++id) {
    const Task& t = g.tasks[id % n];
    waiting[id] = t.after.size() + (id / n > 0 ? t.after_previous.size() : 0);
    if (waiting[id] == 0) ready[signature_of[id]].insert({UINT64_MAX - height[id], id});
  }
  auto fits = [&](const Signature& sig) {
    return std::all_of(sig.begin(), sig.end(),
                       [&](const auto& need) { return pools.free[need.first] >= need.second; });
  };
  Schedule s;
  s.id = "overlap";
  s.iterations = iterations;
  s.capacities = capacities(g);
  s.slots.resize(count);
  std::priority_queue<std::pair<uint64_t, std::size_t>,
                      std::vector<std::pair<uint64_t, std::size_t>>,
                      std::greater<>>
      running;  // (end, id)
  uint64_t now = 0;
  std::size_t done = 0;
  while (done < count) {
    // Start what can start now, best first.
    for (;;) {
      std::size_t best = signatures.size();
      for (std::size_t q = 0; q < signatures.size(); ++q)
        if (!ready[q].empty() && fits(signatures[q]) &&
            (best == signatures.size() || *ready[q].begin() < *ready[best].begin()))
          best = q;
      if (best == signatures.size()) break;
      const std::size_t id = ready[best].begin()->second;
      ready[best].erase(ready[best].begin());
      for (const auto& [pool, units] : signatures[best]) pools.free[pool] -= units;
      s.slots[id] = Slot{id % n, id / n, now, now + g.tasks[id % n].duration};
      running.push({s.slots[id].end, id});
    }
    // Advance to the next end. Something runs: with every unit free, the head of any ready queue
    // fits (loading refuses a need beyond a capacity), and an acyclic graph always has one ready.
    if (running.empty()) throw Error("list scheduling stalled (a bug in pipesim)");
    now = running.top().first;
    while (!running.empty() && running.top().first == now) {
      const std::size_t id = running.top().second;
      running.pop();
      ++done;
      for (const auto& [pool, units] : signatures[signature_of[id]]) pools.free[pool] += units;
      const uint64_t k = id / n;
      auto release = [&](std::size_t dependant) {
        if (--waiting[dependant] == 0)
          ready[signature_of[dependant]].insert({UINT64_MAX - height[dependant], dependant});
      };
      for (std::size_t t : d.same[id % n]) release(k * n + t);
      if (k + 1 < iterations)
        for (std::size_t t : d.next[id % n]) release((k + 1) * n + t);
    }
  }
  s.length = now;
  s.lower_bound =
      std::max(critical_path(g, iterations).length, resource_bound(g, iterations).length);
  return s;
}

CriticalPath critical_path(const TaskGraph& g, uint64_t iterations) {
  check_size(g, iterations);
  const std::size_t n = g.tasks.size();
  const LongestPath path = longest_path(
      instance_order(g, iterations), n * iterations,
      [&](std::size_t id) { return g.tasks[id % n].duration; },
      [&](std::size_t id, auto&& visit) {
        const uint64_t k = id / n;
        for (std::size_t p : g.tasks[id % n].after) visit(k * n + p);
        if (k > 0)
          for (std::size_t p : g.tasks[id % n].after_previous) visit((k - 1) * n + p);
      });
  CriticalPath cp;
  cp.iterations = iterations;
  cp.length = path.length;
  for (std::size_t id : path.chain) cp.chain.push_back({id % n, id / n});
  return cp;
}

ResourceBound resource_bound(const TaskGraph& g, uint64_t iterations) {
  check_size(g, iterations);
  const std::size_t n = g.tasks.size();
  const std::vector<uint64_t> height = heights(g, iterations);
  // Each instance's earliest start with unlimited resources (its head).
  std::vector<uint64_t> head(n * iterations, 0);
  for (std::size_t id : instance_order(g, iterations)) {
    const uint64_t k = id / n;
    for (std::size_t p : g.tasks[id % n].after)
      head[id] = std::max(head[id], head[k * n + p] + g.tasks[p].duration);
    if (k > 0)
      for (std::size_t p : g.tasks[id % n].after_previous)
        head[id] = std::max(head[id], head[(k - 1) * n + p] + g.tasks[p].duration);
  }
  // Per pool (a shared resource, or one iteration's copy of a per-iteration one): nothing of it
  // starts before the smallest head of the instances needing it, its work takes at least
  // work / capacity, and after the last of them ends at least the smallest tail remains.
  // The work is kept divided by the capacity (whole units and a remainder): duration times
  // count summed over every instance would not fit in 64 bits (10^9 × 10^6 × 10^5).
  struct Use {
    uint64_t units = 0, rest = 0, head = UINT64_MAX, tail = UINT64_MAX;
    bool used = false;
  };
  const Pools pools(g, iterations);
  std::vector<Use> use(pools.free.size());
  for (std::size_t id = 0; id < n * iterations; ++id) {
    const Task& t = g.tasks[id % n];
    for (const Need& need : t.needs) {
      Use& u = use[pools.pool(g, need, id / n)];
      const uint64_t capacity = g.resources[need.resource].capacity;
      const uint64_t work = t.duration * need.count;  // at most 10^9 × 10^6
      u.units += work / capacity + (u.rest + work % capacity) / capacity;
      u.rest = (u.rest + work % capacity) % capacity;
      u.used = true;
      u.head = std::min(u.head, head[id]);
      u.tail = std::min(u.tail, height[id] - t.duration);
    }
  }
  ResourceBound best;
  for (std::size_t r = 0; r < g.resources.size(); ++r) {
    const std::size_t copies = g.resources[r].per_iteration ? iterations : 1;
    for (std::size_t c = 0; c < copies; ++c) {
      const Use& u = use[pools.base[r] + c];
      if (!u.used) continue;
      const uint64_t length = u.head + u.units + (u.rest > 0 ? 1 : 0) + u.tail;
      if (length > best.length) best = {length, r};
    }
  }
  return best;
}

}  // namespace pipesim::tasks
