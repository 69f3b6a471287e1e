// Which two-issue machines the timing model covers (sim/pipe/timing_wide.cpp runs them;
// docs/timing-model.md "Two-issue machines"): the rules it reproduces, and no others.
#include "sim/pipe/timing_engine.hpp"

namespace pipesim::timing {

bool wide_supported(const PipelineConfig& c) {
  const IssueConfig& ic = c.issue;
  if (ic.width != 2 || ic.control_last || ic.system_alone || ic.split_war ||
      ic.hazard_holds_group || ic.younger_first_slot || !ic.cross_lane_forwarding)
    return false;
  if (ic.alignment != PacketAlignment::Aligned && ic.alignment != PacketAlignment::Any)
    return false;
  // Static not-taken prediction only: fetch is sequential but for redirects.
  // Redirects happen only when the target differs from pc + 4 (not Ripes' redirect on every
  // taken one, `branches.redirect_taken`).
  if (c.branches.policy != BranchPolicy::NotTaken || c.branches.redirect_taken) return false;
  // One fetch stage, one execute stage (one-cycle units are never shared by the slots).
  const uint32_t d = c.last_of(StageRole::Decode);
  if (d != 1 || c.last_of(StageRole::Execute) != d + 1) return false;
  // The end stage is the last: with an earlier one the cycle model runs fibonacci.s on 2-wide-any
  // into a loop (found by this engine's comparison; left to the cycle model's owner).
  if (c.end_stage + 1 != c.stages.size()) return false;
  // Resolved in decode or execute: what is flushed is never past decode but for the partner.
  for (uint32_t s : {c.branches.resolve_stage, c.branches.jal_stage, c.branches.jalr_stage})
    if (s != d && s != d + 1) return false;
  return true;
}

}  // namespace pipesim::timing
