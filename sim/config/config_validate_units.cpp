// Validation of the functional units (`functional_units`, `execute`) and of `memory` with its
// caches; the rest of a configuration is validated in config_validate.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "sim/config/config_validate.hpp"

namespace pipesim::config_detail {

namespace {

// The `classes` of functional unit `p`, as OpClass bits; `covered` collects the classes of the
// units before it (each class has exactly one unit).
uint8_t validate_classes(const json& u, const std::string& p, uint8_t& covered, Errors& err) {
  uint8_t classes_bits = 0;
  const json* classes = field(u, "classes");
  if (!classes) {
    err.add(p + ".classes", "missing; a list of alu, mul, div, mem, branch");
  } else if (!classes->is_array() || classes->empty()) {
    err.add(p + ".classes", fmt::format("expected a non-empty list of alu, mul, div, mem, "
                                        "branch, got {}",
                                        show(*classes)));
  } else {
    for (size_t k = 0; k < classes->size(); ++k) {
      const json& cl = (*classes)[k];
      const std::string cp = join_index(p + ".classes", k);
      const auto it = std::find_if(kOpClasses.begin(), kOpClasses.end(), [&](OpClass o) {
        return cl.is_string() && cl.get<std::string>() == op_class_name(o);
      });
      if (it == kOpClasses.end()) {
        err.add(cp, fmt::format("unknown class {}; expected one of alu, mul, div, mem, branch",
                                show(cl)));
        continue;
      }
      const auto bit = static_cast<uint8_t>(*it);
      if (covered & bit)
        err.add(cp, fmt::format("class {} is already executed by another unit; each class "
                                "has exactly one unit (use count for several identical ones)",
                                op_class_name(*it)));
      covered |= bit;
      classes_bits |= bit;
    }
  }
  return classes_bits;
}

// One element of `functional_units`; nullopt if it is not an object. `exec_stages`: the number
// of execute stages, the least latency of a unit.
std::optional<FunctionalUnit> validate_unit(const json& u, const std::string& p,
                                            const PipelineConfig& c, uint32_t exec_stages,
                                            uint8_t& covered, Errors& err) {
  if (!u.is_object()) {
    err.add(p, fmt::format("expected {}, got {}", type_text(KeyType::Unit), show(u)));
    return std::nullopt;
  }
  check_keys(u, KeyType::Unit, p, err);
  FunctionalUnit f;
  if (auto name = get_string(u, "name", p, err)) {
    f.name = *name;
    if (f.name.empty()) err.add(p + ".name", "empty; every functional unit needs a name");
    for (size_t k = 0; k < c.functional_units.size(); ++k)
      if (c.functional_units[k].name == f.name && !f.name.empty())
        err.add(p + ".name", fmt::format("duplicate unit name {} (also functional_units[{}])",
                                         quote(f.name), k));
  } else if (!u.contains("name")) {
    err.add(p + ".name", "missing; every functional unit needs a name");
  }
  f.classes = validate_classes(u, p, covered, err);
  const std::string latency_rule =
      c.execute == ExecuteMode::Blocking && exec_stages > 1
          ? fmt::format("an integer >= {} (one cycle in each of the {} execute stages)",
                        exec_stages, exec_stages)
          : std::string("a positive integer");
  f.latency = get_int(u, "latency", p, exec_stages, kMaxUnitLatency, latency_rule.c_str(), err)
                  .value_or(exec_stages);
  f.pipelined = get_bool(u, "pipelined", p, err).value_or(default_bool(KeyType::Unit, "pipelined"));
  f.count = get_int(u, "count", p, 1, kMaxUnitCount, "a positive integer", err)
                .value_or(default_int(KeyType::Unit, "count"));
  return f;
}

// memory.icache or memory.dcache (`data`): absent, no cache.
CacheConfig validate_cache(const json& m, const char* key, bool data, Errors& err) {
  CacheConfig k;
  const json* v = field(m, key);
  if (!v) return k;
  const std::string p = join_key("memory", key);
  if (!v->is_object()) {
    err.add(p, fmt::format("expected a cache object, got {}", show(*v)));
    return k;
  }
  check_keys(*v, KeyType::Cache, p, err);
  k.enabled = true;
  const char* pow2 = "a power of two";
  auto power_of_two = [&](const char* name, int64_t lo, int64_t hi, uint32_t fallback) {
    auto n = get_int(*v, name, p, lo, hi, pow2, err);
    if (!n) {
      if (!v->contains(name)) err.add(join_key(p, name), fmt::format("missing; {}", pow2));
      return fallback;
    }
    if ((*n & (*n - 1)) != 0) err.add(join_key(p, name), fmt::format("{} is not {}", *n, pow2));
    return *n;
  };
  k.size_bytes = power_of_two("size_bytes", 4, 1 << 24, 1024);
  k.line_bytes = power_of_two("line_bytes", 4, 4096, 16);
  k.ways = get_int(*v, "ways", p, 1, 64, "a positive integer", err)
               .value_or(default_int(KeyType::Cache, "ways"));
  if (static_cast<uint64_t>(k.line_bytes) * k.ways > k.size_bytes) {
    err.add(p, fmt::format("line_bytes {} x ways {} is larger than size_bytes {}", k.line_bytes,
                           k.ways, k.size_bytes));
  } else if (const uint32_t sets = k.size_bytes / (k.line_bytes * k.ways);
             (sets & (sets - 1)) != 0 || sets * k.line_bytes * k.ways != k.size_bytes) {
    err.add(p, fmt::format("size_bytes / (line_bytes x ways) = {} / ({} x {}) must be a whole "
                           "power of two (the number of sets)",
                           k.size_bytes, k.line_bytes, k.ways));
  }
  k.replacement = get_enum(*v, "replacement", p, kReplacements, "replacement", err)
                      .value_or(enum_default(KeyType::Cache, "replacement", kReplacements));
  k.write_policy = get_enum(*v, "write_policy", p, kWritePolicies, "write policy", err)
                       .value_or(enum_default(KeyType::Cache, "write_policy", kWritePolicies));
  if (!data && v->contains("write_policy"))
    err.add(join_key(p, "write_policy"), "an instruction cache is never written; remove it");
  k.hit_latency = get_int(*v, "hit_latency", p, 1, kMaxMemoryCycles, "a positive integer", err)
                      .value_or(default_int(KeyType::Cache, "hit_latency"));
  k.miss_penalty =
      get_int(*v, "miss_penalty", p, 0, kMaxMemoryCycles, "a non-negative integer", err)
          .value_or(default_int(KeyType::Cache, "miss_penalty"));
  k.seed = get_int(*v, "seed", p, 0, 0xffffffffLL, "a non-negative integer", err)
               .value_or(default_int(KeyType::Cache, "seed"));
  return k;
}

}  // namespace

void validate_units(const json& j, PipelineConfig& c, bool structure_ok, Errors& err) {
  c.execute = get_enum(j, "execute", "", kExecuteModes, "execute mode", err)
                  .value_or(enum_default(KeyType::Root, "execute", kExecuteModes));
  const uint32_t exec_stages =
      structure_ok ? c.last_of(StageRole::Execute) - c.first_of(StageRole::Execute) + 1 : 1;
  if (structure_ok && c.execute == ExecuteMode::Parallel && exec_stages != 1)
    err.add("execute", fmt::format("\"parallel\" needs exactly one execute stage (the functional "
                                   "units take its place); this configuration has {}",
                                   exec_stages));
  const json* units = field(j, "functional_units");
  if (!units) {
    fill_default_units(c);
    return;
  }
  if (!units->is_array() || units->empty()) {
    err.add("functional_units",
            fmt::format("expected a non-empty list of functional units, got {}", show(*units)));
    return;
  }
  uint8_t covered = 0;
  for (size_t i = 0; i < units->size(); ++i) {
    if (auto f = validate_unit((*units)[i], join_index("functional_units", i), c, exec_stages,
                               covered, err))
      c.functional_units.push_back(std::move(*f));
  }
  if (covered != kAllOpClasses) {
    std::string missing;
    for (OpClass o : kOpClasses)
      if (!(covered & static_cast<uint8_t>(o)))
        missing += std::string(missing.empty() ? "" : ", ") + op_class_name(o);
    err.add("functional_units",
            fmt::format("no unit executes {}; every class (alu, mul, div, mem, branch) needs one",
                        missing));
  }
  if (c.execute == ExecuteMode::Parallel && c.unit_lanes().size() > kMaxUnitLanes)
    err.add("functional_units",
            fmt::format("{} unit positions (a pipelined unit has one per cycle of latency, times "
                        "its count); at most {} are allowed in parallel mode",
                        c.unit_lanes().size(), kMaxUnitLanes));
}

void validate_memory(const json& j, PipelineConfig& c, Errors& err) {
  const json* m = field(j, "memory");
  if (!m) m = &default_of(config_key(KeyType::Root, "memory"));
  if (!m->is_object()) {
    err.add("memory", fmt::format("expected an object, got {}", show(*m)));
    return;
  }
  check_keys(*m, KeyType::Memory, "memory", err);
  c.memory.instruction_latency =
      get_int(*m, "instruction_latency", "memory", 1, kMaxMemoryCycles, "a positive integer", err)
          .value_or(default_int(KeyType::Memory, "instruction_latency"));
  c.memory.data_latency =
      get_int(*m, "data_latency", "memory", 1, kMaxMemoryCycles, "a positive integer", err)
          .value_or(default_int(KeyType::Memory, "data_latency"));
  c.memory.unified_memory_port =
      get_bool(*m, "unified_memory_port", "memory", err)
          .value_or(default_bool(KeyType::Memory, "unified_memory_port"));
  c.memory.misaligned =
      get_enum(*m, "misaligned", "memory", kMisalignedModes, "misaligned access mode", err)
          .value_or(enum_default(KeyType::Memory, "misaligned", kMisalignedModes));
  c.memory.icache = validate_cache(*m, "icache", false, err);
  c.memory.dcache = validate_cache(*m, "dcache", true, err);
  // A slow data access would stall the memory stage while results leave the units at the
  // cycles they reserved at issue; pipesim does not model that combination.
  if (c.execute == ExecuteMode::Parallel && c.memory.data_latency != 1)
    err.add("memory.data_latency",
            "must be 1 with \"execute\": \"parallel\" (instructions leave "
            "the functional units at the cycle they reserved at issue)");
  if (c.execute == ExecuteMode::Parallel && c.memory.dcache.enabled)
    err.add("memory.dcache",
            "a data cache cannot be combined with \"execute\": \"parallel\" "
            "(a miss would stall the memory stage, where instructions leave the "
            "functional units at the cycle they reserved at issue)");
}

}  // namespace pipesim::config_detail
