// Names of stages, lanes and units for the trace writers.
#include "sim/report/trace_layout.hpp"

namespace pipesim::report {

TraceLayout::TraceLayout(const PipelineConfig& config) {
  for (const StageConfig& s : config.stages) stages.push_back(s.name);
  if (config.execute == ExecuteMode::Parallel)
    for (const UnitLane& l : config.unit_lanes()) lanes.push_back(l.name);
  for (const FunctionalUnit& u : config.functional_units) units.push_back(u.name);
  width = config.issue.width;
  for (uint32_t i = 0; i < config.stages.size(); ++i)
    if (config.stages[i].role == StageRole::Decode) issue_stage = i;
}

std::size_t TraceLayout::track_of(std::size_t slot_index, uint32_t lane) const {
  const std::size_t staged = stages.size() * width;
  if (width == 1 || slot_index >= staged) return slot_index;
  const std::size_t stage = slot_index / width;
  return stage > issue_stage ? stage * width + lane : slot_index;
}

std::string TraceLayout::track_name(std::size_t track) const {
  const std::size_t staged = stages.size() * width;
  if (track >= staged) return lanes[track - staged];
  const std::size_t k = track % width;
  return k == 0 ? stages[track / width] : stages[track / width] + "." + std::to_string(k);
}

const std::string& TraceLayout::stage_name(uint32_t s) const {
  static const std::string unknown = "?";
  return s < stages.size() ? stages[s] : unknown;
}

uint32_t last_entered_stage(const InsnRecord& rec, std::size_t stages) {
  uint32_t last = 0;
  for (uint32_t i = 0; i < stages && i < kMaxStages; ++i)
    if (rec.enter[i] != 0 && rec.enter[i] >= rec.enter[last]) last = i;
  return last;
}

}  // namespace pipesim::report
