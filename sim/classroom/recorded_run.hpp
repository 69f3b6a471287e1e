// Runs a program on a machine with everything the classroom tools read afterwards: the run's
// result and every cycle and instruction the model published.
#pragma once

#include <cstdint>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/recorder.hpp"

namespace pipesim::classroom {

// Classroom programs are short: a diagram of more cycles than this is no exercise.
inline constexpr uint64_t kDefaultMaxCycles = 100000;

struct RecordedRun {
  PipelineConfig config;
  MachineResult result;
  report::Recorder recorder;  // every cycle (stages, events) and every instruction record
};

// Runs `program` on `config` (checked against the functional model). Throws pipesim::Error if
// the run does not end by itself within `max_cycles` cycles. Guest output is discarded.
RecordedRun record_run(const PipelineConfig& config, const Program& program,
                       uint64_t max_cycles = kDefaultMaxCycles);

}  // namespace pipesim::classroom
