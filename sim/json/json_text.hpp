// Writing JSON with nlohmann. Strings pipesim does not control (file names, guest output, --set
// values) may hold bytes that are not UTF-8, which JSON cannot carry; nlohmann's default is to
// throw type_error.316, which would end the run as an internal error. Each ill-formed sequence
// becomes U+FFFD instead, as put_json_string (sim/report/trace_text_out.hpp) does for the traces.
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace pipesim {

// `indent` as for dump(): -1 is compact, N puts each member on its own line, indented by N.
template <class Json>
std::string json_text(const Json& j, int indent = -1) {
  return j.dump(indent, ' ', /*ensure_ascii=*/false, Json::error_handler_t::replace);
}

// At most `max` bytes of `s` for a message: longer text is cut (at a character boundary) and
// ends in "...", so that a value of any size is shown by its beginning.
inline constexpr std::size_t kExcerptBytes = 60;
inline std::string excerpt(std::string_view s, std::size_t max = kExcerptBytes) {
  if (s.size() <= max) return std::string(s);
  std::size_t cut = max - 3;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "...";
}

// A JSON value as messages show it: compact, and cut by excerpt().
template <class Json>
std::string json_excerpt(const Json& j) {
  return excerpt(json_text(j));
}

}  // namespace pipesim
