// What one instruction reads and writes, as the dependence analysis and the scheduler see it:
// registers (x0 never counts: it is not a real dependence) and memory, and how many cycles its
// result takes on a machine.
#pragma once

#include <cstdint>

#include "isa/isa.hpp"
#include "sim/config/config.hpp"

namespace pipesim::classroom {

struct InsnEffects {
  uint32_t reads = 0;   // bit r: reads register xr (x0 excluded)
  uint32_t writes = 0;  // bit r: writes register xr (x0 excluded)
  bool load = false, store = false;
  uint32_t width = 0;  // bytes accessed by a load or store
  // ecall reads a7 and its arguments (a0..a2) and may return a value in a0 (write); a control
  // transfer or system instruction ends a basic block.
  bool ends_block = false;
};

InsnEffects insn_effects(const isa::Insn& insn);

// Cycles from the start of an instruction's execution until its result can be used, on
// `config`: the latency of the functional unit executing its class, plus for loads (and
// stores, whose result is the memory write) the memory access: one cycle per memory stage
// beyond the first plus the data access latency (the data cache's hit latency when there is
// one). On 5-stage: ALU 1, load 2, so a load's user must come two instructions later.
uint32_t result_latency(const PipelineConfig& config, const isa::Insn& insn);

// The extra cycles a load or store spends in memory on `config` (the part of result_latency
// beyond the address calculation).
uint32_t memory_latency(const PipelineConfig& config);

}  // namespace pipesim::classroom
