// The HTML page of the schedules, in the visual language of `run --html` (docs/html-view.md): the
// view's own stylesheet (sim/report/html/view.css), its header and legend of coloured swatches,
// and each Gantt diagram laid out as the view lays out a pipeline diagram: a label column, a row
// of column starts, and a cell per row and column naming the resource, coloured as a stage. The
// page is static (no script: it has no cursor to move), one file, and fetches nothing.
#include "sim/tasks/tasks_html.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "isa/source_errors.hpp"
#include "sim/report/html/assets.hpp"
#include "sim/report/html_view.hpp"
#include "sim/tasks/gantt_text.hpp"

namespace pipesim::tasks {

namespace {

using report::html_escape;

// The HTML view's stage colours (COLOURS in sim/report/html/view.js), one per resource; grey for
// none, as the view's cells outside any stage.
constexpr std::array<const char*, 12> kColours{"#bfdbfe", "#bbf7d0", "#fed7aa", "#e9d5ff",
                                               "#99f6e4", "#fecaca", "#fde68a", "#c7d2fe",
                                               "#d9f99d", "#fbcfe8", "#a5f3fc", "#ddd6fe"};
constexpr const char* kNoResource = "#e5e7eb";

// The view's sizes at 100% zoom (view.js, layout()): a column 38 px, a row 20 px, the column
// header 20 px; a cell is inset by 1 px on each side.
constexpr std::size_t kColumn = 38, kRow = 20, kHeader = 20;

// A page holds at most this many rows per diagram (--json has every instance): 60 time columns
// by 2000 rows stays a few megabytes.
constexpr std::size_t kMaxHtmlRows = 2000;

// What the view's script sets per cell, fixed here. A schedule's panel is as wide as its diagram
// (the description does not widen it), so that narrow ones sit side by side and wide ones wrap.
constexpr const char* kStyle = R"(
.gantt .cell { width: 36px; height: 18px; line-height: 16px; font-size: 12px; }
.gantt .rowhead { font-size: 12px; }
.gantt .label { height: 20px; line-height: 20px; }
.colhead .num { width: 38px; line-height: 20px; }
.run .diagram { max-height: 70vh; }
.run.schedule { flex: 0 1 auto; }
.run.schedule .description { width: 0; min-width: 100%; }
)";

// A name from the file as the text output shows it (control characters as \xNN: HTML has no
// way to show them, and a NUL or a byte that is not UTF-8 would make the page invalid), escaped.
std::string shown(const std::string& name) {
  return html_escape(printable_name(name));
}

std::size_t code_points(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string colour_classes(std::size_t resources) {
  std::string out;
  for (std::size_t r = 0; r < resources; ++r)
    out += fmt::format(".gantt .r{} {{ background: {}; }}\n", r, kColours[r % kColours.size()]);
  return out + fmt::format(".gantt .none {{ background: {}; }}\n", kNoResource);
}

std::string legend(const TaskGraph& g, uint64_t iterations) {
  const std::vector<std::string> cells = resource_cells(g);
  std::string out = "<div id=\"legend\">";
  for (std::size_t r = 0; r < g.resources.size(); ++r)
    out += fmt::format(
        "<span class=\"key\"><span class=\"swatch\" style=\"background:{}\">{}</span>{} ({}{})"
        "</span>",
        kColours[r % kColours.size()], html_escape(cells[r]), shown(g.resources[r].name),
        g.resources[r].capacity, g.resources[r].per_iteration ? " each iteration" : "");
  out += fmt::format(
      "<span class=\"key\"><span class=\"swatch\" style=\"background:{}\">===</span>no "
      "resource</span><span class=\"key\">a row per task{}, a column per slice of time headed "
      "by its start in {}; hover a cell for its times</span></div>\n",
      kNoResource, iterations > 1 ? " (#N: iteration N)" : "", html_escape(g.unit));
  return out;
}

// One schedule's diagram: the label column, the column starts, the cells.
std::string diagram(const TaskGraph& g, const Schedule& s) {
  const uint64_t bucket = gantt_bucket(s);
  const uint64_t ncols = (s.length + bucket - 1) / bucket;
  const std::size_t rows = std::min(s.slots.size(), kMaxHtmlRows);
  std::vector<std::string> labels;
  std::size_t longest = 8;
  for (std::size_t i = 0; i < rows; ++i) {
    labels.push_back(
        printable_name(instance_label(g, s.slots[i].task, s.slots[i].iteration, s.iterations)));
    longest = std::max(longest, code_points(labels.back()));
  }
  const std::size_t lw = std::min<std::size_t>(360, (longest * 73 + 5) / 10 + 26);
  const std::size_t width = static_cast<std::size_t>(ncols) * kColumn, height = rows * kRow;
  std::string out = fmt::format(
      "<div class=\"diagram gantt\"><div class=\"inner\" style=\"width:{}px;height:{}px\">"
      "<div class=\"colhead\" style=\"height:{}px\"><div class=\"corner\" style=\"width:{}px\">"
      "task \\ {}</div><div>",
      lw + width, kHeader + height, kHeader, lw, html_escape(g.unit));
  for (uint64_t c = 0; c < ncols; ++c)
    out += fmt::format("<div class=\"num\" style=\"left:{}px\">{}</div>", lw + c * kColumn,
                       c * bucket);
  out += fmt::format("</div></div><div class=\"rowhead\" style=\"width:{}px;height:{}px\">", lw,
                     height);
  for (std::size_t i = 0; i < rows; ++i)
    out += fmt::format("<div class=\"label\" style=\"top:{}px\">{}</div>", i * kRow,
                       html_escape(labels[i]));
  out +=
      fmt::format("</div><div class=\"body\" style=\"left:{}px;top:{}px;width:{}px;height:{}px\">",
                  lw, kHeader, width, height);
  const std::vector<std::string> cells = resource_cells(g);
  for (std::size_t i = 0; i < rows; ++i) {
    const Slot& slot = s.slots[i];
    const Task& t = g.tasks[slot.task];
    const bool none = t.needs.empty();
    const std::string cls = none ? "none" : fmt::format("r{}", t.needs.front().resource);
    const std::string mark = none ? "===" : html_escape(cells[t.needs.front().resource]);
    const std::string title = fmt::format("{}: {}-{} {}", html_escape(labels[i]), slot.start,
                                          slot.end, html_escape(g.unit));
    for (uint64_t c = slot.start / bucket; c * bucket < slot.end; ++c)
      out +=
          fmt::format("<div class=\"cell {}\" style=\"left:{}px;top:{}px\" title=\"{}\">{}</div>",
                      cls, c * kColumn + 1, i * kRow + 1, title, mark);
  }
  out += "</div></div></div>\n";
  if (rows < s.slots.size())
    out +=
        fmt::format("<div class=\"banner\">{} more rows not drawn (--json has every task)</div>\n",
                    s.slots.size() - rows);
  return out;
}

std::string schedule_section(const TaskGraph& g, const Schedule& s) {
  return fmt::format(
             "<section class=\"run schedule\"><h2>{}: {} {}</h2>\n<div "
             "class=\"description\">{}</div>\n",
             shown(s.title), s.length, html_escape(g.unit), html_escape(s.rule)) +
         diagram(g, s) + "</section>\n";
}

}  // namespace

std::string tasks_html(const TasksAnalysis& a) {
  const TaskGraph& g = a.graph;
  std::string out = fmt::format(
      "<!DOCTYPE html>\n<!-- pipesim tasks: a single self-contained page (no network access); "
      "docs/tasks.md. -->\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<link rel=\"icon\" href=\"data:,\">\n<title>{} — pipesim tasks</title>\n<style>\n",
      shown(g.name));
  out += std::string(report::html::kViewCss) + kStyle + colour_classes(g.resources.size());
  out += "</style>\n</head>\n<body>\n<header id=\"top\">\n<h1>" + shown(g.name) + "</h1>\n";
  out += legend(g, a.iterations) + "</header>\n<main id=\"runs\">\n";
  for (const Schedule& s : a.schedules) out += schedule_section(g, s);
  out += "<section class=\"run\"><div class=\"box\"><h3>Summary</h3><pre>" +
         html_escape(tasks_text(a)) + "</pre></div></section>\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace pipesim::tasks
