// The `pipesim compare` table: the same program on several machines, one row per configuration,
// with speedups against the first row.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "sim/config/config.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/run_result.hpp"
#include "sim/pipe/stats.hpp"
#include "sim/report/table_format.hpp"

namespace pipesim::report {

struct CompareRow {
  std::string name;  // configuration name
  std::string kind;  // "pipelined", "single-cycle", "multi-cycle"
  PipelineStats stats;
};

CompareRow compare_row(const PipelineConfig& config, const PipelineStats& stats);

// Columns: config, kind, cycles, instructions, CPI, clock (ps), time (ns), speedup (cycles),
// speedup (time). Speedups are the first row's cycles (time) over this row's, "1.00x" for the
// first row, "-" when undefined. Numbers are right-aligned.
std::string render_compare(std::span<const CompareRow> rows);
// The same table in another format (--format): text is render_compare; CSV and Markdown have
// the same cells; JSON is an array of {"config", "kind", "cycles", "instructions", "cpi",
// "clock_period_ps", "time_ns", "speedup_cycles", "speedup_time"} with numbers (null when
// undefined).
std::string render_compare(std::span<const CompareRow> rows, TableFormat format);

// What the table cannot show about one machine's run, one note each ("5-stage: guest fault: …",
// "…: stopped by the cycle limit (--max-cycles N)", a divergence without interlocks), printed
// as "note: …" lines under it. `html_default_limit`: the limit was --html's default.
std::vector<std::string> compare_notes(const PipelineConfig& config, const MachineResult& r,
                                       uint64_t max_cycles, bool html_default_limit);
// The notes as printed: "note: " and a newline each.
std::string render_compare_notes(std::span<const std::string> notes);

}  // namespace pipesim::report
