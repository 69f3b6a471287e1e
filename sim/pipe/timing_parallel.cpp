// The timing model on machines with parallel functional units ("execute": "parallel",
// docs/model.md "Parallel execute"; docs/timing-model.md "Parallel execute"): the committed
// path. The engine and its inline steps are in sim/pipe/timing_parallel.hpp.
#include <algorithm>
#include <cstdint>
#include <optional>

#include "isa/csr.hpp"
#include "isa/isa.hpp"
#include "sim/iss/iss.hpp"
#include "sim/pipe/held_io.hpp"
#include "sim/pipe/timing_parallel.hpp"

namespace pipesim::timing {

using isa::Op;
using isa::Unit;

ParallelEngine::ParallelEngine(Engine& e)
    : e_(e),
      units_(with_units(e.cfg_)),
      mem_(e.rules_.first_memory),
      mem_to_end_(e.rules_.end_stage - e.rules_.first_memory),
      least_(least_latency(units_)) {
  // Instances of busy-until-done units, unit by unit.
  std::array<uint32_t, kMaxUnitLanes> first_of{};
  uint32_t instances = 0;
  for (size_t i = 0; i < units_.functional_units.size() && i < first_of.size(); ++i) {
    const FunctionalUnit& u = units_.functional_units[i];
    first_of[i] = instances;
    if (!u.pipelined) instances += u.count;
  }
  if (instances > done_.size()) e_.decline("too many functional units");
  for (size_t k = 0; k < unit_of_.size(); ++k) {
    const uint32_t fu = units_.unit_for(static_cast<Unit>(k));
    const FunctionalUnit& u = units_.functional_units[fu];
    unit_of_[k] = UnitOf{u.latency, u.pipelined, fu < first_of.size() ? first_of[fu] : 0,
                         u.pipelined ? 0 : u.count};
  }
}

void ParallelEngine::undo_to(size_t mark) {
  while (undo_count_ > mark) {
    const Undo& u = undo_[--undo_count_];
    switch (u.kind) {
      case Undo::Kind::Reg:
        reg_[u.index] = u.old;
        break;
      case Undo::Kind::Instance:
        done_[u.index] = u.old.mem;
        break;
      case Undo::Kind::Reserved:
        reserved_[u.index] = u.old.mem;
        break;
      case Undo::Kind::MaxMem:
        max_mem_ = u.old.mem;
        break;
    }
  }
}

std::optional<MachineResult> ParallelEngine::run(HostIo& io, const RunLimits& limits) {
  Engine& e = e_;
  HeldIo held;
  Iss iss(e.program_, held, e.cfg_.memory.misaligned);
  MachineResult result;
  uint64_t f = 1;         // the cycle the next instruction is in stage 0
  uint64_t last_end = 0;  // the latest end-stage cycle of an instruction so far
  uint64_t committed = 0;
  RegFile before_trap;
  for (;;) {
    if ((committed & (RunLimits::kStopCheckCycles - 1)) == 0 && limits.progress)
      limits.progress->store(last_end, std::memory_order_relaxed);
    if ((committed & (RunLimits::kStopCheckCycles - 1)) == 0 && limits.stop &&
        limits.stop->load(std::memory_order_relaxed)) {
      result = finish(last_end, false);
      result.halt = Halt::Limit;
      result.stopped = true;
      result.pc = iss.state().pc;
      break;
    }
    const uint32_t pc = iss.state().pc;
    const Fetched in = e.fetch(pc, iss.state().mem);  // a copy: wrong paths fetch too
    if (isa::is_csr(in.insn.op) || in.insn.op == Op::FenceI) e.decline("a CSR access or fence.i");
    if (in.insn.op == Op::Ecall) before_trap = iss.state().regs;
    if (in.kind == Unit::Store) {
      const uint32_t addr = iss.state().regs[in.src[0]] + static_cast<uint32_t>(in.insn.imm);
      if (e.in_code(addr, 4)) e.decline("a store into the code pages");
    }
    e.decoded_.execute(iss);
    if (in.insn.op == Op::Ecall && held.overflowed())
      e.decline("more guest output than is held back");
    const Halt halt = iss.halt();
    const RegFile& path_regs = in.insn.op == Op::Ecall ? before_trap : iss.state().regs;
    const uint32_t pred = e.predict(pc, f);
    uint64_t t0 = 0, a = 0;
    e.frontend(f, t0, a);
    const UnitOf& u = unit_of_[static_cast<size_t>(in.kind)];
    uint32_t instance = kNoInstance;
    const uint64_t x = decode<false>(in, u, a, kNever, instance);
    e.push_hold(a, x);
    const uint32_t forwarded = forwards(in, x);
    const uint64_t older_mem = max_mem_;
    const uint64_t entry = issue<false>(in, u, x, instance);
    const uint64_t end_cycle = entry + mem_to_end_;
    last_end = std::max(last_end, end_cycle);
    if (end_cycle > limits.max_cycles) e.decline("the cycle limit");
    if (!e.ok_) return std::nullopt;
    uint64_t next_f = t0 + 1;
    ++e.st_.fetched;
    if (halt == Halt::Fault) {
      // Older operations still in units complete first (precise exceptions, docs/model.md):
      // what is younger is flushed when the fault reaches the end stage, and the run ends when
      // the last of them does. (With the end stage before write-back the cycle model leaves
      // their registers unwritten then: not reproduced.)
      const bool drain = older_mem > entry;
      if (drain && e.rules_.end_stage < e.rules_.writeback)
        e.decline("a fault behind an operation still in a unit, end stage before write-back");
      const uint64_t cycles = drain ? older_mem + mem_to_end_ : end_cycle;
      if (cycles > limits.max_cycles) e.decline("the cycle limit");
      const Fault& fault = iss.fault();
      if (fault.kind == FaultKind::FetchMisaligned && is_control(in.kind) && !in.fault) {
        // A jump to a misaligned address faults where it resolves, flushing what is behind it.
        if (!e.wrong_path(pred, next_f, x + e.resolve_distance(in), true, iss.state().mem,
                          path_regs))
          return std::nullopt;
      } else if (!wrong_path(pred, next_f, end_cycle, drain, drain ? older_mem : 0, iss.state().mem,
                             path_regs)) {
        return std::nullopt;
      }
      if (!e.ok_) return std::nullopt;
      result = finish(cycles, true);
      result.halt = Halt::Fault;
      result.stats.halt_slots = 1;  // the faulting instruction's end-stage slot
      result.fault = fault;
      result.pc = fault.pc;
      break;
    }
    ++committed;
    ++e.st_.instructions;
    e.st_.forwards += forwarded;
    if (halt != Halt::None) {
      if (!wrong_path(pred, next_f, end_cycle, false, 0, iss.state().mem, path_regs))
        return std::nullopt;
      result = finish(end_cycle, false);
      result.halt = halt;
      result.exit_code = iss.exit_code();
      result.pc = pc;
      break;
    }
    const uint32_t actual = iss.state().pc;
    if (is_control(in.kind)) {
      if (in.kind == Unit::Branch) {
        ++e.st_.branches;
        if (actual != pc + 4) ++e.st_.taken_branches;
      } else {
        ++e.st_.jumps;
      }
      const uint64_t resolved = x + e.resolve_distance(in);
      e.queue_update(resolved, pc, in.kind == Unit::Jump, actual);
      const bool taken = in.kind == Unit::Jump || actual != pc + 4 || branch_condition(in, iss);
      if (actual != pred || (e.cfg_.branches.redirect_taken && taken)) {
        ++e.st_.mispredictions;
        // Resolved in decode or as it enters its unit: nothing behind it has reached decode
        // yet, so the scalar engine's wrong path applies as it is.
        if (!e.wrong_path(pred, next_f, resolved, true, iss.state().mem, path_regs))
          return std::nullopt;
        next_f = resolved + 1;
      }
    } else if (in.insn.op == Op::Ecall) {
      // A trap: everything fetched behind it is flushed when it commits.
      if (!wrong_path(pred, next_f, end_cycle, true, kNever, iss.state().mem, path_regs))
        return std::nullopt;
      next_f = end_cycle + 1;
    }
    f = next_f;
  }
  held.release(io);
  result.regs = iss.state().regs;
  return result;
}

// The end stage sees, per cycle, an instruction or a bubble: fill bubbles at the start (the end
// stage's own and those of the memory stage before anything can reach it, least + end - 1 in
// all), the bubbles counted by bubble(), and control bubbles for all the rest.
MachineResult ParallelEngine::finish(uint64_t cycles, bool faulted) {
  PipelineStats& st = e_.st_;
  MachineResult r;
  st.cycles = cycles;
  st.clock_period_ps = e_.cfg_.clock_period_ps();
  if (cycles > 0) {
    st.fill_cycles = e_.cfg_.end_stage - 1 + least_;
    uint64_t counted = 0;
    for (StallCause c :
         {StallCause::Raw, StallCause::LoadUse, StallCause::Structural, StallCause::Waw})
      counted += st.stall_cycles[static_cast<size_t>(c)];
    st.stall_cycles[static_cast<size_t>(StallCause::Control)] =
        cycles - st.fill_cycles - st.instructions - (faulted ? 1 : 0) - counted;
  }
  r.stats = st;
  return r;
}

std::optional<MachineResult> run_parallel(const PipelineConfig& c, const Program& program,
                                          HostIo& io, const RunLimits& limits) {
  Engine engine(c, program);
  ParallelEngine parallel(engine);
  return parallel.run(io, limits);
}

}  // namespace pipesim::timing
