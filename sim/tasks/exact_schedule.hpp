// The shortest schedule of a small graph, by exhaustive search (docs/tasks.md, "Schedules"): when
// list scheduling does not reach the lower bound, this says whether a better schedule exists.
#pragma once

#include <cstdint>
#include <optional>

#include "sim/tasks/task_graph.hpp"

namespace pipesim::tasks {

// The search gives up past this many task instances or this many steps, so that it stays cheap
// (a few milliseconds) whatever the graph.
inline constexpr std::size_t kExactMaxInstances = 16;
inline constexpr uint64_t kExactMaxSteps = 200'000;

// The length of the shortest schedule of `iterations` iterations of `g` (same rules as
// list_schedule: finish-to-start dependences, resources held from start to end, no
// interruption), or nothing when the graph is too large for the search or it gave up.
// `known` is a schedule's length already found (the list schedule's): only shorter ones are
// looked for. Every order in which the instances may be taken is tried, each placed at its
// earliest start that its dependences and the resources allow (a serial schedule generation
// scheme: some order gives an optimal schedule), cutting branches that cannot beat the best.
std::optional<uint64_t> exact_length(const TaskGraph& g, uint64_t iterations, uint64_t known);

}  // namespace pipesim::tasks
