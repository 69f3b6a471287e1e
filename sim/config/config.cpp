// Derived values of a PipelineConfig (stage lookups, forwarding queries, clock period) and the
// names of its enums as they are spelled in JSON. Loading and validation: config_load.hpp.
#include "sim/config/config.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string>

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

uint16_t PipelineConfig::forward_lanes(uint32_t from, uint32_t to) const {
  uint16_t pairs = 0;
  for (const ForwardPath& p : forwarding) {
    if (p.from != from || p.to != to) continue;
    for (uint32_t a = 0; a < kMaxIssueWidth; ++a)
      for (uint32_t b = 0; b < kMaxIssueWidth; ++b)
        if (p.joins(a, b) && (issue.cross_lane_forwarding || a == b))
          pairs = static_cast<uint16_t>(pairs | 1u << (a * kMaxIssueWidth + b));
  }
  return pairs;
}

bool PipelineConfig::lane_restricted_forwarding() const {
  if (issue.width <= 1) return false;
  uint16_t every = 0;  // every pair of the machine's lanes
  for (uint32_t a = 0; a < issue.width; ++a)
    for (uint32_t b = 0; b < issue.width; ++b)
      every = static_cast<uint16_t>(every | 1u << (a * kMaxIssueWidth + b));
  return std::any_of(forwarding.begin(), forwarding.end(), [&](const ForwardPath& p) {
    return (forward_lanes(p.from, p.to) & every) != every;
  });
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
  if (kind == MachineKind::SingleCycle && !functional_units.empty()) {
    // The one cycle must also fit the slowest functional unit: its extra cycles of execute.
    const uint32_t first = first_of(StageRole::Execute), last = last_of(StageRole::Execute);
    uint32_t slowest = 0;
    for (const FunctionalUnit& f : functional_units) slowest = std::max(slowest, f.latency);
    if (last < stages.size() && slowest > last - first + 1)
      logic += uint64_t{slowest - (last - first + 1)} * stages[last].latency_ps;
  }
  return static_cast<uint32_t>(logic + latch_overhead_ps);
}

OpClass op_class(isa::Unit u) {
  switch (u) {
    case isa::Unit::Mul:
      return OpClass::Mul;
    case isa::Unit::Div:
      return OpClass::Div;
    case isa::Unit::Load:
    case isa::Unit::Store:
      return OpClass::Mem;
    case isa::Unit::Branch:
    case isa::Unit::Jump:
      return OpClass::Branch;
    case isa::Unit::Alu:
    case isa::Unit::System:
      break;
  }
  return OpClass::Alu;
}

uint32_t PipelineConfig::unit_for(isa::Unit u) const {
  const auto bit = static_cast<uint8_t>(op_class(u));
  for (size_t i = 0; i < functional_units.size(); ++i)
    if (functional_units[i].classes & bit) return static_cast<uint32_t>(i);
  return 0;  // validation guarantees a unit for every class
}

std::string PipelineConfig::lane_name(uint32_t unit, uint32_t instance, uint32_t position) const {
  const FunctionalUnit& f = functional_units[unit];
  // fmt rather than string concatenation: GCC 12 -O3 warns falsely (-Wrestrict) on the latter.
  const bool positions = f.pipelined && f.latency > 1;
  const std::string copy =
      f.count > 1 ? fmt::format("#{}{}", instance + 1, positions ? "." : "") : std::string();
  return positions ? fmt::format("{}{}{}", f.name, copy, position + 1)
                   : fmt::format("{}{}", f.name, copy);
}

std::vector<UnitLane> PipelineConfig::unit_lanes() const {
  std::vector<UnitLane> lanes;
  for (uint32_t u = 0; u < functional_units.size(); ++u) {
    const FunctionalUnit& f = functional_units[u];
    const uint32_t positions = f.pipelined ? f.latency : 1;
    for (uint32_t i = 0; i < f.count; ++i)
      for (uint32_t p = 0; p < positions; ++p)
        lanes.push_back(UnitLane{lane_name(u, i, p), u, i, p});
  }
  return lanes;
}

void fill_default_units(PipelineConfig& c) {
  if (!c.functional_units.empty()) return;
  const uint32_t first = c.first_of(StageRole::Execute), last = c.last_of(StageRole::Execute);
  const uint32_t stages = last < c.stages.size() ? last - first + 1 : 1;
  c.functional_units = {FunctionalUnit{"ALU", kAllOpClasses, stages, true, 1}};
}

PipelineConfig sequential_baseline(const PipelineConfig& c, MachineKind kind) {
  PipelineConfig b = c;
  b.kind = kind;
  b.issue = IssueConfig{};  // a sequential machine runs one instruction at a time
  b.name = fmt::format("{} ({})", c.name, kind_name(kind));
  b.description = fmt::format("{}; run {}", c.description, kind_name(kind));
  return b;
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

namespace pipesim {

const char* execute_mode_name(ExecuteMode m) {
  return m == ExecuteMode::Parallel ? "parallel" : "blocking";
}

const char* replacement_name(Replacement r) {
  switch (r) {
    case Replacement::Lru:
      return "lru";
    case Replacement::Fifo:
      return "fifo";
    case Replacement::Random:
      return "random";
  }
  return "?";
}

const char* write_policy_name(WritePolicy w) {
  return w == WritePolicy::WriteThrough ? "write-through" : "write-back";
}

const char* alignment_name(PacketAlignment a) {
  return a == PacketAlignment::Aligned  ? "aligned"
         : a == PacketAlignment::Packet ? "packet"
                                        : "any";
}

const char* program_end_name(ProgramEnd e) {
  return e == ProgramEnd::Drain ? "drain" : "fault";
}

const char* forwarded_operands_name(ForwardedOperands f) {
  return f == ForwardedOperands::Alu ? "alu" : "all";
}

const char* insn_class_name(InsnClass c) {
  static constexpr const char* kNames[kNumInsnClasses] = {"alu",    "auipc", "load", "store",
                                                          "branch", "jal",   "jalr", "system"};
  return kNames[static_cast<std::size_t>(c)];
}

InsnClass insn_class_of(const isa::Insn& insn) {
  switch (insn.op) {
    case isa::Op::Auipc:
      return InsnClass::Auipc;
    case isa::Op::Jal:
      return InsnClass::Jal;
    case isa::Op::Jalr:
      return InsnClass::Jalr;
    default:
      break;
  }
  switch (isa::info(insn.op).unit) {
    case isa::Unit::Load:
      return InsnClass::Load;
    case isa::Unit::Store:
      return InsnClass::Store;
    case isa::Unit::Branch:
      return InsnClass::Branch;
    case isa::Unit::System:
      // CSR reads write a register like an ALU instruction; ecall, ebreak and fences do not.
      return isa::writes_rd(isa::info(insn.op).fmt) ? InsnClass::Alu : InsnClass::System;
    default:
      return InsnClass::Alu;
  }
}

const char* misaligned_name(Misaligned m) {
  return m == Misaligned::Allow ? "allow" : "fault";
}

const char* op_class_name(OpClass c) {
  switch (c) {
    case OpClass::Alu:
      return "alu";
    case OpClass::Mul:
      return "mul";
    case OpClass::Div:
      return "div";
    case OpClass::Mem:
      return "mem";
    case OpClass::Branch:
      return "branch";
  }
  return "?";
}

}  // namespace pipesim
