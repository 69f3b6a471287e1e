// The run summary as aligned text, and the statistics as JSON.
#include "sim/report/summary.hpp"

#include <fmt/format.h>

#include <tuple>
#include <vector>

#include "sim/report/text.hpp"

namespace pipesim::report {

std::string format_ratio(uint64_t num, uint64_t den) {
  if (den == 0) return "-";
  return fmt::format("{:.3f}", static_cast<double>(num) / static_cast<double>(den));
}

std::string render_summary(const std::string& program, const PipelineConfig& config,
                           const MachineResult& result) {
  return render_table(summary_rows(program, config, result), {}, 2);
}

nlohmann::ordered_json summary_json(const std::string& program, const PipelineConfig& config,
                                    const MachineResult& result) {
  nlohmann::ordered_json j;
  j["program"] = program;
  j["config"] = config.name;
  j["kind"] = kind_name(config.kind);
  j["halt"] = halt_name(result.halt);
  if (result.halt == Halt::Exit) j["exit_code"] = result.exit_code;
  if (result.halt == Halt::Fault) j["fault"] = describe(result.fault);
  j["stats"] = stats_json(result.stats, &config);
  return j;
}

std::vector<std::vector<std::string>> summary_rows(const std::string& program,
                                                   const PipelineConfig& config,
                                                   const MachineResult& result) {
  const PipelineStats& st = result.stats;
  std::vector<std::vector<std::string>> rows;
  auto add = [&rows](std::string key, std::string value) {
    rows.push_back({std::move(key), std::move(value)});
  };
  add("program", program);
  add("config",
      fmt::format("{} ({}, {} stage{}, {} ps clock)", config.name, kind_name(config.kind),
                  config.stages.size(), config.stages.size() == 1 ? "" : "s", st.clock_period_ps));
  if (st.issue_width > 1) add("issue width", fmt::format("{}", st.issue_width));
  add("halt", halt_name(result.halt));
  if (result.halt == Halt::Exit) add("exit code", fmt::format("{}", result.exit_code));
  if (result.halt == Halt::Fault) add("fault", describe(result.fault));
  if (result.divergence)
    add("divergence",
        fmt::format("#{} at 0x{:08x}, cycle {}: {}", result.divergence->seq, result.divergence->pc,
                    result.divergence->cycle, result.divergence->what));
  add("cycles", fmt::format("{}", st.cycles));
  add("instructions", fmt::format("{}", st.instructions));
  add("CPI", format_ratio(st.cycles, st.instructions));
  add("IPC", format_ratio(st.instructions, st.cycles));
  add("fill cycles", fmt::format("{}", st.fill_cycles));
  for (std::size_t c = 1; c < kNumStallCauses; ++c) {
    const auto cause = static_cast<StallCause>(c);
    if (!cause_applies(cause, st.issue_width)) continue;
    add(fmt::format("stalls {}", cause_name(cause)), fmt::format("{}", st.stall_cycles[c]));
    // The empty issue slots by the pairing rule that emptied them, as the JSON's issue_reasons.
    if (cause == StallCause::Issue)
      for (std::size_t r = 1; r < kNumIssueReasons; ++r)
        add(fmt::format("  {}", issue_reason_name(static_cast<IssueReason>(r))),
            fmt::format("{}", st.issue_reasons[r]));
  }
  add("stalls total", fmt::format("{}", st.total_stall_cycles()));
  // A width-N machine counts N slots a cycle (docs/model.md "Accounting"): the slots of the last
  // cycle beside the halting instruction are neither stalls nor instructions.
  if (st.issue_width > 1) add("halt slots", fmt::format("{}", st.halt_slots));
  add("forwards", fmt::format("{}", st.forwards));
  add("branches", fmt::format("{}", st.branches));
  add("taken branches", fmt::format("{}", st.taken_branches));
  add("jumps", fmt::format("{}", st.jumps));
  add("mispredictions", fmt::format("{}", st.mispredictions));
  add("fetched", fmt::format("{}", st.fetched));
  add("flushed", fmt::format("{}", st.flushed));
  for (const auto& [name, cache, on] : {std::tuple<const char*, const CacheStats&, bool>{
                                            "I-cache", st.icache, config.memory.icache.enabled},
                                        {"D-cache", st.dcache, config.memory.dcache.enabled}}) {
    if (!on) continue;
    add(name, fmt::format("{} accesses, {} hits, {} misses ({:.1f}% hits), {} evictions, {} "
                          "write-backs",
                          cache.accesses, cache.hits, cache.misses, 100.0 * cache.hit_rate(),
                          cache.evictions, cache.writebacks));
  }
  add("clock period", fmt::format("{} ps", st.clock_period_ps));
  add("time", fmt::format("{:.3f} ns", st.time_ns()));
  return rows;
}

nlohmann::ordered_json stats_json(const PipelineStats& st, const PipelineConfig* config) {
  auto by_cause = [&st](const std::array<uint64_t, kNumStallCauses>& v) {
    nlohmann::ordered_json j = nlohmann::ordered_json::object();
    for (std::size_t c = 1; c < kNumStallCauses; ++c)
      if (cause_applies(static_cast<StallCause>(c), st.issue_width))
        j[cause_name(static_cast<StallCause>(c))] = v[c];
    return j;
  };
  auto ratio = [](uint64_t num, uint64_t den) -> nlohmann::ordered_json {
    if (den == 0) return nullptr;
    return static_cast<double>(num) / static_cast<double>(den);
  };
  nlohmann::ordered_json j;
  j["cycles"] = st.cycles;
  j["instructions"] = st.instructions;
  j["cpi"] = ratio(st.cycles, st.instructions);
  j["ipc"] = ratio(st.instructions, st.cycles);
  j["fetched"] = st.fetched;
  j["flushed"] = st.flushed;
  j["fill"] = st.fill_cycles;
  j["stalls"] = by_cause(st.stall_cycles);
  j["stall_cycles"] = st.total_stall_cycles();
  j["stall_events"] = by_cause(st.stall_events);
  if (st.issue_width > 1) {  // docs/trace-format.md "Superscalar machines"
    j["issue_width"] = st.issue_width;
    nlohmann::ordered_json reasons = nlohmann::ordered_json::object();
    for (std::size_t r = 1; r < kNumIssueReasons; ++r)
      reasons[issue_reason_name(static_cast<IssueReason>(r))] = st.issue_reasons[r];
    j["issue_reasons"] = std::move(reasons);
    j["halt_slots"] = st.halt_slots;
  }
  j["forwards"] = st.forwards;
  j["branches"] = st.branches;
  j["taken_branches"] = st.taken_branches;
  j["jumps"] = st.jumps;
  j["mispredictions"] = st.mispredictions;
  j["clock_period_ps"] = st.clock_period_ps;
  j["time_ns"] = st.time_ns();
  auto cache = [](const CacheStats& c) {
    return nlohmann::ordered_json{{"accesses", c.accesses},
                                  {"hits", c.hits},
                                  {"misses", c.misses},
                                  {"evictions", c.evictions},
                                  {"writebacks", c.writebacks}};
  };
  if (config ? config->memory.icache.enabled : st.icache.accesses != 0)
    j["icache"] = cache(st.icache);
  if (config ? config->memory.dcache.enabled : st.dcache.accesses != 0)
    j["dcache"] = cache(st.dcache);
  return j;
}

}  // namespace pipesim::report
