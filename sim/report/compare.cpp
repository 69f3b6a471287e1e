// The comparison table of one program run on several machines.
#include "sim/report/compare.hpp"

#include <fmt/format.h>

#include <vector>

#include "sim/report/summary.hpp"
#include "sim/report/text.hpp"

namespace pipesim::report {

namespace {

std::string speedup(double base, double value) {
  if (base <= 0 || value <= 0) return "-";
  return fmt::format("{:.2f}x", base / value);
}

}  // namespace

CompareRow compare_row(const PipelineConfig& config, const PipelineStats& stats) {
  return CompareRow{config.name, kind_name(config.kind), stats};
}

std::string render_compare(std::span<const CompareRow> rows) {
  std::vector<std::vector<std::string>> table;
  table.push_back({"config", "kind", "cycles", "instructions", "CPI", "clock (ps)", "time (ns)",
                   "speedup (cycles)", "speedup (time)"});
  for (const CompareRow& r : rows) {
    const PipelineStats& st = r.stats;
    const PipelineStats& base = rows.front().stats;
    table.push_back({r.name, r.kind, fmt::format("{}", st.cycles),
                     fmt::format("{}", st.instructions), format_ratio(st.cycles, st.instructions),
                     fmt::format("{}", st.clock_period_ps), fmt::format("{:.3f}", st.time_ns()),
                     speedup(static_cast<double>(base.cycles), static_cast<double>(st.cycles)),
                     speedup(base.time_ns(), st.time_ns())});
  }
  return render_table(table, {Align::Left, Align::Left, Align::Right, Align::Right, Align::Right,
                              Align::Right, Align::Right, Align::Right, Align::Right});
}

}  // namespace pipesim::report
