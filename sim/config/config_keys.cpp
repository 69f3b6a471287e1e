// The configuration key table (see config_keys.hpp) and the lookups the loader uses.
#include "sim/config/config_keys.hpp"

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace pipesim {

namespace {

using T = KeyType;
using D = KeyDefault;

// Grouped by object; the order within an object is the order messages list the keys in.
constexpr ConfigKey kKeys[] = {
    // The configuration.
    {T::Root, "name", T::String, D::Derived, "the file name without .json, or the preset name",
     "shown in reports"},
    {T::Root, "description", T::String, D::Value, "\"\"", "one sentence, shown by pipesim configs"},
    {T::Root, "extends", T::String, D::None, nullptr,
     "preset name or file path this configuration starts from"},
    {T::Root, "kind", T::String, D::Value, "\"pipelined\"",
     "pipelined, single-cycle or multi-cycle"},
    {T::Root, "stages", T::Stages, D::Required, nullptr, "the stages, in pipeline order"},
    {T::Root, "latch_overhead_ps", T::Integer, D::Value, "0",
     "pipeline-register delay added to the clock period"},
    {T::Root, "forwarding", T::Forwarding, D::Value, "\"full\"", "the bypass paths"},
    {T::Root, "split_phase_regfile", T::Bool, D::Value, "true",
     "a value written back this cycle is read by decode this cycle"},
    {T::Root, "hazard_detection", T::Bool, D::Value, "true",
     "false: no interlocks, stale values are used"},
    {T::Root, "forwarded_operands", T::String, D::Value, "\"all\"",
     "all, or alu: only the ALU inputs are forwarded, not the branch comparator nor store data"},
    {T::Root, "branches", T::Branches, D::Value, "{}", "branch and jump handling"},
    {T::Root, "end_stage", T::String, D::Derived, "the last stage",
     "the run ends when its halting instruction is in this stage"},
    {T::Root, "skip_unused_stages", T::Bool, D::Value, "true",
     "multi-cycle: instructions skip the memory and writeback stages they do not use"},
    {T::Root, "class_stages", T::ClassPaths, D::Value, "{}",
     "multi-cycle: the stages each instruction class passes (for the classes given)"},
    {T::Root, "functional_units", T::Units, D::Derived,
     "one ALU for every class, latency = the number of execute stages",
     "the execute stage's functional units"},
    {T::Root, "execute", T::String, D::Value, "\"blocking\"",
     "blocking or parallel execution of multi-cycle operations"},
    {T::Root, "memory", T::Memory, D::Value, "{}", "memory latencies, shared port and caches"},
    {T::Root, "issue_width", T::Integer, D::Value, "1",
     "instructions fetched, decoded and issued per cycle (1 to 4)"},
    {T::Root, "issue", T::Issue, D::Value, "{}", "superscalar issue: slots and pairing rules"},
    {T::Root, "program_end", T::String, D::Value, "\"fault\"",
     "running off the end of the code: fault, or drain (the program ends there)"},
    {T::Root, "ecall", T::Ecall, D::Value, "{}", "where and how an ecall traps"},

    // A stage (stages[i]).
    {T::Stage, "name", T::String, D::Required, nullptr, "unique; other keys name stages by it"},
    {T::Stage, "role", T::String, D::Required, nullptr,
     "fetch, decode, execute, memory or writeback"},
    {T::Stage, "latency_ps", T::Integer, D::Required, nullptr,
     "delay of the stage's logic in picoseconds"},

    // A forwarding path (forwarding[i]).
    {T::Path, "from", T::String, D::Required, nullptr, "the stage whose result is forwarded"},
    {T::Path, "to", T::String, D::Required, nullptr, "the stage that uses it"},
    {T::Path, "from_lanes", T::Lanes, D::Derived, "every lane",
     "the issue slots whose results the path carries"},
    {T::Path, "to_lanes", T::Lanes, D::Derived, "every lane", "the issue slots the path feeds"},

    // branches.
    {T::Branches, "policy", T::String, D::Value, "\"not-taken\"",
     "stall, not-taken, taken, btfn, 1-bit or 2-bit"},
    {T::Branches, "resolve", T::String, D::Derived, "the first execute stage",
     "where conditional branches are decided"},
    {T::Branches, "jal", T::String, D::Derived, "the last decode stage",
     "where a jal's target is known"},
    {T::Branches, "jalr", T::String, D::Derived, "the first execute stage",
     "where a jalr's target is known"},
    // The table sizes are those of a dynamic predictor; a static policy has none (reads 0).
    {T::Branches, "bht_entries", T::Integer, D::Value, "64",
     "1-bit/2-bit: branch-history table entries"},
    {T::Branches, "btb_entries", T::Integer, D::Value, "16",
     "1-bit/2-bit: branch-target buffer entries"},
    {T::Branches, "bht_initial", T::Integer, D::Derived, "0 for 1-bit, 1 for 2-bit",
     "1-bit/2-bit: initial counter value"},
    {T::Branches, "redirect_taken", T::Bool, D::Value, "false",
     "not-taken: a taken branch or jump always redirects, even to the next address"},

    // A functional unit (functional_units[i]).
    {T::Unit, "name", T::String, D::Required, nullptr, "unique; shown in diagrams and traces"},
    {T::Unit, "classes", T::Classes, D::Required, nullptr,
     "the instruction classes it executes: alu, mul, div, mem, branch"},
    {T::Unit, "latency", T::Integer, D::Derived, "the number of execute stages",
     "cycles an operation spends in the unit"},
    {T::Unit, "pipelined", T::Bool, D::Value, "true",
     "accepts a new operation every cycle; false: busy until done"},
    {T::Unit, "count", T::Integer, D::Value, "1", "identical instances"},

    // memory.
    {T::Memory, "instruction_latency", T::Integer, D::Value, "1",
     "cycles a fetch takes without an instruction cache"},
    {T::Memory, "data_latency", T::Integer, D::Value, "1",
     "cycles a load or store takes without a data cache"},
    {T::Memory, "unified_memory_port", T::Bool, D::Value, "false",
     "fetch and data access share one port"},
    {T::Memory, "misaligned", T::String, D::Value, "\"fault\"",
     "what a misaligned load or store does: fault or allow"},
    {T::Memory, "icache", T::Cache, D::None, nullptr, "the L1 instruction cache (absent: none)"},
    {T::Memory, "dcache", T::Cache, D::None, nullptr, "the L1 data cache (absent: none)"},

    // issue.
    {T::Issue, "slots", T::Slots, D::Derived, "every slot accepts every class",
     "per issue slot, the classes it accepts: alu, mul, div, mem, branch"},
    {T::Issue, "alignment", T::String, D::Value, "\"any\"",
     "any (consecutive instructions pair), aligned (packets of 4 x issue_width bytes) or packet "
     "(issue_width words from wherever fetch is, never merging)"},
    {T::Issue, "memory_per_cycle", T::Integer, D::Value, "1", "loads and stores issued per cycle"},
    {T::Issue, "branches_per_cycle", T::Integer, D::Value, "1",
     "branches and jumps issued per cycle"},
    {T::Issue, "read_ports", T::Integer, D::Derived, "2 x issue_width", "register-file read ports"},
    {T::Issue, "write_ports", T::Integer, D::Derived, "issue_width", "register-file write ports"},
    {T::Issue, "cross_lane_forwarding", T::Bool, D::Value, "true",
     "a result is forwarded to every slot, not only to its own"},
    {T::Issue, "control_last", T::Bool, D::Value, "false",
     "a branch or jump issues last in its group"},
    {T::Issue, "system_alone", T::Bool, D::Value, "false", "ecall and ebreak issue alone"},
    {T::Issue, "split_war", T::Bool, D::Value, "false",
     "an instruction writing a register an older one of its group reads does not issue with it"},
    {T::Issue, "hazard_holds_group", T::Bool, D::Value, "false",
     "a data hazard of any instruction of the group holds the whole group"},
    {T::Issue, "younger_first_slot", T::Bool, D::Value, "false",
     "a younger instruction takes the first slot that accepts it, moving an older one"},

    // ecall.
    {T::Ecall, "stage", T::String, D::Derived, "the end stage",
     "the stage where an ecall performs its system call"},
    {T::Ecall, "wait_for_writers", T::Bool, D::Value, "false",
     "held there while a later stage holds a register-writing instruction"},
    {T::Ecall, "flush", T::Bool, D::Value, "true",
     "a non-exit ecall squashes what was fetched behind it"},

    // A cache (memory.icache, memory.dcache).
    {T::Cache, "size_bytes", T::Integer, D::Required, nullptr, "data capacity, a power of two"},
    {T::Cache, "line_bytes", T::Integer, D::Required, nullptr, "line size, a power of two >= 4"},
    {T::Cache, "ways", T::Integer, D::Value, "1", "associativity"},
    {T::Cache, "replacement", T::String, D::Value, "\"lru\"", "lru, fifo or random"},
    {T::Cache, "write_policy", T::String, D::Value, "\"write-back\"",
     "data cache only: write-back or write-through"},
    {T::Cache, "hit_latency", T::Integer, D::Value, "1", "cycles of an access that hits"},
    {T::Cache, "miss_penalty", T::Integer, D::Value, "10", "extra cycles of a miss"},
    {T::Cache, "seed", T::Integer, D::Value, "1", "random replacement's fixed seed"},
};

// The defaults of kKeys, parsed once.
const std::vector<nlohmann::json>& parsed_defaults() {
  static const std::vector<nlohmann::json> parsed = [] {
    std::vector<nlohmann::json> out;
    for (const ConfigKey& k : kKeys)
      out.push_back(k.has_default == KeyDefault::Value ? nlohmann::json::parse(k.default_value)
                                                       : nlohmann::json());
    return out;
  }();
  return parsed;
}

}  // namespace

std::span<const ConfigKey> config_keys() {
  return kKeys;
}

std::span<const ConfigKey> keys_of(KeyType object) {
  const ConfigKey* first = std::find_if(std::begin(kKeys), std::end(kKeys),
                                        [&](const ConfigKey& k) { return k.object == object; });
  const ConfigKey* last =
      std::find_if(first, std::end(kKeys), [&](const ConfigKey& k) { return k.object != object; });
  return {first, last};
}

const ConfigKey& config_key(KeyType object, const char* name) {
  for (const ConfigKey& k : keys_of(object))
    if (std::strcmp(k.name, name) == 0) return k;
  throw std::logic_error(std::string("no configuration key ") + name);
}

std::vector<std::string> object_paths(KeyType object) {
  switch (object) {
    case KeyType::Root:
      return {""};
    case KeyType::Stage:
      return {"stages[]"};
    case KeyType::Path:
      return {"forwarding[]"};
    case KeyType::Branches:
      return {"branches"};
    case KeyType::Unit:
      return {"functional_units[]"};
    case KeyType::Memory:
      return {"memory"};
    case KeyType::Cache:
      return {"memory.icache", "memory.dcache"};
    case KeyType::Issue:
      return {"issue"};
    case KeyType::Ecall:
      return {"ecall"};
    default:
      return {};
  }
}

std::vector<KeyPath> config_key_paths() {
  std::vector<KeyPath> out;
  for (const ConfigKey& k : kKeys)
    for (const std::string& at : object_paths(k.object))
      out.push_back({at.empty() ? k.name : at + "." + k.name, &k});
  return out;
}

const nlohmann::json& default_of(const ConfigKey& key) {
  const auto index = static_cast<size_t>(&key - std::begin(kKeys));
  if (index >= std::size(kKeys) || key.has_default != KeyDefault::Value)
    throw std::logic_error(std::string("configuration key without a default value: ") + key.name);
  return parsed_defaults()[index];
}

uint32_t default_int(KeyType object, const char* name) {
  return default_of(config_key(object, name)).get<uint32_t>();
}

bool default_bool(KeyType object, const char* name) {
  return default_of(config_key(object, name)).get<bool>();
}

std::string default_string(KeyType object, const char* name) {
  return default_of(config_key(object, name)).get<std::string>();
}

const char* type_text(KeyType t) {
  switch (t) {
    case KeyType::String:
      return "a string";
    case KeyType::Integer:
      return "an integer";
    case KeyType::Bool:
      return "true or false";
    case KeyType::Stages:
      return "a list of stages";
    case KeyType::Stage:
      return "a stage object {\"name\", \"role\", \"latency_ps\"}";
    case KeyType::Forwarding:
      return "\"full\", \"none\" or a list of {\"from\", \"to\"} paths";
    case KeyType::Path:
      return "a path object {\"from\", \"to\"}";
    case KeyType::Lanes:
      return "a non-empty list of lane numbers";
    case KeyType::Branches:
    case KeyType::Memory:
    case KeyType::Issue:
    case KeyType::Ecall:
      return "an object";
    case KeyType::ClassPaths:
      return "an object from instruction class to a list of stage names";
    case KeyType::Slots:
      return "a list of issue slots, each a list of instruction classes";
    case KeyType::Units:
      return "a list of functional units";
    case KeyType::Unit:
      return "a functional unit object {\"name\", \"classes\", \"latency\", \"pipelined\", "
             "\"count\"}";
    case KeyType::Classes:
      return "a list of instruction classes";
    case KeyType::Cache:
      return "a cache object";
    case KeyType::Root:
      return "a configuration object";
  }
  return "?";
}

}  // namespace pipesim
