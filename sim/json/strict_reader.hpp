// Strict reading of the JSON files users write by hand (challenges, task graphs): unknown keys
// are errors, and every message names the file and the JSON path (RFC 6901) of the value at
// fault. One reader, so both kinds of file word their problems the same way.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "sim/json/json_text.hpp"

namespace pipesim {

// A JSON path's component: '~' and '/' escaped as RFC 6901 says, cut by excerpt().
std::string json_pointer_token(const std::string& key);

// Throws Error "FILE: PATH: WHAT" (the path "/" for the whole document). Names and keys in the
// message come from the file, so its control characters are shown as \xNN, as the assembler's
// messages show them.
[[noreturn]] void fail_at_json_path(const std::string& file, const std::string& at,
                                    const std::string& what);

// Json is nlohmann::json or nlohmann::ordered_json. Extend it with the readers of a format's
// own values.
template <class Json>
struct StrictReader {
  const std::string& file;

  [[noreturn]] void fail(const std::string& at, const std::string& what) const {
    fail_at_json_path(file, at, what);
  }
  // `j` is an object whose keys are all among `keys`.
  void only(const Json& j, const std::string& at, std::initializer_list<const char*> keys) const {
    if (!j.is_object()) fail(at, "expected an object");
    const std::set<std::string> allowed(keys.begin(), keys.end());
    for (const auto& [k, v] : j.items())
      if (!allowed.contains(k)) fail(at + "/" + json_pointer_token(k), "unknown key");
  }
  const Json& need(const Json& j, const std::string& at, const char* key) const {
    if (!j.contains(key)) fail(at, "missing key \"" + std::string(key) + "\"");
    return j.at(key);
  }
  std::string text(const Json& j, const std::string& at) const {
    if (!j.is_string() || j.template get<std::string>().empty())
      fail(at, "expected a non-empty string");
    return j.template get<std::string>();
  }
};

}  // namespace pipesim
