// Reading a request's arguments (docs/web.md, "The API"): typed fields with plain errors, the
// program ("source", "file") and the machine ({"preset"} or {"json"}, with "sets"). Every
// problem is a pipesim::Error (SourceErrors for the program, ConfigError for the machine), which
// api.cpp turns into the reply's "error" and "errors".
#pragma once

#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "sim/config/config.hpp"
#include "sim/load/load.hpp"

namespace pipesim::web {

using Json = nlohmann::json;

// The string at `key`, or `fallback` when absent; an error when it is not a string.
std::string string_arg(const Json& request, const char* key, const std::string& fallback);
bool bool_arg(const Json& request, const char* key, bool fallback);
// A whole number in [1, max] (`fallback` when absent); `what` names the limit in the error.
uint64_t count_arg(const Json& request, const char* key, uint64_t fallback, uint64_t max,
                   const char* why = nullptr);

// "source" assembled as "file" (default "program.s"); .include and .incbin are errors (the
// browser has no files to read).
LoadedProgram program_arg(const Json& request);

// A machine argument: {"preset": NAME} or {"json": {...}}, plus "sets": ["key=value", ...].
PipelineConfig machine_arg(const Json& machine);
// The request's "machine" (required).
PipelineConfig request_machine(const Json& request);

}  // namespace pipesim::web
