// The Chrome trace of the schedules: lanes by first fit in order of start.
#include "sim/tasks/tasks_chrome.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <numeric>
#include <queue>

#include "sim/json/json_text.hpp"

namespace pipesim::tasks {

namespace {

using ojson = nlohmann::ordered_json;

// The lane of each slot: in order of start, the lane free the longest, or a new one when every
// lane is still busy.
std::vector<std::size_t> lanes(const Schedule& s, std::size_t& count) {
  std::vector<std::size_t> order(s.slots.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return s.slots[a].start < s.slots[b].start;
  });
  std::priority_queue<std::pair<uint64_t, std::size_t>,
                      std::vector<std::pair<uint64_t, std::size_t>>,
                      std::greater<>>
      free_at;  // (end of its last slot, lane)
  std::vector<std::size_t> lane(s.slots.size(), 0);
  count = 0;
  for (std::size_t i : order) {
    std::size_t l = count;
    if (!free_at.empty() && free_at.top().first <= s.slots[i].start) {
      l = free_at.top().second;
      free_at.pop();
    } else {
      ++count;
    }
    free_at.push({s.slots[i].end, l});
    lane[i] = l;
  }
  return lane;
}

}  // namespace

std::string tasks_chrome_trace(const TasksAnalysis& a) {
  const TaskGraph& g = a.graph;
  ojson events = ojson::array();
  for (std::size_t p = 0; p < a.schedules.size(); ++p) {
    const Schedule& s = a.schedules[p];
    const uint64_t pid = p + 1;
    events.push_back({{"name", "process_name"},
                      {"ph", "M"},
                      {"pid", pid},
                      {"args", {{"name", fmt::format("{}: {} {}", s.title, s.length, g.unit)}}}});
    events.push_back({{"name", "process_sort_index"},
                      {"ph", "M"},
                      {"pid", pid},
                      {"args", {{"sort_index", pid}}}});
    std::size_t count = 0;
    const std::vector<std::size_t> lane = lanes(s, count);
    for (std::size_t l = 0; l < count; ++l)
      events.push_back({{"name", "thread_name"},
                        {"ph", "M"},
                        {"pid", pid},
                        {"tid", l + 1},
                        {"args", {{"name", fmt::format("lane {}", l + 1)}}}});
    for (std::size_t i = 0; i < s.slots.size(); ++i) {
      const Slot& slot = s.slots[i];
      ojson needs = ojson::object();
      for (const Need& n : g.tasks[slot.task].needs) needs[g.resources[n.resource].name] = n.count;
      events.push_back({{"name", instance_label(g, slot.task, slot.iteration, s.iterations)},
                        {"cat", g.tasks[slot.task].needs.empty()
                                    ? std::string("none")
                                    : g.resources[g.tasks[slot.task].needs.front().resource].name},
                        {"ph", "X"},
                        {"pid", pid},
                        {"tid", lane[i] + 1},
                        {"ts", slot.start},
                        {"dur", slot.end - slot.start},
                        {"args", {{"iteration", slot.iteration + 1}, {"needs", needs}}}});
    }
  }
  return json_text(events) + "\n";
}

}  // namespace pipesim::tasks
