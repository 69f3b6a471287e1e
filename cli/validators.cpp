// Option validators with plain messages: CLI11's own PositiveNumber prints the range of a double
// in 300 digits, an unsigned option silently wraps "-5" around to 2^64 - 5, and a delimiter(',')
// option silently drops the empty items of "a,,b".
#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <string>
#include <string_view>
#include <unordered_set>

#include "cli/command.hpp"

namespace pipesim::cli {

CLI::Validator positive_count() {
  return CLI::Validator(
      [](std::string& s) -> std::string {
        const std::string bad = "expected a whole number of at least 1, got '" + s + "'";
        if (s.empty() || s.find_first_not_of("0123456789") != std::string::npos) return bad;
        errno = 0;
        const unsigned long long v = std::strtoull(s.c_str(), nullptr, 10);
        if (errno == ERANGE) return "'" + s + "' is too large (at most 18446744073709551615)";
        return v >= 1 ? "" : bad;
      },
      "N");
}

CLI::Validator positive_seconds() {
  return CLI::Validator(
      [](std::string& s) -> std::string {
        char* end = nullptr;
        const double v = std::strtod(s.c_str(), &end);
        // Also bounded above: a deadline must fit the clock (about 292 years of nanoseconds).
        if (s.empty() || *end != '\0' || !(v > 0) || v > kMaxTimeoutSeconds)
          return "expected a number of seconds, more than 0 and at most " +
                 std::to_string(static_cast<long long>(kMaxTimeoutSeconds)) + ", got '" + s + "'";
        return "";
      },
      "SECONDS");
}

CLI::Validator file_name() {
  return CLI::Validator(
      [](std::string& s) -> std::string {
        // `--json "$OUT"` with OUT unset would otherwise mean "no --json": the output, lost.
        return s.empty() ? "expected a file name, got an empty one" : "";
      },
      "");  // the option's own type_name ("FILE") already says what it takes
}

CLI::Validator comma_list() {
  return CLI::Validator(
      [](std::string& s) -> std::string {
        const std::vector<std::string> items = split_list({s});
        // A set, not a scan of the earlier items: a 128 KiB list has some 20000 items.
        std::unordered_set<std::string_view> seen;
        for (const std::string& item : items) {
          if (item.empty()) return "empty item in the list '" + s + "' (expected NAME,NAME,...)";
          // The same machine twice would only run twice (a sweep's rows, a comparison's columns).
          if (!seen.insert(item).second) return "'" + item + "' is twice in the list '" + s + "'";
        }
        return "";
      },
      "LIST");
}

std::vector<std::string> split_list(const std::vector<std::string>& args) {
  std::vector<std::string> items;
  for (const std::string& a : args) {
    std::size_t start = 0;
    while (true) {
      const std::size_t comma = a.find(',', start);
      items.push_back(a.substr(start, comma == std::string::npos ? comma : comma - start));
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return items;
}

}  // namespace pipesim::cli
