// The sequential baselines: single-cycle (every instruction in one long cycle) and multi-cycle
// (unpipelined: one instruction at a time, one cycle per stage it passes). Both are timing
// views of the functional model, so they need no separate check.
#pragma once

#include <span>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/run_result.hpp"

namespace pipesim {

MachineResult run_sequential(const PipelineConfig& config, const Program& program, HostIo& io,
                             std::span<TraceSink* const> sinks, const RunLimits& limits);

// Which stages an instruction passes in a multi-cycle machine: memory stages only for loads and
// stores, writeback stages only for instructions that write a register other than x0 (unless the
// config keeps every stage).
bool uses_stage(const PipelineConfig& config, uint32_t stage, const isa::Insn& insn);

}  // namespace pipesim
