// Which machines with parallel functional units the timing model covers
// (sim/pipe/timing_parallel.cpp runs them; docs/timing-model.md "When it is used").
#include <algorithm>

#include "sim/pipe/timing_model.hpp"
#include "sim/pipe/timing_parallel.hpp"

namespace pipesim::timing {

using isa::Unit;

PipelineConfig with_units(const PipelineConfig& c) {
  PipelineConfig u = c;
  fill_default_units(u);
  return u;
}

uint32_t least_latency(const PipelineConfig& units) {
  uint32_t least = ~0u;
  for (const FunctionalUnit& u : units.functional_units) least = std::min(least, u.latency);
  return least;
}

bool parallel_supported(const PipelineConfig& c) {
  if (c.kind != MachineKind::Pipelined || c.execute != ExecuteMode::Parallel || c.issue.width != 1)
    return false;
  // Fetch takes one cycle and never waits for the data port: decode is the only stage that holds.
  const MemoryConfig& m = c.memory;
  if (m.instruction_latency != 1 || m.data_latency != 1 || m.unified_memory_port ||
      m.icache.enabled || m.dcache.enabled)
    return false;
  // Every other rule is the scalar engine's: the same machine with one-cycle units in blocking
  // mode must be supported.
  PipelineConfig blocking = with_units(c);
  blocking.execute = ExecuteMode::Blocking;
  for (FunctionalUnit& u : blocking.functional_units) u.latency = 1;
  if (!timing_model_supports(blocking)) return false;
  const PipelineRules r(c);
  // Units leave for the memory stage, which the end stage is or follows.
  if (r.first_memory != r.first_execute + 1 || r.end_stage < r.first_memory) return false;
  // Branches and jumps resolve in decode or as they enter their unit: a flush never reaches an
  // instruction that issued after them.
  for (uint32_t s : {c.branches.resolve_stage, c.branches.jal_stage, c.branches.jalr_stage})
    if (s > r.first_execute) return false;
  // Whatever can trap (ecall, ebreak, loads, stores, what fails to fetch or decode) is on the
  // fastest path, so nothing younger completes before it (docs/model.md "Precise exceptions").
  const PipelineConfig units = with_units(c);
  const uint32_t least = least_latency(units);
  for (Unit k : {Unit::System, Unit::Load, Unit::Store})
    if (units.functional_units[units.unit_for(k)].latency != least) return false;
  // A producer an operand can be forwarded from has left its unit: it is at least in the
  // memory stage.
  return nearest_producer_decides(r, false, r.first_memory) &&
         nearest_producer_decides(r, true, r.first_memory);
}

}  // namespace pipesim::timing
