// Which machines with memory that holds a stage the timing model runs (timing_memory.hpp,
// docs/timing-model.md "Memory: latencies, one port, caches").
#include "sim/pipe/timing_engine.hpp"

namespace pipesim::timing {

bool memory_can_hold(const MemoryConfig& m) {
  return m.instruction_latency != 1 || m.data_latency != 1 || m.unified_memory_port ||
         m.icache.enabled || m.dcache.enabled;
}

// One execute stage right after decode and the memory stage right after it, before the end
// stage: then an instruction between decode and memory is in execute, and only the memory stage
// (besides decode and fetch) ever holds, so its holds are the only freezes past decode.
bool memory_timing_supported(const PipelineConfig& c) {
  if (c.issue.width != 1) return false;
  const uint32_t d = c.last_of(StageRole::Decode);
  const uint32_t m = c.first_of(StageRole::Memory);
  const MemoryConfig& mc = c.memory;
  return c.first_of(StageRole::Execute) == d + 1 && c.last_of(StageRole::Execute) == d + 1 &&
         m == d + 2 && c.end_stage > m && mc.instruction_latency >= 1 && mc.data_latency >= 1;
}

}  // namespace pipesim::timing
