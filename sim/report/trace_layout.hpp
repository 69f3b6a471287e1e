// What every trace writer needs to name things: the stages and (parallel execute mode) the
// functional-unit lanes of a configuration, and the functional units. Built once per run.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/config/config.hpp"
#include "sim/pipe/events.hpp"

namespace pipesim::report {

struct TraceLayout {
  explicit TraceLayout(const PipelineConfig& config);

  std::vector<std::string> stages;  // stage names, in order
  std::vector<std::string> lanes;   // unit-lane names (parallel execute mode only, else empty)
  std::vector<std::string> units;   // functional-unit names
  uint32_t width = 1;               // issue width: positions per stage in a CycleRecord
  // A "position" is a stage (0 .. stages-1) or a lane (stages .. stages+lanes-1): the places an
  // instruction can occupy during a cycle.
  std::size_t positions() const { return stages.size() + lanes.size(); }
  const std::string& position_name(std::size_t p) const {
    return p < stages.size() ? stages[p] : lanes[p - stages.size()];
  }
  // The stage name, or "?" for an out-of-range index.
  const std::string& stage_name(uint32_t s) const;

  // Superscalar machines (width > 1). A CycleRecord has `width` entries per stage: "slot index"
  // f = stage * width + position, then the unit lanes; for width 1 it is the position above.
  uint32_t issue_stage = 0;  // the last decode stage, where instructions issue to their slots
  std::size_t slot_indices() const { return stages.size() * width + lanes.size(); }
  // A track of a viewer (Chrome trace): one per stage and position, the unit lanes after them.
  // From the stage after issue on, track k of a stage is issue slot k (an instruction keeps its
  // slot to the end); before it, the k-th position, oldest first.
  std::size_t track_of(std::size_t slot_index, uint32_t lane) const;
  std::string track_name(std::size_t track) const;  // "EX", "EX.1" (width > 1), a lane's name
};

// The stage an instruction entered last (0 if none). An instruction squashed by a flush in cycle N
// is already gone from cycle N's record, yet it spent cycle N there (its last_cycle is N; it may
// have entered that stage in N).
uint32_t last_entered_stage(const InsnRecord& rec, std::size_t stages);

}  // namespace pipesim::report
