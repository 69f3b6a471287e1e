// The timing model's wrong paths: what is fetched behind a mispredicted branch or jump, or a
// trap, until the flush (docs/timing-model.md, rule 7, "Wrong paths").
#include <algorithm>
#include <cstddef>
#include <cstdint>

#include "isa/semantics.hpp"
#include "sim/machine/mem_access.hpp"
#include "sim/pipe/timing_engine.hpp"

namespace pipesim::timing {

using isa::Unit;

// Where a wrong-path branch or jump goes: the pipeline executes the path in order with the
// values it forwards, which are those of sequential execution from `regs` (the state before the
// path: a trap's own register write happens only when it commits, after the path is flushed).
bool Engine::wrong_path_target(size_t index, const Memory& mem, const RegFile& start,
                               uint32_t& target, bool& taken) {
  RegFile regs = start;
  for (size_t i = 0;; ++i) {
    const PathInsn& p = path_[i];
    if (p.in.fault) return false;
    const isa::Insn& in = p.in.insn;
    const uint32_t a = regs[p.in.src[0]];
    const uint32_t b =
        isa::operand_b_is_rs2(in.fmt()) ? regs[p.in.src[1]] : static_cast<uint32_t>(in.imm);
    uint32_t value = isa::compute(in, a, b, p.pc);
    if (i == index) {
      target = p.pc + 4;
      taken = p.in.kind == Unit::Jump || value;
      if (taken) target = isa::jump_target(in, a, p.pc);
      return true;
    }
    if (p.in.kind == Unit::Load) {
      const LoadResult r = guest_load(mem, isa::info(in.op).mem, value, cfg_.memory.misaligned);
      if (r.fault != FaultKind::None) return false;
      value = r.value;
    }
    regs.write(p.in.dst, value);
  }
}

// Fetches down a path that never commits, from `pc` into stage 0 for cycle f, up to the fetch
// for cycle `cutoff` (the cycle the path is flushed, or the run ends). These instructions count
// as fetched (and flushed unless the run ends), their decode stalls before the cutoff count as
// stall events, and a jal among them resolved before the cutoff redirects and trains the
// predictor. Returns false on what the recurrences do not model.
bool Engine::wrong_path(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed_at_cutoff,
                        const Memory& mem, const RegFile& regs) {
  while (hold_first_ < hold_count_ && holds_[hold_first_ & kHoldMask].b <= f) ++hold_first_;
  if (f + d_ >= cutoff && hold_first_ == hold_count_) {
    // The usual case: nothing on the path reaches decode before the cutoff, so what it holds
    // does not matter; one instruction is fetched per cycle up to the cutoff.
    const uint64_t fetched = f <= cutoff ? cutoff - f + 1 : 0;
    st_.fetched += fetched;
    if (flushed_at_cutoff) st_.flushed += fetched;
    return true;
  }
  const uint64_t base = left_count_;
  path_count_ = 0;
  size_t nested_path = 0;
  uint64_t fetched = 0, nested_flushed = 0, group = 0;
  bool nested = false;  // a wrong-path branch or jump redirects fetch in cycle nested_cutoff
  uint64_t nested_cutoff = 0, nested_base = 0, nested_restart = 0;
  uint32_t nested_target = 0;
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
    ++fetched;
    ++group;
    const Fetched& in = fetch(pc, mem);
    if (path_count_ == path_.size()) {
      decline("a long wrong path");
      break;
    }
    path_[path_count_++] = PathInsn{pc, in};
    const uint32_t pred = predict(pc, f);
    uint64_t t0 = 0, a = 0;
    frontend(f, t0, a);
    const uint64_t cut = nested ? nested_cutoff : cutoff;
    if (a < cut) {
      const uint64_t x = decode(in, std::max(a, exec_free()), cut, false);
      push_hold(a, x);
      if (x < cut) {
        // Held in the first execute stage by a multi-cycle unit until xe, or the flush.
        const uint64_t xe = x + extra_cycles(in);
        const uint64_t held_until = std::min(xe + 1, cut);
        if (held_until > x + 1) {
          st_.stall_events[static_cast<size_t>(StallCause::Structural)] += held_until - x - 1;
          push_hold(x + 1, held_until);
        }
        push_left(xe, in);
        if (left_count_ - base > 32) decline("a long wrong path");
        if (in.kind == Unit::Store && xe + to_mem_ < cut)
          decline("a wrong-path store reaches memory");
        // Ripes' ecall performs its call in the first execute stage: not on a path that
        // never commits (it could write output, end the run or fault).
        if (early_ecall_ && in.insn.op == isa::Op::Ecall && !in.fault && x + 1 < cut)
          decline("a wrong-path ecall reaches the execute stage");
        if (is_control(in.kind) && !in.fault && resolve_cycle(in, x, xe) < cut) {
          // Resolved before the flush: trains the predictor, and redirects if mispredicted.
          uint32_t target = 0;
          bool taken = false;
          if (!wrong_path_target(path_count_ - 1, mem, regs, target, taken) || nested ||
              (target & 3)) {
            decline("a wrong-path branch or jump resolves in a way not modelled");
          } else {
            const uint64_t r = resolve_cycle(in, x, xe);
            queue_update(r, pc, in.kind == Unit::Jump, target);
            if (target != pred || (cfg_.branches.redirect_taken && taken)) {
              nested = true;
              nested_cutoff = r;
              nested_restart = restart_after(r, x, xe);
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

}  // namespace pipesim::timing
