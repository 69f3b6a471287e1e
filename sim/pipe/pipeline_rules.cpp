#include "sim/pipe/pipeline_rules.hpp"

namespace pipesim {

unsigned predictor_bits(BranchPolicy policy) {
  return policy == BranchPolicy::OneBit ? 1 : policy == BranchPolicy::TwoBit ? 2 : 0;
}

BranchPredictor make_predictor(const BranchConfig& b) {
  return BranchPredictor(predictor_bits(b.policy), b.bht_entries, b.btb_entries, b.bht_initial);
}

PipelineRules::PipelineRules(const PipelineConfig& c)
    : num_stages(static_cast<uint32_t>(c.stages.size())),
      last_decode(c.last_of(StageRole::Decode)),
      first_execute(c.first_of(StageRole::Execute)),
      last_execute(c.last_of(StageRole::Execute)),
      first_memory(c.first_of(StageRole::Memory)),
      last_memory(c.last_of(StageRole::Memory)),
      writeback(c.first_of(StageRole::Writeback)),
      end_stage(c.end_stage),
      branches_(c.branches),
      split_phase_regfile_(c.split_phase_regfile) {
  for (const ForwardPath& f : c.forwarding)
    if (f.to < kMaxStages && f.from < kMaxStages)
      lane_forward_[f.to][f.from] = c.forward_lanes(f.from, f.to);
}

}  // namespace pipesim
