// What a run of any engine returns (MachineResult) and the limits it runs under (RunLimits).
// A header of its own so that the engines and sim/pipe/machine.hpp, which picks among them,
// include it without including each other.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>

#include "sim/machine/arch_state.hpp"
#include "sim/machine/fault.hpp"
#include "sim/machine/halt.hpp"
#include "sim/pipe/stats.hpp"

namespace pipesim {

// Where a machine without interlocks first computed something sequential execution would not.
struct Divergence {
  uint64_t seq = 0;    // dynamic instruction (fetch order)
  uint64_t cycle = 0;  // the cycle it committed
  uint32_t pc = 0;
  uint32_t word = 0;
  uint8_t reg = 0;  // the register written with a different value (0: see `what`)
  uint32_t expected = 0, actual = 0;
  std::string what;  // one sentence, e.g. "a0 = 0x00000005, sequential execution gives 0x00000007"
};

struct RunLimits {
  uint64_t max_cycles = 1'000'000'000;
  // Set (by a signal handler, a timer or another thread) to end the run early: the model looks at
  // it every kStopCheckCycles cycles and then ends with Halt::Limit and MachineResult::stopped.
  const std::atomic<bool>* stop = nullptr;
  // If set, the model stores the cycles run so far there at the same moments (for the progress
  // line on a terminal, cli/run_control.hpp): no extra work in the loop between them.
  std::atomic<uint64_t>* progress = nullptr;
  static constexpr uint64_t kStopCheckCycles = 4096;
  bool should_stop(uint64_t cycle) const {
    if (cycle % kStopCheckCycles != 0) return false;
    if (progress) progress->store(cycle, std::memory_order_relaxed);
    return stop && stop->load(std::memory_order_relaxed);
  }
  // The same for a model whose cycle count moves by several cycles at a time (a multi-cycle
  // machine, one instruction per step): it looks whenever the count has crossed a multiple of
  // kStopCheckCycles since `before`, so it is not only when it happens to land on one.
  bool should_stop(uint64_t before, uint64_t cycle) const {
    if (before / kStopCheckCycles == cycle / kStopCheckCycles && before != 0) return false;
    if (progress) progress->store(cycle, std::memory_order_relaxed);
    return stop && stop->load(std::memory_order_relaxed);
  }
};

// Which engine ran a machine (sim/pipe/machine.hpp, run_machine): the cycle-level model
// (pipeline.cpp), the per-instruction timing model (timing_model.cpp), or the engine of the
// single-cycle and multi-cycle machines (sequential.cpp), which also steps cycle by cycle.
enum class EngineKind : uint8_t { Cycle, Timing, Sequential };
const char* engine_name(EngineKind e);  // "cycle", "timing", "sequential"

struct MachineResult {
  Halt halt = Halt::None;
  int exit_code = 0;
  Fault fault;  // when halt == Fault
  PipelineStats stats;
  RegFile regs;     // architectural registers at the end
  uint32_t pc = 0;  // pc of the instruction that ended the run (or the next to run)
  std::optional<Divergence> divergence;   // only when hazard detection is off
  bool stopped = false;                   // ended by RunLimits::stop (halt is Limit)
  EngineKind engine = EngineKind::Cycle;  // set by run_machine and run_cycle_model
};

}  // namespace pipesim
