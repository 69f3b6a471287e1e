// datapath: what a picture of the configured machine needs, derived from its PipelineConfig:
// the stages in order with their roles and latencies, the pipeline registers between them, the
// functional units, the forwarding paths the config enables, where branches and jumps resolve,
// the issue width. Stage indices are those of the HTML view's run data, whose "forwards" name
// the latch (the stage it ends) and the receiving stage by index: the page highlights the path
// {from, to} active at the cursor by matching them.
#include <string>
#include <vector>

#include "sim/config/config.hpp"
#include "web/api/ops.hpp"
#include "web/api/request_args.hpp"

namespace pipesim::web {
namespace {

Json op_classes(uint8_t bits) {
  static constexpr std::pair<OpClass, const char*> kNames[] = {{OpClass::Alu, "alu"},
                                                               {OpClass::Mul, "mul"},
                                                               {OpClass::Div, "div"},
                                                               {OpClass::Mem, "mem"},
                                                               {OpClass::Branch, "branch"}};
  Json out = Json::array();
  for (const auto& [c, name] : kNames)
    if (bits & static_cast<uint8_t>(c)) out.push_back(name);
  return out;
}

Json lanes(uint8_t bits, uint32_t width) {
  Json out = Json::array();
  for (uint32_t l = 0; l < width; ++l)
    if (bits >> l & 1) out.push_back(l);
  return out;
}

// The pipeline register at the end of stage `s`: "EX/MEM".
std::string latch_name(const PipelineConfig& c, uint32_t s) {
  return c.stages[s].name + "/" + (s + 1 < c.stages.size() ? c.stages[s + 1].name : "");
}

}  // namespace

Json datapath_op(const Json& request) {
  const PipelineConfig c = request_machine(request);
  const uint32_t n = static_cast<uint32_t>(c.stages.size());
  const bool pipelined = c.kind == MachineKind::Pipelined;
  const uint32_t first_ex = c.first_of(StageRole::Execute);

  Json units = Json::array();
  for (const FunctionalUnit& u : c.functional_units)
    units.push_back({{"name", u.name},
                     {"classes", op_classes(u.classes)},
                     {"latency", u.latency},
                     {"pipelined", u.pipelined},
                     {"count", u.count}});

  Json stages = Json::array();
  for (uint32_t s = 0; s < n; ++s) {
    Json stage = {{"index", s},
                  {"name", c.stages[s].name},
                  {"role", role_name(c.stages[s].role)},
                  {"latency_ps", c.stages[s].latency_ps}};
    if (c.stages[s].role == StageRole::Execute) stage["units"] = units;
    stages.push_back(stage);
  }
  Json latches = Json::array();  // pipelined machines: the registers between the stages
  if (pipelined)
    for (uint32_t s = 0; s + 1 < n; ++s)
      latches.push_back({{"after", s}, {"name", latch_name(c, s)}});

  Json forwarding = Json::array();
  const char* operands =
      c.forwarded_operands == ForwardedOperands::All ? "all" : "alu";  // see forwarded_operands
  // A single-cycle or multi-cycle machine has no pipeline registers to forward from (its config
  // may still list the paths it would have, pipelined: sequential_baseline keeps them).
  for (const ForwardPath& f : pipelined ? c.forwarding : std::vector<ForwardPath>{}) {
    Json path = {{"from", f.from},
                 {"to", f.to},
                 {"latch", latch_name(c, f.from)},
                 {"from_stage", c.stages[f.from].name},
                 {"to_stage", c.stages[f.to].name},
                 // Into the first execute stage: the ALU's inputs (and, with "all", the branch
                 // comparator and store data); into decode: the early branch compare.
                 {"kind", f.to == first_ex ? "execute" : "decode"},
                 {"operands", f.to == first_ex ? operands : "branch"}};
    if (c.issue.width > 1) {
      path["from_lanes"] = lanes(f.from_lanes, c.issue.width);
      path["to_lanes"] = lanes(f.to_lanes, c.issue.width);
    }
    forwarding.push_back(path);
  }

  Json unit_lanes = Json::array();
  if (c.execute == ExecuteMode::Parallel)
    for (const UnitLane& l : c.unit_lanes())
      unit_lanes.push_back(
          {{"name", l.name}, {"unit", l.unit}, {"instance", l.instance}, {"position", l.position}});

  return {{"name", c.name},
          {"description", c.description},
          {"kind", kind_name(c.kind)},
          {"stages", stages},
          {"latches", latches},
          {"forwarding", forwarding},
          {"forwarded_operands", operands},
          {"hazard_detection", c.hazard_detection},
          {"split_phase_regfile", c.split_phase_regfile},
          {"branches",
           {{"policy", policy_name(c.branches.policy)},
            {"resolve_stage", c.branches.resolve_stage},
            {"jal_stage", c.branches.jal_stage},
            {"jalr_stage", c.branches.jalr_stage}}},
          {"execute", execute_mode_name(c.execute)},
          {"functional_units", units},
          {"unit_lanes", unit_lanes},
          {"issue_width", c.issue.width},
          {"end_stage", c.end_stage},
          {"ecall_stage", c.ecall_stage()},
          {"memory",
           {{"instruction_latency", c.memory.instruction_latency},
            {"data_latency", c.memory.data_latency},
            {"unified_port", c.memory.unified_memory_port},
            {"icache", c.memory.icache.enabled},
            {"dcache", c.memory.dcache.enabled}}},
          {"clock_period_ps", c.clock_period_ps()},
          {"latch_overhead_ps", c.latch_overhead_ps}};
}

}  // namespace pipesim::web
