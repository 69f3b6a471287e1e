// Finds the lines of the source and formats diagnostics against them.
#include "isa/asm/source.hpp"

#include "isa/error.hpp"

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
  for (std::size_t start = 0; start < text_.size();) {
    starts_.push_back(start);
    const std::size_t end = text_.find('\n', start);
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
  std::size_t end = text_.find('\n', start);
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

void Source::error(Loc at, const std::string& message) const {
  const Source& s = this->at(at.file);
  const std::string text(at.line >= 1 && at.line <= s.line_count() ? s.line(at.line) : "");
  throw SourceError(s.file_, s.origin_line(at.line), at.col, message, text);
}

std::string Source::warning(Loc at, const std::string& message) const {
  const Source& s = this->at(at.file);
  const std::string text(at.line >= 1 && at.line <= s.line_count() ? s.line(at.line) : "");
  return format_diagnostic(s.file_, s.origin_line(at.line), at.col, "warning", message, text);
}

}  // namespace pipesim::assembler
