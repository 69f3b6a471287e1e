#include "sim/report/limit_text.hpp"

#include <fmt/format.h>

namespace pipesim::report {

std::string count_limit_message(const std::string& option, uint64_t limit, uint32_t pc,
                                const std::string& progress) {
  const bool cycles = option == "--max-cycles";
  return fmt::format("{} limit reached ({} {}): stopped at pc 0x{:08x} after {}; raise it with {}",
                     cycles ? "cycle" : "instruction", option, limit, pc, progress, option);
}

std::string machine_progress(uint64_t cycles, uint64_t instructions) {
  return fmt::format("{} cycles, {} instructions committed", cycles, instructions);
}

}  // namespace pipesim::report
