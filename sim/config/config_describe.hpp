// A machine described in words from its configuration, for a configuration whose hand-written
// `description` no longer holds: a preset changed by --set (load_config) says "predict
// not-taken" in its text whatever branches.policy the --set gave it.
#pragma once

#include <string>

#include "sim/config/config.hpp"

namespace pipesim {

// One sentence from the fields that shape the timing: "5-stage pipeline (IF ID EX MEM WB), 200
// ps clock, full forwarding, split-phase register file, branches resolved in EX, 2-bit predictor
// at fetch (64-entry table, 16-entry BTB)", then units, caches and memory when they differ from
// the defaults. The whole truth is config_to_json; this names what a reader compares machines by.
std::string describe_machine(const PipelineConfig& c);

}  // namespace pipesim
