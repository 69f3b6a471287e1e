// The text Gantt diagrams and the summary around them.
#include "sim/tasks/gantt_text.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <numeric>

#include "isa/source_errors.hpp"
#include "sim/report/colour.hpp"

namespace pipesim::tasks {

namespace {

// Names come from the file (and --from's file name): each control character or byte that is not
// UTF-8 is shown as \xNN, so that a name can neither move the cursor nor recolour the terminal,
// and a table's columns line up (isa/source_errors.hpp, as the assembler's messages show text).
std::string label(const TaskGraph& g, std::size_t task, uint64_t iteration, uint64_t iterations) {
  return printable_name(instance_label(g, task, iteration, iterations));
}

// Columns a UTF-8 string takes (one per code point: task names are words, not wide scripts).
std::size_t columns(const std::string& s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t w = columns(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

// The first `n` code points of `s`.
std::string first_chars(const std::string& s, std::size_t n) {
  std::size_t i = 0;
  for (std::size_t seen = 0; i < s.size(); ++i)
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && seen++ == n) break;
  return s.substr(0, i);
}

std::string chain_text(const TaskGraph& g, const CriticalPath& cp) {
  std::string out;
  for (const Instance& i : cp.chain)
    out += (out.empty() ? "" : " -> ") + label(g, i.task, i.iteration, cp.iterations);
  return out;
}

// How a list schedule compares with the best possible.
std::string bound_text(const Schedule& s, const std::string& u) {
  if (s.length == s.lower_bound)
    return fmt::format(", optimal (no schedule beats {} {})", s.lower_bound, u);
  if (s.optimum == s.length)
    return fmt::format(
        ", optimal (an exhaustive search finds none shorter; the lower bound is {} {})",
        s.lower_bound, u);
  if (s.optimum) return fmt::format(", the optimum is {} {} (exhaustive search)", s.optimum, u);
  return fmt::format(", the lower bound is {} {}", s.lower_bound, u);
}

}  // namespace

uint64_t gantt_bucket(const Schedule& s, uint64_t max_columns) {
  uint64_t g = 0;
  for (const Slot& slot : s.slots) g = std::gcd(std::gcd(g, slot.start), slot.end);
  if (g == 0) return 1;
  const uint64_t cols = (s.length + g - 1) / g;
  max_columns = std::max<uint64_t>(max_columns, 1);
  return g * ((cols + max_columns - 1) / max_columns);
}

std::vector<std::string> resource_cells(const TaskGraph& g) {
  std::vector<std::string> cells;
  for (std::size_t r = 0; r < g.resources.size(); ++r) {
    const std::string name = printable_name(g.resources[r].name);
    std::string c = first_chars(name, 3);
    if (std::find(cells.begin(), cells.end(), c) != cells.end())
      c = first_chars(name, 2) + std::to_string(r % 10);
    cells.push_back(c);
  }
  return cells;
}

std::string render_gantt(const TaskGraph& g, const Schedule& s, const GanttOptions& o) {
  const std::size_t rows = std::min(s.slots.size(), kMaxGanttRows);
  std::size_t label_width = 0;
  for (std::size_t i = 0; i < rows; ++i)
    label_width = std::max(label_width,
                           columns(label(g, s.slots[i].task, s.slots[i].iteration, s.iterations)));
  // Fitted to a width: as many time columns as fit beside the labels, each as wide as the
  // widest header (no time is larger than the length) or cell, and a space.
  const std::size_t widest = std::max<std::size_t>(3, std::to_string(s.length).size()) + 1;
  const uint64_t max_columns =
      o.width == 0 ? kMaxGanttColumns
                   : std::max<std::size_t>(
                         1, (o.width > label_width + 2 ? o.width - label_width - 2 : 0) / widest);
  const uint64_t bucket = gantt_bucket(s, std::min<uint64_t>(max_columns, kMaxGanttColumns));
  const uint64_t ncols = (s.length + bucket - 1) / bucket;
  const std::vector<std::string> cells = resource_cells(g);
  std::size_t cell = 3;  // "ket", "===": the widest cell, or the widest time in the header
  cell = std::max(cell, std::to_string((ncols - 1) * bucket).size());
  std::string out = std::string(label_width + 2, ' ');
  for (uint64_t c = 0; c < ncols; ++c) out += pad(std::to_string(c * bucket), cell + 1);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  out += '\n';
  for (std::size_t i = 0; i < rows; ++i) {
    const Slot& slot = s.slots[i];
    const Task& t = g.tasks[slot.task];
    const std::string mark = t.needs.empty() ? "===" : cells[t.needs.front().resource];
    const std::string painted =
        o.colour && !t.needs.empty()
            ? report::paint(mark, report::stage_colour(t.needs.front().resource))
            : mark;
    std::string line = pad(label(g, slot.task, slot.iteration, s.iterations), label_width + 2);
    for (uint64_t c = 0; c < ncols; ++c) {
      const bool on = slot.start < (c + 1) * bucket && slot.end > c * bucket;
      line +=
          on ? painted + std::string(cell + 1 - columns(mark), ' ') : std::string(cell + 1, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + '\n';
  }
  if (rows < s.slots.size())
    out += fmt::format("  ... {} more rows (--json has every task)\n", s.slots.size() - rows);
  return out;
}

std::string tasks_text(const TasksAnalysis& a, const GanttOptions& o) {
  const TaskGraph& g = a.graph;
  const std::string& u = g.unit;
  const std::string file = printable_name(g.file);
  const std::string from =
      g.name == g.file ? file : fmt::format("{} ({})", printable_name(g.name), file);
  std::string out = fmt::format("Task graph {}: {} tasks, times in {}\n", from, g.tasks.size(), u);
  if (!g.resources.empty()) {
    out += "Resources:";
    for (std::size_t r = 0; r < g.resources.size(); ++r)
      out += fmt::format("{} {} {}{}", r ? "," : "", g.resources[r].capacity,
                         printable_name(g.resources[r].name),
                         g.resources[r].per_iteration ? " (each iteration its own)" : "");
    out += '\n';
  }
  out += fmt::format("\nCritical path, one iteration: {} {}: {}\n", a.critical.length, u,
                     chain_text(g, a.critical));
  if (a.iterations > 1)
    out += fmt::format("Dataflow limit, {} iterations with unlimited resources: {} {}\n",
                       a.iterations, a.dataflow.length, u);
  for (const Schedule& s : a.schedules) {
    out += fmt::format("\n{}: {} {}", printable_name(s.title), s.length, u);
    if (s.iterations > 1)
      out += fmt::format(" ({} {} one iteration after the other)", a.sequential_all, u);
    if (s.lower_bound) out += bound_text(s, u);
    out += fmt::format("\n  {}\n", s.rule);
    out += render_gantt(g, s, o);
  }
  out += fmt::format(
      "\nEach row is a task{}, each column a slice of time headed by its "
      "start in {}; a cell names the resource the task holds",
      a.iterations > 1 ? " (#N: in iteration N)" : "", u);
  const std::vector<std::string> cells = resource_cells(g);
  for (std::size_t r = 0; r < cells.size(); ++r)
    out += fmt::format("{} {} = {}", r ? "," : ":", cells[r], printable_name(g.resources[r].name));
  out += ", === none.\n";
  return out;
}

}  // namespace pipesim::tasks
