#include "sim/config/config_describe.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <vector>

namespace pipesim {
namespace {

std::string stage_name(const PipelineConfig& c, uint32_t s) {
  return s < c.stages.size() ? c.stages[s].name : "?";
}

std::string joined(const std::vector<std::string>& parts, const char* separator) {
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : separator) + p;
  return out;
}

// The paths "forwarding": "full" gives (config_validate.cpp, add_full_forwarding), so that a
// preset's full forwarding is called that and not listed path by path.
bool is_full_forwarding(const PipelineConfig& c) {
  const uint32_t first_exec = c.first_of(StageRole::Execute);
  const uint32_t last_decode = c.last_of(StageRole::Decode);
  const uint32_t last = static_cast<uint32_t>(c.stages.size() - 1);
  std::vector<ForwardPath> full;
  for (uint32_t s = first_exec; s < last; ++s) full.push_back({s, first_exec});
  const bool decode_reads = c.stages[c.branches.resolve_stage].role == StageRole::Decode ||
                            c.stages[c.branches.jalr_stage].role == StageRole::Decode;
  if (decode_reads)
    for (uint32_t s = first_exec; s < last; ++s) full.push_back({s, last_decode});
  return c.forwarding == full;
}

std::string forwarding_text(const PipelineConfig& c) {
  if (c.forwarding.empty()) return "no forwarding";
  std::string text;
  if (is_full_forwarding(c)) {
    text = "full forwarding";
  } else {
    // "forwarding from EX, MEM into EX": the paths grouped by the stage they feed.
    std::map<uint32_t, std::vector<std::string>> sources;
    for (const ForwardPath& p : c.forwarding) sources[p.to].push_back(stage_name(c, p.from));
    std::vector<std::string> groups;
    for (const auto& [to, from] : sources)
      groups.push_back(fmt::format("from {} into {}", joined(from, ", "), stage_name(c, to)));
    text = "forwarding " + joined(groups, " and ");
  }
  if (c.lane_restricted_forwarding()) text += " (not between every pair of lanes)";
  if (c.forwarded_operands == ForwardedOperands::Alu) text += " (ALU inputs only)";
  return text;
}

std::string predictor_text(const BranchConfig& b) {
  switch (b.policy) {
    case BranchPolicy::Stall:
      return "fetch stalls on every branch and jump";
    case BranchPolicy::NotTaken:
      return b.redirect_taken ? "predict not-taken (a taken branch always redirects fetch)"
                              : "predict not-taken";
    case BranchPolicy::Taken:
      return "predict taken";
    case BranchPolicy::Btfn:
      return "predict backward taken, forward not taken";
    case BranchPolicy::OneBit:
    case BranchPolicy::TwoBit:
      return fmt::format("{} predictor at fetch ({}-entry table, {}-entry BTB)",
                         policy_name(b.policy), b.bht_entries, b.btb_entries);
  }
  return policy_name(b.policy);
}

std::string issue_text(const IssueConfig& issue) {
  switch (issue.alignment) {
    case PacketAlignment::Any:
      return fmt::format("{}-wide in-order issue of any consecutive instructions", issue.width);
    case PacketAlignment::Aligned:
      return fmt::format("{}-wide in-order issue of packets aligned to {} bytes", issue.width,
                         4 * issue.width);
    case PacketAlignment::Packet:
      return fmt::format("{}-wide in-order issue of fetch packets that never merge", issue.width);
  }
  return fmt::format("{}-wide in-order issue", issue.width);
}

// The parts only a pipelined machine has: hazards, forwarding, branches, the end of a run.
void add_pipeline_parts(const PipelineConfig& c, std::vector<std::string>& parts) {
  if (c.issue.width > 1) parts.push_back(issue_text(c.issue));
  if (!c.hazard_detection) parts.push_back("no hazard detection");
  parts.push_back(forwarding_text(c));
  parts.push_back(c.split_phase_regfile ? "split-phase register file"
                                        : "no split-phase register file");
  const BranchConfig& b = c.branches;
  std::string branches = fmt::format("branches resolved in {}", stage_name(c, b.resolve_stage));
  if (b.jal_stage != b.resolve_stage || b.jalr_stage != b.resolve_stage)
    branches += fmt::format(" (jal in {}, jalr in {})", stage_name(c, b.jal_stage),
                            stage_name(c, b.jalr_stage));
  parts.push_back(branches);
  parts.push_back(predictor_text(b));
  if (c.end_stage + 1 != c.stages.size())
    parts.push_back(
        fmt::format("a run ends with its halting instruction in {}", stage_name(c, c.end_stage)));
  if (!c.default_ecall())
    parts.push_back(fmt::format("ecall performed in {}", stage_name(c, c.ecall_stage())));
}

std::string unit_text(const FunctionalUnit& u) {
  std::string text = fmt::format("{} ({} cycle{}{})", u.name, u.latency, u.latency == 1 ? "" : "s",
                                 u.pipelined ? "" : ", busy until done");
  return u.count > 1 ? fmt::format("{} x{}", text, u.count) : text;
}

std::string cache_text(const char* name, const CacheConfig& k, bool data) {
  const std::string mapping =
      k.ways == 1 ? "direct-mapped"
                  : fmt::format("{}-way {}", k.ways, replacement_name(k.replacement));
  return fmt::format("{} B {} {} ({}-byte lines, {}-cycle hit, {}-cycle miss penalty{})",
                     k.size_bytes, mapping, name, k.line_bytes, k.hit_latency, k.miss_penalty,
                     data ? std::string(", ") + write_policy_name(k.write_policy) : "");
}

// Units and memory, when they are not the plainest (one one-cycle ALU, one-cycle memory, no
// caches).
void add_unit_and_memory_parts(const PipelineConfig& c, std::vector<std::string>& parts) {
  const auto plain_alu = [](const FunctionalUnit& u) {
    return u.classes == kAllOpClasses && u.latency == 1 && u.pipelined && u.count == 1;
  };
  if (c.kind != MachineKind::SingleCycle &&
      (c.functional_units.size() != 1 || !plain_alu(c.functional_units[0]) ||
       c.execute == ExecuteMode::Parallel)) {
    std::vector<std::string> units;
    for (const FunctionalUnit& u : c.functional_units) units.push_back(unit_text(u));
    parts.push_back(
        fmt::format("{} execute with units {}", execute_mode_name(c.execute), joined(units, ", ")));
  }
  const MemoryConfig& m = c.memory;
  if (m.unified_memory_port) parts.push_back("one memory port shared by fetch and data");
  if (m.icache.enabled) parts.push_back(cache_text("instruction cache", m.icache, false));
  if (m.dcache.enabled) parts.push_back(cache_text("data cache", m.dcache, true));
  if (m.instruction_latency != 1 || m.data_latency != 1)
    parts.push_back(fmt::format("memory latency {} cycles for fetch, {} for data",
                                m.instruction_latency, m.data_latency));
  if (m.misaligned == Misaligned::Allow) parts.push_back("misaligned loads and stores allowed");
  if (c.program_end == ProgramEnd::Drain)
    parts.push_back("the program ends by running off its code");
}

}  // namespace

std::string describe_machine(const PipelineConfig& c) {
  std::vector<std::string> stage_names;
  for (const StageConfig& s : c.stages) stage_names.push_back(s.name);
  const std::string stages = joined(stage_names, " ");
  std::vector<std::string> parts;
  switch (c.kind) {
    case MachineKind::Pipelined:
      parts.push_back(fmt::format("{}-stage pipeline ({})", c.stages.size(), stages));
      break;
    case MachineKind::SingleCycle:
      parts.push_back(fmt::format("single-cycle machine ({})", stages));
      break;
    case MachineKind::MultiCycle: {
      // class_stages: each instruction class walks its own stages (Ripes' multi-cycle FSM).
      const bool per_class = std::any_of(c.class_stages.begin(), c.class_stages.end(),
                                         [](uint32_t stages_of_class) { return stages_of_class; });
      parts.push_back(fmt::format("multi-cycle machine ({}){}", stages,
                                  per_class ? ", stages chosen per instruction class" : ""));
      break;
    }
  }
  parts.push_back(fmt::format("{} ps clock", c.clock_period_ps()));
  if (c.kind == MachineKind::Pipelined) add_pipeline_parts(c, parts);
  add_unit_and_memory_parts(c, parts);
  return joined(parts, ", ");
}

}  // namespace pipesim
