// A configuration written back as JSON, fully resolved: every key of the key table with its
// value (stages named, forwarding as a list of paths, absent caches left out). Loading the result
// gives an equal PipelineConfig (tests/config_test.cpp).
#include "sim/config/config_fields.hpp"
#include "sim/config/config_load.hpp"

namespace pipesim {

using config_detail::kOpClasses;

nlohmann::ordered_json config_to_json(const PipelineConfig& c) {
  using ojson = nlohmann::ordered_json;
  auto stage = [&](uint32_t i) { return i < c.stages.size() ? c.stages[i].name : std::string(); };
  ojson j;
  j["name"] = c.name;
  j["description"] = c.description;
  j["kind"] = kind_name(c.kind);
  j["stages"] = ojson::array();
  for (const StageConfig& s : c.stages)
    j["stages"].push_back(
        {{"name", s.name}, {"role", role_name(s.role)}, {"latency_ps", s.latency_ps}});
  j["latch_overhead_ps"] = c.latch_overhead_ps;
  j["forwarding"] = ojson::array();
  for (const ForwardPath& p : c.forwarding) {
    ojson path = {{"from", stage(p.from)}, {"to", stage(p.to)}};
    for (auto [key, lanes] : {std::pair{"from_lanes", p.from_lanes}, {"to_lanes", p.to_lanes}}) {
      if (lanes == ForwardPath::kEveryLane) continue;  // the default: written only when narrower
      path[key] = ojson::array();
      for (uint32_t l = 0; l < kMaxIssueWidth; ++l)
        if (lanes >> l & 1) path[key].push_back(l);
    }
    j["forwarding"].push_back(path);
  }
  j["split_phase_regfile"] = c.split_phase_regfile;
  j["hazard_detection"] = c.hazard_detection;
  j["forwarded_operands"] = forwarded_operands_name(c.forwarded_operands);
  j["branches"] = {
      {"policy", policy_name(c.branches.policy)}, {"resolve", stage(c.branches.resolve_stage)},
      {"jal", stage(c.branches.jal_stage)},       {"jalr", stage(c.branches.jalr_stage)},
      {"bht_entries", c.branches.bht_entries},    {"btb_entries", c.branches.btb_entries},
      {"bht_initial", c.branches.bht_initial},    {"redirect_taken", c.branches.redirect_taken},
  };
  j["end_stage"] = stage(c.end_stage);
  j["skip_unused_stages"] = c.skip_unused_stages;
  j["class_stages"] = ojson::object();
  for (std::size_t k = 0; k < kNumInsnClasses; ++k) {
    if (c.class_stages[k] == 0) continue;
    ojson names = ojson::array();
    for (uint32_t s = 0; s < c.stages.size(); ++s)
      if (c.class_stages[k] >> s & 1u) names.push_back(stage(s));
    j["class_stages"][insn_class_name(static_cast<InsnClass>(k))] = names;
  }
  j["execute"] = execute_mode_name(c.execute);
  j["functional_units"] = ojson::array();
  for (const FunctionalUnit& f : c.functional_units) {
    ojson classes = ojson::array();
    for (OpClass o : kOpClasses)
      if (f.classes & static_cast<uint8_t>(o)) classes.push_back(op_class_name(o));
    j["functional_units"].push_back({{"name", f.name},
                                     {"classes", classes},
                                     {"latency", f.latency},
                                     {"pipelined", f.pipelined},
                                     {"count", f.count}});
  }
  ojson mem = {{"instruction_latency", c.memory.instruction_latency},
               {"data_latency", c.memory.data_latency},
               {"unified_memory_port", c.memory.unified_memory_port},
               {"misaligned", misaligned_name(c.memory.misaligned)}};
  for (const auto& [key, k] :
       {std::pair<const char*, const CacheConfig&>{"icache", c.memory.icache},
        {"dcache", c.memory.dcache}}) {
    if (!k.enabled) continue;
    ojson o = {{"size_bytes", k.size_bytes},
               {"line_bytes", k.line_bytes},
               {"ways", k.ways},
               {"replacement", replacement_name(k.replacement)}};
    if (std::string(key) == "dcache") o["write_policy"] = write_policy_name(k.write_policy);
    o["hit_latency"] = k.hit_latency;
    o["miss_penalty"] = k.miss_penalty;
    o["seed"] = k.seed;
    mem[key] = o;
  }
  j["memory"] = mem;
  j["program_end"] = program_end_name(c.program_end);
  j["ecall"] = {{"stage", stage(c.ecall.stage)},
                {"wait_for_writers", c.ecall.wait_for_writers},
                {"flush", c.ecall.flush}};
  j["issue_width"] = c.issue.width;
  ojson slots = ojson::array();
  for (uint32_t s = 0; s < c.issue.width; ++s) {
    ojson classes = ojson::array();
    for (OpClass o : kOpClasses)
      if (c.issue.accepts(s) & static_cast<uint8_t>(o)) classes.push_back(op_class_name(o));
    slots.push_back(classes);
  }
  j["issue"] = {{"slots", slots},
                {"alignment", alignment_name(c.issue.alignment)},
                {"memory_per_cycle", c.issue.memory_per_cycle},
                {"branches_per_cycle", c.issue.branches_per_cycle},
                {"read_ports", c.issue.read_ports},
                {"write_ports", c.issue.write_ports},
                {"cross_lane_forwarding", c.issue.cross_lane_forwarding},
                {"control_last", c.issue.control_last},
                {"system_alone", c.issue.system_alone},
                {"split_war", c.issue.split_war},
                {"hazard_holds_group", c.issue.hazard_holds_group},
                {"younger_first_slot", c.issue.younger_first_slot}};
  return j;
}

}  // namespace pipesim
