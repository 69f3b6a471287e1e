// Validation of a resolved configuration: the top level, stages, branches, forwarding and the end
// stage (functional units and memory: config_validate_units.cpp). Every problem is collected,
// named by its JSON path (`stages[2].latency_ps`), and thrown at the end in one pipesim::Error.
#include "sim/config/config_validate.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace pipesim::config_detail {

namespace {

const char* const kRolesRule =
    "roles must appear in the order fetch, decode, execute, memory, writeback, every role at "
    "least once and each role's stages consecutive";

// One element of `stages`; false if it is not well formed (see validate_stages).
bool validate_stage(const json& s, const std::string& p, const PipelineConfig& c, StageConfig& sc,
                    Errors& err) {
  if (!s.is_object()) {
    err.add(p, fmt::format("expected a stage object {{\"name\", \"role\", \"latency_ps\"}}, "
                           "got {}",
                           show(s)));
    return false;
  }
  bool ok = true;
  check_keys(s, KeyType::Stage, p, err);
  auto name = get_string(s, "name", p, err);
  if (!name) {
    if (!s.contains("name")) err.add(p + ".name", "missing; every stage needs a name");
    ok = false;
  } else if (name->empty()) {
    err.add(p + ".name", "empty; every stage needs a name");
    ok = false;
  } else {
    for (size_t k = 0; k < c.stages.size(); ++k) {
      if (c.stages[k].name == *name) {
        err.add(p + ".name", fmt::format("duplicate stage name {} (also stages[{}]); stage "
                                         "names must be unique",
                                         quote(*name), k));
        ok = false;
      }
    }
    sc.name = *name;
  }
  auto role = get_enum(s, "role", p, kRoles, "role", err);
  if (!role) {
    if (!s.contains("role"))
      err.add(p + ".role", "missing; one of fetch, decode, execute, memory, writeback");
    ok = false;
  } else {
    sc.role = *role;
  }
  auto latency = get_int(s, "latency_ps", p, 1, kMaxLatencyPs, "a positive integer", err);
  if (latency) {
    sc.latency_ps = *latency;
  } else if (!s.contains("latency_ps")) {
    err.add(p + ".latency_ps", "missing; the stage's delay in picoseconds, > 0");
  }
  return ok;
}

// The roles of well-formed stages: in order, each present.
bool check_roles(const PipelineConfig& c, Errors& err) {
  bool ok = true;
  for (size_t i = 1; i < c.stages.size(); ++i) {
    if (c.stages[i].role < c.stages[i - 1].role) {
      err.add(fmt::format("stages[{}].role", i),
              fmt::format("{} stage {} comes after {} stage {}; {}", role_name(c.stages[i].role),
                          quote(c.stages[i].name), role_name(c.stages[i - 1].role),
                          quote(c.stages[i - 1].name), kRolesRule));
      ok = false;
    }
  }
  for (StageRole r : kRoles) {
    if (c.first_of(r) == c.stages.size()) {
      err.add("stages", fmt::format("no {} stage; {}", role_name(r), kRolesRule));
      ok = false;
    }
  }
  return ok;
}

// The object `branches` (its default if absent; an empty one after a problem).
json branches_object(const json& j, Errors& err) {
  json branches = default_of(config_key(KeyType::Root, "branches"));
  if (const json* b = field(j, "branches")) {
    if (b->is_object())
      branches = *b;
    else
      err.add("branches", fmt::format("expected an object, got {}", show(*b)));
  }
  return branches;
}

// branches.resolve, .jal or .jalr: a stage between the last decode and the first memory stage.
uint32_t branch_stage(const json& branches, const char* key, uint32_t fallback, const char* what,
                      const PipelineConfig& c, bool structure_ok, Errors& err) {
  auto name = get_string(branches, key, "branches", err);
  if (!name) return fallback;
  std::string p = join_key("branches", key);
  auto idx = find_stage(c, *name, p, err);
  if (!idx || !structure_ok) return fallback;
  const uint32_t last_decode = c.last_of(StageRole::Decode);
  const uint32_t first_mem = c.first_of(StageRole::Memory);
  const std::string range_rule = fmt::format(
      "{} must be resolved between the last decode stage {} and the first memory stage {}", what,
      quote(c.stages[last_decode].name), quote(c.stages[first_mem].name));
  if (*idx < last_decode)
    err.add(p, fmt::format("{} is before the last decode stage, where registers are read; {}",
                           quote(*name), range_rule));
  else if (*idx > first_mem)
    err.add(p, fmt::format("{} is after the first memory stage; {} (a younger store must "
                           "never reach memory before an older branch resolves)",
                           quote(*name), range_rule));
  return *idx;
}

// branches.bht_entries or .btb_entries: a power of two for a dynamic predictor; checked for type
// and ignored (0) for a static policy, which has no tables.
uint32_t predictor_table(const json& branches, const char* key, bool predictor, Errors& err) {
  if (!predictor) {
    get_int(branches, key, "branches", 0, kMaxTableEntries, "a non-negative integer", err);
    return 0;
  }
  const char* table_rule = "a power of two between 1 and 65536";
  auto n = get_int(branches, key, "branches", 1, kMaxTableEntries, table_rule, err);
  if (!n) return default_int(KeyType::Branches, key);
  if ((*n & (*n - 1)) != 0) {
    err.add(join_key("branches", key), fmt::format("{} is not {} (the tables are indexed by "
                                                   "pc bits)",
                                                   *n, table_rule));
  }
  return *n;
}

// One element of a `forwarding` list, added to c.forwarding if valid.
void validate_forward_path(const json& e, const std::string& p, PipelineConfig& c,
                           bool structure_ok, Errors& err) {
  if (!e.is_object()) {
    err.add(p, fmt::format("expected a path {{\"from\": stage, \"to\": stage}}, got {}", show(e)));
    return;
  }
  check_keys(e, KeyType::Path, p, err);
  std::optional<uint32_t> from, to;
  for (const char* key : {"from", "to"}) {
    auto name = get_string(e, key, p, err);
    if (!name) {
      if (!e.contains(key)) err.add(join_key(p, key), "missing; a stage name");
      continue;
    }
    (std::string(key) == "from" ? from : to) = find_stage(c, *name, join_key(p, key), err);
  }
  if (!structure_ok) return;
  const uint32_t first_exec = c.first_of(StageRole::Execute);
  const uint32_t last_decode = c.last_of(StageRole::Decode);
  auto stage_text = [&](uint32_t i) { return quote(c.stages[i].name); };
  bool ok = true;
  if (from && *from < first_exec) {
    err.add(p + ".from", fmt::format("{} is before the first execute stage {}; values are "
                                     "forwarded from an execute, memory or writeback stage",
                                     stage_text(*from), stage_text(first_exec)));
    ok = false;
  } else if (from && *from + 1 == c.stages.size()) {
    err.add(p + ".from", fmt::format("{} is the last stage; its result reaches decode through "
                                     "the register file, not a forwarding path",
                                     stage_text(*from)));
    ok = false;
  }
  if (to && *to != first_exec && *to != last_decode) {
    err.add(p + ".to",
            fmt::format("{} is neither the first execute stage {} nor the last "
                        "decode stage {}; forwarding paths lead into one of those",
                        stage_text(*to), stage_text(first_exec), stage_text(last_decode)));
    ok = false;
  }
  if (!ok || !from || !to) return;
  ForwardPath path{*from, *to, lane_list(e, "from_lanes", p, err),
                   lane_list(e, "to_lanes", p, err)};
  if (std::find(c.forwarding.begin(), c.forwarding.end(), path) != c.forwarding.end()) {
    err.add(p, fmt::format("duplicate path {} -> {}", c.stages[*from].name, c.stages[*to].name));
    return;
  }
  c.forwarding.push_back(path);
}

// "full": from every stage from the first execute stage up to (not including) the last, into the
// first execute stage, and into the last decode stage if a branch or jalr reads registers there.
void add_full_forwarding(PipelineConfig& c) {
  const uint32_t first_exec = c.first_of(StageRole::Execute);
  const uint32_t last_decode = c.last_of(StageRole::Decode);
  const uint32_t last = static_cast<uint32_t>(c.stages.size() - 1);
  for (uint32_t s = first_exec; s < last; ++s) c.forwarding.push_back({s, first_exec});
  const bool decode_reads = c.stages[c.branches.resolve_stage].role == StageRole::Decode ||
                            c.stages[c.branches.jalr_stage].role == StageRole::Decode;
  if (decode_reads)
    for (uint32_t s = first_exec; s < last; ++s) c.forwarding.push_back({s, last_decode});
}

}  // namespace

std::optional<uint32_t> find_stage(const PipelineConfig& c, const std::string& name,
                                   const std::string& path, Errors& err) {
  for (size_t i = 0; i < c.stages.size(); ++i)
    if (c.stages[i].name == name) return static_cast<uint32_t>(i);
  if (!c.stages.empty()) {
    const std::string stage_list =
        join(c.stages, [](const StageConfig& s) { return s.name.empty() ? "?" : s.name; });
    err.add(path, fmt::format("unknown stage {}; the stages are {}", quote(name), stage_list));
  }
  return std::nullopt;
}

bool validate_stages(const json& j, PipelineConfig& c, Errors& err) {
  const json* stages = field(j, "stages");
  if (!stages) {
    err.add("stages",
            std::string("missing; a configuration needs a list of stages (") + kRolesRule + ")");
  } else if (!stages->is_array()) {
    err.add("stages", fmt::format("expected a list of stages, got {}", show(*stages)));
  } else if (stages->empty()) {
    err.add("stages", std::string("empty; ") + kRolesRule);
  } else if (stages->size() > kMaxStages) {
    err.add("stages", fmt::format("{} stages; at most {} are allowed", stages->size(), kMaxStages));
  } else {
    bool all_ok = true;
    for (size_t i = 0; i < stages->size(); ++i) {
      StageConfig sc;
      if (!validate_stage((*stages)[i], join_index("stages", i), c, sc, err)) all_ok = false;
      c.stages.push_back(sc);
    }
    return all_ok && check_roles(c, err);
  }
  return false;
}

void validate_branches(const json& j, PipelineConfig& c, bool structure_ok, Errors& err) {
  const uint32_t last_decode = c.last_of(StageRole::Decode);
  const uint32_t first_exec = c.first_of(StageRole::Execute);
  const json branches = branches_object(j, err);
  check_keys(branches, KeyType::Branches, "branches", err);
  auto policy = get_enum(branches, "policy", "branches", kPolicies, "policy", err);
  c.branches.policy = policy.value_or(enum_default(KeyType::Branches, "policy", kPolicies));
  auto stage = [&](const char* key, uint32_t fallback, const char* what) {
    return branch_stage(branches, key, fallback, what, c, structure_ok, err);
  };
  c.branches.resolve_stage = stage("resolve", first_exec, "conditional branches");
  c.branches.jal_stage = stage("jal", last_decode, "jal");
  c.branches.jalr_stage = stage("jalr", first_exec, "jalr");

  const bool predictor = policy && is_predictor(*policy);
  c.branches.bht_entries = predictor_table(branches, "bht_entries", predictor, err);
  c.branches.btb_entries = predictor_table(branches, "btb_entries", predictor, err);
  if (predictor) {
    const bool two_bit = *policy == BranchPolicy::TwoBit;
    const int64_t max = two_bit ? 3 : 1;
    auto init = get_int(branches, "bht_initial", "branches", 0, max,
                        two_bit ? "a 2-bit counter value" : "a 1-bit counter value", err);
    // The key table's rule for bht_initial: 0 for 1-bit, 1 (weakly not taken) for 2-bit.
    c.branches.bht_initial = init.value_or(two_bit ? 1 : 0);
  } else {
    get_int(branches, "bht_initial", "branches", 0, 3, "a non-negative integer", err);
    c.branches.bht_initial = 0;
  }
  c.branches.redirect_taken = get_bool(branches, "redirect_taken", "branches", err)
                                  .value_or(default_bool(KeyType::Branches, "redirect_taken"));
  // Under another policy a taken branch can be predicted taken: "always redirect" would then
  // flush a correctly fetched target, which no machine does.
  if (c.branches.redirect_taken && policy && *policy != BranchPolicy::NotTaken)
    err.add("branches.redirect_taken",
            fmt::format("true needs policy \"not-taken\" (fetch going on sequentially), and the "
                        "policy is \"{}\"",
                        policy_name(c.branches.policy)));
}

void validate_forwarding(const json& j, PipelineConfig& c, bool structure_ok, Errors& err) {
  const json* fwd = field(j, "forwarding");
  if (!fwd) fwd = &default_of(config_key(KeyType::Root, "forwarding"));
  bool full = false;
  if (fwd->is_string()) {
    std::string s = fwd->get<std::string>();
    if (s == "full") {
      full = true;
    } else if (s != "none") {
      err.add("forwarding", fmt::format("unknown value {}; expected \"full\", \"none\" or a list "
                                        "of {{\"from\": stage, \"to\": stage}} paths",
                                        quote(s)));
    }
  } else if (fwd->is_array()) {
    for (size_t i = 0; i < fwd->size(); ++i)
      validate_forward_path((*fwd)[i], join_index("forwarding", i), c, structure_ok, err);
  } else {
    err.add("forwarding", fmt::format("expected \"full\", \"none\" or a list of {{\"from\": "
                                      "stage, \"to\": stage}} paths, got {}",
                                      show(*fwd)));
  }
  if (full && structure_ok) add_full_forwarding(c);
}

void validate_ecall(const json& j, PipelineConfig& c, bool structure_ok, Errors& err) {
  const json* field_value = field(j, "ecall");
  const json empty = json::object();
  const json& ecall = field_value ? *field_value : empty;
  c.ecall.stage = c.end_stage;
  if (!ecall.is_object()) {
    err.add("ecall", fmt::format("expected an object, got {}", show(ecall)));
    return;
  }
  check_keys(ecall, KeyType::Ecall, "ecall", err);
  if (auto name = get_string(ecall, "stage", "ecall", err)) {
    if (auto idx = find_stage(c, *name, "ecall.stage", err)) {
      // The system call reads its arguments from the register file: from decode on.
      if (structure_ok && *idx < c.last_of(StageRole::Decode))
        err.add("ecall.stage", fmt::format("{} is before the last decode stage; an ecall reads "
                                           "its arguments from the register file in decode",
                                           quote(*name)));
      else if (structure_ok && *idx > c.end_stage)
        err.add("ecall.stage", fmt::format("{} is after the end stage {}", quote(*name),
                                           quote(c.stages[c.end_stage].name)));
      c.ecall.stage = *idx;
    }
  }
  c.ecall.wait_for_writers = get_bool(ecall, "wait_for_writers", "ecall", err)
                                 .value_or(default_bool(KeyType::Ecall, "wait_for_writers"));
  c.ecall.flush =
      get_bool(ecall, "flush", "ecall", err).value_or(default_bool(KeyType::Ecall, "flush"));
}

void validate_end_stage(const json& j, PipelineConfig& c, bool structure_ok, Errors& err) {
  c.end_stage = structure_ok ? static_cast<uint32_t>(c.stages.size() - 1) : 0;
  if (auto name = get_string(j, "end_stage", "", err)) {
    if (auto idx = find_stage(c, *name, "end_stage", err)) {
      StageRole r = c.stages[*idx].role;
      if (structure_ok && r != StageRole::Memory && r != StageRole::Writeback)
        err.add("end_stage",
                fmt::format("{} is {} {} stage; the run ends when the halting "
                            "instruction is in a memory or writeback stage",
                            quote(*name), r == StageRole::Execute ? "an" : "a", role_name(r)));
      c.end_stage = *idx;
    }
  }
}

PipelineConfig validate_config(const json& j, const std::string& origin, Errors& err) {
  PipelineConfig c;
  if (!j.is_object()) {
    err.add("", fmt::format("a configuration is a JSON object {{...}}, got {}", show(j)));
    throw_errors(origin, err);
  }
  check_keys(j, KeyType::Root, "", err);
  // The default name is the file's stem (a preset's name is its file's stem).
  c.name = get_string(j, "name", "", err).value_or(std::filesystem::path(origin).stem().string());
  c.description =
      get_string(j, "description", "", err).value_or(default_string(KeyType::Root, "description"));
  c.kind = get_enum(j, "kind", "", kKinds, "kind", err)
               .value_or(enum_default(KeyType::Root, "kind", kKinds));
  const bool structure_ok = validate_stages(j, c, err);

  c.latch_overhead_ps =
      get_int(j, "latch_overhead_ps", "", 0, kMaxLatencyPs, "a non-negative integer", err)
          .value_or(default_int(KeyType::Root, "latch_overhead_ps"));
  c.split_phase_regfile = get_bool(j, "split_phase_regfile", "", err)
                              .value_or(default_bool(KeyType::Root, "split_phase_regfile"));
  c.hazard_detection = get_bool(j, "hazard_detection", "", err)
                           .value_or(default_bool(KeyType::Root, "hazard_detection"));
  c.forwarded_operands =
      get_enum(j, "forwarded_operands", "", kForwardedOperands, "forwarded operands", err)
          .value_or(enum_default(KeyType::Root, "forwarded_operands", kForwardedOperands));
  c.skip_unused_stages = get_bool(j, "skip_unused_stages", "", err)
                             .value_or(default_bool(KeyType::Root, "skip_unused_stages"));

  validate_branches(j, c, structure_ok, err);
  validate_forwarding(j, c, structure_ok, err);  // after branches: "full" depends on them
  validate_end_stage(j, c, structure_ok, err);
  validate_units(j, c, structure_ok, err);
  validate_memory(j, c, err);
  validate_issue(j, c, err);
  validate_forward_lanes(j, c, err);
  c.program_end = get_enum(j, "program_end", "", kProgramEnds, "program end", err)
                      .value_or(enum_default(KeyType::Root, "program_end", kProgramEnds));
  validate_ecall(j, c, structure_ok, err);  // after end_stage: its stage defaults to it
  validate_class_stages(j, c, structure_ok, err);

  if (!err.empty()) throw_errors(origin, err);
  return c;
}

}  // namespace pipesim::config_detail
