// `pipesim tasks --json FILE`: the graph, its critical path and dataflow limit, and every
// schedule with every task instance's start and end (schema "pipesim.tasks-result/1",
// docs/tasks.md).
#pragma once

#include <nlohmann/json.hpp>

#include "sim/tasks/tasks_analysis.hpp"

namespace pipesim::tasks {

nlohmann::ordered_json tasks_json(const TasksAnalysis& a);

// The graph alone, in the input format (schema "pipesim.tasks/1"): what --from makes of a
// program can be saved, edited and read back.
nlohmann::ordered_json graph_json(const TaskGraph& g);

}  // namespace pipesim::tasks
