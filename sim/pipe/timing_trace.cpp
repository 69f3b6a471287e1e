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
  // Before the first cycle every stage holds a fill bubble.
  views_[1].fill(SlotView{kNoSeq, StallCause::Fill, false});
}

void TraceBuilder::outside_window() {
  throw std::logic_error("timing model trace: a cycle outside the window of pending cycles");
}

InsnRecord& TraceBuilder::start() {
  if (next_seq_ - first_seq_ >= kRecords)
    throw std::logic_error("timing model trace: too many instructions in flight");
  InsnRecord& r = pending(next_seq_).rec;
  // Whole arrays: a fixed size clears with a few inline stores (n_ stages would call memset).
  r.enter = {};
  r.busy = {};
  r.seq = next_seq_;
  r.committed = false;
  r.flushed_by = kNoSeq;
  r.unit = kNoUnit;
  return r;
}

void TraceBuilder::add(uint64_t last_cycle, End end) {
  Pending& p = pending(next_seq_);
  InsnRecord& r = p.rec;
  publish_until(r.enter[0]);
  ++next_seq_;
  p.end = end;
  p.published = false;
  r.last_cycle = last_cycle;
  // evaluate(): a stage's first cycle sets its busy cycles (and execute's unit), unless an older
  // instruction's flush or the halt came first in that cycle.
  const bool cut_short = end != End::Retired;
  at(r.enter[0]);
  at(last_cycle);  // (the window holds every cycle between: checked once)
  // Stage by stage, the cycles from its entry to the next stage's (or its last cycle).
  uint64_t c = r.enter[0];
  for (uint32_t s = 0; s < n_; ++s) {
    const bool seen = !(cut_short && c == last_cycle);
    r.busy[s] = seen ? 1 : 0;
    if (!seen && s == d_ + 1) r.unit = kNoUnit;
    const uint64_t next = s + 1 < n_ ? r.enter[s + 1] : 0;
    const uint64_t to = next != 0 ? next - 1 : last_cycle;
    for (; c <= to; ++c) cycles_[c & (kCycles - 1)].cells[s].seq = r.seq;
    if (next == 0) break;
  }
  if (end == End::Flushed) {  // squashed in its last cycle: there until the flush
    Cell& cell = cycles_[last_cycle & (kCycles - 1)].cells[last_stage(r)];
    cell.seq = kNoSeq;
    cell.flushed = r.seq;
  }
  if (end == End::Retired) cycles_[last_cycle & (kCycles - 1)].retired = r.seq;
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
// retiring from the last stage (advance()). With `last` (the halt) those are left to the caller.
void TraceBuilder::publish(uint64_t c, bool last) {
  Cycle& cy = cycles_[c & (kCycles - 1)];
  const std::array<SlotView, kMaxStages>& prev_ = views_[now_ ^ 1];
  std::array<SlotView, kMaxStages>& views = views_[now_];
  for (uint32_t s = 0; s < n_; ++s) {
    const Cell& cell = cy.cells[s];
    SlotView v;
    if (cell.seq != kNoSeq) {
      // A stage not held publishes the cause of an empty Hold (Raw); decode's hold: below.
      v = SlotView{cell.seq, StallCause::Raw, false};
    } else if (s < cy.flush_stage) {
      v = SlotView{kNoSeq, StallCause::Control, false};  // flush_younger()
    } else if (prev_held_ && s < d_) {
      v = prev_[s];  // frozen behind the held decode stage
    } else if (s == 0) {
      v = SlotView{kNoSeq, StallCause::Control, false};  // fetch stopped (a faulting jump)
    } else if (prev_held_ && s == d_ + 1) {
      v = SlotView{kNoSeq, prev_cause_, false};  // the bubble a held decode sends ahead
    } else {
      v = SlotView{kNoSeq, prev_[s - 1].cause, false};  // the bubble moves on
    }
    views[s] = v;
  }
  if (cy.held && cy.cells[d_].seq != kNoSeq) {
    views[d_].cause = cy.held_cause;
    views[d_].stalled = true;
  }
  events_.clear();
  squashed_.clear();
  // Most cycles have no stall and no flush: their events go as they are.
  const bool merge = cy.has_stall || cy.flush_stage != 0;
  if (cy.has_stall) events_.push_back(cy.stall);
  for (size_t i = 0; merge && i <= cy.events.size(); ++i) {
    if (cy.flush_stage != 0 && i == cy.flush_at) {
      for (uint32_t s = 0; s < cy.flush_stage; ++s) {
        const uint64_t seq = cy.cells[s].flushed;
        if (seq == kNoSeq) continue;
        events_.push_back(Event{EventKind::Flush, StallCause::Control, s, 0, seq, cy.flush_by});
        squashed_.push_back(seq);
      }
    }
    if (i < cy.events.size()) events_.push_back(cy.events[i]);
  }
  CycleRecord rec{c,
                  std::span<const SlotView>(views.data(), n_),
                  merge ? std::span<const Event>(events_) : std::span<const Event>(cy.events),
                  {}};
  for (TraceSink* sink : sinks_) sink->on_cycle(rec);
  for (uint64_t seq : squashed_) {
    Pending& p = pending(seq);
    p.published = true;
    send(p.rec);
  }
  if (!last && cy.retired != kNoSeq) {
    Pending& p = pending(cy.retired);
    p.published = true;
    send(p.rec);
  }
  while (first_seq_ < next_seq_ && pending(first_seq_).published) ++first_seq_;
  now_ ^= 1;
  prev_held_ = cy.cells[d_].seq != kNoSeq && cy.held;
  prev_cause_ = cy.held_cause;
  cy.cells.fill(Cell{});  // the ring entry is reused (its vectors keep room)
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
