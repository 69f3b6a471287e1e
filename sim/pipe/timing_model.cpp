// Shares its rules with the cycle model (sim/pipe/pipeline.cpp) through
// sim/pipe/pipeline_rules.hpp; the contract is in docs/CONTRIBUTING.md (engine contract). The
// recurrences are derived in docs/timing-model.md; the comments here name the rule of
// sim/pipe/pipeline.cpp each step reproduces.
#include "sim/pipe/timing_model.hpp"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <stdexcept>

#include "isa/csr.hpp"
#include "isa/isa.hpp"
#include "isa/semantics.hpp"
#include "sim/iss/iss.hpp"
#include "sim/pipe/held_io.hpp"
#include "sim/pipe/timing_memory.hpp"
#include "sim/pipe/timing_no_interlocks.hpp"

namespace pipesim {

using isa::Op;
using isa::Unit;

namespace timing {

Engine::Engine(const PipelineConfig& c, const Program& program)
    : cfg_(c),
      rules_(c),
      n_(rules_.num_stages),
      d_(rules_.last_decode),
      to_end_(rules_.end_stage - d_),
      to_mem_(rules_.first_memory - d_),
      decode_cache_(program),
      predictor_(make_predictor(c.branches)),
      use_predictor_(c.branches.policy != BranchPolicy::NotTaken),
      program_(program) {
  const MemoryConfig& mc = c.memory;
  mem_ = memory_can_hold(mc) && c.issue.width == 1 && c.execute == ExecuteMode::Blocking;
  if (mem_) {
    simple_fetch_ = mc.instruction_latency == 1 && !mc.icache.enabled && !mc.unified_memory_port;
    data_side_ = mc.data_latency != 1 || mc.dcache.enabled || mc.unified_memory_port;
    m_ = rules_.first_memory;
    mem_to_end_ = rules_.end_stage - m_;
    if (mc.icache.enabled) icache_.emplace(mc.icache);
    if (mc.dcache.enabled) dcache_.emplace(mc.dcache);
  }
  const uint32_t fe = rules_.first_execute;  // = d_ + 1 (timing_model_supports)
  PipelineConfig units = c;
  fill_default_units(units);
  for (size_t k = 0; k < unit_of_.size(); ++k) unit_of_[k] = units.unit_for(static_cast<Unit>(k));
  for (size_t k = 0; k < extra_.size(); ++k)
    extra_[k] = units.functional_units[units.unit_for(static_cast<Unit>(k))].latency -
                (rules_.last_execute - fe + 1);
  early_ecall_ = c.ecall_stage() < c.end_stage;  // = fe (timing_model_supports)
  drain_ = c.program_end == ProgramEnd::Drain;
  const uint32_t result[2] = {rules_.result_stage(Unit::Alu), rules_.result_stage(Unit::Load)};
  // The rules as tables: may a consumer in decode leave while its producer is at `where`
  // (nothing past decode is held, so the producer moves on every cycle), and does a producer
  // at `where` forward into the operand stage?
  for (int load = 0; load < 2; ++load)
    for (int in_decode = 0; in_decode < 2; ++in_decode)
      for (uint32_t where = d_ + 1; where < n_; ++where) {
        const uint32_t to = in_decode ? d_ : fe;
        available_[load][in_decode][where] =
            rules_.value_available(where, where + (to - d_), result[load], to);
      }
  for (int in_decode = 0; in_decode < 2; ++in_decode)
    for (uint32_t where = d_ + 1; where < n_; ++where)
      forwards_[in_decode][where] = rules_.forwards_from_stage(where, in_decode ? d_ : fe);
  // The nearest producer of an operand consumed in execute is at least in stage d + 2.
  for (int in_decode = 0; in_decode < 2; ++in_decode)
    nearest_decides_[in_decode] = nearest_producer_decides(rules_, in_decode, d_ + 2 - in_decode);
  // Whole pages: memory is mapped by page, and fetches run past the end of the code.
  constexpr uint32_t kPage = Memory::kPageSize;
  for (const Segment& s : program.segments)
    if (s.executable) {
      const uint32_t base = s.addr & ~(kPage - 1);
      code_.push_back({base, ((s.addr + s.mem_size + kPage - 1) & ~(kPage - 1)) - base});
    }
  if (!code_.empty()) {
    code_base_ = code_[0].first;
    code_size_ = code_[0].second;
    fetch_cache_.resize(code_size_ / 4);
    decoded_.cover(code_base_, code_size_);
  }
}

Fetched Engine::analyse(uint32_t pc, const Memory& mem, bool quiet) {
  Fetched f;
  const FetchOutcome fetched = fetch_and_decode(decode_cache_, mem, pc);
  f.fault = static_cast<bool>(fetched.fault);
  f.word = fetched.insn != nullptr;
  if (const isa::Insn* in = fetched.insn) {
    // Memory outside the code may change under a fetch that the functional model made later.
    if (!quiet && !in_code(pc, 4)) decline("a fetch outside the code pages");
    f.insn = *in;
    f.kind = in->unit();
    f.dst = dest_reg(*in);
  }
  f.src[0] = source_reg1(f.insn);
  f.src[1] = source_reg2(f.insn);
  f.in_decode = rules_.operand_stage(f.kind, f.insn.op) == d_;
  return f;
}

// operand(): per source register, the nearest older producer in the pipeline whose latch has a
// forwarding path into the operand stage, when the instruction executes.
uint32_t Engine::count_forwards(const Fetched& f, uint64_t x) const {
  const uint64_t c = x + (f.in_decode ? 0 : 1);
  uint32_t count = 0;
  for (uint8_t reg : f.src) {
    if (reg == 0) continue;
    for (uint64_t k = left_count_; k > 0; --k) {
      const Left& p = left_[(k - 1) & kLeftMask];
      const uint64_t where = d_ + (c - p.x);
      if (where >= n_) break;
      if (p.dst == reg && forwards_[f.in_decode][where]) {
        ++count;
        break;
      }
    }
  }
  return count;
}

uint64_t Engine::decode_committed(const Fetched& f, uint64_t a) {
  for (uint64_t c = a;; ++c) {
    StallCause cause = StallCause::Raw;
    bool held = false;
    for (uint8_t reg : f.src) {
      if (reg == 0 || reg_x_[reg] == 0) continue;
      const uint64_t where = d_ + (c - reg_x_[reg]);
      if (where < n_ && !available_[reg_load_[reg]][f.in_decode][where]) {
        cause = data_hazard_cause(reg_load_[reg]);
        held = true;
        break;
      }
    }
    if (!held) return c;
    // The cycle limit: a hold in a cycle after it is not seen, nor the bubble of one still on
    // its way to the end stage (never near without a limit).
    if (c + to_end_ > limit_.cycles) [[unlikely]] {
      if (c <= limit_.cycles) ++st_.stall_events[static_cast<size_t>(cause)];
      continue;
    }
    ++st_.stall_events[static_cast<size_t>(cause)];
    ++st_.stall_cycles[static_cast<size_t>(cause)];
  }
}

uint32_t Engine::count_forwards_committed(const Fetched& f, uint64_t x) const {
  if (!nearest_decides_[f.in_decode]) return count_forwards(f, x);
  const uint64_t c = x + (f.in_decode ? 0 : 1);
  uint32_t count = 0;
  for (uint8_t reg : f.src) {
    if (reg == 0 || reg_x_[reg] == 0) continue;
    const uint64_t where = d_ + (c - reg_x_[reg]);
    if (where < n_ && forwards_[f.in_decode][where]) ++count;
  }
  return count;
}

// Predictor updates done in cycles before `f` (the fetch for cycle f happens at the end of
// cycle f - 1), in cycle order, older instruction first within a cycle.
void Engine::apply_updates(uint64_t f) {
  while (updates_count_ > 0) {
    size_t best = updates_count_;
    for (size_t i = 0; i < updates_count_; ++i)
      if (updates_[i].cycle < f &&
          (best == updates_count_ || updates_[i].cycle < updates_[best].cycle))
        best = i;
    if (best == updates_count_) return;
    const Update u = updates_[best];
    for (size_t i = best + 1; i < updates_count_; ++i) updates_[i - 1] = updates_[i];
    --updates_count_;
    predictor_.update(u.pc, u.jump, u.taken, u.target);
  }
}

// A conditional branch's comparison, after the ISS executed it (a branch writes no register, so
// its operands are still there): true when it is taken, also to the next address.
bool branch_condition(const Fetched& in, const Iss& iss) {
  const RegFile& regs = iss.state().regs;
  return isa::compute(in.insn, regs[in.src[0]], regs[in.src[1]], 0) != 0;
}

// What the recurrences do not model, seen before a committed instruction runs.
inline void Engine::screen(const Fetched& in, const RegFile& regs) {
  // A counter read's value is its cycle, and fence.i refetches: the cycle model has both.
  if (isa::is_csr(in.insn.op) || in.insn.op == Op::FenceI) decline("a CSR access or fence.i");
  if (in.kind == Unit::Store) {
    // A store into the code (self-modifying code) would change what fetch sees, depending on
    // when: the cycle model handles that.
    if (in_code(access_address(in, regs), 4)) decline("a store into the code pages");
  }
}

// A committed instruction that entered decode in cycle a: when it leaves decode (x) and the
// first execute stage (the end of xe + 1), with its stalls, holds and forwards.
template <bool kFeatures>
inline Timed Engine::leave_decode(const Fetched& in, uint64_t a, bool early_ecall) {
  Timed t;
  // (Without a hold in the execute stage a >= the last one's x + 1 already.)
  t.x = decode_committed(in, kFeatures ? std::max(a, committed_xe_ + 1) : a);
  push_hold(a, t.x);
  // Held in the first execute stage until xe: by a multi-cycle unit (structural), or Ripes'
  // ecall until no register writer is left past it (raw): each held cycle is a bubble ahead.
  t.xe = t.x + (kFeatures ? extra_cycles(in) : 0);
  if (early_ecall && writers_gone_ > t.x + 1) t.xe = writers_gone_ - 1;
  if (t.xe > t.x) {
    const auto cause = static_cast<size_t>(early_ecall ? StallCause::Raw : StallCause::Structural);
    st_.stall_events[cause] += t.xe - t.x;
    st_.stall_cycles[cause] += t.xe - t.x;
    push_hold(t.x + 1, t.xe + 1);
  }
  t.forwards = count_forwards_committed(in, t.x);
  push_left(t.xe, in);
  committed_xe_ = t.xe;
  if (in.dst != 0) {
    reg_x_[in.dst] = t.xe;
    reg_load_[in.dst] = in.kind == Unit::Load;
  }
  if (kFeatures && early_ecall_ && isa::writes_rd(in.insn.fmt())) writers_gone_ = t.xe + (n_ - d_);
  return t;
}

std::optional<MachineResult> Engine::run(HostIo& io, const RunLimits& limits) {
  // The machines without a multi-cycle unit or Ripes' rules get the loop without their code.
  // Memory that holds a stage gets its own (timing_memory.hpp); of the features it has only
  // program_end: drain.
  if (mem_) return drain_ ? run_impl<true, true>(io, limits) : run_impl<false, true>(io, limits);
  bool features = early_ecall_ || drain_;
  for (uint32_t e : extra_) features = features || e != 0;
  return features ? run_impl<true, false>(io, limits) : run_impl<false, false>(io, limits);
}

// A committed instruction's way through a pipeline whose memory holds a stage
// (timing_memory.hpp), fetched for cycle f: f becomes the cycle it entered stage 0, after failed
// tries for the shared port. `addr` is a load's or store's address, `faults` whether it faults.
// (Inlined into its one caller, the hot loop.)
[[gnu::always_inline]] inline Engine::Committed Engine::time_memory(uint32_t pc, const Fetched& in,
                                                                    uint64_t& f, uint32_t addr,
                                                                    bool faults) {
  Committed t;
  uint64_t busy = 0, a = 0;
  memory_stage0(pc, in, f, kNever, true, busy);
  t.pred = predict(pc, f);
  memory_frontend(busy, t.t0, a);
  t.x = t.xe = decode_memory(in, a, kNever, true);
  push_hold(a, t.x);
  t.forwards = forwards_at<true>(in, t.x, true);
  t.times = memory_stage(in, t.x, data_access_cycles(in, addr, faults), true);
  push_left(t.x, in);
  left_mem_[(left_count_ - 1) & kLeftMask] = t.times;
  if (in.dst != 0) reg_k_[in.dst] = left_count_;
  return t;
}

// The same on a pipeline whose memory never holds a stage, fetched for cycle f, into t: it
// enters decode in cycle a. (Inlined into its one caller, the hot loop.)
template <bool kFeatures>
[[gnu::always_inline]] inline void Engine::time_plain(uint32_t pc, const Fetched& in, uint64_t f,
                                                      uint64_t& a, bool early_ecall, Committed& t) {
  t.pred = predict(pc, f);
  frontend(f, t.t0, a);
  const Timed timed = leave_decode<kFeatures>(in, a, early_ecall);
  t.x = timed.x;
  t.xe = timed.xe;
  t.forwards = timed.forwards;
}

// The branch and jump counts of a committed one that went from pc to `actual`.
[[gnu::always_inline]] inline void Engine::count_control(const Fetched& in, uint32_t pc,
                                                         uint32_t actual) {
  if (in.kind == Unit::Branch) {
    ++st_.branches;
    if (actual != pc + 4) ++st_.taken_branches;
  } else {
    ++st_.jumps;
  }
}

template <bool kFeatures, bool kMem, bool kTrace>
std::optional<MachineResult> Engine::run_impl(HostIo& io, const RunLimits& limits) {
  static_assert(!kTrace || (!kFeatures && !kMem), "traces on the plain path only");
  HeldIo held;
  Iss iss(program_, held, cfg_.memory.misaligned);
  MachineResult result;
  uint64_t f = 1;  // the cycle the next instruction is in stage 0
  uint64_t end_cycle = 0, committed = 0;
  RegFile before_trap;
  limit_.cycles = std::min(limits.max_cycles, kNever - 1);  // ("The cycle limit": past_limit())
  for (;;) {
    const bool look = (committed & (RunLimits::kStopCheckCycles - 1)) == 0;
    if (look && limits.progress) limits.progress->store(end_cycle, std::memory_order_relaxed);
    if constexpr (kTrace) {  // (the call only when it can stop: most instructions are neither)
      if ((look || stop_result_ || committed == stop_after_) &&
          trace_stop(look, limits, committed, f, end_cycle, iss.state()))
        break;
    } else if (look && limits.stop && limits.stop->load(std::memory_order_relaxed)) {
      result = stopped(end_cycle, iss.state().pc);
      break;
    }
    const uint32_t pc = iss.state().pc;
    const Fetched in = fetch(pc, iss.state().mem);  // a copy: wrong_path() fetches too
    screen(in, iss.state().regs);
    // On a memory machine a load's or store's address (the data cache sees it).
    const uint32_t addr = kMem ? access_address(in, iss.state().regs) : 0;
    // A trap's register write is not seen by the path fetched behind it (flushed at commit).
    if (in.insn.op == Op::Ecall) before_trap = iss.state().regs;
    decoded_.execute(iss);
    // Only an ecall writes: no need to look after any other instruction (the hot loop).
    if (in.insn.op == Op::Ecall && held.overflowed())
      decline("more guest output than is held back");
    const Halt iss_halt = iss.halt();
    // program_end: drain: running off the code ends the run as an exit with code 0 would.
    const bool drained = kFeatures && drains_after(iss_halt, iss.state());
    const Halt halt = drained ? Halt::Exit : iss_halt;
    const bool early_ecall = kFeatures && early_ecall_ && in.insn.op == Op::Ecall && !in.fault;
    Committed t;  // kMem: time_memory(); else the loop as it is without memory holds
    [[maybe_unused]] uint64_t a = 0;  // (the cycle it enters decode)
    if constexpr (kMem)
      t = time_memory(pc, in, f, addr, iss_halt == Halt::Fault);
    else
      time_plain<kFeatures>(pc, in, f, a, early_ecall, t);
    end_cycle = kMem ? t.times.out + mem_to_end_ : t.xe + to_end_;
    if (end_cycle > limit_.cycles && past_limit(!kFeatures && !kMem, pc, f)) [[unlikely]]
      break;  // (the result after the loop)
    if (!ok_) return std::nullopt;
    // The registers the path fetched behind it sees (Ripes' ecall writes a0 when it performs
    // its call, before the path behind it decodes; pipesim's when it commits, after the flush).
    const auto path_regs = [&]() -> const RegFile& {
      return in.insn.op == Op::Ecall && !early_ecall ? before_trap : iss.state().regs;
    };
    uint64_t next_f = t.t0 + 1;
    ++st_.fetched;
    [[maybe_unused]] const uint64_t seq =
        kTrace ? trace_committed(pc, in, f, a, t.x, halt != Halt::Fault, t.forwards) : kNoSeq;
    [[maybe_unused]] bool commit_traced = false;  // (after its redirect, before the path behind)
    const auto path = [&](uint32_t from, uint64_t at, uint64_t cut, bool flushed) {
      return wrong_path<kMem, kTrace>(from, at, cut, flushed, iss.state().mem, path_regs(), seq);
    };
    if (kTrace && halt != Halt::None) halting_seq_ = seq;
    if (halt == Halt::Fault) {
      const Fault& fault = iss.fault();
      // Where the path behind it is flushed and fetch stops: a jump to a misaligned address
      // faults where it resolves, Ripes' ecall where it performs its call; anything else
      // faults when it reaches the end stage, where the run ends.
      const bool at_resolve =
          fault.kind == FaultKind::FetchMisaligned && is_control(in.kind) && !in.fault;
      const bool stops = at_resolve || early_ecall;
      const uint64_t cut = at_resolve ? resolve_at<kMem>(in, t) : stops ? t.xe + 1 : end_cycle;
      if (kTrace && at_resolve) trace_->flush(cut, rules_.resolve_stage(in.insn.op), seq);
      if (!path(t.pred, next_f, cut, stops)) return std::nullopt;
      if (!limit_.past) result = faulted(end_cycle, fault);
      break;
    }
    ++committed;
    ++st_.instructions;
    st_.forwards += t.forwards;
    const uint32_t actual = iss.state().pc;
    uint32_t fetch_pc = t.pred;  // where fetch goes on from next_f
    bool fetching = true;
    if (is_control(in.kind)) {
      count_control(in, pc, actual);
      const uint64_t resolved = resolve_at<kMem>(in, t);
      queue_update(resolved, pc, in.kind == Unit::Jump, actual);
      // (`redirect_taken`: a taken one redirects even to the address fetch went on to.)
      const bool taken = in.kind == Unit::Jump || actual != pc + 4 || branch_condition(in, iss);
      if (actual != t.pred || (cfg_.branches.redirect_taken && taken)) {
        ++st_.mispredictions;
        if constexpr (kTrace)
          commit_traced =
              trace_redirect(resolved, rules_.resolve_stage(in.insn.op), seq, actual, end_cycle);
        if (!path(t.pred, next_f, resolved, true)) return std::nullopt;
        next_f = refetch<kMem>(resolved, t);
        fetch_pc = actual;
      }
    } else if (in.insn.op == Op::Ecall && iss_halt == Halt::None &&
               (!early_ecall || cfg_.ecall.flush)) {
      // A trap: everything fetched behind it is flushed when it commits (Ripes: when it
      // performs its call, if the config says so).
      const uint64_t trap = early_ecall ? t.xe + 1 : end_cycle;
      if constexpr (kTrace)
        commit_traced = trace_redirect(trap, rules_.end_stage, seq, pc + 4, end_cycle);
      if (!path(t.pred, next_f, trap, true)) return std::nullopt;
      next_f = refetch<kMem>(trap, t);
      fetch_pc = pc + 4;
    } else if (early_ecall && iss_halt == Halt::Exit) {
      // Ripes' exit squashes what is behind it when it performs the call, and fetch stops.
      if (!path(t.pred, next_f, t.xe + 1, true)) return std::nullopt;
      fetching = false;
    }
    if (kTrace && !commit_traced) trace_commit(end_cycle, seq);
    if (halt != Halt::None) {
      if (fetching && !path(fetch_pc, next_f, end_cycle, false)) return std::nullopt;
      if (!limit_.past) result = ended(end_cycle, halt, drained ? 0 : iss.exit_code(), pc);
      break;
    }
    f = next_f;
  }
  return end_of_run(std::move(result), held, io, iss.state().regs);
}

template std::optional<MachineResult> Engine::run_impl<false, false, true>(HostIo&,
                                                                           const RunLimits&);

}  // namespace timing

std::optional<MachineResult> run_timing_model(const PipelineConfig& config, const Program& program,
                                              HostIo& io, const RunLimits& limits) {
  if (!config.hazard_detection) {
    timing::Engine engine(config, program);  // its fetch cache, rules and accounting
    return timing::NoInterlocksEngine(engine, program).run(io, limits);
  }
  if (config.issue.width > 1) return timing::run_wide(config, program, io, limits);
  if (config.execute == ExecuteMode::Parallel)
    return timing::run_parallel(config, program, io, limits);
  timing::Engine engine(config, program);
  return engine.run(io, limits);
}

}  // namespace pipesim
