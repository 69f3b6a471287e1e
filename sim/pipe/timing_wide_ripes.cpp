// Ripes' dual issue on the two-issue timing model (docs/timing-model.md "Two-issue machines",
// "Ripes' dual issue"): the second decode stage (Ripes' II) the front end passes packets through,
// and Ripes' ecall, which waits in execute for the register writers ahead of it.
#include <algorithm>

#include "sim/pipe/timing_wide.hpp"

namespace pipesim::timing {

using isa::Op;

// Ripes' ecall in decode position 0 in cycle c: would it wait in execute for a register writer
// ahead of it (held here instead: the same cycles, the same bubbles ahead of it)? A wrong-path
// one that would reach execute before its flush could perform its call there: declined.
bool WideEngine::ecall_waits(const WSlot& s, uint64_t c) const {
  const Fetched& f = fx(s);
  if (f.insn.op != Op::Ecall || f.fault) return false;
  if (s.wrong()) {
    if (c + 1 < std::min({end_, redirect_cycle_, path_redirect_cycle_}))
      e_.decline("a wrong-path ecall that reaches execute");
    return false;
  }
  // A writer that left decode in cycle y is past execute until cycle y + (n - 1 - d).
  return last_writer_ != 0 && c + 1 <= last_writer_ + (e_.n_ - 1 - e_.d_);
}

// The cycle model lets Ripes' ecall issue in cycle c and holds it in execute; here it waits in
// decode until it leaves execute there. What the ecall's issue group holds beside it (the slot
// and its stall event) is decided now, as the cycle model decides it in cycle c.
void WideEngine::ecall_partner(uint64_t c) {
  partner_pending_ = true;
  partner_ = id_[1];
  partner_event_ = id_[1].occupied();
  if (!partner_event_) return;
  StallCause cause;
  uint32_t unused = 0;
  // (system_alone: it never issues beside the ecall.)
  partner_ = held(fx(id_[1]), c, cause, unused)
                 ? bubble(cause)
                 : bubble(StallCause::Issue, pair_reason(fx(id_[0]), fx(id_[1])));
}

// advance_wide() for a stage before issue (the fetch stage, the first decode stage): its oldest
// instructions move into the `room` free positions at the back of `next`, in order (a whole
// packet into an empty stage only, unless packets merge); `room` becomes its own room.
void WideEngine::pass_on(Stage& st, Stage& next, uint32_t& room) {
  const uint32_t n = occupied_in(st);
  const uint32_t start = kWidth - room;
  const uint32_t moved = whole_ && room < kWidth ? 0 : std::min(n, room);
  for (uint32_t p = 0; p < moved; ++p) next[start + p] = st[p];
  for (uint32_t p = start + moved; p < kWidth; ++p)
    next[p] = moved == n ? st[n + (p - start - moved)]
                         : bubble(StallCause::Issue, IssueReason::Alignment);
  for (uint32_t p = 0; p + moved < n; ++p) st[p] = st[p + moved];
  for (uint32_t p = n - moved; p < kWidth; ++p)
    st[p] = bubble(StallCause::Issue, IssueReason::Alignment);
  room = whole_ && n > moved ? 0 : kWidth - (n - moved);
}

// advance_two_decode() on a machine whose packets merge (alignment `any`).
uint32_t WideEngine::advance_two_decode_merging(uint32_t n, uint32_t k) {
  const uint32_t left = n - k;
  for (uint32_t p = 0; k > 0 && p < left; ++p) id_[p] = id_[p + k];
  for (uint32_t p = left; p < kWidth; ++p)
    id_[p] = bubble(StallCause::Issue, IssueReason::Alignment);
  uint32_t room = kWidth - left;
  pass_on(mid_, id_, room);
  pass_on(if_, mid_, room);
  return room;
}

}  // namespace pipesim::timing
