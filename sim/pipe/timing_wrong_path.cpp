// The timing model's wrong paths: what is fetched behind a mispredicted branch or jump, or a
// trap, until the flush (docs/timing-model.md, rule 7, "Wrong paths").
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "isa/semantics.hpp"
#include "sim/machine/mem_access.hpp"
#include "sim/pipe/timing_memory.hpp"

namespace pipesim::timing {

using isa::Unit;

// What the wrong path's instruction `index` computes (a branch's condition, a load's or
// store's address) and its first operand: the pipeline executes the path in order with the
// values it forwards, which are those of sequential execution from `regs` (the state before the
// path: a trap's own register write happens only when it commits, after the path is flushed).
// False when an instruction up to it cannot be replayed (a fetch fault, a load that faults).
bool Engine::replay_path(size_t index, const Memory& mem, const RegFile& start, uint32_t& value,
                         uint32_t& a) {
  RegFile regs = start;
  for (size_t i = 0;; ++i) {
    const PathInsn& p = path_[i];
    if (p.in.fault) return false;
    const isa::Insn& in = p.in.insn;
    a = regs[p.in.src[0]];
    const uint32_t b =
        isa::operand_b_is_rs2(in.fmt()) ? regs[p.in.src[1]] : static_cast<uint32_t>(in.imm);
    value = isa::compute(in, a, b, p.pc);
    if (i == index) return true;
    if (p.in.kind == Unit::Load) {
      const LoadResult r = guest_load(mem, isa::info(in.op).mem, value, cfg_.memory.misaligned);
      if (r.fault != FaultKind::None) return false;
      value = r.value;
    }
    regs.write(p.in.dst, value);
  }
}

// Where a wrong-path branch or jump goes.
bool Engine::wrong_path_target(size_t index, const Memory& mem, const RegFile& start,
                               uint32_t& target, bool& taken) {
  uint32_t value = 0, a = 0;
  if (!replay_path(index, mem, start, value, a)) return false;
  const PathInsn& p = path_[index];
  target = p.pc + 4;
  taken = p.in.kind == Unit::Jump || value;
  if (taken) target = isa::jump_target(p.in.insn, a, p.pc);
  return true;
}

// A wrong-path load that reaches the memory stage in `in`, before the flush in `cut`
// (start_memory_access): its access takes the data cache's cycles, or one if it faults; it holds
// the memory stage (freezing what is behind it: stall events) and the port until the flush.
// Returns when it leaves the memory stage (were it not flushed), or nullopt when the path cannot
// be replayed up to it.
std::optional<uint64_t> Engine::wrong_path_load(size_t index, uint64_t in, uint64_t cut,
                                                const Memory& mem, const RegFile& regs) {
  uint32_t addr = 0, a = 0;
  if (!replay_path(index, mem, regs, addr, a)) return std::nullopt;
  const Fetched& f = path_[index].in;
  const bool faults =
      guest_load(mem, isa::info(f.insn.op).mem, addr, cfg_.memory.misaligned).fault !=
      FaultKind::None;
  const uint64_t out = in + data_access_cycles(f, addr, faults) - 1;
  const uint64_t held_until = std::min(out, cut);
  push_interval(freezes_, freeze_first_, freeze_count_, in, held_until);
  st_.stall_events[static_cast<size_t>(StallCause::Memory)] += held_until - in;
  push_interval(port_, port_first_, port_count_, in, held_until + 1);
  return out;
}

// A wrong-path instruction that left decode at the end of x, on a machine whose memory holds a
// stage: when it enters and leaves the memory stage (as far as the flush in `cut` lets it).
Engine::MemTimes Engine::wrong_path_memory(const Fetched& in, uint64_t x, uint64_t cut,
                                           const Memory& mem, const RegFile& regs) {
  push_left(x, in);
  // (A store's access never happens: one that would reach the memory stage is declined.)
  MemTimes times;
  times.in = next_free_memory(x + 1) + 1;
  times.out = times.in;
  if (in.kind == Unit::Store && times.in < cut) decline("a wrong-path store reaches memory");
  if (in.kind == Unit::Load && times.in < cut) {
    const std::optional<uint64_t> out = wrong_path_load(path_count_ - 1, times.in, cut, mem, regs);
    if (!out) decline("a wrong-path load whose address is not known");
    times.out = out.value_or(times.in);
  } else if ((in.kind == Unit::Load || in.kind == Unit::Store) && times.in == cut) {
    // Flushed in the cycle it enters the memory stage (by an ecall or a branch resolved further
    // on), it still had the port for the fetch into that cycle.
    push_interval(port_, port_first_, port_count_, times.in, times.in + 1);
  }
  left_mem_[(left_count_ - 1) & kLeftMask] = times;
  return times;
}

// The usual case of a wrong path: nothing on it reaches decode before the cutoff, so what it
// holds does not matter; one instruction is fetched per cycle up to the cutoff. Returns false
// when the path is not such a one.
template <bool kMem, bool kTrace>
bool Engine::wrong_path_counted(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed_at_cutoff,
                                const Memory& mem, [[maybe_unused]] uint64_t by) {
  while (hold_first_ < hold_count_ && holds_[hold_first_ & kHoldMask].b <= f) ++hold_first_;
  if (f + d_ < cutoff || hold_first_ != hold_count_) return false;
  uint64_t fetched = f <= cutoff ? cutoff - f + 1 : 0;
  if constexpr (kMem) {
    // No memory-stage hold ahead either: stage 0 moves whenever its own work is done.
    prune_memory(f);
    if (freeze_first_ != freeze_count_) return false;
    if (!simple_fetch_) {
      // But each fetch goes through the port and the instruction cache, in order: only stage 0
      // is stepped.
      fetched = 0;
      uint64_t busy = 0;
      while (ok_ && f <= cutoff) {
        const Fetched& in = fetch(pc, mem);
        if (!memory_stage0(pc, in, f, cutoff, false, busy)) break;
        ++fetched;
        pc = predict(pc, f);
        f = busy + 1;
      }
    }
  }
  if constexpr (kTrace) trace_counted(pc, f, cutoff, fetched, flushed_at_cutoff, by, mem);
  st_.fetched += fetched;
  if (flushed_at_cutoff) st_.flushed += fetched;
  return true;
}

// Fetches down a path that never commits, from `pc` into stage 0 for cycle f, up to the fetch
// for cycle `cutoff` (the cycle the path is flushed, or the run ends). These instructions count
// as fetched (and flushed unless the run ends), their decode stalls before the cutoff count as
// stall events, and a jal among them resolved before the cutoff redirects and trains the
// predictor. Returns false on what the recurrences do not model.
// kMem (timing_memory.hpp): each fetch goes through stage 0's port and instruction cache, a
// wrong-path load that reaches the memory stage before the flush holds it (and the port), and a
// store that would is declined. (No multi-cycle unit or Ripes' ecall on such machines.)
template <bool kMem, bool kTrace>
bool Engine::wrong_path(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed_at_cutoff,
                        const Memory& mem, const RegFile& regs, uint64_t by) {
  static_assert(!kTrace || !kMem, "traces on the plain path only");
  // A path cut after the cycle limit is there, not flushed, at the limit, with what was fetched
  // for the cycle after it (run_impl: only on the plain path, the others decline at the limit).
  if (cutoff > limit_.cycles) [[unlikely]] {
    cutoff = limit_.cycles + 1;
    flushed_at_cutoff = false;
  }
  if (wrong_path_counted<kMem, kTrace>(pc, f, cutoff, flushed_at_cutoff, mem, by)) return ok_;
  return wrong_path_timed<kMem, kTrace>(pc, f, cutoff, flushed_at_cutoff, mem, regs, by);
}

template <bool kMem, bool kTrace>
bool Engine::wrong_path_timed(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed_at_cutoff,
                              const Memory& mem, const RegFile& regs,
                              [[maybe_unused]] uint64_t by) {
  const uint64_t base = left_count_;
  path_count_ = 0;
  size_t nested_path = 0;
  uint64_t fetched = 0, nested_flushed = 0, group = 0;
  bool nested = false;  // a wrong-path branch or jump redirects fetch in cycle nested_cutoff
  uint64_t nested_cutoff = 0, nested_base = 0, nested_restart = 0;
  uint32_t nested_target = 0;
  [[maybe_unused]] uint64_t nested_by = kNoSeq;  // tracing: the instruction that redirects
  for (;;) {
    if (nested && f > nested_cutoff) {
      nested_flushed += group;
      left_count_ = nested_base;
      path_count_ = nested_path;
      f = nested_restart;
      pc = nested_target;
      nested = false;
    }
    if (f > cutoff || !ok_) break;
    const uint64_t cut = nested ? nested_cutoff : cutoff;
    const Fetched& in = fetch(pc, mem);
    [[maybe_unused]] uint64_t busy = f;
    if constexpr (kMem) {
      // Tries refused for the port until the cutoff fetch nothing.
      if (!memory_stage0(pc, in, f, cut, false, busy)) {
        f = cut + 1;
        continue;
      }
    }
    ++fetched;
    ++group;
    if (path_count_ == path_.size()) {
      decline("a long wrong path");
      break;
    }
    path_[path_count_++] = PathInsn{pc, in};
    const uint32_t pred = predict(pc, f);
    uint64_t t0 = 0, a = 0;
    if constexpr (kMem)
      memory_frontend(busy, t0, a);
    else
      frontend(f, t0, a);
    // Tracing: its record, squashed at `cut` (by the nested redirect, or as the whole path).
    [[maybe_unused]] InsnRecord* rec = kTrace ? &trace_record(pc, in, f, cut) : nullptr;
    const auto trace_add = [&](uint64_t x) {  // (before push_left: left_ holds the older ones)
      if constexpr (kTrace)
        trace_path(*rec, in, a, x, cut, nested || flushed_at_cutoff, nested ? nested_by : by);
    };
    if (a >= cut) trace_add(kNever);
    if (a < cut) {
      uint64_t x = 0;
      if constexpr (kMem)
        x = decode_memory(in, a, cut, false);
      else
        x = decode(in, std::max(a, exec_free()), cut, false);
      push_hold(a, x);
      if (x >= cut) trace_add(cut);
      if (x < cut) {
        trace_add(x);
        uint64_t resolved = 0, restart = 0;  // where it would resolve; fetch after a redirect
        if constexpr (kMem) {
          const MemTimes times = wrong_path_memory(in, x, cut, mem, regs);
          resolved = resolve_cycle(in, x, times);
          restart = next_free_memory(resolved) + 1;
        } else {
          // Held in the first execute stage by a multi-cycle unit until xe, or the flush.
          const uint64_t xe = x + extra_cycles(in);
          const uint64_t held_until = std::min(xe + 1, cut);
          if (held_until > x + 1) {
            st_.stall_events[static_cast<size_t>(StallCause::Structural)] += held_until - x - 1;
            push_hold(x + 1, held_until);
          }
          push_left(xe, in);
          if constexpr (kTrace) left_seq_[(left_count_ - 1) & kLeftMask] = rec->seq;
          if (in.kind == Unit::Store && xe + to_mem_ < cut)
            decline("a wrong-path store reaches memory");
          // Ripes' ecall performs its call in the first execute stage: not on a path that
          // never commits (it could write output, end the run or fault).
          if (early_ecall_ && in.insn.op == isa::Op::Ecall && !in.fault && x + 1 < cut)
            decline("a wrong-path ecall reaches the execute stage");
          resolved = resolve_cycle(in, x, xe);
          restart = restart_after(resolved, x, xe);
        }
        if (left_count_ - base > 32) decline("a long wrong path");
        if (is_control(in.kind) && !in.fault && resolved < cut) {
          // Resolved before the flush: trains the predictor, and redirects if mispredicted.
          uint32_t target = 0;
          bool taken = false;
          if (!wrong_path_target(path_count_ - 1, mem, regs, target, taken) || nested ||
              (target & 3)) {
            decline("a wrong-path branch or jump resolves in a way not modelled");
          } else {
            queue_update(resolved, pc, in.kind == Unit::Jump, target);
            if (target != pred || (cfg_.branches.redirect_taken && taken)) {
              if constexpr (kTrace) {
                trace_redirect(resolved, rules_.resolve_stage(in.insn.op), rec->seq, target);
                nested_by = rec->seq;
              }
              nested = true;
              nested_cutoff = resolved;
              nested_restart = restart;
              nested_target = target;
              nested_base = left_count_;
              nested_path = path_count_;
              group = 0;
            }
          }
        }
      }
    }
    pc = pred;
    f = t0 + 1;
  }
  st_.fetched += fetched;
  st_.flushed += flushed_at_cutoff ? fetched : nested_flushed;
  left_count_ = base;
  return ok_;
}

template bool Engine::wrong_path<false>(uint32_t, uint64_t, uint64_t, bool, const Memory&,
                                        const RegFile&, uint64_t);
template bool Engine::wrong_path<true>(uint32_t, uint64_t, uint64_t, bool, const Memory&,
                                       const RegFile&, uint64_t);
template bool Engine::wrong_path<false, true>(uint32_t, uint64_t, uint64_t, bool, const Memory&,
                                              const RegFile&, uint64_t);

}  // namespace pipesim::timing
