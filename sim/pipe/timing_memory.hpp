// The timing model on machines whose memory can hold a stage: instruction and data latencies
// above one cycle, L1 caches (tags only, sim/pipe/cache.hpp), one memory port shared by fetch and
// data (docs/model.md, "Memory: latency, one shared port, caches"). The rule, derived in
// docs/timing-model.md ("Memory: latencies, one port, caches"): a stage that holds freezes every
// stage behind it, so an instruction moves on from a stage in the first cycle that its own work
// there is done and no older instruction holds. The older instructions' holds are kept as
// intervals of cycles: decode holds (holds_), memory-stage holds (freezes_), and the cycles a
// load or store has the shared port (port_). Included by timing_model.cpp and
// timing_wrong_path.cpp, whose kMem paths inline these steps.
#pragma once

#include <algorithm>
#include <cstdint>

#include "isa/semantics.hpp"
#include "sim/pipe/timing_engine.hpp"

namespace pipesim::timing {

// Drops the intervals that end before cycle f: every later question is about a cycle >= f (the
// fetch cycles only grow).
inline void Engine::prune_memory(uint64_t f) {
  while (hold_first_ < hold_count_ && holds_[hold_first_ & kHoldMask].b <= f) ++hold_first_;
  while (freeze_first_ < freeze_count_ && freezes_[freeze_first_ & 31].b <= f) ++freeze_first_;
  while (port_first_ < port_count_ && port_[port_first_ & 31].b <= f) ++port_first_;
}

// The first cycle >= c in which no older instruction holds the memory stage: the stages from
// decode to the memory stage move in it (nothing between them holds on its own).
inline uint64_t Engine::next_free_memory(uint64_t c) const {
  for (uint64_t k = freeze_first_; k < freeze_count_; ++k) {
    const Interval& h = freezes_[k & 31];
    if (h.a <= c && c < h.b) c = h.b;  // sorted by start: one pass follows a chain
  }
  return c;
}

// The first cycle >= c in which neither decode nor memory holds an older instruction: the stages
// before decode move in it.
inline uint64_t Engine::next_unfrozen(uint64_t c) const {
  for (;;) {
    uint64_t n = c;
    for (uint64_t k = hold_first_; k < hold_count_; ++k) {
      const Interval& h = holds_[k & kHoldMask];
      if (h.a <= n && n < h.b) n = h.b;
    }
    n = next_free_memory(n);
    if (n == c) return c;
    c = n;
  }
}

// data_port_busy(): a load or store is in the memory stage in cycle c (its first cycle there,
// or one of its access).
inline bool Engine::port_busy(uint64_t c) const {
  for (uint64_t k = port_first_; k < port_count_; ++k) {
    const Interval& p = port_[k & 31];
    if (p.a <= c && c < p.b) return true;
    if (p.a > c) return false;
  }
  return false;
}

// Stage 0 (fetch_into_stage0 and the fetch stage's evaluate()): the fetch is tried for cycle f;
// while a load or store has the shared port the try fails, leaving a structural bubble, and is
// tried again behind it. Then the instruction cache (or the memory's latency) decides the cycles
// of work, one more for each later cycle of them in which the port is taken. Each held cycle in
// which the stage ahead moves is a stall event (and a stall cycle of its cause for a committed
// instruction: its bubble reaches the end stage). Returns false when no try before `cutoff`
// succeeds; else f is the cycle the instruction entered stage 0 and `busy` its last cycle of work.
inline bool Engine::memory_stage0(uint32_t pc, const Fetched& in, uint64_t& f, uint64_t cutoff,
                                  bool committed, uint64_t& busy) {
  prune_memory(f);
  auto stall = [&](StallCause cause) {
    ++st_.stall_events[static_cast<size_t>(cause)];
    if (committed) ++st_.stall_cycles[static_cast<size_t>(cause)];
  };
  if (cfg_.memory.unified_memory_port) {
    while (f <= cutoff && port_busy(f)) {
      stall(StallCause::Structural);
      f = next_unfrozen(f) + 1;  // the bubble moves on when the stage ahead does
    }
  }
  if (f > cutoff) return false;
  uint32_t work = cfg_.memory.instruction_latency;
  if (icache_ && in.word) work = icache_->access(pc, false).cycles;
  busy = f + work - 1;
  if (simple_fetch_) return true;
  if (!cfg_.memory.unified_memory_port) {
    const uint64_t held = unfrozen_between(f, std::min(busy, cutoff));
    st_.stall_events[static_cast<size_t>(StallCause::Memory)] += held;
    if (committed) st_.stall_cycles[static_cast<size_t>(StallCause::Memory)] += held;
    return true;
  }
  // With the port: held from its first cycle while work is left; the port is checked from the
  // second (the first was granted when it was fetched), cycle by cycle.
  for (uint64_t c = f; c <= busy && c < cutoff; ++c) {
    StallCause cause = StallCause::Memory;
    if (c > f && port_busy(c)) {
      ++busy;
      cause = StallCause::Structural;
    } else if (c == busy) {
      break;
    }
    if (next_unfrozen(c) == c) stall(cause);
  }
  return true;
}

// How many cycles of [a, b) no older instruction holds in (a stage-0 hold in them is a stall
// event), interval by interval rather than cycle by cycle: a miss can take thousands.
inline uint64_t Engine::unfrozen_between(uint64_t a, uint64_t b) const {
  uint64_t count = 0;
  for (uint64_t c = a; c < b;) {
    c = next_unfrozen(c);
    if (c >= b) break;
    uint64_t next = b;  // the first cycle after c that an interval starts in
    for (uint64_t k = hold_first_; k < hold_count_; ++k)
      if (holds_[k & kHoldMask].a > c) next = std::min(next, holds_[k & kHoldMask].a);
    for (uint64_t k = freeze_first_; k < freeze_count_; ++k)
      if (freezes_[k & 31].a > c) next = std::min(next, freezes_[k & 31].a);
    count += next - c;
    c = next;
  }
  return count;
}

// The stages after stage 0 up to decode: each moves in the first cycle nobody ahead holds.
inline void Engine::memory_frontend(uint64_t busy, uint64_t& t0, uint64_t& a) {
  t0 = next_unfrozen(busy);
  uint64_t c = t0;
  for (uint32_t k = 1; k < d_; ++k) c = next_unfrozen(c + 1);
  a = c + 1;
}

// Where the instruction left_[k & mask] is in cycle c (after it left decode): execute until it
// enters the memory stage (the one execute stage, frozen while memory holds), the memory stage
// until it leaves it, then one stage per cycle.
inline uint32_t Engine::stage_at(uint64_t k, uint64_t c) const {
  const MemTimes& t = left_mem_[k & kLeftMask];
  if (c < t.in) return c <= left_[k & kLeftMask].x ? d_ : d_ + 1;
  if (c <= t.out) return m_;
  const uint64_t where = m_ + (c - t.out);
  return where < n_ ? static_cast<uint32_t>(where) : n_;
}

// find_data_hazard() in cycle c, with the stage of each older instruction from its times.
template <bool kMem>
inline bool Engine::hazard_at(const Fetched& f, uint64_t c, StallCause& cause) const {
  if constexpr (!kMem) {
    return hazard(f, c, cause);
  } else {
    return hazard_by(
        f, [&](uint64_t k) -> uint64_t { return stage_at(k, c); }, cause);
  }
}

// The same for a committed instruction: every older instruction still in the pipeline is
// committed, so the nearest writer of a register is its last committed writer (reg_k_).
inline bool Engine::hazard_committed_memory(const Fetched& f, uint64_t c, StallCause& cause) const {
  for (uint8_t reg : f.src) {
    const uint64_t k = reg_k_[reg];
    if (k == 0 || left_count_ - k >= n_) continue;  // none yet, or long gone
    const uint32_t where = stage_at(k - 1, c);
    const bool load = left_[(k - 1) & kLeftMask].load;
    if (where < n_ && !available_[load][f.in_decode][where]) {
      cause = data_hazard_cause(load);
      return true;
    }
  }
  return false;
}

// operand() when the instruction consumes its operands: in cycle x (decode) or x + 1 (execute).
template <bool kMem>
inline uint32_t Engine::forwards_at(const Fetched& f, uint64_t x, bool committed) const {
  if constexpr (!kMem) {
    return count_forwards(f, x);
  } else {
    const uint64_t c = x + (f.in_decode ? 0 : 1);
    uint32_t count = 0;
    if (committed && nearest_decides_[f.in_decode]) {
      for (uint8_t reg : f.src) {
        const uint64_t k = reg_k_[reg];
        if (k == 0 || left_count_ - k >= n_) continue;
        const uint32_t where = stage_at(k - 1, c);
        if (where < n_ && forwards_[f.in_decode][where]) ++count;
      }
      return count;
    }
    for (uint8_t reg : f.src) {
      if (reg == 0) continue;
      for (uint64_t k = left_count_; k > 0; --k) {
        const uint32_t where = stage_at(k - 1, c);
        if (where >= n_) break;
        const Left& p = left_[(k - 1) & kLeftMask];
        if (p.dst == reg && forwards_[f.in_decode][where]) {
          ++count;
          break;
        }
      }
    }
    return count;
  }
}

// Decode from cycle a: in a cycle the memory stage holds an older instruction, decode is frozen
// and decides nothing; otherwise it holds on a data hazard (a stall event). Returns the cycle it
// leaves, or `cutoff` if it is still there when it is flushed.
inline uint64_t Engine::decode_memory(const Fetched& f, uint64_t a, uint64_t cutoff,
                                      bool committed) {
  for (uint64_t c = a;; ++c) {
    c = next_free_memory(c);
    if (c >= cutoff) return cutoff;
    StallCause cause;
    if (committed ? !hazard_committed_memory(f, c, cause) : !hazard_at<true>(f, c, cause)) return c;
    ++st_.stall_events[static_cast<size_t>(cause)];
    if (committed) ++st_.stall_cycles[static_cast<size_t>(cause)];
  }
}

// start_memory_access(): a load or store that does not fault takes the data cache's cycles (or
// the memory's latency); every other instruction one cycle.
inline uint32_t Engine::data_access_cycles(const Fetched& f, uint32_t addr, bool faults) {
  if ((f.kind != isa::Unit::Load && f.kind != isa::Unit::Store) || faults) return 1;
  if (!dcache_) return cfg_.memory.data_latency;
  const isa::OpInfo& row = isa::info(f.insn.op);
  return dcache_->access(addr, isa::mem_size(row.mem), f.kind == isa::Unit::Store).cycles;
}

// From decode (left at the end of x) through execute into the memory stage, which it holds for
// `cycles` (its own work: the stages behind it freeze; one stall event and, for a committed
// instruction, one memory stall cycle per extra cycle). A load or store has the port in each of
// its cycles there.
inline Engine::MemTimes Engine::memory_stage(const Fetched& f, uint64_t x, uint32_t cycles,
                                             bool committed) {
  MemTimes t;
  t.in = next_free_memory(x + 1) + 1;
  t.out = t.in + cycles - 1;
  if (cycles > 1) {
    push_interval(freezes_, freeze_first_, freeze_count_, t.in, t.out);
    st_.stall_events[static_cast<size_t>(StallCause::Memory)] += cycles - 1;
    if (committed) st_.stall_cycles[static_cast<size_t>(StallCause::Memory)] += cycles - 1;
  }
  if (f.kind == isa::Unit::Load || f.kind == isa::Unit::Store)
    push_interval(port_, port_first_, port_count_, t.in, t.out + 1);
  return t;
}

// The cycle a branch or jump resolves: its first cycle in its resolve stage.
inline uint64_t Engine::resolve_cycle(const Fetched& f, uint64_t x, const MemTimes& t) const {
  const uint32_t r = rules_.resolve_stage(f.insn.op);
  if (r == d_) return x;
  if (r == d_ + 1) return x + 1;
  if (r == m_) return t.in;
  return t.out + (r - m_);
}

}  // namespace pipesim::timing
