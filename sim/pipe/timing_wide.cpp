// The timing model on two-issue machines (docs/timing-model.md "Two-issue machines"): the
// presets 2-wide, 2-wide-any and ripes-6s-dual and machines like them. From issue on a group moves
// as one and nothing is ever held, so an instruction's place in any later cycle follows from the
// cycle it left decode, as on a scalar machine. What is new is the front end: fetch packets, the
// two positions of fetch and decode, and the pairing rules. They are stepped here cycle by cycle,
// with the two stages as small arrays (PipelineModel::advance_wide, fetch_group and pair_check
// are the rules reproduced, in sim/pipe/pipeline_issue.cpp); the stages past decode are not
// stepped at all: an empty issue slot carries its cause to the end stage, so it is counted when
// it leaves decode. Values come from the functional model, stepped as instructions are fetched.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>

#include "isa/csr.hpp"
#include "isa/isa.hpp"
#include "sim/pipe/timing_wide.hpp"

namespace pipesim::timing {

using isa::Op;
using isa::Unit;

// fetch_group(): up to `room` instructions into the last positions of the fetch stage; on an
// aligned machine a packet ends at the 8-byte boundary. (Not-taken: no packet ends at a branch.)
template <class M>
[[gnu::always_inline]] inline void WideEngine::fetch_group(uint32_t room) {
  static_assert(kWidth == 2);  // (room is 1 or 2)
  if (room == kWidth) {
    fetch_one<M>(if_[0]);
    if (M::whole && aligned_ && fetch_pc_ % (4 * kWidth) == 0) {  // (aligned: whole)
      if_[1] = bubble(StallCause::Issue, IssueReason::Alignment);
      return;
    }
  }
  fetch_one<M>(if_[1]);
}

// Fetches at fetch_pc_. On the committed path the functional model executes it now, which says
// where the path goes: behind a taken branch or jump, a trap or the halt, fetch is on a wrong
// path until the redirect.
template <class M>
[[gnu::always_inline]] inline void WideEngine::fetch_one(WSlot& s) {
  const auto i = static_cast<Flight>(fetched_next_++ & (flight_.size() - 1));
  InFlight& x = flight_[index(i)];
  // A pointer into Engine::fetch's cache, not a copy; its scratch answer is overwritten by the
  // next fetch outside the cache, so that one is kept here.
  // (Engine::fetch's own test, merged with it by the compiler.)
  const uint32_t offset = fetch_pc_ - e_.code_base_;
  const bool cached = offset < e_.code_size_ && (fetch_pc_ & 3) == 0;
  const Fetched& f = e_.fetch(fetch_pc_, iss_.state().mem);
  x = InFlight{&f, fetch_pc_};
  if (!cached) [[unlikely]] {
    own_[index(i)] = f;
    x.f = &own_[index(i)];
  }
  s = WSlot{wrong_mode_ ? Holds::Wrong : Holds::Committed, i, StallCause::Fill, IssueReason::None};
  fetch_pc_ += 4;
  if (!wrong_mode_) {
    step_committed<M>(i);
    return;
  }
  x.acts = is_control(f.kind) && !f.fault;
  if (path_active_) {
    if (e_.path_count_ == e_.path_.size()) {
      e_.decline("a long wrong path");
      return;
    }
    x.path = static_cast<uint8_t>(e_.path_count_);
    e_.path_[e_.path_count_++] = Engine::PathInsn{x.pc, *x.f};
  }
}

template <class M>
[[gnu::always_inline]] inline void WideEngine::step_committed(Flight i) {
  InFlight& s = flight_[index(i)];
  const Fetched& in = *s.f;
  // CSR accesses, fences, ecall, ebreak and what fails to fetch or decode are all Unit::System.
  if (in.kind == Unit::System) [[unlikely]] {
    if (isa::is_csr(in.insn.op) || in.insn.op == Op::FenceI) e_.decline("a CSR access or fence.i");
    // A trap's register write is not seen by the path fetched behind it (flushed at commit).
    if (in.insn.op == Op::Ecall || in.insn.op == Op::Ebreak) path_regs_ = iss_.state().regs;
  } else if (in.kind == Unit::Store) {
    const uint32_t addr = iss_.state().regs[in.src[0]] + static_cast<uint32_t>(in.insn.imm);
    if (e_.in_code(addr, 4)) e_.decline("a store into the code pages");
  }
  before_[index(i)] = {in.dst, iss_.state().regs[in.dst]};
  e_.decoded_.execute(iss_);
  Halt halt = iss_.halt();
  PipelineStats& st = e_.st_;
  s.actual = iss_.state().pc;
  // program_end: drain: running off the code ends the run as an exit with code 0 would.
  if (M::rare && s.actual == drain_end_ && halt == Halt::None &&
      e_.runs_off_code(s.actual, iss_.state().mem)) [[unlikely]] {
    halt = Halt::Exit;
    drained_ = true;
    path_regs_ = iss_.state().regs;
    // (A branch that falls through to the end counts as one; a jump there is not modelled.)
    if (in.kind == Unit::Jump || (in.kind == Unit::Branch && s.actual != s.pc + 4))
      e_.decline("a program that jumps off the end of its code");
    if (in.kind == Unit::Branch) ++st.branches;
  }
  const bool ecall = in.insn.op == Op::Ecall;
  // Ripes' ecall that returns does not flush what is behind it: the path goes straight on.
  const bool trap = ecall && !(M::rare && early_ecall_);
  if (halt != Halt::None || trap) [[unlikely]] {
    if (halt == Halt::Fault) e_.decline("a fault on a two-issue machine");
    if (ecall && held_.overflowed()) e_.decline("more guest output than is held back");
    s.halt = halt;
    s.trap = halt == Halt::None;
    s.acts = true;
    wrong_mode_ = true;
    path_active_ = true;
    e_.path_count_ = 0;
    return;
  }
  if (ecall && held_.overflowed()) e_.decline("more guest output than is held back");
  if (!is_control(in.kind)) return;
  if (in.kind == Unit::Branch) {
    ++st.branches;
    if (s.actual != s.pc + 4) ++st.taken_branches;
  } else {
    ++st.jumps;
  }
  // (`redirect_taken`: a taken one redirects even to the address fetch went on to.)
  s.redirects = s.actual != s.pc + 4 || (M::rare && redirect_taken_ &&
                                         (in.kind == Unit::Jump || branch_condition(in, iss_)));
  if (s.redirects) {
    s.acts = true;
    ++st.mispredictions;
    wrong_mode_ = true;
    path_active_ = false;
  }
}

// Squashes the positions of `stage` from `from` on: slots lost to control flow. In the stage of
// the instruction that redirects (from > 0), flush_younger() leaves the bubbles' causes alone.
void WideEngine::flush(Stage& stage, uint32_t from) {
  for (uint32_t p = from; p < kWidth; ++p) {
    if (from > 0 && !stage[p].occupied()) continue;
    if (stage[p].occupied()) ++e_.st_.flushed;
    stage[p] = bubble(StallCause::Control);
  }
}

// What one issue slot that left decode in cycle c will be in the end stage, counted now (nothing
// past decode is held). A flush turns the wrong-path partner of a branch, jump or trap into a
// control bubble, and a trap's flush everything issued behind its group.
// (Not called for slots that would reach the end stage after the run ends: c > halt_issue_.)
[[gnu::always_inline]] inline void WideEngine::emit(const WSlot& s, uint64_t c, bool behind_trap) {
  PipelineStats& st = e_.st_;
  if (s.occupied()) {
    if (!s.wrong()) return;
    if (c == halt_issue_) {
      ++st.halt_slots;  // issued with the halting instruction: in the end stage, not committed
      return;
    }
    ++st.flushed;
    ++st.stall_cycles[static_cast<size_t>(StallCause::Control)];
  } else if (behind_trap) {
    ++st.stall_cycles[static_cast<size_t>(StallCause::Control)];
  } else if (s.cause == StallCause::Fill) {
    ++st.fill_cycles;
  } else {
    ++st.stall_cycles[static_cast<size_t>(s.cause)];
    if (s.cause == StallCause::Issue) ++st.issue_reasons[static_cast<size_t>(s.reason)];
  }
}

// The instruction in decode position p issues in cycle c (it leaves decode at the end of c).
template <class M>
[[gnu::always_inline]] inline void WideEngine::issue(uint32_t p, const Fetched& in, uint64_t c,
                                                     uint32_t forwards, bool& stop) {
  const WSlot& slot = id_[p];
  InFlight& s = at(slot);
  if (!slot.wrong()) {
    // (Where the nearest producer does not decide, Engine's own count from its left_ ring.)
    if (M::rare && keep_left_) [[unlikely]] {
      if (!e_.nearest_decides_[in.in_decode]) forwards = e_.count_forwards(in, c);
      e_.push_left(c, in);
    }
    e_.st_.forwards += forwards;
    if (M::rare && early_ecall_ && (in.dst != 0 || isa::writes_rd(in.insn.fmt())) && !in.fault)
      last_writer_ = c;
  } else if (path_redirect_cycle_ == c + 1) {
    s.skip_write = true;  // younger than a wrong-path redirect in execute: flushed there
    ++path_partners_;
  }
  if (!s.acts) return;
  if (s.halt != Halt::None) {
    halt_issue_ = c;
    end_ = c + e_.to_end_;
    halt_ = s.halt;
    halt_pc_ = s.pc;
    // Ripes' exit: the call in execute flushes everything behind it, and fetch stops.
    if (M::rare && early_ecall_ && in.insn.op == Op::Ecall) {
      redirect_cycle_ = c + 1;
      exit_flush_ = true;
    }
  } else if (s.trap) {
    trap_issue_ = c;
    redirect_cycle_ = c + e_.to_end_;  // flushed when it commits in the end stage
    redirect_target_ = s.actual;
    trap_reg_x_ = reg_x_;
  }
  if (!is_control(in.kind) || in.fault) return;
  const uint64_t resolved = c + e_.resolve_distance(in);
  if (slot.wrong()) {
    issue_wrong_control(p, c, resolved, stop);
    return;
  }
  if (!s.redirects) return;
  if (resolved == c) {
    // Resolved in decode: the younger positions and the fetch stage are flushed now.
    flush(id_, p + 1);
    flush(mid_, 0);
    flush(if_, 0);
    fetch_pc_ = s.actual;
    wrong_mode_ = false;
    stop = true;
  } else {
    redirect_cycle_ = resolved;
    redirect_target_ = s.actual;
  }
}

// The decode stage in cycle c: the instructions that issue, in order, under the hazard and
// pairing rules; then the advance of decode and fetch.
// Returns whether the oldest instruction in decode was held by a data hazard.
template <class M>
[[gnu::always_inline]] inline bool WideEngine::evaluate_decode(uint64_t c) {
  // (Two positions, written out: the second is looked at only once the first has issued.)
  static_assert(kWidth == 2);
  uint32_t issued = 0;  // this cycle's issue group: id_[0, issued)
  bool waiting = false;
  WSlot hold;
  bool stop = false;
  const Fetched* first = nullptr;  // id_[0]'s, id_[1]'s
  const Fetched* second = nullptr;
  bool second_issues = false;  // (Ripes' hazard_holds_group: first_waits())
  uint32_t second_forwards = 0;
  const uint32_t waiting_in = occupied_in(id_);  // (a flush ends the group: `stop`)
  if (waiting_in > 0) {
    const Fetched& f = fx(id_[0]);
    first = &f;
    StallCause cause;
    uint32_t forwards = 0;
    if (held(f, c, cause, forwards)) {
      hold = bubble(cause);
      waiting = true;
    } else if (M::rare && first_waits(f, c, hold, second_issues, second_forwards)) [[unlikely]] {
      // (Ripes' rules: the group held by its second, or Ripes' ecall waiting.)
    } else {
      ++issued;
      issue<M>(0, f, c, forwards, stop);
      if (waiting_in > 1 && !stop) {
        const Fetched& g = fx(id_[1]);
        second = &g;
        IssueReason r;
        if (M::rare && second_issues) {  // (both checks already made: the same answers)
          ++issued;
          issue<M>(1, g, c, second_forwards, stop);
        } else if (held(g, c, cause, forwards)) {
          hold = bubble(cause);
        } else if (r = pair_of<M::rare>(id_[0], id_[1]); r != IssueReason::None) {
          hold = bubble(StallCause::Issue, r);
        } else {
          ++issued;
          issue<M>(1, g, c, forwards, stop);
        }
      }
    }
  }
  // The group's register writes: seen by hazard checks from the next cycle on. A wrong-path
  // instruction behind a mispredicted branch is flushed before anything younger is checked.
  // (skip_write is only ever set on a wrong-path slot.)
  auto write = [&](const WSlot& s, const Fetched& f) {
    if (f.dst == 0 || (s.wrong() && (!path_active_ || at(s).skip_write))) return;
    reg_x_[f.dst] = writer_mark(c, f.kind == Unit::Load);
  };
  if (issued > 0) {
    write(id_[0], *first);
    if (issued > 1) write(id_[1], *second);
  }
  // (Only a flush, `stop`, changes decode's occupancy.)
  const uint32_t n = stop ? occupied_in(id_) : waiting_in;
  uint32_t held_from = n;  // positions [issued, held_from) are charged to `hold`
  bool event = issued < n;
  if (M::rare && partner_pending_ && issued > 0) [[unlikely]] {
    // Ripes' ecall issued after its wait: beside it, what was there when it could first issue.
    partner_pending_ = false;
    hold = partner_;
    held_from = kWidth;
    event = partner_event_;
  }
  if (c <= halt_issue_) {  // else the slots reach the end stage after the run ends
    const bool behind_trap = c > trap_issue_;
    // (emit() counts nothing for an issued committed instruction.)
    // (Wrong-path slots are there only while fetch is on a wrong path: every redirect that
    // ends one flushes fetch and decode.)
    if (wrong_mode_)
      for (uint32_t p = 0; p < issued; ++p)
        if (id_[p].wrong()) emit(id_[p], c, behind_trap);
    // What did not issue: all of it charged to the hold, or decode's own bubbles.
    if (issued < held_from)
      emit_bubbles(hold, kWidth - issued, behind_trap);
    else
      for (uint32_t p = issued; p < kWidth; ++p) emit(id_[p], c, behind_trap);
  }
  if (event) ++e_.st_.stall_events[static_cast<size_t>(hold.cause)];
  if constexpr (M::two_decode) {
    const uint32_t room = advance_two_decode<M>(n, issued);
    if (room > 0) fetch_group<M>(room);
  } else {
    advance<M>(n, issued);
  }
  return waiting;
}

// advance_wide() for the decode and fetch stages, n positions of decode occupied and k of them
// issued, then fetch_group() into the room left. The positions are moved in place (each read
// before it is overwritten), not through a copy.
template <class M>
[[gnu::always_inline]] inline void WideEngine::advance(uint32_t n, uint32_t k) {
  const uint32_t left = n - k;  // still in decode next cycle, at the front
  const uint32_t nf = occupied_in(if_);
  if constexpr (M::whole) {
    // An aligned decode stage takes a new packet only when it is empty, whole (its bubbles
    // too); fetch, emptied, takes the next (fetch_group writes every position).
    if (left == 0) {
      id_ = if_;
      fetch_group<M>(kWidth);
      return;
    }
    id_ = stage_of(padded(shr(word_of(id_), k), left));
    if_ = stage_of(padded(word_of(if_), nf));
    if (nf == 0) fetch_group<M>(kWidth);
    return;
  }
  // Otherwise (`any`) decode fills up from fetch: with instructions if fetch has more than the
  // room, else with all of fetch's instructions and then its bubbles. What stays in fetch moves
  // to the front; fetch_group() rewrites every position behind it.
  // (As words: decode's positions k.. to the front, then fetch's behind them.)
  static_assert(kWidth == 2);
  const uint64_t fetch = word_of(if_);
  id_ = stage_of(left == 0   ? fetch
                 : left == 1 ? (shr(word_of(id_), k) & 0xffffffff) | (fetch << 32)
                             : word_of(id_));
  const uint32_t moved = std::min(nf, kWidth - left);
  if_ = stage_of(shr(fetch, moved));
  const uint32_t stays = nf - moved;
  if (stays < kWidth) fetch_group<M>(kWidth - stays);
}

// advance_wide() with two decode stages (IF ID II): the issue stage, then the stages before it.
// Returns the room it leaves in the fetch stage (fetch_group() is the caller's). With whole
// packets a stage moves on only whole into an empty one (the room is all or nothing).
template <class M>
[[gnu::always_inline]] inline uint32_t WideEngine::advance_two_decode(uint32_t n, uint32_t k) {
  if constexpr (!M::whole) {
    return advance_two_decode_merging(n, k);
  } else {
    const uint32_t left = n - k;
    if (left == 0) {
      id_ = mid_;
    } else {
      id_ = stage_of(padded(shr(word_of(id_), k), left));
      if (const uint32_t m = occupied_in(mid_); m > 0) {  // it stays, and so does fetch
        mid_ = stage_of(padded(word_of(mid_), m));
        const uint32_t nf = occupied_in(if_);
        if_ = stage_of(padded(word_of(if_), nf));
        return nf == 0 ? kWidth : 0;
      }
    }
    mid_ = if_;
    return kWidth;
  }
}

// Cycle c held the oldest instruction in decode on a data hazard. If the stages are then full
// (or, aligned, hold a packet that waits whole), every following cycle repeats it until the
// hazard clears: those cycles are counted here without stepping the stages. Returns the last
// cycle done; `limit` is the first cycle that must be stepped (a redirect, the end, a check).
uint64_t WideEngine::skip_wait(uint64_t c, uint64_t limit) {
  const uint32_t n = occupied_in(id_), nf = occupied_in(if_);
  auto full = [this](uint32_t k) { return k == kWidth || (whole_ && k > 0); };
  if (!full(n) || !full(nf) || (two_decode_ && !full(occupied_in(mid_)))) return c;
  PipelineStats& st = e_.st_;
  const Fetched& f = fx(id_[0]);
  uint64_t next = c + 1;
  uint32_t forwards = 0;
  for (StallCause cause; next < limit && held(f, next, cause, forwards); ++next) {
    ++st.stall_events[static_cast<size_t>(cause)];
    if (next > halt_issue_) continue;  // past the end of the run: emit() counts nothing
    const StallCause seen = next > trap_issue_ ? StallCause::Control : cause;
    st.stall_cycles[static_cast<size_t>(seen)] += kWidth;
  }
  return next - 1;
}

// The flushes done in cycle c by what resolves or commits past decode, before decode is looked
// at: fetch and decode are emptied and fetch restarts at the target.
[[gnu::always_inline]] inline void WideEngine::redirects(uint64_t c) {
  if (c == path_redirect_cycle_) {
    flush(if_, 0);
    flush(mid_, 0);
    flush(id_, 0);
    // Its younger partners are flushed in execute; behind a trap emit() has counted them.
    if (trap_issue_ == kNever) e_.st_.flushed += path_partners_;
    fetch_pc_ = path_redirect_target_;
    e_.path_count_ = path_redirect_keep_;
    path_redirect_cycle_ = kNever;
  }
  if (c == redirect_cycle_) {
    flush(if_, 0);
    flush(mid_, 0);
    flush(id_, 0);
    if (exit_flush_) return;  // and fetch stops: nothing after counts
    fetch_pc_ = redirect_target_;
    wrong_mode_ = false;
    path_active_ = false;
    redirect_cycle_ = kNever;
    path_redirect_cycle_ = kNever;
    if (trap_issue_ != kNever) {
      // What the wrong path behind the trap wrote is gone with it.
      reg_x_ = trap_reg_x_;
      trap_issue_ = kNever;
    }
  }
}

std::optional<MachineResult> WideEngine::run(const RunLimits& limits) {
  using Run = std::optional<MachineResult> (WideEngine::*)(const RunLimits&);
  static constexpr Run kRuns[2][2][2] = {// [whole][two_decode][ripes]
                                         {{&WideEngine::run_impl<WideMode<false, false, false>>,
                                           &WideEngine::run_impl<WideMode<false, false, true>>},
                                          {&WideEngine::run_impl<WideMode<false, true, false>>,
                                           &WideEngine::run_impl<WideMode<false, true, true>>}},
                                         {{&WideEngine::run_impl<WideMode<true, false, false>>,
                                           &WideEngine::run_impl<WideMode<true, false, true>>},
                                          {&WideEngine::run_impl<WideMode<true, true, false>>,
                                           &WideEngine::run_impl<WideMode<true, true, true>>}}};
  return (this->*kRuns[whole_][two_decode_][rare_])(limits);
}

template <class M>
std::optional<MachineResult> WideEngine::run_impl(const RunLimits& limits) {
  fetch_pc_ = iss_.state().pc;
  fetch_group<M>(kWidth);
  // The stages past decode hold fill bubbles in cycle 1: they reach the end stage first.
  e_.st_.fill_cycles = uint64_t{kWidth} * e_.to_end_;
  uint64_t check = RunLimits::kStopCheckCycles;  // the next cycle RunLimits::stop is looked at
  bool stopping = false;
  // The first cycle that needs either: one comparison per cycle (skip_wait stops before both).
  uint64_t attention = std::min(check, limits.max_cycles);
  for (uint64_t c = 1; c < end_; ++c) {
    if (c >= attention) [[unlikely]] {
      if (c == check) {
        if (limits.progress) limits.progress->store(c, std::memory_order_relaxed);
        stopping = stopping || (limits.stop && limits.stop->load(std::memory_order_relaxed));
        // Once the halt has issued the run ends within a few cycles anyway.
        if (stopping && end_ == kNever && can_stop()) return stopped(c);
        check = c + (stopping ? 1 : RunLimits::kStopCheckCycles);
      }
      if (c >= limits.max_cycles) e_.decline("the cycle limit");
      attention = std::min(check, limits.max_cycles);
    }
    if (!e_.ok_) return std::nullopt;
    redirects(c);
    if (M::rare && exit_flush_ && c == halt_issue_ + 1) break;  // (Ripes' ecall: rare)
    if (evaluate_decode<M>(c))
      c = skip_wait(
          c, std::min({end_, redirect_cycle_, path_redirect_cycle_, check, limits.max_cycles}));
  }
  if (end_ > limits.max_cycles) e_.decline("the cycle limit");
  if (!e_.ok_) return std::nullopt;
  return ended();
}

}  // namespace pipesim::timing
