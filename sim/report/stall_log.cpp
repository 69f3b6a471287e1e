// Per-instruction stall spans from the cycle records' Stall events.
#include "sim/report/stall_log.hpp"

namespace pipesim::report {

void StallLog::log(const CycleRecord& rec) {
  for (const Event& e : rec.events) {
    // A stall with no held instruction (fetch losing a shared memory port) belongs to no record.
    if (e.kind != EventKind::Stall || e.seq == kNoSeq) continue;
    // An instruction busy with its own multi-cycle work names itself as the producer: no producer.
    const uint64_t producer = e.other == e.seq ? kNoSeq : e.other;
    std::vector<StallSpan>& spans = log_.at(e.seq).spans;
    if (spans.empty()) {
      ++logged_;
    } else {
      StallSpan& last = spans.back();
      if (last.stage == e.stage && last.cause == e.cause && last.producer == producer &&
          last.reg == e.reg && last.reason == e.reason &&
          last.first_cycle + last.cycles == rec.cycle) {
        ++last.cycles;
        continue;
      }
    }
    spans.push_back(StallSpan{e.stage, e.cause, rec.cycle, 1, producer, e.reg, e.reason});
  }
}

std::span<const StallSpan> StallLog::take_logged(uint64_t seq) {
  Spans* s = log_.find(seq);
  if (!s) return {};
  --logged_;
  log_.erase(seq);  // the storage stays until the entry is reused by a later on_cycle
  return s->spans;
}

}  // namespace pipesim::report
