// Names of stages, lanes and units for the trace writers.
#include "sim/report/trace_layout.hpp"

namespace pipesim::report {

TraceLayout::TraceLayout(const PipelineConfig& config) {
  for (const StageConfig& s : config.stages) stages.push_back(s.name);
  if (config.execute == ExecuteMode::Parallel)
    for (const UnitLane& l : config.unit_lanes()) lanes.push_back(l.name);
  for (const FunctionalUnit& u : config.functional_units) units.push_back(u.name);
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
