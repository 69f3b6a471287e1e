// The JSON of a task analysis; graph_json writes the input format back.
#include "sim/tasks/tasks_json.hpp"

#include "sim/tasks/task_graph_json.hpp"

namespace pipesim::tasks {

namespace {

using ojson = nlohmann::ordered_json;

ojson names(const TaskGraph& g, const std::vector<std::size_t>& tasks) {
  ojson out = ojson::array();
  for (std::size_t t : tasks) out.push_back(g.tasks[t].name);
  return out;
}

ojson path_json(const TaskGraph& g, const CriticalPath& cp) {
  ojson chain = ojson::array();
  for (const Instance& i : cp.chain)
    chain.push_back({{"task", g.tasks[i.task].name}, {"iteration", i.iteration + 1}});
  return {{"iterations", cp.iterations}, {"length", cp.length}, {"chain", chain}};
}

ojson schedule_json(const TaskGraph& g, const Schedule& s) {
  ojson capacities = ojson::object();
  for (std::size_t r = 0; r < g.resources.size(); ++r)
    capacities[g.resources[r].name] = s.capacities[r];
  ojson slots = ojson::array();
  for (const Slot& slot : s.slots)
    slots.push_back({{"task", g.tasks[slot.task].name},
                     {"iteration", slot.iteration + 1},
                     {"start", slot.start},
                     {"end", slot.end}});
  ojson j = {{"id", s.id},
             {"title", s.title},
             {"rule", s.rule},
             {"iterations", s.iterations},
             {"capacities", capacities},
             {"length", s.length}};
  if (s.lower_bound) {
    j["lower_bound"] = s.lower_bound;
    j["optimal"] = s.length == s.lower_bound || s.length == s.optimum;
    if (s.optimum) j["optimum"] = s.optimum;
  }
  j["slots"] = slots;
  return j;
}

}  // namespace

ojson graph_json(const TaskGraph& g) {
  ojson resources = ojson::object();
  for (const Resource& r : g.resources)
    resources[r.name] = r.per_iteration ? ojson{{"capacity", r.capacity}, {"per_iteration", true}}
                                        : ojson(r.capacity);
  ojson tasks = ojson::array();
  for (const Task& t : g.tasks) {
    ojson task = {{"name", t.name}, {"duration", t.duration}};
    if (!t.after.empty()) task["after"] = names(g, t.after);
    if (!t.after_previous.empty()) task["after_previous"] = names(g, t.after_previous);
    if (!t.needs.empty()) {
      ojson needs = ojson::object();
      for (const Need& n : t.needs) needs[g.resources[n.resource].name] = n.count;
      task["needs"] = needs;
    }
    tasks.push_back(task);
  }
  return {{"schema", kTasksSchema},     {"name", g.name},         {"unit", g.unit},
          {"iterations", g.iterations}, {"resources", resources}, {"tasks", tasks}};
}

ojson tasks_json(const TasksAnalysis& a) {
  ojson schedules = ojson::array();
  for (const Schedule& s : a.schedules) schedules.push_back(schedule_json(a.graph, s));
  ojson sets = ojson::object();
  for (const auto& [name, n] : a.sets) sets[name] = n;
  return {{"schema", "pipesim.tasks-result/1"},
          {"file", a.graph.file},
          {"graph", graph_json(a.graph)},
          {"iterations", a.iterations},
          {"sets", sets},
          {"critical_path", path_json(a.graph, a.critical)},
          {"dataflow_limit", path_json(a.graph, a.dataflow)},
          {"sequential_all_iterations", a.sequential_all},
          {"schedules", schedules}};
}

}  // namespace pipesim::tasks
