// The timing model on machines with parallel functional units: the paths behind a trap, the
// halt or a fault, which issue into units until they are flushed (docs/timing-model.md
// "Parallel execute", 4).
#include <cstddef>
#include <cstdint>

#include "sim/pipe/timing_parallel.hpp"

namespace pipesim::timing {

using isa::Unit;

// What is fetched behind a trap (an ecall that returns, flushed when it commits in cycle
// `cutoff`), or behind the halting or faulting instruction (the run ends in `cutoff`, or, when
// the fault waits for older operations still in units, they complete and its flush is at
// `cutoff`). Unlike behind a branch, these instructions reach decode and issue into units before
// the flush: they hold decode (stall events), take units, memory-stage cycles and registers from
// the ones behind them, and a branch or jump among them resolves and may redirect fetch (Engine's
// wrong_path_target replays the path's values from `regs`). All of it is undone at the flush.
// `flushed`: they count as flushed (not when the run ends with them). Their decode bubbles reach
// the end stage with their cause if their memory-stage cycle is after the flush (those in
// between are flushed with the trap) and no later than `counted_to` (after that the run has
// ended).
bool ParallelEngine::wrong_path(uint32_t pc, uint64_t f, uint64_t cutoff, bool flushed,
                                uint64_t counted_to, const Memory& mem, const RegFile& regs) {
  Engine& e = e_;
  while (e.hold_first_ < e.hold_count_ && e.holds_[e.hold_first_ & Engine::kHoldMask].b <= f)
    ++e.hold_first_;
  if (f + e.d_ >= cutoff && e.hold_first_ == e.hold_count_) {
    // Nothing on the path reaches decode before the cutoff: one fetch per cycle up to it.
    const uint64_t fetched = f <= cutoff ? cutoff - f + 1 : 0;
    e.st_.fetched += fetched;
    if (flushed) e.st_.flushed += fetched;
    return true;
  }
  count_after_ = cutoff;
  count_to_ = counted_to;
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
  e.st_.flushed += flushed ? fetched : nested_flushed;
  undo_to(base);
  return e.ok_;
}

}  // namespace pipesim::timing
