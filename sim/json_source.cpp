#include "sim/json_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

#include "isa/error.hpp"

namespace pipesim {

namespace {

constexpr int kNumberOutOfRange = 406;  // nlohmann's out_of_range.406: "number overflow parsing"
constexpr std::size_t kShownDigits = 24;

}  // namespace

JsonFailure describe_json_failure(std::size_t position, const std::string& last_token,
                                  const nlohmann::json::exception& ex) {
  if (ex.id == kNumberOutOfRange) {
    // `position` is just past the number; point at its first character.
    const std::string shown =
        last_token.size() > kShownDigits ? last_token.substr(0, kShownDigits) + "..." : last_token;
    return {position >= last_token.size() ? position - last_token.size() : 0,
            fmt::format("number {} is too large (beyond the range of a double)", shown)};
  }
  // nlohmann's message: "[json.exception.parse_error.101] parse error at line 2, column 3:
  // syntax error while parsing ..."; keep what follows the location. `position` is 1-based:
  // the character that could not be parsed.
  const std::string what = ex.what();
  const std::size_t at = what.find("parse error");
  const std::size_t colon = at == std::string::npos ? std::string::npos : what.find(": ", at);
  return {position > 0 ? position - 1 : 0,
          colon == std::string::npos ? what : what.substr(colon + 2)};
}

void throw_json_failure(const std::string& text, const std::string& file,
                        const JsonFailure& failure) {
  std::size_t pos = std::min(failure.offset, text.size());
  // A misplaced string is reported at its closing quote; point at its opening one.
  if (std::string_view(failure.detail).find("unexpected string literal") !=
          std::string_view::npos &&
      pos < text.size() && text[pos] == '"' && pos > 0) {
    const std::size_t open = text.rfind('"', pos - 1);
    if (open != std::string::npos) pos = open;
  }
  std::size_t line_start = pos == 0 ? 0 : text.rfind('\n', pos - 1);
  line_start = line_start == std::string::npos || pos == 0 ? 0 : line_start + 1;
  if (pos > 0 && text[pos - 1] == '\n' && pos == text.size()) {
    // End of input right after a newline: point at the end of the last line instead.
    pos -= 1;
    const std::size_t prev = pos == 0 ? std::string::npos : text.rfind('\n', pos - 1);
    line_start = prev == std::string::npos ? 0 : prev + 1;
  }
  const int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + line_start, '\n'));
  const int column = 1 + static_cast<int>(pos - line_start);
  const std::size_t line_end = text.find('\n', line_start);
  throw SourceError(file, line, column, std::string(kInvalidJson) + failure.detail,
                    text.substr(line_start, line_end == std::string::npos ? std::string::npos
                                                                          : line_end - line_start));
}

}  // namespace pipesim
