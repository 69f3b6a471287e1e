#include "sim/report/result_json.hpp"

#include <fmt/format.h>

namespace pipesim {

nlohmann::ordered_json result_json(const RunSummary& s) {
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
  return j;
}

}  // namespace pipesim
