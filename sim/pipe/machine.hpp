// Runs a program on the machine a PipelineConfig describes (pipelined, single-cycle or
// multi-cycle) and reports how it went. The one entry point the command line and tests use.
#pragma once

#include <span>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/run_result.hpp"
#include "sim/pipe/stats.hpp"

namespace pipesim {

// Runs to the end (exit, ebreak, fault or the cycle limit). With `check`, every committed
// instruction is compared with the functional model; with interlocks on a mismatch is a bug in
// pipesim and throws std::logic_error naming the cycle and instruction; with interlocks off the
// first mismatch is reported in `divergence` and the run continues.
MachineResult run_machine(const PipelineConfig& config, const Program& program, HostIo& io,
                          std::span<TraceSink* const> sinks, const RunLimits& limits, bool check);

// The pipelined machine on the cycle-level model (sim/pipe/pipeline.hpp) always, even where
// run_machine would use the faster per-instruction timing model: tests compare the two.
MachineResult run_cycle_model(const PipelineConfig& config, const Program& program, HostIo& io,
                              std::span<TraceSink* const> sinks, const RunLimits& limits,
                              bool check);

}  // namespace pipesim
