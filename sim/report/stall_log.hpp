// Gathers each in-flight instruction's stalls from the cycle records (the model's Stall events:
// the instruction was held in a stage and a bubble went on ahead of it), merged into spans of
// consecutive cycles, until the instruction's own record arrives. Bounded by the instructions in
// flight. Shared by the JSON, JSONL and Chrome writers.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "sim/pipe/events.hpp"
#include "sim/report/in_flight.hpp"

namespace pipesim::report {

struct StallSpan {
  uint32_t stage = 0;
  StallCause cause = StallCause::Raw;
  uint64_t first_cycle = 0;
  uint64_t cycles = 0;
  uint64_t producer = kNoSeq;  // the instruction it waited for (kNoSeq: none, e.g. structural)
  uint8_t reg = 0;             // the register it waited for (0: none)
  IssueReason reason = IssueReason::None;  // cause Issue: the pairing rule
};

class StallLog {
 public:
  // Most cycles have no stall: a look at their events' kinds is all they cost.
  void on_cycle(const CycleRecord& rec) {
    for (const Event& e : rec.events)
      if (e.kind == EventKind::Stall) return log(rec);
  }
  // The stalls of `seq`, forgotten afterwards: the span stays valid until the next on_cycle.
  // Most instructions never stall: while no instruction in flight has a stall (`logged_`), there
  // is nothing to look up.
  std::span<const StallSpan> take(uint64_t seq) {
    if (logged_ == 0) return {};
    return take_logged(seq);
  }

 private:
  void log(const CycleRecord& rec);
  std::span<const StallSpan> take_logged(uint64_t seq);
  std::size_t logged_ = 0;  // instructions with an entry in log_
  struct Spans {
    std::vector<StallSpan> spans;
    void reset() { spans.clear(); }
  };
  InFlight<Spans> log_;
};

}  // namespace pipesim::report
