// Which two-issue machines the timing model covers (sim/pipe/timing_wide.cpp runs them;
// docs/timing-model.md "Two-issue machines"): the rules it reproduces, and no others.
#include "sim/pipe/timing_engine.hpp"

namespace pipesim::timing {

bool wide_supported(const PipelineConfig& c) {
  const IssueConfig& ic = c.issue;
  // Ripes' rules (control_last, system_alone, split_war, hazard_holds_group, younger_first_slot)
  // are all taken; the last only chooses among slots, which matters to nothing else here while
  // every forwarding path joins every lane.
  if (ic.width != 2 || !ic.cross_lane_forwarding) return false;
  // Static not-taken prediction only: fetch is sequential but for redirects.
  if (c.branches.policy != BranchPolicy::NotTaken) return false;
  // One fetch stage, one or two decode stages (the second: Ripes' II), one execute stage
  // (one-cycle units are never shared by the slots).
  const uint32_t d = c.last_of(StageRole::Decode);
  if (c.first_of(StageRole::Decode) != 1 || d > 2 || c.last_of(StageRole::Execute) != d + 1)
    return false;
  // The end stage is the last: an earlier one (QtRVSim's convention, end_stage=MEM) has write-backs
  // after the end, which this engine does not model (the cycle model runs those machines).
  if (c.end_stage + 1 != c.stages.size()) return false;
  // Resolved in decode or execute: what is flushed is never past decode but for the partner.
  for (uint32_t s : {c.branches.resolve_stage, c.branches.jal_stage, c.branches.jalr_stage})
    if (s != d && s != d + 1) return false;
  // Ripes' ecall (in the first execute stage, timing_model_supports) is held in decode while it
  // waits for the writers ahead of it: it must issue alone, as the oldest of decode; one that
  // returns goes straight on (`ecall.flush` is not modelled here).
  if (c.ecall_stage() != c.end_stage && (!ic.system_alone || c.ecall.flush)) return false;
  return true;
}

}  // namespace pipesim::timing
