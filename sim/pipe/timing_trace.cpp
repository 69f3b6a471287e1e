// The timing model's trace: cycles rebuilt from per-instruction facts (timing_trace.hpp). Each
// rule names the step of the cycle model (sim/pipe/pipeline.cpp) it reproduces.
#include "sim/pipe/timing_trace.hpp"

#include <algorithm>
#include <stdexcept>

namespace pipesim::timing {

TraceBuilder::TraceBuilder(const PipelineRules& rules, std::span<TraceSink* const> sinks)
    : n_(rules.num_stages),
      d_(rules.last_decode),
      sinks_(sinks.begin(), sinks.end()),
      cycles_(kCycles),
      records_(kRecords) {
  for (Cycle& c : cycles_) c.events.reserve(16);
  events_.reserve(32);
  for (uint32_t s = 0; s < n_; ++s) busy_all_[s] = 1;
  // Before the first cycle every stage holds a fill bubble.
  views_.assign(kSlide + kMaxStages, SlotView{kNoSeq, StallCause::Fill, false});
}

void TraceBuilder::outside_window() {
  throw std::logic_error("timing model trace: a cycle outside the window of pending cycles");
}

InsnRecord& TraceBuilder::start(bool every_stage) {
  if (next_seq_ - first_seq_ >= kRecords) forget_published();
  if (next_seq_ - first_seq_ >= kRecords)
    throw std::logic_error("timing model trace: too many instructions in flight");
  InsnRecord& r = pending(next_seq_).rec;
  // A whole array: a fixed size clears with a few inline stores (n_ stages would call memset).
  if (!every_stage) r.enter = {};  // (busy: add())
  r.seq = next_seq_;
  r.committed = false;
  r.flushed_by = kNoSeq;
  r.unit = kNoUnit;
  return r;
}

// The oldest records, published, need no room any more.
void TraceBuilder::forget_published() {
  while (first_seq_ < next_seq_ && pending(first_seq_).published) ++first_seq_;
}

void TraceBuilder::add(uint64_t last_cycle, End end) {
  Pending& p = pending(next_seq_);
  InsnRecord& r = p.rec;
  publish_until(r.enter[0]);
  ++next_seq_;
  p.end = end;
  p.published = false;
  r.last_cycle = last_cycle;
  at(r.enter[0]).fetched = r.seq;
  at(last_cycle);  // (the window holds every cycle between: checked once)
  // evaluate(): a stage's first cycle sets its busy cycles (and execute's unit), unless an older
  // instruction's flush or the halt came first in that cycle.
  if (end == End::Retired) {  // (most are) every stage entered, each seen
    r.busy = busy_all_;
    cycles_[last_cycle & (kCycles - 1)].retired = r.seq;
    return;
  }
  r.busy = {};
  uint32_t s = 0;
  while (s < n_ && r.enter[s] != 0) r.busy[s++] = 1;
  if (r.enter[s - 1] == last_cycle) {
    r.busy[s - 1] = 0;
    if (s - 1 == d_ + 1) r.unit = kNoUnit;
  }
}

void TraceBuilder::hold(uint64_t c, const Event& stall) {
  Cycle& cy = at(c);
  cy.held = true;
  cy.held_cause = stall.cause;
  Cycle& next = at(c + 1);
  next.has_stall = true;
  next.stall = stall;
}

void TraceBuilder::flush(uint64_t c, uint32_t stage, uint64_t by) {
  Cycle& cy = at(c);
  cy.flush_stage = stage;
  cy.flush_at = cy.events.size();
  cy.flush_by = by;
}

void TraceBuilder::publish_until(uint64_t c) {
  while (next_cycle_ < c && next_cycle_ <= limit_) publish(next_cycle_, false);
}

void TraceBuilder::send(const InsnRecord& rec) {
  for (TraceSink* sink : sinks_) sink->on_instruction(rec);
}

// One cycle as publish_cycle() builds it, then the records of the instructions that left the
// machine in it: those squashed (in the order flush_younger() squashed them), then the one
// retiring from the last stage (the cycle model's advance step). With `last` (the halt) those are
// left to the caller.
void TraceBuilder::publish(uint64_t c, bool last) {
  Cycle& cy = cycles_[c & (kCycles - 1)];
  if (base_ == 0) {  // back to the top
    std::copy_n(views_.begin(), n_, views_.begin() + kSlide);
    base_ = kSlide;
  }
  // The advance step: sliding down one entry moves every stage's content (an instruction, or a
  // bubble and its cause) on to the next; the last stage's leaves.
  SlotView* views = views_.data() + --base_;
  const SlotView* prev = views + 1;  // the previous cycle's stages (stage 0 to n - 2)
  if (!prev_held_) [[likely]] {
    views[0] = cy.fetched != kNoSeq ? SlotView{cy.fetched, StallCause::Raw, false}
                                    : SlotView{kNoSeq, StallCause::Control,
                                               false};  // fetch stopped (a faulting jump)
  } else {
    // Decode held its instruction: it and the stages before it stay (frozen), and it sends a
    // bubble with its cause ahead. (Ascending: each entry is read before it is overwritten.)
    for (uint32_t s = 0; s <= d_; ++s) views[s] = prev[s];
    views[d_].cause = StallCause::Raw;  // (held again: below)
    views[d_].stalled = false;
    if (d_ + 1 < n_) views[d_ + 1] = SlotView{kNoSeq, prev_cause_, false};
  }
  // Most cycles have no stall and no flush: their events go as they are.
  const bool merge = cy.has_stall || cy.flush_stage != 0;
  uint32_t squashed = 0;
  if (merge) events_.clear();
  if (cy.has_stall) events_.push_back(cy.stall);
  for (size_t i = 0; merge && i <= cy.events.size(); ++i) {
    if (cy.flush_stage != 0 && i == cy.flush_at) {
      for (uint32_t s = 0; s < cy.flush_stage; ++s) {
        const uint64_t seq = views[s].seq;
        views[s] = SlotView{kNoSeq, StallCause::Control, false};  // flush_younger()
        if (seq == kNoSeq) continue;
        events_.push_back(Event{EventKind::Flush, StallCause::Control, s, 0, seq, cy.flush_by});
        squashed_[squashed++] = seq;
      }
    }
    if (i < cy.events.size()) events_.push_back(cy.events[i]);
  }
  const bool decode_held = cy.held && views[d_].seq != kNoSeq;
  if (decode_held) {
    views[d_].cause = cy.held_cause;
    views[d_].stalled = true;
  }
  CycleRecord rec{c,
                  std::span<const SlotView>(views, n_),
                  merge ? std::span<const Event>(events_) : std::span<const Event>(cy.events),
                  {}};
  for (TraceSink* sink : sinks_) sink->on_cycle(rec);
  for (uint32_t i = 0; i < squashed; ++i) {
    Pending& p = pending(squashed_[i]);
    p.published = true;
    send(p.rec);
  }
  if (!last && cy.retired != kNoSeq) {
    Pending& p = pending(cy.retired);
    p.published = true;
    send(p.rec);
  }
  prev_held_ = decode_held;
  prev_cause_ = cy.held_cause;
  // The ring entry is reused (its vector keeps room).
  cy.fetched = kNoSeq;
  cy.held = false;
  cy.held_cause = StallCause::Raw;
  cy.has_stall = false;
  cy.events.clear();
  cy.flush_stage = 0;
  cy.retired = kNoSeq;
  ++next_cycle_;
}

// squash_at_halt(): everything still in flight leaves with the last cycle, oldest first; the
// instructions younger than the halting one are squashed by it.
void TraceBuilder::finish_halted(uint64_t end, uint64_t halting) {
  publish_until(end);
  if (end >= next_cycle_) publish(end, true);
  for (uint64_t seq = first_seq_; seq < next_seq_; ++seq) {
    Pending& p = pending(seq);
    if (p.published) continue;
    InsnRecord& r = p.rec;
    if (r.enter[0] > end) continue;  // (never: nothing is fetched after the halt)
    for (uint32_t s = 0; s < n_; ++s)
      if (r.enter[s] > end) {
        r.enter[s] = 0;
        r.busy[s] = 0;
        if (s == d_ + 1) r.unit = kNoUnit;
      }
    r.last_cycle = end;
    if (seq > halting) r.flushed_by = halting;
    p.published = true;
    send(r);
  }
  for (TraceSink* sink : sinks_) sink->on_end();
}

void TraceBuilder::finish_stopped(uint64_t end) {
  publish_until(end + 1);
  for (TraceSink* sink : sinks_) sink->on_end();
}

}  // namespace pipesim::timing
