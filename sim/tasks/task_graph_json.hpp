// Reading task graphs from JSON (schema "pipesim.tasks/1", docs/tasks.md and
// docs/tasks.schema.json). Syntax errors are SourceErrors at FILE:LINE:COL; every other problem is
// a pipesim::Error "FILE: /json/path: what is wrong" naming the first one found: an unknown key,
// a duplicate or unknown task, a cycle, a duration that is not a whole positive number of the
// graph's unit, a resource with no capacity or a need beyond it, a graph beyond the limits.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/tasks/task_graph.hpp"

namespace pipesim::tasks {

inline constexpr const char* kTasksSchema = "pipesim.tasks/1";

TaskGraph parse_task_graph(const std::string& text, const std::string& file);
TaskGraph load_task_graph(const std::string& path);  // read_user_file, then parse_task_graph

// `--set RES=N` given to `pipesim tasks`: each RES is a resource of the graph and N a capacity
// (1..kMaxCapacity) at least as large as any task's need. Throws pipesim::Error naming the item.
std::vector<std::pair<std::string, uint64_t>> parse_capacity_sets(
    const TaskGraph& g, const std::vector<std::string>& items);
TaskGraph with_capacities(TaskGraph g, const std::vector<std::pair<std::string, uint64_t>>& sets);

}  // namespace pipesim::tasks
