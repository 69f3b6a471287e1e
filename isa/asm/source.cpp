// Splits the source into lines and formats diagnostics against them.
#include "isa/asm/source.hpp"

#include "isa/error.hpp"

namespace pipesim::assembler {

Source::Source(std::string_view text, std::string file) : file_(std::move(file)) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view l = text.substr(start, end - start);
    if (!l.empty() && l.back() == '\r') l.remove_suffix(1);  // files written on Windows
    lines_.emplace_back(l);
    start = end + 1;
  }
}

void Source::error(Loc at, const std::string& message) const {
  const std::string text = at.line >= 1 && at.line <= line_count() ? line(at.line) : "";
  throw SourceError(file_, at.line, at.col, message, text);
}

std::string Source::warning(Loc at, const std::string& message) const {
  const std::string text = at.line >= 1 && at.line <= line_count() ? line(at.line) : "";
  return format_diagnostic(file_, at.line, at.col, "warning", message, text);
}

}  // namespace pipesim::assembler
