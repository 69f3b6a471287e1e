// timing_model_supports(), the one place that says which machines the fast timing model runs
// (docs/timing-model.md, "When it is used"), and the forwarding question its engine asks once.
#include "sim/pipe/timing_engine.hpp"
#include "sim/pipe/timing_model.hpp"
#include "sim/pipe/timing_no_interlocks.hpp"

namespace pipesim {

bool timing_model_supports(const PipelineConfig& c) {
  if (!c.hazard_detection) return timing::no_interlocks_supported(c);
  if (c.execute == ExecuteMode::Parallel) return timing::parallel_supported(c);
  if (c.kind != MachineKind::Pipelined || c.execute != ExecuteMode::Blocking ||
      c.forwarded_operands != ForwardedOperands::All)
    return false;
  // Two-issue machines: the rules timing_wide_supported.cpp takes, then the scalar ones below.
  const bool wide = c.issue.width != 1;
  if (wide && !timing::wide_supported(c)) return false;
  const auto n = static_cast<uint32_t>(c.stages.size());
  if (n < 3 || n > kMaxStages) return false;
  const uint32_t d = c.last_of(StageRole::Decode);
  const uint32_t fe = c.first_of(StageRole::Execute);
  if (d >= n || fe != d + 1 || c.first_of(StageRole::Fetch) != 0) return false;
  // Every stage but the first execute stage takes one cycle: the only holds are data hazards in
  // decode and, on one-issue machines, a multi-cycle unit holding the first execute stage
  // (blocking execute) or an ecall waiting there (Ripes' rule).
  const uint32_t exec_stages = c.last_of(StageRole::Execute) - fe + 1;
  PipelineConfig units = c;
  fill_default_units(units);
  for (const FunctionalUnit& u : units.functional_units)
    if (u.latency < exec_stages || (wide && u.latency != exec_stages)) return false;
  // Ripes' ecall: in the first execute stage, after the register writers have left; the ALU
  // class (which ecall belongs to) takes one cycle there, so the wait is its only hold.
  // An ecall configured in the end stage follows pipesim's rule whatever its other keys say.
  if (c.ecall_stage() != c.end_stage &&
      (c.ecall_stage() != fe || !c.ecall.wait_for_writers ||
       units.functional_units[units.unit_for(isa::Unit::System)].latency != exec_stages))
    return false;
  // Memory that holds a stage (timing_memory.hpp): on machines shaped like 5-stage, and not
  // together with the other holds of the first execute stage (multi-cycle units, Ripes' ecall):
  // the two recurrences are not composed (docs/timing-model.md).
  if (timing::memory_can_hold(c.memory)) {
    if (!timing::memory_timing_supported(c) || c.ecall_stage() != c.end_stage) return false;
    for (const FunctionalUnit& u : units.functional_units)
      if (u.latency != exec_stages) return false;
  }
  const BranchConfig& b = c.branches;
  if (b.policy != BranchPolicy::NotTaken && b.policy != BranchPolicy::OneBit &&
      b.policy != BranchPolicy::TwoBit)
    return false;
  if (c.end_stage <= d || c.end_stage >= n) return false;
  for (uint32_t s : {b.resolve_stage, b.jal_stage, b.jalr_stage})
    if (s < d || s > c.end_stage) return false;
  for (const ForwardPath& f : c.forwarding)
    if (f.to != d && f.to != fe) return false;
  if (c.lane_restricted_forwarding()) return false;  // paths joining only some issue slots
  return true;
}

namespace timing {

bool nearest_producer_decides(const PipelineRules& rules, bool in_decode, uint32_t nearest) {
  const uint32_t to = in_decode ? rules.last_decode : rules.first_execute;
  for (uint32_t where = nearest + 1; where < rules.num_stages; ++where)
    if (rules.forwards_from_stage(where, to) && !rules.forwards_from_stage(where - 1, to))
      return false;
  return true;
}

}  // namespace timing
}  // namespace pipesim
