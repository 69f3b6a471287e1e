// Validation of `class_stages`: the stages each instruction class passes on a multi-cycle machine
// (docs/config.md, "Multi-cycle paths"). The rest of a configuration is validated in
// config_validate.cpp.
#include <fmt/format.h>

#include "sim/config/config_validate.hpp"

namespace pipesim::config_detail {

namespace {

std::optional<InsnClass> find_class(const std::string& name) {
  for (std::size_t k = 0; k < kNumInsnClasses; ++k)
    if (name == insn_class_name(static_cast<InsnClass>(k))) return static_cast<InsnClass>(k);
  return std::nullopt;
}

// One class's list at `p`: its stage bits (0 after a problem). The list names stages in pipeline
// order, each once, and starts with the first stage: every instruction is fetched there.
uint32_t validate_path(const json& list, const PipelineConfig& c, bool structure_ok,
                       const std::string& p, Errors& err) {
  if (!list.is_array() || list.empty()) {
    err.add(p, fmt::format("expected a non-empty list of stage names, got {}", show(list)));
    return 0;
  }
  uint32_t bits = 0;
  std::optional<uint32_t> previous;
  for (std::size_t k = 0; k < list.size(); ++k) {
    const std::string at = join_index(p, k);
    if (!list[k].is_string()) {
      err.add(at, fmt::format("expected a stage name, got {}", show(list[k])));
      return 0;
    }
    const auto idx = find_stage(c, list[k].get<std::string>(), at, err);
    if (!idx) return 0;
    if (previous && *idx <= *previous) {
      err.add(at, fmt::format("{} is not after {}; list the stages in pipeline order, each once",
                              quote(c.stages[*idx].name), quote(c.stages[*previous].name)));
      return 0;
    }
    previous = idx;
    bits |= 1u << *idx;
  }
  if (structure_ok && !(bits & 1u)) {
    err.add(p, fmt::format("the list must start with the first stage {}: every instruction is "
                           "fetched",
                           quote(c.stages[0].name)));
    return 0;
  }
  return bits;
}

}  // namespace

void validate_class_stages(const json& j, PipelineConfig& c, bool structure_ok, Errors& err) {
  c.class_stages.fill(0);
  const json* value = field(j, "class_stages");
  if (!value) return;
  if (!value->is_object()) {
    err.add("class_stages",
            fmt::format("expected {}, got {}", type_text(KeyType::ClassPaths), show(*value)));
    return;
  }
  for (const auto& [name, list] : value->items()) {
    const std::string p = fmt::format("class_stages.{}", name);
    const auto cls = find_class(name);
    if (!cls) {
      err.add(p, fmt::format("unknown instruction class {}; expected one of alu, auipc, load, "
                             "store, branch, jal, jalr, system",
                             quote(name)));
      continue;
    }
    c.class_stages[static_cast<std::size_t>(*cls)] = validate_path(list, c, structure_ok, p, err);
  }
}

}  // namespace pipesim::config_detail
