// Recorder: copies what the model publishes so renderers can read it after the run.
#include "sim/report/recorder.hpp"

#include <algorithm>

namespace pipesim::report {

uint64_t first_cycle(const InsnRecord& rec) {
  uint64_t first = 0;
  for (uint64_t c : rec.enter)
    if (c != 0 && (first == 0 || c < first)) first = c;
  return first;
}

void Recorder::on_cycle(const CycleRecord& rec) {
  final_cycle_ = std::max(final_cycle_, rec.cycle);
  if (!options_.keep_cycles || !in_window(rec.cycle, rec.cycle)) return;
  cycles_.push_back(RecordedCycle{rec.cycle,
                                  {rec.stages.begin(), rec.stages.end()},
                                  {rec.events.begin(), rec.events.end()},
                                  rec.width});
}

void Recorder::on_instruction(const InsnRecord& rec) {
  final_cycle_ = std::max(final_cycle_, rec.last_cycle);
  if (!options_.keep_instructions) return;
  const uint64_t first = first_cycle(rec);
  if (!in_window(first == 0 ? rec.last_cycle : first, rec.last_cycle)) return;
  if (!insns_.empty() && insns_.back().seq > rec.seq) sorted_ = false;
  insns_.push_back(rec);
}

const std::vector<InsnRecord>& Recorder::instructions() const {
  if (!sorted_) {
    std::stable_sort(insns_.begin(), insns_.end(),
                     [](const InsnRecord& a, const InsnRecord& b) { return a.seq < b.seq; });
    sorted_ = true;
  }
  return insns_;
}

const InsnRecord* Recorder::find(uint64_t seq) const {
  const std::vector<InsnRecord>& v = instructions();
  auto it = std::lower_bound(v.begin(), v.end(), seq,
                             [](const InsnRecord& r, uint64_t s) { return r.seq < s; });
  return it != v.end() && it->seq == seq ? &*it : nullptr;
}

}  // namespace pipesim::report
