// The machine-readable result of a run (`pipesim run --json`), schema "pipesim.result/1":
//   {"schema", "program", "halt": "exit"|"ebreak"|"fault"|"limit", "exit_code", "instructions",
//    "pc", "registers": {"x0": …, …, "x31": …}, "stdout", and "fault" (message) when halt is fault}
// "stdout" holds at most kResultStdoutMax bytes; when the program wrote more, "stdout_truncated"
// is true and "stdout_bytes" counts all it wrote.
// Pipeline runs add "config", "cycles" and "stalls" (see docs/cli.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/iss/iss.hpp"

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
};

inline constexpr std::size_t kResultStdoutMax = 8u << 20;

nlohmann::ordered_json result_json(const RunSummary& summary);

}  // namespace pipesim
