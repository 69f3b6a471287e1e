// Finds the lines of the source and formats diagnostics against them.
#include "isa/asm/source.hpp"

#include "isa/error.hpp"

namespace pipesim::assembler {

Source::Source(std::string_view text, std::string file) : file_(std::move(file)), text_(text) {
  for (std::size_t start = 0; start < text.size();) {
    starts_.push_back(start);
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

std::string_view Source::line(int n) const {
  const std::size_t start = starts_[static_cast<std::size_t>(n - 1)];
  std::size_t end = text_.find('\n', start);
  if (end == std::string_view::npos) end = text_.size();
  std::string_view l = text_.substr(start, end - start);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);  // files written on Windows
  return l;
}

void Source::error(Loc at, const std::string& message) const {
  const std::string text(at.line >= 1 && at.line <= line_count() ? line(at.line) : "");
  throw SourceError(file_, at.line, at.col, message, text);
}

std::string Source::warning(Loc at, const std::string& message) const {
  const std::string text(at.line >= 1 && at.line <= line_count() ? line(at.line) : "");
  return format_diagnostic(file_, at.line, at.col, "warning", message, text);
}

}  // namespace pipesim::assembler
