// Internal to the configuration loader: validation of a resolved configuration (no `extends`,
// --set applied) into a PipelineConfig, one function per section, each adding what it finds
// wrong to `err` and reading absent keys' defaults from the key table (config_keys.hpp).
#pragma once

#include <string>

#include "sim/config/config.hpp"
#include "sim/config/config_fields.hpp"

namespace pipesim::config_detail {

// The whole configuration: adds to the problems already in `err` (from --set) and throws them all
// if there are any. `origin` names the configuration in messages and gives the default name.
PipelineConfig validate_config(const json& j, const std::string& origin, Errors& err);

// The sections, in the order validate_config runs them (later ones read what earlier ones set).
// Each returns or takes `structure_ok`: the stages are well formed (every stage has a unique
// name and a known role, the roles in order), so that rules about stage positions can be checked.
bool validate_stages(const json& j, PipelineConfig& c, Errors& err);
void validate_branches(const json& j, PipelineConfig& c, bool structure_ok, Errors& err);
void validate_forwarding(const json& j, PipelineConfig& c, bool structure_ok, Errors& err);
void validate_end_stage(const json& j, PipelineConfig& c, bool structure_ok, Errors& err);
void validate_units(const json& j, PipelineConfig& c, bool structure_ok, Errors& err);
void validate_memory(const json& j, PipelineConfig& c, Errors& err);
void validate_issue(const json& j, PipelineConfig& c, Errors& err);  // after units and memory
// The lanes of each forwarding path against issue_width (after validate_issue).
void validate_forward_lanes(const json& j, PipelineConfig& c, Errors& err);
void validate_ecall(const json& j, PipelineConfig& c, bool structure_ok, Errors& err);
void validate_class_stages(const json& j, PipelineConfig& c, bool structure_ok, Errors& err);

// A forwarding path's `key` ("from_lanes" or "to_lanes") at `p`: the bits of a non-empty list
// of lane numbers (whether each is below issue_width is validate_forward_lanes' business);
// ForwardPath::kEveryLane when absent.
uint8_t lane_list(const json& path, const char* key, const std::string& p, Errors& err);

// The index of the stage called `name`; if there is none, a problem at `path` (unless there are
// no stages at all, which is reported once already).
std::optional<uint32_t> find_stage(const PipelineConfig& c, const std::string& name,
                                   const std::string& path, Errors& err);

}  // namespace pipesim::config_detail
