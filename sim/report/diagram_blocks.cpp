// Cutting the pipeline diagram into blocks that fit a width.
#include "sim/report/diagram_blocks.hpp"

#include "sim/report/text.hpp"

namespace pipesim::report {

uint64_t cycles_per_block(std::size_t width, std::size_t label_width, std::size_t cell_width,
                          bool flushed_marks) {
  // A line of a block of n cycles is at most label + n * (1 + cell) wide, and a flushed row that
  // leaves in the block's last cycle appends its mark after that column (its last cell is in the
  // machine, so the line is not trimmed before it).
  const std::size_t fixed = label_width + (flushed_marks ? kFlushedMarkWidth : 0);
  const std::size_t column = cell_width + 1;
  if (width <= fixed) return 1;
  const std::size_t n = (width - fixed) / column;
  return n == 0 ? 1 : n;
}

std::string wrap_lines(const std::string& text, std::size_t width) {
  if (width == 0) return text;
  std::string out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string line;
    std::size_t start = pos;
    while (start < end) {
      std::size_t space = text.find(' ', start);
      if (space == std::string::npos || space > end) space = end;
      const std::string word = text.substr(start, space - start);
      if (!line.empty() && display_width(line) + 1 + display_width(word) > width) {
        out += line + '\n';
        line = "  " + word;  // a continued line is indented
      } else {
        line += (line.empty() ? "" : " ") + word;
      }
      start = space + 1;
    }
    out += line + '\n';
    pos = end + 1;
  }
  return out;
}

}  // namespace pipesim::report
