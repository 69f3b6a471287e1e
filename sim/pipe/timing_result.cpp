// How the timing model's scalar engine assembles a run's result (sim/pipe/timing_model.cpp runs
// it): the statistics at the end, and the result of each way a run ends (a fault, an exit or
// ebreak, a stop by the caller, the cycle limit).
#include <algorithm>
#include <utility>

#include "sim/iss/iss.hpp"
#include "sim/pipe/timing_engine.hpp"
#include "sim/pipe/timing_trace.hpp"

namespace pipesim::timing {

// The run ends with a fault, its instruction in the end stage in cycle end_cycle.
MachineResult Engine::faulted(uint64_t end_cycle, const Fault& fault) {
  MachineResult result = finish(end_cycle, true);
  result.halt = Halt::Fault;
  result.stats.halt_slots = 1;  // the faulting instruction's end-stage slot
  result.fault = fault;
  result.pc = fault.pc;
  return result;
}

// The run ends by an exit, an ebreak or the drain at the program end, its last instruction in
// the end stage in cycle end_cycle.
MachineResult Engine::ended(uint64_t end_cycle, Halt halt, int exit_code, uint32_t pc) {
  MachineResult result = finish(end_cycle, false);
  result.halt = halt;
  result.exit_code = exit_code;
  result.pc = pc;
  return result;
}

// The instruction at pc, fetched for cycle f, does not commit by the cycle limit (it is timed,
// and run by the functional model). The first such makes the run go on as far as the limit's
// cycles see it: fetches up to the cycle after (PipelineModel::advance), wrong paths cut there
// (run_impl's path()), holds in decode counted up to it (decode_committed()); nothing in the hot
// loop looks at the limit but the one comparison. True: the run ends at the limit now (it was
// fetched after it). `supported`: the path the run takes goes past the limit.
bool Engine::past_limit(bool supported, uint32_t pc, uint64_t f) {
  // (Write-back after the end stage: the registers at the limit would miss writes.)
  if (!supported || rules_.writeback != rules_.end_stage) decline("the cycle limit");
  if (!limit_.past) {
    limit_.past = true;
    limit_.pc = pc;
    limit_.counts = st_;  // (its commit counters: it and those after go on counting)
    if (trace_) trace_->stop_at(limit_.cycles);
  }
  return ok_ && f > limit_.cycles + 1;
}

// The result at the limit. The loop went on counting and running the instructions past it as it
// does any: the commit counters are taken back to those before the first, and the registers and
// output are the functional model's, run again for the instructions committed by the limit (once
// per run, where the limit cuts it: the hot loop keeps no copies).
MachineResult Engine::limit_result() {
  st_.instructions = limit_.counts.instructions;
  st_.forwards = limit_.counts.forwards;
  st_.branches = limit_.counts.branches;
  st_.taken_branches = limit_.counts.taken_branches;
  st_.jumps = limit_.counts.jumps;
  st_.mispredictions = limit_.counts.mispredictions;
  Iss again(program_, limit_.io, cfg_.memory.misaligned);
  again.run(limit_.counts.instructions);
  return at_limit(limit_.cycles, limit_.pc, again.state().regs);
}

// The run ends at the cycle limit, after `limit` cycles: the next instruction to commit is at pc,
// the registers are `regs`. What the loop counted past the limit was cut there (decode's holds
// in decode_committed(), the wrong paths in run_impl's path()).
MachineResult Engine::at_limit(uint64_t limit, uint32_t pc, const RegFile& regs) {
  MachineResult result = finish(limit, false);
  result.halt = Halt::Limit;
  result.pc = pc;
  result.regs = regs;
  return result;
}

// The run ends where it is because the caller asked it to stop (RunLimits::stop).
MachineResult Engine::stopped(uint64_t end_cycle, uint32_t pc) {
  MachineResult result = finish(end_cycle, false);
  result.halt = Halt::Limit;
  result.stopped = true;
  result.pc = pc;
  return result;
}

// Every cycle the end stage holds an instruction in its first cycle or a bubble: fill bubbles
// ahead of the first instruction, data-hazard bubbles of committed instructions, and control
// bubbles (flushes) for all the rest.
MachineResult Engine::finish(uint64_t cycles, bool faulted) {
  MachineResult r;
  st_.cycles = cycles;
  st_.clock_period_ps = cfg_.clock_period_ps();
  if (cycles > 0) {
    st_.fill_cycles = std::min<uint64_t>(cycles, cfg_.end_stage);  // (fewer: the cycle limit)
    // Every bubble that is not a committed instruction's own hold (a data hazard, a multi-cycle
    // unit, memory) is a flush's.
    st_.stall_cycles[static_cast<size_t>(StallCause::Control)] = 0;
    st_.stall_cycles[static_cast<size_t>(StallCause::Control)] =
        cycles - st_.fill_cycles - st_.instructions - (faulted ? 1 : 0) - st_.total_stall_cycles();
  }
  r.stats = st_;
  if (icache_) r.stats.icache = icache_->stats();
  if (dcache_) r.stats.dcache = dcache_->stats();
  return r;
}

// The result of the loop's run, whichever way it ended: at the limit if an instruction went past
// it (however the loop ended after that), else `result` with the registers `regs`; the guest
// output held back is released to `io` now that no decline can come.
MachineResult Engine::end_of_run(MachineResult result, HeldIo& held, HostIo& io,
                                 const RegFile& regs) {
  if (limit_.past) [[unlikely]] {
    result = limit_result();
    limit_.io.release(io);
  } else {
    held.release(io);
    result.regs = regs;
  }
  // A traced run publishes what the stop at the limit leaves (trace_stop()).
  if (trace_ && result.halt == Halt::Limit && !result.stopped && !stop_result_) {
    stop_result_ = result;
    stop_cycle_ = limit_.cycles;
  }
  return result;
}

}  // namespace pipesim::timing
