// Reading JSON that users write or hand over (configurations, task files, sweep results, --set
// values): every way the text can fail to parse becomes a SourceError at its line and column,
// never an nlohmann exception that would surface as an internal error; nesting too deep for the
// recursive code that walks a value and keys given twice (nlohmann keeps the last silently) are
// refused the same way.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace pipesim {

// How the message of every SourceError thrown here begins.
inline constexpr std::string_view kInvalidJson = "invalid JSON: ";

// Where and why a parse failed: the 0-based byte offset of the problem in the text, and the
// message without nlohmann's "[json.exception...]" prefix.
struct JsonFailure {
  std::size_t offset = 0;
  std::string detail;
  // Well-formed JSON that pipesim refuses (too deep, a duplicate key), rather than a syntax
  // error: --set tells them apart, taking text that is not JSON as a string.
  bool refused = false;
};

// Turns the failure that nlohmann reported for a parse into a JsonFailure.
JsonFailure describe_json_failure(std::size_t position, const std::string& last_token,
                                  const nlohmann::json::exception& ex);

// Throws a SourceError in `file` at `failure.offset` of `text`, whose message is
// kInvalidJson followed by the detail and whose text is the line holding the offset.
[[noreturn]] void throw_json_failure(const std::string& text, const std::string& file,
                                     const JsonFailure& failure);

// The deepest nesting of arrays and objects accepted. Configurations, task files and sweep
// results are a few levels deep; a bound keeps every recursive walk over a parsed value (dump,
// copy, comparison, the checks of config_load) far from the end of the stack.
inline constexpr int kMaxJsonDepth = 64;

// The first problem in `text` (nlohmann's syntax errors, numbers beyond a double, nesting deeper
// than kMaxJsonDepth, a key given twice in one object), or nothing if it is a well-formed JSON
// document pipesim accepts. Runs in constant stack depth on any text.
std::optional<JsonFailure> check_json(const std::string& text, bool ignore_comments);

// Parses `text`, read from `file`, after check_json. Json is nlohmann::json or
// nlohmann::ordered_json.
template <class Json = nlohmann::json>
Json parse_json_source(const std::string& text, const std::string& file, bool ignore_comments) {
  if (const std::optional<JsonFailure> failure = check_json(text, ignore_comments))
    throw_json_failure(text, file, *failure);
  try {
    return Json::parse(text, nullptr, /*allow_exceptions=*/true, ignore_comments);
  } catch (const nlohmann::json::exception& ex) {
    throw_json_failure(text, file, JsonFailure{0, ex.what()});  // check_json let it pass: a bug
  }
}

}  // namespace pipesim
