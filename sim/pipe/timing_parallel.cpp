// The timing model on machines with parallel functional units ("execute": "parallel",
// docs/model.md "Parallel execute"; docs/timing-model.md "Parallel execute"). It reproduces
// PipelineModel's issue_check, issue_from_decode and advance_lanes (sim/pipe/pipeline_units.cpp)
// per instruction, on top of the scalar engine's fetch cache, front end, predictor and wrong paths
// (timing_engine.hpp): nothing past decode is ever held in this mode either, so an instruction's
// place in any later cycle follows from the cycle it issued and its unit's latency.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "isa/csr.hpp"
#include "isa/isa.hpp"
#include "isa/semantics.hpp"
#include "sim/iss/iss.hpp"
#include "sim/pipe/held_io.hpp"
#include "sim/pipe/timing_engine.hpp"
#include "sim/pipe/timing_model.hpp"

namespace pipesim::timing {

using isa::Op;
using isa::Unit;

namespace {

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

}  // namespace

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

class ParallelEngine {
 public:
  explicit ParallelEngine(Engine& e);
  std::optional<MachineResult> run(HostIo& io, const RunLimits& limits);

 private:
  // The functional unit that executes a class.
  struct UnitOf {
    uint32_t latency = 1;
    bool pipelined = true;
    uint32_t first = 0, count = 0;  // its instances in done_ (busy-until-done units)
  };
  // The youngest instruction that has issued and writes a register: the cycle it enters the
  // memory stage (0: none yet) and whether it is a load.
  struct Writer {
    uint64_t mem = 0;
    bool load = false;
  };
  // On a wrong path every change is logged, to be undone at its flush.
  struct Undo {
    enum class Kind : uint8_t { Reg, Instance, Reserved, MaxMem } kind;
    uint32_t index;
    Writer old;
  };
  static constexpr uint32_t kNoInstance = ~0u;
  static constexpr uint64_t kRing = 2048;  // > the largest unit latency + 2

  bool available(const Writer& w, bool in_decode, uint64_t c) const;
  bool can_issue(const Fetched& in, const UnitOf& u, uint64_t c, StallCause& cause,
                 uint32_t& instance) const;
  // kPath: on a wrong path (bubbles counted in a window, every change logged).
  template <bool kPath>
  void bubble(uint64_t c, StallCause cause);
  template <bool kPath>
  uint64_t decode(const Fetched& in, const UnitOf& u, uint64_t a, uint64_t cutoff,
                  uint32_t& instance);
  template <bool kPath>
  uint64_t issue(const Fetched& in, const UnitOf& u, uint64_t x, uint32_t instance);
  uint32_t forwards(const Fetched& in, uint64_t x) const;
  bool reserved(uint64_t cycle) const { return reserved_[cycle % kRing] == cycle; }
  void log(Undo::Kind kind, uint32_t index, Writer old) {
    if (undo_count_ == undo_.size()) {
      e_.decline("a long wrong path");
      return;
    }
    undo_[undo_count_++] = Undo{kind, index, old};
  }
  void undo_to(size_t mark);
  bool wrong_path(uint32_t pc, uint64_t f, uint64_t cutoff, bool trap, const Memory& mem,
                  const RegFile& regs);
  MachineResult finish(uint64_t cycles, bool faulted);

  Engine& e_;
  const PipelineConfig units_;  // the config with its functional units filled in
  uint32_t mem_ = 0;            // the memory stage (the units' exit)
  uint32_t mem_to_end_ = 0;     // stages from the memory stage to the end stage
  uint32_t least_ = 1;          // the least latency of a unit
  std::array<UnitOf, static_cast<size_t>(Unit::System) + 1> unit_of_{};
  std::array<uint64_t, kMaxUnitLanes> done_{};  // busy-until-done instances: its operation's
                                                // last cycle there
  std::array<uint64_t, kRing> reserved_{};      // memory-stage cycles reserved at issue
  uint64_t max_mem_ = 0;                        // the latest memory-stage cycle reserved
  std::array<Writer, 32> reg_{};
  // On a wrong path, bubbles of decode cycles whose memory-stage cycle is after this one, and
  // up to `count_to_`, reach the end stage with their cause (see bubble()).
  uint64_t count_after_ = 0, count_to_ = kNever;
  std::array<Undo, 256> undo_{};
  size_t undo_count_ = 0;
};

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

// find_data_hazard(): can a consumer in decode in cycle c have the value of writer w when it
// consumes it (in decode, or in its unit next cycle)? A unit's result is in its output latch at
// the end of its last cycle (the cycle before w.mem), which forwards as the execute stage's
// latch: the scalar table at stage d + 1 says exactly that. Before that cycle it is not there.
[[gnu::always_inline]] inline bool ParallelEngine::available(const Writer& w, bool in_decode,
                                                             uint64_t c) const {
  if (c + 1 < w.mem) return false;
  const uint64_t where = mem_ + c - w.mem;  // (d + 1 in the unit's last cycle)
  if (where >= e_.n_) return true;          // it has left the pipeline
  return e_.available_[w.load][in_decode][where];
}

// issue_check(), in its order: data hazards, a free instance of the unit, the memory stage in
// the cycle it would leave the unit, ecall and ebreak after everything older, WAW.
[[gnu::always_inline]] inline bool ParallelEngine::can_issue(const Fetched& in, const UnitOf& u,
                                                             uint64_t c, StallCause& cause,
                                                             uint32_t& instance) const {
  for (uint8_t reg : in.src) {
    if (reg == 0 || reg_[reg].mem == 0 || available(reg_[reg], in.in_decode, c)) continue;
    cause = data_hazard_cause(reg_[reg].load);
    return false;
  }
  instance = kNoInstance;
  if (!u.pipelined) {
    for (uint32_t i = u.first; i < u.first + u.count; ++i)
      if (done_[i] <= c) {  // its operation leaves at the end of its done cycle
        instance = i;
        break;
      }
    if (instance == kNoInstance) {
      cause = StallCause::Structural;
      return false;
    }
  }
  const uint64_t entry = c + 1 + u.latency;
  if (reserved(entry) ||
      ((in.insn.op == Op::Ecall || in.insn.op == Op::Ebreak) && max_mem_ >= entry)) {
    cause = StallCause::Structural;
    return false;
  }
  // Writes of one register complete in program order, so the youngest writer is the last.
  if (in.dst != 0 && reg_[in.dst].mem > entry) {
    cause = StallCause::Waw;
    return false;
  }
  return true;
}

// issue_from_decode() and advance_lanes(): in a decode cycle c that does not issue an
// instruction of the fastest unit, the memory stage in cycle g = c + 1 + least gets a bubble of
// that cycle's cause, unless an instruction reserved g (at issue, which is never later than c),
// or a flush frees it (a bubble of cause control). Only those of causes other than control and
// fill are counted here (control is what is left over, finish()); of the bubbles of wrong-path
// decode cycles only those after the flush that ends the path reach the end stage.
template <bool kPath>
[[gnu::always_inline]] inline void ParallelEngine::bubble(uint64_t c, StallCause cause) {
  const uint64_t g = c + 1 + least_;
  if (kPath && (g <= count_after_ || g > count_to_)) return;
  if (!reserved(g)) ++e_.st_.stall_cycles[static_cast<size_t>(cause)];
}

// Holds the instruction in decode from cycle a until it can issue; returns that cycle, or
// `cutoff` if it is still there when it is flushed. Each held cycle is a stall event.
template <bool kPath>
[[gnu::always_inline]] inline uint64_t ParallelEngine::decode(const Fetched& in, const UnitOf& u,
                                                              uint64_t a, uint64_t cutoff,
                                                              uint32_t& instance) {
  for (uint64_t c = a; c < cutoff; ++c) {
    StallCause cause = StallCause::Raw;
    if (can_issue(in, u, c, cause, instance)) {
      if (u.latency != least_) bubble<kPath>(c, StallCause::Structural);  // a slower one took it
      return c;
    }
    ++e_.st_.stall_events[static_cast<size_t>(cause)];
    bubble<kPath>(c, cause);
  }
  return cutoff;
}

// Issues into the unit in cycle x: reserves the memory stage for x + 1 + latency, returned.
template <bool kPath>
[[gnu::always_inline]] inline uint64_t ParallelEngine::issue(const Fetched& in, const UnitOf& u,
                                                             uint64_t x, uint32_t instance) {
  const uint64_t entry = x + 1 + u.latency;
  if (kPath)
    log(Undo::Kind::Reserved, static_cast<uint32_t>(entry % kRing),
        Writer{reserved_[entry % kRing], false});
  reserved_[entry % kRing] = entry;
  if (instance != kNoInstance) {
    if (kPath) log(Undo::Kind::Instance, instance, Writer{done_[instance], false});
    done_[instance] = x + u.latency;
  }
  if (entry > max_mem_) {
    if (kPath) log(Undo::Kind::MaxMem, 0, Writer{max_mem_, false});
    max_mem_ = entry;
  }
  if (in.dst != 0) {
    if (kPath) log(Undo::Kind::Reg, in.dst, reg_[in.dst]);
    reg_[in.dst] = Writer{entry, in.kind == Unit::Load};
  }
  return entry;
}

// operand(): an operand is forwarded from the youngest writer of its register, from the stage
// it is in when the instruction executes. A writer still in its unit then would have held it in
// decode; only one past its unit can forward. Every instruction executes as it enters its unit
// (x + 1, evaluate_lanes); a branch or jalr resolved in decode has executed there (x) too, and
// the cycle model counts the forwards of both.
[[gnu::always_inline]] inline uint32_t ParallelEngine::forwards(const Fetched& in,
                                                                uint64_t x) const {
  uint32_t count = 0;
  for (int in_decode = in.in_decode; in_decode >= 0; --in_decode) {
    const uint64_t c = x + (in_decode ? 0 : 1);
    for (uint8_t reg : in.src) {
      if (reg == 0 || reg_[reg].mem == 0 || c < reg_[reg].mem) continue;
      const uint64_t where = mem_ + c - reg_[reg].mem;
      if (where < e_.n_ && e_.forwards_[in_decode][where]) ++count;
    }
  }
  return count;
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

// What is fetched behind a trap (an ecall that returns, flushed when it commits in cycle
// `cutoff`), or behind the halting or faulting instruction (the run ends in `cutoff`). Unlike
// behind a branch, these instructions reach decode and issue into units before the flush: they
// hold decode (stall events), take units, memory-stage cycles and registers from the ones
// behind them, and a branch or jump among them resolves and may redirect fetch (Engine's
// wrong_path_target replays the path's values from `regs`). All of it is undone at the flush.
bool ParallelEngine::wrong_path(uint32_t pc, uint64_t f, uint64_t cutoff, bool trap,
                                const Memory& mem, const RegFile& regs) {
  Engine& e = e_;
  while (e.hold_first_ < e.hold_count_ && e.holds_[e.hold_first_ & Engine::kHoldMask].b <= f)
    ++e.hold_first_;
  if (f + e.d_ >= cutoff && e.hold_first_ == e.hold_count_) {
    // Nothing on the path reaches decode before the cutoff: one fetch per cycle up to it.
    const uint64_t fetched = f <= cutoff ? cutoff - f + 1 : 0;
    e.st_.fetched += fetched;
    if (trap) e.st_.flushed += fetched;
    return true;
  }
  // Behind a trap the bubbles reaching the memory stage after the flush count with their
  // cause; the others become control bubbles at the flush, or come after the end of the run.
  count_after_ = cutoff;
  count_to_ = trap ? kNever : 0;
  const size_t base = undo_count_;
  e.path_count_ = 0;
  size_t nested_path = 0, nested_mark = 0;
  uint64_t fetched = 0, nested_flushed = 0, group = 0;
  bool nested = false;  // a wrong-path branch or jump redirects fetch in cycle nested_cutoff
  uint64_t nested_cutoff = 0;
  uint32_t nested_target = 0;
  for (;;) {
    if (nested && f > nested_cutoff) {
      // Its flush: what issued behind it leaves the units.
      nested_flushed += group;
      undo_to(nested_mark);
      e.path_count_ = nested_path;
      f = nested_cutoff + 1;
      pc = nested_target;
      nested = false;
    }
    if (f > cutoff || !e.ok_) break;
    ++fetched;
    ++group;
    const Fetched& in = e.fetch(pc, mem);
    if (e.path_count_ == e.path_.size()) {
      e.decline("a long wrong path");
      break;
    }
    e.path_[e.path_count_++] = Engine::PathInsn{pc, in};
    const uint32_t pred = e.predict(pc, f);
    uint64_t t0 = 0, a = 0;
    e.frontend(f, t0, a);
    const uint64_t cut = nested ? nested_cutoff : cutoff;
    if (a < cut) {
      const UnitOf& u = unit_of_[static_cast<size_t>(in.kind)];
      uint32_t instance = kNoInstance;
      const uint64_t x = decode<true>(in, u, a, cut, instance);
      e.push_hold(a, x);
      if (x < cut) {
        issue<true>(in, u, x, instance);
        if (is_control(in.kind) && !in.fault && x + e.resolve_distance(in) < cut) {
          // Resolved before the flush: trains the predictor, and redirects if mispredicted.
          uint32_t target = 0;
          bool taken = false;
          if (!e.wrong_path_target(e.path_count_ - 1, mem, regs, target, taken) || nested ||
              (target & 3)) {
            e.decline("a wrong-path branch or jump resolves in a way not modelled");
          } else {
            const uint64_t r = x + e.resolve_distance(in);
            e.queue_update(r, pc, in.kind == Unit::Jump, target);
            if (target != pred || (e.cfg_.branches.redirect_taken && taken)) {
              nested = true;
              nested_cutoff = r;
              nested_target = target;
              nested_mark = undo_count_;
              nested_path = e.path_count_;
              group = 0;
            }
          }
        }
      }
    }
    pc = pred;
    f = t0 + 1;
  }
  e.st_.fetched += fetched;
  e.st_.flushed += trap ? fetched : nested_flushed;
  undo_to(base);
  return e.ok_;
}

// A conditional branch's comparison, after the ISS executed it (as in Engine::run).
static bool branch_condition(const Fetched& in, const Iss& iss) {
  const RegFile& regs = iss.state().regs;
  return isa::compute(in.insn, regs[in.src[0]], regs[in.src[1]], 0) != 0;
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
    iss.step_quietly();
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
      // An older operation still in a unit would complete first (the precise-exception drain).
      if (older_mem > entry) e.decline("a fault behind an operation still in a unit");
      const Fault& fault = iss.fault();
      if (fault.kind == FaultKind::FetchMisaligned && is_control(in.kind) && !in.fault) {
        // A jump to a misaligned address faults where it resolves, flushing what is behind it.
        if (!e.wrong_path(pred, next_f, x + e.resolve_distance(in), true, iss.state().mem,
                          path_regs))
          return std::nullopt;
      } else if (!wrong_path(pred, next_f, end_cycle, false, iss.state().mem, path_regs)) {
        return std::nullopt;
      }
      if (!e.ok_) return std::nullopt;
      result = finish(end_cycle, true);
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
      if (!wrong_path(pred, next_f, end_cycle, false, iss.state().mem, path_regs))
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
      if (!wrong_path(pred, next_f, end_cycle, true, iss.state().mem, path_regs))
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
