// Everything `pipesim tasks` shows for a graph: its critical path, its dataflow limit over the
// iterations, and the schedules (sequential, overlapped, pipelined, and pipelined with the
// capacities of --set), which the renderers (gantt_text, tasks_json, tasks_chrome, tasks_html)
// draw. Nothing here prints.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "sim/tasks/schedule.hpp"
#include "sim/tasks/task_graph.hpp"

namespace pipesim::tasks {

struct TasksOptions {
  uint64_t iterations = 0;                             // 0: the file's
  std::vector<std::pair<std::string, uint64_t>> sets;  // parse_capacity_sets
};

struct TasksAnalysis {
  TaskGraph graph;
  uint64_t iterations = 1;
  std::vector<std::pair<std::string, uint64_t>> sets;
  CriticalPath critical;  // one iteration
  CriticalPath dataflow;  // `iterations` iterations, unlimited resources
  // In this order: "sequential" (one iteration); "overlap" (one iteration, list scheduling);
  // "pipelined" (all iterations, list scheduling) when iterations > 1; "more" (the last of
  // those with the --set capacities) when sets are given.
  std::vector<Schedule> schedules;
  uint64_t sequential_all = 0;  // every iteration one task at a time: iterations * sequential
};

TasksAnalysis analyse_tasks(const TaskGraph& g, const TasksOptions& options);

// "kettle=2, person=3": the sets as given.
std::string sets_text(const std::vector<std::pair<std::string, uint64_t>>& sets);

// "boil water" for one iteration, "boil water #2" (1-based) when the schedule has several.
std::string instance_label(const TaskGraph& g, std::size_t task, uint64_t iteration,
                           uint64_t iterations);

}  // namespace pipesim::tasks
