#include "isa/error.hpp"

#include "isa/source_errors.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <string_view>

namespace pipesim {
namespace {

bool is_utf8_continuation(char c) {
  return (static_cast<unsigned char>(c) & 0xc0) == 0x80;
}

// The length of the well-formed UTF-8 character at s[i] (1 for ASCII), or 0 when the bytes
// there are not UTF-8 (a Latin-1 file, a stray continuation byte, an overlong or cut sequence).
std::size_t utf8_length(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) return 1;
  const std::size_t n = b >= 0xc2 && b <= 0xdf   ? 2
                        : b >= 0xe0 && b <= 0xef ? 3
                        : b >= 0xf0 && b <= 0xf4 ? 4
                                                 : 0;
  if (n == 0 || i + n > s.size()) return 0;
  for (std::size_t k = 1; k < n; ++k)
    if (!is_utf8_continuation(s[i + k])) return 0;
  const auto b1 = static_cast<unsigned char>(s[i + 1]);
  if ((b == 0xe0 && b1 < 0xa0) || (b == 0xed && b1 >= 0xa0) || (b == 0xf0 && b1 < 0x90) ||
      (b == 0xf4 && b1 >= 0x90))
    return 0;  // overlong, a surrogate, or past U+10FFFF
  return n;
}

// U+0080..U+009F (C2 80..C2 9F): the C1 control characters; a terminal may take U+009B as CSI,
// the start of an escape sequence, as it takes ESC [.
bool is_c1_control(std::string_view s, std::size_t i, std::size_t n) {
  return n == 2 && static_cast<unsigned char>(s[i]) == 0xc2 &&
         static_cast<unsigned char>(s[i + 1]) < 0xa0;
}

// Appends the character at s[i] as it is printed, advancing i; returns the columns it takes.
// Tabs stay when `keep_tabs` (the caret line repeats them); other control characters (C0, DEL,
// C1) and non-UTF-8 bytes become \xNN, a byte each.
std::size_t append_printable(std::string& out, std::string_view s, std::size_t& i,
                             bool keep_tabs = true) {
  const auto b = static_cast<unsigned char>(s[i]);
  const std::size_t n = utf8_length(s, i);
  if ((b == '\t' && keep_tabs) || (n >= 1 && b >= 0x20 && b != 0x7f && !is_c1_control(s, i, n))) {
    out.append(s.substr(i, std::max<std::size_t>(n, 1)));
    i += std::max<std::size_t>(n, 1);
    return 1;
  }
  const std::size_t bytes = std::max<std::size_t>(n, 1);  // a C1 character is two
  for (std::size_t k = 0; k < bytes; ++k)
    out += fmt::format("\\x{:02x}", static_cast<unsigned char>(s[i + k]));
  i += bytes;
  return 4 * bytes;
}

std::string printable(std::string_view s, bool keep_tabs = true) {
  std::string out;
  for (std::size_t i = 0; i < s.size();) append_printable(out, s, i, keep_tabs);
  return out;
}

// Moves i back to the start of the UTF-8 character it points into.
std::size_t char_start(std::string_view s, std::size_t i) {
  while (i > 0 && i < s.size() && is_utf8_continuation(s[i])) --i;
  return i;
}

}  // namespace

SourceErrors::SourceErrors(std::vector<SourceError> all, std::vector<LineWindow> windows_,
                           bool stopped_)
    : SourceError(all.at(0)),
      errors(std::move(all)),
      windows(std::move(windows_)),
      stopped(stopped_) {
  // The base's own text is the whole line as far as it is shown (blanks before the window,
  // one more byte after a cut), so that format_diagnostic(e) shows the first error unchanged.
  const LineWindow& w = windows.at(0);
  if (w.begin > 0 || w.cut_end)
    text = std::string(w.begin, ' ') + errors[0].text + (w.cut_end ? " " : "");
}

std::string printable_message(std::string_view message) {
  constexpr std::size_t kMax = 2 * kDiagnosticWidth, kHead = 200, kTail = 80;
  if (message.size() <= kMax) return printable(message);
  const std::size_t head = char_start(message, kHead);
  const std::size_t tail = char_start(message, message.size() - kTail);
  return printable(message.substr(0, head)) + "…" + printable(message.substr(tail));
}

std::string printable_name(std::string_view name) {
  return printable(name, /*keep_tabs=*/false);
}

LineWindow diagnostic_window(std::string_view text, int column) {
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
  return {begin, end, end < text.size()};
}

std::string format_window(const std::string& file, int line, int column,
                          const std::string& severity, const std::string& message,
                          std::string_view shown_text, std::size_t offset, bool cut_end) {
  std::string out =
      fmt::format("{}:{}:{}: {}: {}\n", file, line, column, severity, printable_message(message));
  if (shown_text.empty() && offset == 0) return out;
  // The caret lines up under the column: one column per character, four for a \xNN escape,
  // and tabs are kept so that it also lines up after them.
  const std::size_t col = column > 1 ? static_cast<std::size_t>(column - 1) : 0;
  std::string shown, pad = offset > 0 ? " " : "";  // under the "…"
  for (std::size_t i = 0; i < shown_text.size();) {
    const bool before_caret = offset + i < col;
    const bool tab = shown_text[i] == '\t';
    const std::size_t width = append_printable(shown, shown_text, i);
    if (before_caret) pad += tab ? std::string("\t") : std::string(width, ' ');
  }
  out += fmt::format("    {}{}{}\n", offset > 0 ? "…" : "", shown, cut_end ? "…" : "");
  out += fmt::format("    {}^\n", pad);
  return out;
}

std::string format_diagnostic(const std::string& file, int line, int column,
                              const std::string& severity, const std::string& message,
                              const std::string& text) {
  if (text.empty()) return format_window(file, line, column, severity, message, "", 0, false);
  const LineWindow w = diagnostic_window(text, column);
  return format_window(file, line, column, severity, message,
                       std::string_view(text).substr(w.begin, w.end - w.begin), w.begin, w.cut_end);
}

std::string format_diagnostics(const SourceError& e) {
  const auto* all = dynamic_cast<const SourceErrors*>(&e);
  if (all == nullptr) return format_diagnostic(e.file, e.line, e.column, "error", e.what(), e.text);
  std::string out;
  for (std::size_t i = 0; i < all->errors.size(); ++i) {
    const SourceError& one = all->errors[i];
    const LineWindow& w = all->windows.at(i);
    out += format_window(one.file, one.line, one.column, "error", one.what(), one.text, w.begin,
                         w.cut_end);
  }
  if (all->stopped)
    out += fmt::format("{}: error: too many errors, stopping after {}\n", e.file, kMaxErrors);
  return out;
}

}  // namespace pipesim
