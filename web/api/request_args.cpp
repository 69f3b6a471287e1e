#include "web/api/request_args.hpp"

#include <fmt/format.h>

#include <vector>

#include "isa/error.hpp"
#include "sim/config/config_load.hpp"

namespace pipesim::web {
namespace {

const Json* field(const Json& request, const char* key) {
  const auto it = request.find(key);
  return it == request.end() || it->is_null() ? nullptr : &*it;
}

}  // namespace

std::string string_arg(const Json& request, const char* key, const std::string& fallback) {
  const Json* v = field(request, key);
  if (!v) return fallback;
  if (!v->is_string()) throw Error(fmt::format("\"{}\" must be a string", key));
  return v->get<std::string>();
}

bool bool_arg(const Json& request, const char* key, bool fallback) {
  const Json* v = field(request, key);
  if (!v) return fallback;
  if (!v->is_boolean()) throw Error(fmt::format("\"{}\" must be true or false", key));
  return v->get<bool>();
}

uint64_t count_arg(const Json& request, const char* key, uint64_t fallback, uint64_t max,
                   const char* why) {
  const Json* v = field(request, key);
  if (!v) return fallback;
  if (!v->is_number_unsigned() || v->get<uint64_t>() < 1)
    throw Error(fmt::format("\"{}\" must be a whole number of at least 1", key));
  const uint64_t n = v->get<uint64_t>();
  if (n > max)
    throw Error(fmt::format("\"{}\" is at most {}{} ({} given)", key, max,
                            why ? fmt::format(" {}", why) : std::string(), n));
  return n;
}

LoadedProgram program_arg(const Json& request) {
  const Json* source = field(request, "source");
  if (!source || !source->is_string())
    throw Error("\"source\" (the program's assembly text) is required and must be a string");
  return load_assembly(source->get<std::string>(), string_arg(request, "file", "program.s"));
}

PipelineConfig machine_arg(const Json& machine) {
  if (!machine.is_object())
    throw Error("a machine is {\"preset\": NAME} or {\"json\": {...}}, with optional \"sets\"");
  std::vector<std::string> sets;
  if (const Json* s = field(machine, "sets")) {
    if (!s->is_array()) throw Error("\"sets\" must be a list of \"key=value\" strings");
    for (const Json& set : *s) {
      if (!set.is_string()) throw Error("\"sets\" must be a list of \"key=value\" strings");
      sets.push_back(set.get<std::string>());
    }
  }
  const Json* preset = field(machine, "preset");
  const Json* json = field(machine, "json");
  if ((preset != nullptr) == (json != nullptr))
    throw Error("a machine has either \"preset\" or \"json\"");
  if (preset) {
    if (!preset->is_string()) throw Error("\"preset\" must be a preset's name");
    // Only the embedded presets: load_config would read a name with '/' as a file.
    const std::string name = preset->get<std::string>();
    std::string names;
    for (const PresetInfo& p : list_presets()) {
      if (p.name == name) return load_config(name, sets);
      names += (names.empty() ? "" : ", ") + p.name;
    }
    throw Error(fmt::format("unknown preset '{}'; presets are {}", name, names));
  }
  return config_from_json(*json, "config", sets);
}

PipelineConfig request_machine(const Json& request) {
  const Json* m = field(request, "machine");
  if (!m) throw Error("\"machine\" is required: {\"preset\": NAME} or {\"json\": {...}}");
  return machine_arg(*m);
}

}  // namespace pipesim::web
