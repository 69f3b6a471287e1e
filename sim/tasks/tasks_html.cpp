// The HTML page of the schedules.
#include "sim/tasks/tasks_html.hpp"

#include <fmt/format.h>

#include <array>

#include "isa/source_errors.hpp"
#include "sim/report/html_view.hpp"
#include "sim/tasks/gantt_text.hpp"

namespace pipesim::tasks {

namespace {

using report::html_escape;

// A name from the file as the text output shows it (control characters as \xNN: HTML has no
// way to show them, and a NUL or a byte that is not UTF-8 would make the page invalid), escaped.
std::string shown(const std::string& name) {
  return html_escape(printable_name(name));
}

// The HTML view's stage colours (sim/report/html/view.js), one per resource; grey for none.
constexpr std::array<const char*, 12> kColours{"#bfdbfe", "#bbf7d0", "#fed7aa", "#e9d5ff",
                                               "#99f6e4", "#fecaca", "#fde68a", "#c7d2fe",
                                               "#d9f99d", "#fbcfe8", "#a5f3fc", "#ddd6fe"};
constexpr const char* kNoResource = "#e5e7eb";

constexpr const char* kStyle = R"(
body { margin: 16px; font: 14px/1.4 system-ui, sans-serif; color: #1d2330; }
pre { background: #f3f5f9; padding: 8px; overflow-x: auto; }
table.gantt { border-collapse: collapse; font: 12px ui-monospace, monospace; margin-bottom: 8px; }
.gantt th, .gantt td { border: 1px solid #d7dbe3; padding: 1px 4px; min-width: 28px; }
.gantt th { background: #f3f5f9; color: #6b7280; font-weight: normal; text-align: left; }
.gantt td.label { white-space: nowrap; text-align: left; }
.key span { display: inline-block; padding: 0 6px; margin-right: 6px; border: 1px solid #d7dbe3; }
.rule { color: #6b7280; }
)";

std::string schedule_table(const TaskGraph& g, const Schedule& s) {
  const uint64_t bucket = gantt_bucket(s);
  const uint64_t ncols = (s.length + bucket - 1) / bucket;
  const std::vector<std::string> cells = resource_cells(g);
  std::string out = "<table class=\"gantt\"><tr><th></th>";
  for (uint64_t c = 0; c < ncols; ++c) out += fmt::format("<th>{}</th>", c * bucket);
  out += "</tr>\n";
  for (const Slot& slot : s.slots) {
    const Task& t = g.tasks[slot.task];
    const std::string label = instance_label(g, slot.task, slot.iteration, s.iterations);
    const std::size_t r = t.needs.empty() ? g.resources.size() : t.needs.front().resource;
    const std::string mark = r < g.resources.size() ? cells[r] : "===";
    const char* colour = r < g.resources.size() ? kColours[r % kColours.size()] : kNoResource;
    out += "<tr><td class=\"label\">" + shown(label) + "</td>";
    for (uint64_t c = 0; c < ncols; ++c) {
      if (slot.start < (c + 1) * bucket && slot.end > c * bucket)
        out += fmt::format("<td style=\"background:{}\" title=\"{}: {}-{} {}\">{}</td>", colour,
                           shown(label), slot.start, slot.end, g.unit, html_escape(mark));
      else
        out += "<td></td>";
    }
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

}  // namespace

std::string tasks_html(const TasksAnalysis& a) {
  const TaskGraph& g = a.graph;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" +
                    shown(g.name) + " - pipesim tasks</title><style>" + kStyle +
                    "</style></head><body>\n";
  out += "<h1>" + shown(g.name) + "</h1>\n<p class=\"key\">";
  for (std::size_t r = 0; r < g.resources.size(); ++r)
    out += fmt::format("<span style=\"background:{}\">{}</span>", kColours[r % kColours.size()],
                       shown(g.resources[r].name));
  out += fmt::format("<span style=\"background:{}\">no resource</span></p>\n", kNoResource);
  for (const Schedule& s : a.schedules) {
    out += fmt::format("<h2>{}: {} {}</h2>\n<p class=\"rule\">{}</p>\n", shown(s.title), s.length,
                       html_escape(g.unit), html_escape(s.rule));
    out += schedule_table(g, s);
  }
  out += "<h2>Summary</h2>\n<pre>" + html_escape(tasks_text(a)) + "</pre>\n</body></html>\n";
  return out;
}

}  // namespace pipesim::tasks
