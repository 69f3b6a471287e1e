// An index over a recorded run's stall, flush and redirect events, to answer "why is this
// instruction where it is in this cycle?" for the grader and the explainer.
#pragma once

#include <cstdint>
#include <map>
#include <utility>
#include <vector>

#include "sim/pipe/events.hpp"
#include "sim/report/recorder.hpp"

namespace pipesim::report {

class HazardEvents {
 public:
  explicit HazardEvents(const report::Recorder& rec);

  // The Stall event holding `seq` in `cycle` (the cycle its diagram row shows S), or nullptr.
  const Event* stall(uint64_t seq, uint64_t cycle) const;
  // The stall of an older instruction that freezes `seq` in `cycle` (the nearest one ahead of
  // it), or nullptr.
  const Event* blocked_by(uint64_t seq, uint64_t cycle) const;
  // The Flush event that squashed `seq`, or nullptr.
  const Event* flush(uint64_t seq) const;
  // The Redirect event `seq` caused (a mispredicted or taken branch, a jump, a trap), or nullptr.
  const Event* redirect(uint64_t seq) const;

  // Every Stall and Flush event with its cycle, in cycle order.
  const std::vector<std::pair<uint64_t, Event>>& stalls() const { return stalls_; }
  const std::vector<std::pair<uint64_t, Event>>& flushes() const { return flushes_; }

 private:
  std::vector<std::pair<uint64_t, Event>> stalls_, flushes_;
  std::map<std::pair<uint64_t, uint64_t>, std::size_t> stall_at_;  // (seq, cycle) -> stalls_
  std::map<uint64_t, std::vector<std::size_t>> stalls_in_cycle_;   // cycle -> stalls_
  std::map<uint64_t, std::size_t> flush_of_;                       // seq -> flushes_
  std::map<uint64_t, Event> redirect_of_;                          // seq -> its first redirect
};

}  // namespace pipesim::report
