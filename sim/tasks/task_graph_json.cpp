// Task graph files: strict loading (unknown keys are errors), every problem at its JSON path.
#include "sim/tasks/task_graph_json.hpp"

#include <fmt/format.h>

#include <charconv>
#include <map>
#include <set>

#include "isa/error.hpp"
#include "isa/source_errors.hpp"
#include "sim/json/json_source.hpp"
#include "sim/json/json_text.hpp"
#include "sim/json/strict_reader.hpp"
#include "sim/load/user_file.hpp"
#include "sim/tasks/task_units.hpp"

namespace pipesim::tasks {

namespace {

using json = nlohmann::ordered_json;

inline constexpr UserFileKind kTaskGraphFile{"a task graph", std::size_t{16} << 20};

// An integer at most 0 (nlohmann reads 0 as unsigned).
bool non_positive_integer(const json& j) {
  return j.is_number_integer() &&
         (j.is_number_unsigned() ? j.get<uint64_t>() == 0 : j.get<int64_t>() <= 0);
}

struct Reader : StrictReader<json> {
  std::string name(const json& j, const std::string& at) const {
    const std::string s = text(j, at);
    if (s.size() > kMaxNameBytes)
      fail(at,
           fmt::format("a name of {} bytes, more than the limit of {}", s.size(), kMaxNameBytes));
    return s;
  }
  uint64_t count(const json& j, const std::string& at, uint64_t lo, uint64_t hi,
                 const char* what) const {
    if (!j.is_number_integer()) fail(at, fmt::format("expected a whole number ({})", what));
    if (j.is_number_unsigned() ? j.get<uint64_t>() > hi : j.get<int64_t>() > int64_t(hi))
      fail(at, fmt::format("{} is more than the limit of {} ({})", json_excerpt(j), hi, what));
    if (j.get<int64_t>() < int64_t(lo))
      fail(at, fmt::format("{} is less than {} ({})", j.get<int64_t>(), lo, what));
    return j.get<uint64_t>();
  }
  uint64_t duration(const json& j, const std::string& at, const std::string& unit) const;
  std::vector<std::size_t> task_list(const json& j, const std::string& at,
                                     const std::map<std::string, std::size_t>& index) const;
  std::vector<Need> needs(const json& j, const std::string& at, const TaskGraph& g) const;
};

uint64_t Reader::duration(const json& j, const std::string& at, const std::string& unit) const {
  const std::string why = fmt::format("a duration in {}, at least 1", unit);
  if (j.is_number()) {
    if (!j.is_number_integer())
      fail(at, fmt::format("{} is not a whole number of {}", json_excerpt(j), unit));
    if (non_positive_integer(j))
      fail(at, fmt::format("a duration of {} {}: a task takes at least 1 {}", j.get<int64_t>(),
                           unit, unit));
    return count(j, at, 1, kMaxDuration, why.c_str());
  }
  if (!j.is_string())
    fail(at, fmt::format("expected a duration: a number of {} or \"N UNIT\"", unit));
  // "N UNIT": a whole number, spaces (or none: "5min"), a unit.
  const std::string s = j.get<std::string>();
  uint64_t n = 0;
  const auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  const std::size_t digits = static_cast<std::size_t>(end - s.data());
  const std::size_t unit_at = s.find_first_not_of(' ', digits);
  if (ec != std::errc() || digits == 0 || unit_at == std::string::npos)
    fail(at, fmt::format("\"{}\" is not a duration: write a whole number and a unit (\"5 min\")",
                         excerpt(s)));
  const std::string written = s.substr(unit_at);
  const std::optional<std::string> from = canonical_unit(written);
  if (!from)
    fail(at, fmt::format("unknown unit \"{}\" (units: {})", excerpt(written), known_units()));
  const std::optional<uint64_t> converted = convert_units(n, *from, unit);
  if (!converted)
    fail(at, fmt::format("{} is not a whole number of {}, the graph's unit", excerpt(s), unit));
  if (*converted == 0)
    fail(at, fmt::format("a duration of 0 {}: a task takes at least 1 {}", unit, unit));
  if (*converted > kMaxDuration)
    fail(at, fmt::format("{} {} is more than the limit of {}", *converted, unit, kMaxDuration));
  return *converted;
}

std::vector<std::size_t> Reader::task_list(const json& j, const std::string& at,
                                           const std::map<std::string, std::size_t>& index) const {
  const json list = j.is_string() ? json::array({j}) : j;
  if (!list.is_array()) fail(at, "expected a task's name or an array of names");
  std::vector<std::size_t> out;
  std::set<std::size_t> seen;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = j.is_string() ? at : fmt::format("{}/{}", at, i);
    const std::string n = name(list[i], where);
    const auto it = index.find(n);
    if (it == index.end()) fail(where, fmt::format("unknown task \"{}\"", n));
    if (!seen.insert(it->second).second) fail(where, fmt::format("\"{}\" is listed twice", n));
    out.push_back(it->second);
  }
  return out;
}

std::vector<Need> Reader::needs(const json& j, const std::string& at, const TaskGraph& g) const {
  // "kettle", ["person", "kettle"] (one of each) or {"kettle": 2}.
  std::vector<std::pair<std::string, std::pair<std::string, uint64_t>>> wanted;  // where, (name, n)
  if (j.is_string()) {
    wanted.push_back({at, {name(j, at), 1}});
  } else if (j.is_array()) {
    for (std::size_t i = 0; i < j.size(); ++i) {
      const std::string where = fmt::format("{}/{}", at, i);
      wanted.push_back({where, {name(j[i], where), 1}});
    }
  } else if (j.is_object()) {
    for (const auto& [k, v] : j.items()) {
      const std::string where = at + "/" + json_pointer_token(k);
      wanted.push_back({where, {k, count(v, where, 1, kMaxCapacity, "how many")}});
    }
  } else {
    fail(at, "expected a resource's name, an array of names or an object of counts");
  }
  std::vector<Need> out;
  for (const auto& [where, need] : wanted) {
    const std::size_t r = find_resource(g, need.first);
    if (r == g.resources.size())
      fail(where, fmt::format("unknown resource \"{}\" (declare it under /resources)",
                              excerpt(need.first)));
    for (const Need& n : out)
      if (n.resource == r) fail(where, fmt::format("\"{}\" is listed twice", need.first));
    if (need.second > g.resources[r].capacity)
      fail(where,
           fmt::format("needs {} {} but there {} only {}", need.second, need.first,
                       g.resources[r].capacity == 1 ? "is" : "are", g.resources[r].capacity));
    out.push_back({r, need.second});
  }
  return out;
}

void read_resources(const Reader& r, const json& j, TaskGraph& g) {
  if (!j.is_object()) r.fail("/resources", "expected an object: resource name -> capacity");
  if (j.size() > kMaxResources)
    r.fail("/resources",
           fmt::format("{} resources, more than the limit of {}", j.size(), kMaxResources));
  for (const auto& [k, v] : j.items()) {
    const std::string at = "/resources/" + json_pointer_token(k);
    Resource res;
    res.name = r.name(json(k), at);
    const json* capacity = &v;
    if (v.is_object()) {
      r.only(v, at, {"capacity", "per_iteration"});
      capacity = &r.need(v, at, "capacity");
      if (v.contains("per_iteration")) {
        if (!v.at("per_iteration").is_boolean())
          r.fail(at + "/per_iteration", "expected true or false");
        res.per_iteration = v.at("per_iteration").get<bool>();
      }
    }
    const std::string cat = v.is_object() ? at + "/capacity" : at;
    if (non_positive_integer(*capacity))
      r.fail(cat, fmt::format("a capacity of {}: a resource with no capacity could never be used",
                              capacity->get<int64_t>()));
    res.capacity = r.count(*capacity, cat, 1, kMaxCapacity, "a capacity");
    g.resources.push_back(res);
  }
}

void read_tasks(const Reader& r, const json& j, TaskGraph& g) {
  if (!j.is_array() || j.empty()) r.fail("/tasks", "expected an array of tasks (at least one)");
  if (j.size() > kMaxTasks)
    r.fail("/tasks", fmt::format("{} tasks, more than the limit of {}", j.size(), kMaxTasks));
  // Names first: a task may wait for one listed after it.
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string at = fmt::format("/tasks/{}", i);
    r.only(j[i], at, {"name", "duration", "after", "after_previous", "needs"});
    const std::string n = r.name(r.need(j[i], at, "name"), at + "/name");
    if (const auto [it, fresh] = index.emplace(n, i); !fresh)
      r.fail(at + "/name",
             fmt::format("duplicate task name \"{}\" (first at /tasks/{})", n, it->second));
    g.tasks.push_back(Task{n, 1, {}, {}, {}});
  }
  std::size_t dependences = 0;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string at = fmt::format("/tasks/{}", i);
    Task& t = g.tasks[i];
    t.duration = r.duration(r.need(j[i], at, "duration"), at + "/duration", g.unit);
    if (j[i].contains("after")) t.after = r.task_list(j[i].at("after"), at + "/after", index);
    if (j[i].contains("after_previous"))
      t.after_previous = r.task_list(j[i].at("after_previous"), at + "/after_previous", index);
    if (j[i].contains("needs")) t.needs = r.needs(j[i].at("needs"), at + "/needs", g);
    dependences += t.after.size() + t.after_previous.size();
    if (dependences > kMaxDependences)
      r.fail(at, fmt::format("more than the limit of {} dependences in a graph", kMaxDependences));
  }
  const std::vector<std::size_t> cycle = find_cycle(g);
  if (!cycle.empty()) {
    std::string names;
    for (std::size_t t : cycle) names += (names.empty() ? "" : " -> ") + g.tasks[t].name;
    // Reported at the `after` of the second task, which waits for the first.
    r.fail(fmt::format("/tasks/{}/after", cycle[1]),
           fmt::format("a cycle: {} (each waits for the one before it)", names));
  }
}

}  // namespace

TaskGraph parse_task_graph(const std::string& text, const std::string& file) {
  const json j = parse_json_source<json>(text, file, /*ignore_comments=*/false);
  const Reader r{{file}};
  r.only(j, "", {"schema", "name", "unit", "iterations", "resources", "tasks", "description"});
  TaskGraph g;
  g.file = file;
  if (j.contains("schema") && j.at("schema") != kTasksSchema)
    r.fail("/schema", fmt::format("expected \"{}\"", kTasksSchema));
  if (j.contains("description") && !j.at("description").is_string())
    r.fail("/description", "expected a string");
  g.name = j.contains("name") ? r.name(j.at("name"), "/name") : file;
  if (!j.contains("unit")) r.fail("", "missing key \"unit\" (the graph's time unit, e.g. \"min\")");
  const std::string unit = r.name(j.at("unit"), "/unit");
  const std::optional<std::string> canonical = canonical_unit(unit);
  if (!canonical)
    r.fail("/unit", fmt::format("unknown unit \"{}\" (units: {})", excerpt(unit), known_units()));
  g.unit = *canonical;
  if (j.contains("iterations"))
    g.iterations = r.count(j.at("iterations"), "/iterations", 1, kMaxIterations, "iterations");
  if (j.contains("resources")) read_resources(r, j.at("resources"), g);
  read_tasks(r, r.need(j, "", "tasks"), g);
  return g;
}

TaskGraph load_task_graph(const std::string& path) {
  return parse_task_graph(read_user_file(path, kTaskGraphFile), path);
}

namespace {

[[noreturn]] void fail_set(const std::string& item, const std::string& what) {
  throw Error(printable_message(fmt::format("--set {}: {}", excerpt(item), what)));
}

}  // namespace

std::vector<std::pair<std::string, uint64_t>> parse_capacity_sets(
    const TaskGraph& g, const std::vector<std::string>& items) {
  std::vector<std::pair<std::string, uint64_t>> out;
  for (const std::string& item : items) {
    const std::size_t eq = item.find('=');
    const std::string name = item.substr(0, eq);
    if (eq == std::string::npos || name.empty())
      fail_set(item, "expected RESOURCE=CAPACITY (kettle=2)");
    const std::size_t r = find_resource(g, name);
    if (r == g.resources.size())
      fail_set(item, fmt::format("{} has no resource \"{}\"", g.file, excerpt(name)));
    const std::string value = item.substr(eq + 1);
    uint64_t n = 0;
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (ec != std::errc() || end != value.data() + value.size() || n < 1 || n > kMaxCapacity)
      fail_set(item, fmt::format("the capacity must be a whole number from 1 to {}", kMaxCapacity));
    for (const Task& t : g.tasks)
      for (const Need& need : t.needs)
        if (need.resource == r && need.count > n)
          fail_set(item, fmt::format("task \"{}\" needs {} {}", t.name, need.count, name));
    out.emplace_back(name, n);
  }
  return out;
}

TaskGraph with_capacities(TaskGraph g, const std::vector<std::pair<std::string, uint64_t>>& sets) {
  for (const auto& [name, n] : sets) g.resources[find_resource(g, name)].capacity = n;
  return g;
}

}  // namespace pipesim::tasks
