// Finds the lines of the source and formats diagnostics against them.
#include "isa/asm/source.hpp"

#include <algorithm>
#include <tuple>

namespace pipesim::assembler {

Source::Source(std::string_view text, std::string file) : file_(std::move(file)), text_(text) {
  find_lines();
}

Source::Source(std::string text, std::string file, std::vector<int> origin, int main_line,
               int times, int index, const Source* root)
    : owned_(std::move(text)),
      file_(std::move(file)),
      origin_(std::move(origin)),
      main_line_(main_line),
      times_(times),
      index_(index),
      root_(root) {
  text_ = owned_;  // after owned_ has its final place (a view into a moved string could dangle)
  find_lines();
}

void Source::find_lines() {
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

int Source::add(std::string text, std::string file, std::vector<int> origin, int main_line,
                int times) {
  const int index = static_cast<int>(added_.size()) + 1;
  added_.push_back(std::unique_ptr<Source>(new Source(
      std::move(text), std::move(file), std::move(origin), main_line, times, index, this)));
  return index;
}

const Source& Source::at(int index) const {
  if (index == index_) return *this;
  if (index == 0) return *root_;
  return *root_->added_[static_cast<std::size_t>(index - 1)];
}

std::string_view Source::line(int n) const {
  const std::size_t start = starts_[static_cast<std::size_t>(own_line(n) - 1)];
  std::size_t end = text_.find(eol_, start);
  if (end == std::string_view::npos) end = text_.size();
  std::string_view l = text_.substr(start, end - start);
  if (!l.empty() && l.back() == '\r') l.remove_suffix(1);  // files written on Windows
  return l;
}

int Source::origin_line(int n) const {
  if (n < 1 || origin_.empty() || n > line_count()) return n;
  return origin_[static_cast<std::size_t>(own_line(n) - 1)];
}

int Source::main_line(int n) const {
  return main_line_ != 0 ? main_line_ : origin_line(n);
}

SourceError Source::make_error(Loc at, const std::string& message) const {
  const Source& s = this->at(at.file);
  const std::string text(at.line >= 1 && at.line <= s.line_count() ? s.line(at.line) : "");
  return SourceError(s.file_, s.origin_line(at.line), at.col, printable_message(message), text);
}

void Source::error(Loc at, const std::string& message) const {
  throw make_error(at, message);
}

void Source::fatal(Loc at, const std::string& message) const {
  SourceError e = make_error(at, message);
  throw FatalSourceError(e.file, e.line, e.column, e.what(), e.text);
}

std::string Source::warning(Loc at, const std::string& message) const {
  const Source& s = this->at(at.file);
  const std::string text(at.line >= 1 && at.line <= s.line_count() ? s.line(at.line) : "");
  return format_diagnostic(s.file_, s.origin_line(at.line), at.col, "warning", message, text);
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
