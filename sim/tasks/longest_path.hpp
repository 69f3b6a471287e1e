// The longest path through a graph of nodes with durations: the critical path of a task graph
// (schedule.cpp) and of a basic block's instructions (`pipesim deps`, sim/classroom/deps.cpp),
// one rule for both so that tasks and instructions count alike.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace pipesim::tasks {

struct LongestPath {
  uint64_t length = 0;
  std::vector<std::size_t> chain;  // the nodes on it, in order
};

// Visits the nodes in `order` (each after its predecessors; `count` nodes numbered from 0): a node
// finishes `duration(i)` after the latest finish among its predecessors (`preds(i, visit)` calls
// visit(p) for each). Ties go to the smaller index: for the predecessor a chain comes through,
// and for the node it ends at. A graph whose finishes are all 0 has an empty chain.
template <class Duration, class Preds>
LongestPath longest_path(const std::vector<std::size_t>& order, std::size_t count,
                         Duration&& duration, Preds&& preds) {
  constexpr std::size_t kNone = SIZE_MAX;
  std::vector<uint64_t> finish(count, 0);
  std::vector<std::size_t> via(count, kNone);  // the predecessor on the longest path
  LongestPath out;
  std::size_t last = kNone;
  for (std::size_t i : order) {
    uint64_t start = 0;
    preds(i, [&](std::size_t p) {
      if (finish[p] > start || (finish[p] == start && via[i] != kNone && p < via[i])) {
        start = finish[p];
        via[i] = p;
      }
    });
    finish[i] = start + duration(i);
    if (finish[i] > out.length || (finish[i] == out.length && last != kNone && i < last)) {
      out.length = finish[i];
      last = i;
    }
  }
  for (std::size_t i = last; i != kNone; i = via[i]) out.chain.push_back(i);
  std::reverse(out.chain.begin(), out.chain.end());
  return out;
}

}  // namespace pipesim::tasks
