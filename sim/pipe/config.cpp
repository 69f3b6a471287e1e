// Derived values of a PipelineConfig (stage lookups, forwarding queries, clock period) and the
// names of its enums as they are spelled in JSON. Loading and validation are in config_load.cpp.
#include "sim/pipe/config.hpp"

#include <algorithm>

namespace pipesim {

uint32_t PipelineConfig::first_of(StageRole r) const {
  for (size_t i = 0; i < stages.size(); ++i)
    if (stages[i].role == r) return static_cast<uint32_t>(i);
  return static_cast<uint32_t>(stages.size());
}

uint32_t PipelineConfig::last_of(StageRole r) const {
  for (size_t i = stages.size(); i-- > 0;)
    if (stages[i].role == r) return static_cast<uint32_t>(i);
  return static_cast<uint32_t>(stages.size());
}

bool PipelineConfig::forwards(uint32_t from, uint32_t to) const {
  return std::any_of(forwarding.begin(), forwarding.end(),
                     [&](const ForwardPath& p) { return p.from == from && p.to == to; });
}

// Pipelined and multi-cycle machines are clocked by their slowest stage plus the pipeline
// register; a single-cycle machine's one cycle must fit the longest instruction, a load, which
// passes through every stage, plus the register it writes at the end of the cycle. Sums are
// computed in 64 bits; validation keeps them within 32.
uint32_t PipelineConfig::clock_period_ps() const {
  uint64_t logic = 0;
  for (const StageConfig& s : stages) {
    if (kind == MachineKind::SingleCycle)
      logic += s.latency_ps;
    else
      logic = std::max<uint64_t>(logic, s.latency_ps);
  }
  return static_cast<uint32_t>(logic + latch_overhead_ps);
}

const char* role_name(StageRole r) {
  switch (r) {
    case StageRole::Fetch:
      return "fetch";
    case StageRole::Decode:
      return "decode";
    case StageRole::Execute:
      return "execute";
    case StageRole::Memory:
      return "memory";
    case StageRole::Writeback:
      return "writeback";
  }
  return "?";
}

const char* policy_name(BranchPolicy p) {
  switch (p) {
    case BranchPolicy::Stall:
      return "stall";
    case BranchPolicy::NotTaken:
      return "not-taken";
    case BranchPolicy::Taken:
      return "taken";
    case BranchPolicy::Btfn:
      return "btfn";
    case BranchPolicy::OneBit:
      return "1-bit";
    case BranchPolicy::TwoBit:
      return "2-bit";
  }
  return "?";
}

const char* kind_name(MachineKind k) {
  switch (k) {
    case MachineKind::Pipelined:
      return "pipelined";
    case MachineKind::SingleCycle:
      return "single-cycle";
    case MachineKind::MultiCycle:
      return "multi-cycle";
  }
  return "?";
}

}  // namespace pipesim
