// The run summary: aligned `key  value` lines (program, machine, how the run ended, cycles, CPI,
// stalls by cause, forwards, branch statistics, time), and the same counters as JSON.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/config/config.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/pipe/stats.hpp"

namespace pipesim::report {

// CPI and IPC as shown ("1.500"; "-" when undefined).
std::string format_ratio(uint64_t num, uint64_t den);

std::string render_summary(const std::string& program, const PipelineConfig& config,
                           const MachineResult& result);
// The same summary as `key, value` rows (what render_summary aligns).
std::vector<std::vector<std::string>> summary_rows(const std::string& program,
                                                   const PipelineConfig& config,
                                                   const MachineResult& result);
// The summary as JSON (`run --format json`): {"program", "config", "kind", "halt", "exit_code"
// (exit only), "fault" (fault only), "stats": stats_json}.
nlohmann::ordered_json summary_json(const std::string& program, const PipelineConfig& config,
                                    const MachineResult& result);

// {"cycles", "instructions", "cpi", "ipc", "fetched", "flushed", "fill",
//  "stalls": {"raw", "load_use", "control", "structural", "waw", "memory"}, "stall_cycles",
//  "stall_events": {…same keys…}, "forwards", "branches", "taken_branches", "jumps",
//  "mispredictions", "clock_period_ps", "time_ns", "icache", "dcache"}. cpi/ipc are null when
// undefined. With `config`, "icache" and "dcache" are there when the machine has that cache
// (also when it saw no access, as in the text summary); without, when the cache saw accesses.
nlohmann::ordered_json stats_json(const PipelineStats& stats,
                                  const PipelineConfig* config = nullptr);

}  // namespace pipesim::report
