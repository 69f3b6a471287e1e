// The comparison table of one program run on several machines.
#include "sim/report/compare.hpp"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <vector>

#include "sim/json/json_text.hpp"
#include "sim/machine/fault.hpp"
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
  return render_compare(rows, TableFormat::Text);
}

namespace {

nlohmann::ordered_json compare_json(std::span<const CompareRow> rows) {
  auto ratio = [](double num, double den) -> nlohmann::ordered_json {
    if (num <= 0 || den <= 0) return nullptr;
    return num / den;
  };
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  for (const CompareRow& r : rows) {
    const PipelineStats& st = r.stats;
    const PipelineStats& base = rows.front().stats;
    nlohmann::ordered_json j;
    j["config"] = r.name;
    j["kind"] = r.kind;
    j["cycles"] = st.cycles;
    j["instructions"] = st.instructions;
    j["cpi"] = ratio(static_cast<double>(st.cycles), static_cast<double>(st.instructions));
    j["clock_period_ps"] = st.clock_period_ps;
    j["time_ns"] = st.time_ns();
    j["speedup_cycles"] = ratio(static_cast<double>(base.cycles), static_cast<double>(st.cycles));
    j["speedup_time"] = ratio(base.time_ns(), st.time_ns());
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::string render_compare(std::span<const CompareRow> rows, TableFormat format) {
  if (format == TableFormat::Json) return json_text(compare_json(rows), 2) + "\n";
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
  return render_rows(table,
                     {Align::Left, Align::Left, Align::Right, Align::Right, Align::Right,
                      Align::Right, Align::Right, Align::Right, Align::Right},
                     true, format);
}

std::vector<std::string> compare_notes(const PipelineConfig& config, const MachineResult& r,
                                       uint64_t max_cycles, bool html_default_limit) {
  std::vector<std::string> notes;
  if (r.halt == Halt::Fault)
    notes.push_back(fmt::format("{}: guest fault: {}", config.name, describe(r.fault)));
  else if (r.halt == Halt::Limit && !r.stopped)
    notes.push_back(
        fmt::format("{}: stopped by the cycle limit (--max-cycles {}{})", config.name, max_cycles,
                    html_default_limit ? ", the --html default: the page holds every cycle" : ""));
  if (r.divergence)
    notes.push_back(fmt::format("{}: without interlocks the results diverge at pc 0x{:08x}: {}",
                                config.name, r.divergence->pc, r.divergence->what));
  return notes;
}

std::string render_compare_notes(std::span<const std::string> notes) {
  std::string out;
  for (const std::string& n : notes) out += "note: " + n + "\n";
  return out;
}

}  // namespace pipesim::report
