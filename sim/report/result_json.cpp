#include "sim/report/result_json.hpp"

#include <fmt/format.h>

#include "sim/config/config_load.hpp"
#include "sim/json/json_text.hpp"
#include "sim/machine/fault.hpp"
#include "sim/report/summary.hpp"

namespace pipesim {
namespace {

// The fields every run has, up to "limit".
nlohmann::ordered_json common_fields(const RunSummary& s) {
  nlohmann::ordered_json j;
  j["schema"] = "pipesim.result/1";
  j["program"] = s.program;
  j["halt"] = halt_name(s.halt);
  j["exit_code"] = s.exit_code;
  j["instructions"] = s.instructions;
  j["pc"] = s.pc;
  nlohmann::ordered_json regs = nlohmann::ordered_json::object();
  for (unsigned r = 0; r < 32; ++r) regs[fmt::format("x{}", r)] = s.regs[r];
  j["registers"] = std::move(regs);
  j["stdout"] = s.guest_stdout;
  if (s.guest_stdout_bytes > s.guest_stdout.size()) {
    j["stdout_truncated"] = true;
    j["stdout_bytes"] = s.guest_stdout_bytes;
  }
  if (s.halt == Halt::Fault) j["fault"] = s.fault;
  if (s.halt == Halt::Limit) j["limit"] = s.limit;
  return j;
}

nlohmann::ordered_json divergence_json(const Divergence& d) {
  return {{"seq", d.seq},      {"cycle", d.cycle},       {"pc", d.pc},         {"word", d.word},
          {"register", d.reg}, {"expected", d.expected}, {"actual", d.actual}, {"what", d.what}};
}

}  // namespace

RunSummary functional_run_summary(const std::string& program, const Iss& iss) {
  RunSummary s;
  s.program = program;
  s.halt = iss.halt();
  s.exit_code = iss.exit_code();
  s.instructions = iss.instructions();
  s.pc = s.halt == Halt::Fault ? iss.fault().pc : iss.state().pc;
  s.regs = iss.state().regs;
  if (s.halt == Halt::Fault)
    s.fault = fault_message(iss.fault(), fmt::format("instruction {}", iss.instructions() + 1));
  return s;
}

RunSummary machine_run_summary(const std::string& program, const MachineResult& r) {
  RunSummary s;
  s.program = program;
  s.halt = r.halt;
  s.exit_code = r.exit_code;
  s.instructions = r.stats.instructions;
  s.pc = r.pc;
  s.regs = r.regs;
  if (r.halt == Halt::Fault)
    s.fault = fault_message(r.fault, fmt::format("cycle {}", r.stats.cycles));
  return s;
}

nlohmann::ordered_json result_json(const RunSummary& s) {
  nlohmann::ordered_json j = common_fields(s);
  j["host_seconds"] = s.host_seconds;
  return j;
}

nlohmann::ordered_json result_json(const RunSummary& s, const PipelineConfig& config,
                                   const MachineResult& r) {
  nlohmann::ordered_json j = common_fields(s);
  j["engine"] = engine_name(r.engine);
  j["config"] = config_to_json(config);
  j["cycles"] = r.stats.cycles;
  nlohmann::ordered_json stats = report::stats_json(r.stats, &config);
  j["stalls"] = stats["stalls"];
  j["stats"] = std::move(stats);
  j["host_seconds"] = s.host_seconds;
  if (r.divergence) j["divergence"] = divergence_json(*r.divergence);
  return j;
}

std::string result_json_text(const nlohmann::ordered_json& document) {
  return json_text(document, 2) + "\n";
}

}  // namespace pipesim
