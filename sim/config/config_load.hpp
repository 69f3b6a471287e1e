// Loading machine configurations: presets (configs/*.json, embedded at build time) and JSON files,
// `extends` inheritance, --set overrides, strict validation (docs/config.md), and the way back to
// JSON. Every problem found is reported at once, in one pipesim::Error naming the JSON path.
//
// Where the parts live: config_keys.cpp (the key table: every key's type, default and doc line),
// config_sources.cpp (presets, files, `extends`; the functions below but config_to_json),
// config_set.cpp (--set), config_validate.cpp and config_validate_units.cpp (validation, one
// function per section), config_fields.cpp (typed field readers, the problem list) and
// config_json.cpp (config_to_json), config_describe.cpp (the description of a machine --set
// changed).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "isa/error.hpp"
#include "sim/config/config.hpp"

namespace pipesim {

// The problems a configuration has, each "JSON.PATH: message" (or "--set 'K=V': message"), for
// callers that list them one by one (the playground's API); what() says them all, as before.
struct ConfigError : Error {
  ConfigError(std::string message, std::string origin_, std::vector<std::string> problems_)
      : Error(std::move(message)), origin(std::move(origin_)), problems(std::move(problems_)) {}
  std::string origin;                 // the preset name or file path
  std::vector<std::string> problems;  // never empty
};

// name_or_path: a preset name ("5-stage") or a JSON file path (anything containing '/' or ending
// in ".json" is always a path). `sets` are "path=value" overrides from --set, applied to the JSON
// (after `extends` is resolved) before validation; when they change the machine (not only its
// name or description), its description is made from the result (describe_machine). Throws
// pipesim::Error (pipesim::SourceError for JSON syntax errors, with the file, line and column).
PipelineConfig load_config(const std::string& name_or_path,
                           const std::vector<std::string>& sets = {});

// The files load_config(name_or_path) reads, by the loader's own rules: the named file (none for
// a preset), then each file its `extends` chain names, up to the loader's depth limit. Best
// effort, for checking outputs before the work starts: a file that is missing, not a regular
// file or cannot be read or parsed ends the list (load_config reports it).
std::vector<std::string> config_files(const std::string& name_or_path);

// Validates a parsed configuration. `origin` is the preset name or file path it came from: it
// names the configuration in messages, gives the default `name` (its file stem) and is where a
// relative `extends` path starts from.
// `sets` as for load_config.
PipelineConfig config_from_json(const nlohmann::json& j, const std::string& origin,
                                const std::vector<std::string>& sets = {});

// The fully resolved configuration (every key, stages named, forwarding as a list of paths); it
// loads back to an equal config.
nlohmann::ordered_json config_to_json(const PipelineConfig& c);

struct PresetInfo {
  std::string name, description;
};
// Every embedded preset, in teaching order (single-cycle first, the QtRVSim ones last).
std::vector<PresetInfo> list_presets();

}  // namespace pipesim
