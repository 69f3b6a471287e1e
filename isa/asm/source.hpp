// The source file being assembled: its lines, and the one place that turns a position in it
// into a SourceError or a formatted warning.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pipesim::assembler {

// A place in the source: 1-based line and column.
struct Loc {
  int line = 0;
  int col = 0;
};

class Source {
 public:
  // Refers to `text`, which must outlive the Source (no copy: a source may be hundreds of MiB).
  Source(std::string_view text, std::string file);

  const std::string& file() const { return file_; }
  int line_count() const { return static_cast<int>(starts_.size()); }
  // Line n (1-based) without its end of line.
  std::string_view line(int n) const;

  [[noreturn]] void error(Loc at, const std::string& message) const;
  std::string warning(Loc at, const std::string& message) const;

 private:
  std::string file_;
  std::string_view text_;
  std::vector<std::size_t> starts_;  // offset of each line's first character in text_
};

}  // namespace pipesim::assembler
