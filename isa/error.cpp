#include "isa/error.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace pipesim {
namespace {

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}

}  // namespace

std::string format_diagnostic(const std::string& file, int line, int column,
                              const std::string& severity, const std::string& message,
                              const std::string& text) {
  std::string out = fmt::format("{}:{}:{}: {}: {}\n", file, line, column, severity, message);
  if (text.empty()) return out;
  // A long line (a 10 MB `.word` list, a minified JSON file) is shown as a window around the
  // column, marked with "…" where it was cut, so that one message never prints megabytes. The
  // column in the first line stays the true one.
  const std::size_t col = column > 1 ? static_cast<std::size_t>(column - 1) : 0;
  std::size_t begin = 0, end = text.size();
  if (text.size() > kDiagnosticWidth) {
    begin = col > kDiagnosticWidth / 2 ? std::min(col, text.size()) - kDiagnosticWidth / 2 : 0;
    while (begin > 0 && is_utf8_continuation(text[begin])) --begin;
    end = std::min(text.size(), begin + kDiagnosticWidth);
    while (end < text.size() && is_utf8_continuation(text[end])) ++end;
  }
  const std::string_view shown = std::string_view(text).substr(begin, end - begin);
  out += fmt::format("    {}{}{}\n", begin > 0 ? "…" : "", shown, end < text.size() ? "…" : "");
  // The caret lines up under the column; tabs are kept so it also lines up after them.
  std::string pad = begin > 0 ? " " : "";  // under the "…"
  for (std::size_t i = begin; i < col && i < end; ++i) {
    if (is_utf8_continuation(text[i])) continue;  // one column per character
    pad += text[i] == '\t' ? '\t' : ' ';
  }
  out += fmt::format("    {}^\n", pad);
  return out;
}

}  // namespace pipesim
