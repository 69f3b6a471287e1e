// Cutting the pipeline diagram into blocks that fit a width.
#include "sim/report/diagram_blocks.hpp"

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

}  // namespace pipesim::report
