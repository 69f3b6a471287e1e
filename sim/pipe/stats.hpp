// The counters a timing engine reports at the end of a run (the same from every engine).
#pragma once

#include <array>
#include <cstdint>

#include "sim/pipe/events.hpp"

namespace pipesim {

// What a cache saw during the run.
struct CacheStats {
  uint64_t accesses = 0;
  uint64_t hits = 0;
  uint64_t misses = 0;
  uint64_t evictions = 0;   // valid lines replaced
  uint64_t writebacks = 0;  // dirty lines written back to memory (write-back caches)
  double hit_rate() const {
    return accesses ? static_cast<double>(hits) / static_cast<double>(accesses) : 0.0;
  }
};

// Counters, named as reported. Identity (checked by tests): for pipelined machines, with
// issue_width slots in the end stage every cycle,
//   issue_width x cycles == instructions + fill + sum(stall_cycles) + halt_slots
// where a stall cycle is an end-stage slot that holds a bubble (or re-holds the same
// instruction), attributed to that bubble's cause, and halt_slots are the end-stage slots of the
// last cycle whose instructions do not commit (a faulting instruction and those issued with it
// behind it: 1 when a width-1 run ends in a guest fault; in parallel execute a fault held back
// for older operations still in a unit is counted in the cycle it is in the end stage). See
// docs/model.md, "Accounting".
struct PipelineStats {
  uint64_t cycles = 0;
  uint64_t instructions = 0;  // committed
  uint64_t fetched = 0;       // including wrong-path instructions
  uint64_t flushed = 0;       // wrong-path instructions squashed
  uint64_t fill_cycles = 0;
  uint32_t issue_width = 1;  // end-stage slots per cycle
  uint64_t halt_slots = 0;
  // Issue-slot stall cycles (stall_cycles[Issue]) by the pairing rule that emptied the slot.
  std::array<uint64_t, kNumIssueReasons> issue_reasons{};
  std::array<uint64_t, kNumStallCauses> stall_cycles{};  // Fill is not counted here
  std::array<uint64_t, kNumStallCauses> stall_events{};  // stall decisions by cause (may
                                                         // exceed stall_cycles at the end)
  uint64_t forwards = 0;  // operand values supplied by a forwarding path
  uint64_t branches = 0;  // committed conditional branches
  uint64_t taken_branches = 0;
  uint64_t jumps = 0;           // committed jal/jalr
  uint64_t mispredictions = 0;  // committed branches/jumps that redirected fetch at resolution
  uint64_t clock_period_ps = 0;
  CacheStats icache, dcache;  // only when the config has the cache
  uint64_t total_stall_cycles() const {
    uint64_t s = 0;
    for (uint64_t v : stall_cycles) s += v;
    return s;
  }
  double time_ns() const {
    return static_cast<double>(cycles) * static_cast<double>(clock_period_ps) / 1000.0;
  }
};

}  // namespace pipesim
