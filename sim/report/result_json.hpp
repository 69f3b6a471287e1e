// The machine-readable result of a run (`pipesim run --json`), schema "pipesim.result/1"
// (docs/cli.md, "JSON result"), built whole here; the command line passes the run in and writes
// the bytes out:
//   {"schema", "program", "halt": "exit"|"ebreak"|"fault"|"limit", "exit_code", "instructions",
//    "pc", "registers": {"x0": …, …, "x31": …}, "stdout", "fault" (message) when halt is fault,
//    "limit" when halt is limit, then for a machine "engine", "config", "cycles", "stalls",
//    "stats"; "host_seconds"; and "divergence" when a machine without interlocks diverged}
// "stdout" holds at most kResultStdoutMax bytes; when the program wrote more, "stdout_truncated"
// is true and "stdout_bytes" counts all it wrote.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/config/config.hpp"
#include "sim/iss/iss.hpp"
#include "sim/pipe/run_result.hpp"

namespace pipesim {

struct RunSummary {
  std::string program;
  Halt halt = Halt::None;
  int exit_code = 0;
  uint64_t instructions = 0;
  uint32_t pc = 0;
  RegFile regs;
  std::string fault;                // message, when halt == Fault
  std::string guest_stdout;         // the first kResultStdoutMax bytes of it
  uint64_t guest_stdout_bytes = 0;  // all of it (more than guest_stdout.size(): truncated)
  std::string limit;        // when halt == Limit: "max-cycles", "max-instructions", "timeout"…
  double host_seconds = 0;  // host time of the simulation itself
};

inline constexpr std::size_t kResultStdoutMax = 8u << 20;

// How a run ended, from the functional model or a machine (fault message, pc, registers): all
// of the summary but the guest's output, the limit's name and the host time.
RunSummary functional_run_summary(const std::string& program, const Iss& iss);
RunSummary machine_run_summary(const std::string& program, const MachineResult& r);

// The document of a run on the functional model, and of a run of `config`.
nlohmann::ordered_json result_json(const RunSummary& summary);
nlohmann::ordered_json result_json(const RunSummary& summary, const PipelineConfig& config,
                                   const MachineResult& r);
// The bytes of the file: the document indented by 2, then a newline.
std::string result_json_text(const nlohmann::ordered_json& document);

}  // namespace pipesim
