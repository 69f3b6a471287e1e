// Internal to the configuration loader: --set PATH=VALUE overrides (docs/config.md, "Loading").
#pragma once

#include <string>

#include "sim/config/config_fields.hpp"

namespace pipesim::config_detail {

// Applies one "path=value" override to `j` (a configuration with `extends` resolved). The path
// must name a key of the key table and the value have that key's type; problems go to `err`,
// named after the --set option, and leave `j` unchanged.
void apply_set(json& j, const std::string& set, Errors& err);

}  // namespace pipesim::config_detail
