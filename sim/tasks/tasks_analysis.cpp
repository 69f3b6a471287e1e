// analyse_tasks: the schedules `pipesim tasks` shows, in the order it shows them.
#include "sim/tasks/tasks_analysis.hpp"

#include <fmt/format.h>

#include "sim/tasks/exact_schedule.hpp"
#include "sim/tasks/task_graph_json.hpp"

namespace pipesim::tasks {

std::string sets_text(const std::vector<std::pair<std::string, uint64_t>>& sets) {
  std::string out;
  for (const auto& [name, n] : sets)
    out += fmt::format("{}{}={}", out.empty() ? "" : ", ", name, n);
  return out;
}

std::string instance_label(const TaskGraph& g, std::size_t task, uint64_t iteration,
                           uint64_t iterations) {
  if (iterations <= 1) return g.tasks[task].name;
  return fmt::format("{} #{}", g.tasks[task].name, iteration + 1);
}

TasksAnalysis analyse_tasks(const TaskGraph& g, const TasksOptions& options) {
  TasksAnalysis a;
  a.graph = g;
  a.iterations = options.iterations ? options.iterations : g.iterations;
  a.sets = options.sets;
  check_size(g, a.iterations);
  a.critical = critical_path(g, 1);
  a.dataflow = critical_path(g, a.iterations);

  Schedule sequential = sequential_schedule(g, 1);
  a.sequential_all = sequential.length * a.iterations;
  a.schedules.push_back(std::move(sequential));

  Schedule overlap = list_schedule(g, 1);
  overlap.title = "Overlapped";
  overlap.rule =
      "list scheduling by critical path: whenever a task ends, the ready tasks start "
      "while their resources allow, the longest path to the end first";
  a.schedules.push_back(std::move(overlap));

  auto pipelined = [&](const TaskGraph& graph, const std::string& id, const std::string& title) {
    Schedule s = list_schedule(graph, a.iterations);
    s.id = id;
    s.title = title;
    s.rule = fmt::format(
        "list scheduling by critical path over {} iterations at once: an "
        "iteration starts a task as soon as its dependences and the resources "
        "allow, as instructions do in a pipeline",
        a.iterations);
    a.schedules.push_back(std::move(s));
  };
  if (a.iterations > 1)
    pipelined(g, "pipelined", fmt::format("{} iterations pipelined", a.iterations));
  if (!a.sets.empty()) {
    const TaskGraph more = with_capacities(g, a.sets);
    if (a.iterations > 1) {
      pipelined(more, "more",
                fmt::format("{} iterations pipelined, {}", a.iterations, sets_text(a.sets)));
    } else {
      Schedule s = list_schedule(more, 1);
      s.id = "more";
      s.title = fmt::format("Overlapped, {}", sets_text(a.sets));
      s.rule = a.schedules[1].rule;
      a.schedules.push_back(std::move(s));
    }
  }
  // Where list scheduling misses the lower bound, an exhaustive search (small graphs) tells
  // whether a shorter schedule exists.
  for (Schedule& s : a.schedules) {
    if (s.lower_bound == 0 || s.length == s.lower_bound) continue;
    const TaskGraph graph = s.id == "more" ? with_capacities(g, a.sets) : g;
    if (const std::optional<uint64_t> best = exact_length(graph, s.iterations, s.length))
      s.optimum = *best;
  }
  return a;
}

}  // namespace pipesim::tasks
