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
  Source(std::string_view text, std::string file);

  const std::string& file() const { return file_; }
  int line_count() const { return static_cast<int>(lines_.size()); }
  const std::string& line(int n) const { return lines_[static_cast<std::size_t>(n - 1)]; }

  [[noreturn]] void error(Loc at, const std::string& message) const;
  std::string warning(Loc at, const std::string& message) const;

 private:
  std::string file_;
  std::vector<std::string> lines_;
};

}  // namespace pipesim::assembler
