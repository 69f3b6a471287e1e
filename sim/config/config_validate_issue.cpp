// Validation of superscalar issue (`issue_width`, `issue`): the issue slots and the pairing rules
// (docs/config.md, "Issue"). The rest of a configuration is validated in config_validate.cpp.
#include <fmt/format.h>

#include <algorithm>

#include "sim/config/config_validate.hpp"

namespace pipesim::config_detail {

namespace {

// One slot of `issue.slots` at `p`: the OpClass bits of its list of class names.
uint8_t validate_slot(const json& slot, const std::string& p, Errors& err) {
  if (!slot.is_array() || slot.empty()) {
    err.add(p, fmt::format("expected a non-empty list of alu, mul, div, mem, branch, got {}",
                           show(slot)));
    return 0;
  }
  uint8_t bits = 0;
  for (size_t k = 0; k < slot.size(); ++k) {
    const json& cl = slot[k];
    const auto it = std::find_if(kOpClasses.begin(), kOpClasses.end(), [&](OpClass o) {
      return cl.is_string() && cl.get<std::string>() == op_class_name(o);
    });
    if (it == kOpClasses.end()) {
      err.add(
          join_index(p, k),
          fmt::format("unknown class {}; expected one of alu, mul, div, mem, branch", show(cl)));
      continue;
    }
    bits |= static_cast<uint8_t>(*it);
  }
  return bits;
}

void validate_slots(const json& issue, PipelineConfig& c, Errors& err) {
  IssueConfig& is = c.issue;
  is.slots.assign(is.width, IssueConfig::kAllOpClassesBits);
  const json* slots = field(issue, "slots");
  if (!slots) return;
  if (!slots->is_array()) {
    err.add("issue.slots",
            fmt::format("expected {}, got {}", type_text(KeyType::Slots), show(*slots)));
    return;
  }
  if (slots->size() != is.width) {
    err.add("issue.slots", fmt::format("{} slot{} for issue_width {}; give one list of classes "
                                       "per slot",
                                       slots->size(), slots->size() == 1 ? "" : "s", is.width));
    return;
  }
  uint8_t covered = 0;
  for (size_t s = 0; s < slots->size(); ++s) {
    is.slots[s] = validate_slot((*slots)[s], join_index("issue.slots", s), err);
    covered |= is.slots[s];
  }
  for (OpClass o : kOpClasses)
    if (!(covered & static_cast<uint8_t>(o)))
      err.add("issue.slots",
              fmt::format("no slot accepts class {}; every class needs a slot", op_class_name(o)));
}

}  // namespace

uint8_t lane_list(const json& path, const char* key, const std::string& p, Errors& err) {
  const json* lanes = field(path, key);
  if (!lanes) return ForwardPath::kEveryLane;
  const std::string at = join_key(p, key);
  if (!lanes->is_array() || lanes->empty()) {
    err.add(at, fmt::format("expected {}, got {}", type_text(KeyType::Lanes), show(*lanes)));
    return ForwardPath::kEveryLane;
  }
  uint8_t bits = 0;
  for (size_t k = 0; k < lanes->size(); ++k) {
    const json& lane = (*lanes)[k];
    if (!lane.is_number_unsigned()) {
      err.add(join_index(at, k), fmt::format("expected a lane number (an issue slot, from 0), "
                                             "got {}",
                                             show(lane)));
    } else if (lane.get<uint64_t>() < kMaxIssueWidth) {
      bits = static_cast<uint8_t>(bits | 1u << lane.get<uint32_t>());
    }
  }
  return bits;
}

// Every lane must be an issue slot of the machine: below issue_width (on a machine of width 1,
// only lane 0). A list naming every slot is the default, every lane, and is kept as such.
void validate_forward_lanes(const json& j, PipelineConfig& c, Errors& err) {
  const uint32_t w = c.issue.width;
  const json* fwd = field(j, "forwarding");
  for (size_t i = 0; fwd && fwd->is_array() && i < fwd->size(); ++i) {
    const json& path = (*fwd)[i];
    for (const char* key : {"from_lanes", "to_lanes"}) {
      const json* lanes = path.is_object() ? field(path, key) : nullptr;
      for (size_t k = 0; lanes && lanes->is_array() && k < lanes->size(); ++k) {
        const json& lane = (*lanes)[k];
        if (!lane.is_number_unsigned() || lane.get<uint64_t>() < w) continue;
        const std::string at = join_index(join_key(join_index("forwarding", i), key), k);
        err.add(at, w == 1 ? fmt::format("lane {} on a machine of issue_width 1, whose only lane "
                                         "is 0",
                                         show(lane))
                           : fmt::format("lane {} is not an issue slot; issue_width {} has lanes "
                                         "0 to {}",
                                         show(lane), w, w - 1));
      }
    }
  }
  const uint8_t every = static_cast<uint8_t>((1u << w) - 1);
  for (ForwardPath& p : c.forwarding)
    for (uint8_t* lanes : {&p.from_lanes, &p.to_lanes})
      if ((*lanes & every) == every) *lanes = ForwardPath::kEveryLane;
}

void validate_issue(const json& j, PipelineConfig& c, Errors& err) {
  IssueConfig& is = c.issue;
  is.width = get_int(j, "issue_width", "", 1, kMaxIssueWidth, "an integer from 1 to 4", err)
                 .value_or(default_int(KeyType::Root, "issue_width"));
  const json* issue_field = field(j, "issue");
  const json empty = json::object();
  const json& issue = issue_field ? *issue_field : empty;
  if (!issue.is_object()) {
    err.add("issue", fmt::format("expected an object, got {}", show(issue)));
    return;
  }
  check_keys(issue, KeyType::Issue, "issue", err);
  const uint32_t w = is.width;
  validate_slots(issue, c, err);
  is.alignment = get_enum(issue, "alignment", "issue", kAlignments, "alignment", err)
                     .value_or(enum_default(KeyType::Issue, "alignment", kAlignments));
  const std::string up_to_width = fmt::format("an integer from 1 to issue_width ({})", w);
  is.memory_per_cycle = get_int(issue, "memory_per_cycle", "issue", 1, w, up_to_width.c_str(), err)
                            .value_or(std::min(w, default_int(KeyType::Issue, "memory_per_cycle")));
  is.branches_per_cycle =
      get_int(issue, "branches_per_cycle", "issue", 1, w, up_to_width.c_str(), err)
          .value_or(std::min(w, default_int(KeyType::Issue, "branches_per_cycle")));
  // Two read ports let any one instruction issue; more than two per slot are never used.
  const std::string read_rule = fmt::format("an integer from 2 to 2 x issue_width ({})", 2 * w);
  is.read_ports =
      get_int(issue, "read_ports", "issue", 2, 2 * w, read_rule.c_str(), err).value_or(2 * w);
  is.write_ports =
      get_int(issue, "write_ports", "issue", 1, w, up_to_width.c_str(), err).value_or(w);
  is.cross_lane_forwarding = get_bool(issue, "cross_lane_forwarding", "issue", err)
                                 .value_or(default_bool(KeyType::Issue, "cross_lane_forwarding"));
  for (auto [key, flag] :
       {std::pair{"control_last", &is.control_last}, std::pair{"system_alone", &is.system_alone},
        std::pair{"split_war", &is.split_war},
        std::pair{"hazard_holds_group", &is.hazard_holds_group},
        std::pair{"younger_first_slot", &is.younger_first_slot}})
    *flag = get_bool(issue, key, "issue", err).value_or(default_bool(KeyType::Issue, key));
  // Slots that accept everything are the default: kept as none, as a config built in code has.
  if (std::all_of(is.slots.begin(), is.slots.end(),
                  [](uint8_t b) { return b == IssueConfig::kAllOpClassesBits; }))
    is.slots.clear();
  if (w > 1 && c.kind != MachineKind::Pipelined)
    err.add("issue_width", fmt::format("{} is for pipelined machines; a {} machine runs one "
                                       "instruction at a time",
                                       w, kind_name(c.kind)));
  if (w > 1 && c.execute == ExecuteMode::Parallel)
    err.add("issue_width", fmt::format("{} with parallel execute is not supported; superscalar "
                                       "machines use blocking execute",
                                       w));
}

}  // namespace pipesim::config_detail
