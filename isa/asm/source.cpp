// Finds the lines of the source and formats diagnostics against them.
#include "isa/asm/source.hpp"

#include <algorithm>
#include <tuple>

namespace pipesim::assembler {

Source::Source(std::string_view text, std::string file) : file_(std::move(file)), text_(text) {
  if (text_.substr(0, 3) == "\xef\xbb\xbf") text_.remove_prefix(3);
  if (text_.find('\n') == std::string_view::npos && text_.find('\r') != std::string_view::npos)
    eol_ = '\r';
  for (std::size_t start = 0; start < text_.size();) {
    starts_.push_back(start);
    const std::size_t end = text_.find(eol_, start);
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
}

std::string_view Source::line(int n) const {
  const std::size_t start = starts_[static_cast<std::size_t>(n - 1)];
  std::size_t end = text_.find(eol_, start);
  if (end == std::string_view::npos) end = text_.size();
  std::string_view l = text_.substr(start, end - start);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);  // files written on Windows
  return l;
}

SourceError Source::make_error(Loc at, const std::string& message) const {
  const std::string text(at.line >= 1 && at.line <= line_count() ? line(at.line) : "");
  return SourceError(file_, at.line, at.col, printable_message(message), text);
}

void Source::error(Loc at, const std::string& message) const {
  throw make_error(at, message);
}

void Source::fatal(Loc at, const std::string& message) const {
  SourceError e = make_error(at, message);
  throw FatalSourceError(e.file, e.line, e.column, e.what(), e.text);
}

std::string Source::warning(Loc at, const std::string& message) const {
  const std::string text(at.line >= 1 && at.line <= line_count() ? line(at.line) : "");
  return format_diagnostic(file_, at.line, at.col, "warning", message, text);
}

void ErrorList::add(const SourceError& e) {
  for (const SourceError& o : errors_)
    if (o.line == e.line && o.column == e.column && o.file == e.file &&
        std::string_view(o.what()) == e.what())
      return;
  if (errors_.size() >= kMaxErrors) throw Stop{true};
  const LineWindow w = diagnostic_window(e.text, e.column);
  errors_.emplace_back(e.file, e.line, e.column, e.what(), e.text.substr(w.begin, w.end - w.begin));
  windows_.push_back(w);
  if (dynamic_cast<const FatalSourceError*>(&e) != nullptr) throw Stop{false};
}

void ErrorList::throw_if_any(bool stopped) const {
  if (errors_.empty()) return;
  // Errors found after layout (undefined symbols, ranges) come after those of the statements;
  // a stable sort puts all in source order, files in the order their first error was found.
  std::vector<std::string> files;
  for (const SourceError& e : errors_)
    if (std::find(files.begin(), files.end(), e.file) == files.end()) files.push_back(e.file);
  auto key = [&](const SourceError& e) {
    const auto f = std::find(files.begin(), files.end(), e.file) - files.begin();
    return std::make_tuple(f, e.line, e.column);
  };
  std::vector<std::size_t> order(errors_.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return key(errors_[a]) < key(errors_[b]); });
  std::vector<SourceError> sorted;
  std::vector<LineWindow> windows;
  for (std::size_t i : order) sorted.push_back(errors_[i]), windows.push_back(windows_[i]);
  throw SourceErrors(std::move(sorted), std::move(windows), stopped);
}

}  // namespace pipesim::assembler
