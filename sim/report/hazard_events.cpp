// HazardEvents: built once from the recorded cycles. A Stall event is published with the
// cycle in which the held instruction stays where it is (its diagram cell S).
#include "sim/report/hazard_events.hpp"

namespace pipesim::report {

HazardEvents::HazardEvents(const report::Recorder& rec) {
  for (const report::RecordedCycle& c : rec.cycles()) {
    for (const Event& e : c.events) {
      if (e.kind == EventKind::Stall) {
        stall_at_.emplace(std::make_pair(e.seq, c.cycle), stalls_.size());
        stalls_in_cycle_[c.cycle].push_back(stalls_.size());
        stalls_.emplace_back(c.cycle, e);
      } else if (e.kind == EventKind::Flush) {
        flush_of_.emplace(e.seq, flushes_.size());
        flushes_.emplace_back(c.cycle, e);
      } else if (e.kind == EventKind::Redirect) {
        redirect_of_.emplace(e.seq, e);
      }
    }
  }
}

const Event* HazardEvents::stall(uint64_t seq, uint64_t cycle) const {
  auto it = stall_at_.find({seq, cycle});
  return it == stall_at_.end() ? nullptr : &stalls_[it->second].second;
}

const Event* HazardEvents::blocked_by(uint64_t seq, uint64_t cycle) const {
  auto it = stalls_in_cycle_.find(cycle);
  if (it == stalls_in_cycle_.end()) return nullptr;
  const Event* best = nullptr;
  for (std::size_t i : it->second) {
    const Event& e = stalls_[i].second;
    if (e.seq < seq && (!best || e.seq > best->seq)) best = &e;
  }
  return best;
}

const Event* HazardEvents::flush(uint64_t seq) const {
  auto it = flush_of_.find(seq);
  return it == flush_of_.end() ? nullptr : &flushes_[it->second].second;
}

const Event* HazardEvents::redirect(uint64_t seq) const {
  auto it = redirect_of_.find(seq);
  return it == redirect_of_.end() ? nullptr : &it->second;
}

}  // namespace pipesim::report
