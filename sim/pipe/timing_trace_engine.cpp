// The timing engine's side of a traced run (timing_trace.hpp): each instruction's stage entries,
// decode holds and forwards, worked out from the same state the recurrences use, in the terms of
// the cycle model's records (sim/pipe/events.hpp).
#include <algorithm>
#include <optional>
#include <stdexcept>

#include "sim/pipe/timing_engine.hpp"
#include "sim/pipe/timing_memory.hpp"
#include "sim/pipe/timing_model.hpp"

namespace pipesim {
namespace timing {

// An instruction fetched into stage 0 for cycle f, with the stages up to decode it has entered
// by cycle `until`: the stages before decode move together in every cycle in which decode does
// not hold an instruction (frontend(), stage by stage).
InsnRecord& Engine::trace_record(uint32_t pc, const Fetched& in, uint64_t f, uint64_t until) {
  // Every stage is entered (a committed instruction, written below and by trace_stages()).
  InsnRecord& r = trace_->start(until == kNever);
  r.pc = pc;
  r.word = in.insn.raw;
  r.op = in.insn.op;
  r.enter[0] = f;
  uint64_t c = f;  // the cycle it entered stage s
  uint64_t k = hold_first_;
  for (uint32_t s = 0; s < d_; ++s) {
    for (; k < hold_count_; ++k) {  // it leaves at the end of the first cycle not frozen
      const Interval& h = holds_[k & kHoldMask];
      if (h.b <= c) continue;
      if (h.a > c) break;
      c = h.b;
    }
    if (++c > until) break;
    r.enter[s + 1] = c;
  }
  return r;
}

// It left decode at the end of cycle x and moves one stage a cycle from there (nothing past
// decode holds on these machines), as far as cycle `until`.
void Engine::trace_stages(InsnRecord& r, const Fetched& in, uint64_t x, uint64_t until) const {
  for (uint32_t s = d_ + 1; s < n_ && x + (s - d_) <= until; ++s) r.enter[s] = x + (s - d_);
  if (r.enter[d_ + 1] != 0) r.unit = unit_of_[static_cast<size_t>(in.kind)];
}

// Its cycles held in decode, [a, x): the producer and register find_data_hazard() names, from
// the instructions that left decode before it (left_ up to `upto`).
void Engine::trace_decode(const Fetched& in, uint64_t seq, uint64_t a, uint64_t x, uint64_t upto) {
  for (uint64_t c = a; c < x; ++c) {
    bool found = false;
    for (uint8_t reg : in.src) {
      if (reg == 0) continue;
      for (uint64_t k = upto; k > 0 && !found; --k) {
        const Left& p = left_[(k - 1) & kLeftMask];
        const uint64_t where = d_ + (c - p.x);
        if (where >= n_) break;
        if (p.dst != reg) continue;
        if (available_[p.load][in.in_decode][where]) break;
        trace_->hold(c, Event{EventKind::Stall, data_hazard_cause(p.load), d_, 0, seq,
                              left_seq_[(k - 1) & kLeftMask], reg, 0});
        found = true;
      }
      if (found) break;
    }
    if (!found) throw std::logic_error("timing model trace: a decode hold with no producer");
  }
}

// The Forward events of operand() when it executes (in decode in cycle x, or in the first
// execute stage in x + 1), unless the flush in `cut` comes first; nothing for a fault.
void Engine::trace_forwards(const Fetched& in, uint64_t seq, uint64_t x, uint64_t upto,
                            uint64_t cut) {
  const uint64_t c = x + (in.in_decode ? 0 : 1);
  if (in.fault || c >= cut) return;
  const uint32_t stage = in.in_decode ? d_ : d_ + 1;
  for (uint8_t reg : in.src) {
    if (reg == 0) continue;
    for (uint64_t k = upto; k > 0; --k) {
      const Left& p = left_[(k - 1) & kLeftMask];
      const uint64_t where = d_ + (c - p.x);
      if (where >= n_) break;
      if (p.dst == reg && forwards_[in.in_decode][where]) {
        trace_->event(
            c, Event{EventKind::Forward, StallCause::Fill, stage, static_cast<uint32_t>(where - 1),
                     seq, left_seq_[(k - 1) & kLeftMask], reg, 0});
        break;
      }
    }
  }
}

// A committed instruction that entered stage 0 in f and decode in a, and left decode at the
// end of x (leave_decode() has placed it last in left_): retires from the last stage (or is in
// flight when the run halts). `commits`: it does not fault. `forwards`: the operands it takes
// from a forwarding path (count_forwards_committed(), the same scans): none, no scan here.
uint64_t Engine::trace_committed(uint32_t pc, const Fetched& in, uint64_t f, uint64_t a, uint64_t x,
                                 bool commits, uint32_t forwards) {
  InsnRecord& r = trace_record(pc, in, f, kNever);
  trace_stages(r, in, x, kNever);
  r.committed = commits;
  const uint64_t upto = left_count_ - 1;
  left_seq_[upto & kLeftMask] = r.seq;
  trace_->add(x + (n_ - 1 - d_), TraceBuilder::End::Retired);
  if (a < x) trace_decode(in, r.seq, a, x, upto);  // (most are not held: no call)
  if (forwards != 0) trace_forwards(in, r.seq, x, upto, kNever);
  return r.seq;
}

// A wrong-path instruction (the record `r` of trace_record()) that entered decode in a and left
// it at the end of x (kNever: it never reached decode), squashed at `cut` by `by` if `flushed`,
// else in flight at the halt; called before it is pushed, so left_ holds the older ones.
void Engine::trace_path(InsnRecord& r, const Fetched& in, uint64_t a, uint64_t x, uint64_t cut,
                        bool flushed, uint64_t by) {
  const uint64_t upto = left_count_;
  if (x != kNever) trace_stages(r, in, x, cut);
  if (flushed) r.flushed_by = by;
  trace_->add(cut, flushed ? TraceBuilder::End::Flushed : TraceBuilder::End::Halted);
  if (x != kNever) {
    trace_decode(in, r.seq, a, std::min(x, cut), upto);
    trace_forwards(in, r.seq, x, upto, cut);
  }
}

// A wrong path nothing of which reaches decode before the cutoff (wrong_path_counted()): one
// instruction fetched per cycle, moving one stage a cycle, all there until the cutoff.
void Engine::trace_counted(uint32_t pc, uint64_t f, uint64_t cutoff, uint64_t fetched, bool flushed,
                           uint64_t by, const Memory& mem) {
  for (uint64_t i = 0; i < fetched; ++i, ++f) {
    const uint32_t offset = pc - code_base_;
    const Fetched in =
        offset < code_size_ && (pc & 3) == 0 ? fetch(pc, mem) : analyse(pc, mem, true);
    InsnRecord& r = trace_record(pc, in, f, cutoff);
    if (flushed) r.flushed_by = by;
    trace_->add(cutoff, flushed ? TraceBuilder::End::Flushed : TraceBuilder::End::Halted);
    pc = predict(pc, f);
  }
}

// run_traced(): the run is stopped (after stop_after_ instructions, or by RunLimits::stop); it
// goes on until the cycles up to the stop are complete (every instruction in them known), with
// the result of the stop. True: the loop ends.
bool Engine::trace_stop(bool look, const RunLimits& limits, uint64_t committed, uint64_t f,
                        uint64_t end_cycle, const ArchState& state) {
  if (!stop_result_) {
    if (committed != stop_after_ &&
        !(look && limits.stop && limits.stop->load(std::memory_order_relaxed)))
      return false;
    stop_result_ = stopped(end_cycle, state.pc);
    stop_result_->regs = state.regs;
    stop_cycle_ = end_cycle;
    trace_->stop_at(stop_cycle_);
  }
  return f > stop_cycle_;
}

std::optional<MachineResult> Engine::run_traced(HostIo& io, const RunLimits& limits,
                                                TraceBuilder& trace, uint64_t stop_after) {
  trace_ = &trace;
  stop_after_ = stop_after;
  std::optional<MachineResult> r = run_impl<false, false, true>(io, limits);
  if (stop_result_) {
    trace.finish_stopped(stop_cycle_);
    return stop_result_;
  }
  if (r) trace.finish_halted(r->stats.cycles, halting_seq_);
  return r;
}

}  // namespace timing

bool timing_trace_supported(const PipelineConfig& c) {
  if (!timing_model_supports(c) || !c.hazard_detection || c.issue.width != 1 ||
      c.execute != ExecuteMode::Blocking || timing::memory_can_hold(c.memory) ||
      c.ecall_stage() != c.end_stage || c.program_end == ProgramEnd::Drain)
    return false;
  // Engine::run() takes the plain path (run_impl<false, false>): no multi-cycle unit.
  PipelineConfig units = c;
  fill_default_units(units);
  const uint32_t depth = c.last_of(StageRole::Execute) - c.first_of(StageRole::Execute) + 1;
  for (const FunctionalUnit& u : units.functional_units)
    if (u.latency != depth) return false;
  return true;
}

std::optional<MachineResult> run_timing_model_traced(const PipelineConfig& config,
                                                     const Program& program, HostIo& io,
                                                     std::span<TraceSink* const> sinks,
                                                     const RunLimits& limits, uint64_t stop_after) {
  if (!timing_trace_supported(config))
    throw std::logic_error("run_timing_model_traced: a machine it does not trace");
  timing::Engine engine(config, program);
  timing::TraceBuilder trace(PipelineRules(config), sinks);
  return engine.run_traced(io, limits, trace, stop_after);
}

}  // namespace pipesim
