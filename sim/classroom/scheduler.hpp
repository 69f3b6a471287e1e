// The scheduling helper (`pipesim schedule`): list-schedules each basic block of an assembly
// program to hide latencies (a load's user moved away from the load), and writes the program
// back as assembly that pipesim and GNU `as` both accept. Instructions never move across a
// label, a branch, jump or system instruction, a directive, or a memory access they cannot be
// proven independent of (same base register, unchanged in between, disjoint bytes); two loads
// may swap. A source line is the unit that moves (a pseudo-instruction like `li` moves whole),
// with the comment lines just above it.
#pragma once

#include <cstdint>
#include <string>

#include "sim/config/config.hpp"

namespace pipesim::classroom {

struct ScheduleResult {
  std::string source;      // the reordered program, with a header comment giving the cycles
  uint64_t blocks = 0;     // straight-line runs of movable lines considered
  uint64_t reordered = 0;  // of which the schedule changed the order
  // Whole-run cycles on the config, before and after (the pipeline model).
  uint64_t cycles_before = 0, cycles_after = 0;
};

// Schedules `source` (assembly) for `config`. Throws SourceError for assembly errors, and
// pipesim::Error if the result does not compute the same as the original on the functional
// model (a bug) or a run does not end within `max_cycles`.
ScheduleResult schedule_program(const std::string& source, const std::string& filename,
                                const PipelineConfig& config, uint64_t max_cycles);

}  // namespace pipesim::classroom
