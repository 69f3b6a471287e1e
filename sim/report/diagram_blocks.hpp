// How the pipeline diagram is cut into blocks of cycles printed one under another, so that a long
// window fits a terminal's width (`--diagram` on a terminal, or with `--width N`).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace pipesim::report {

// The `flushed` mark after a flushed row's last cell, with its space: a line may extend this far
// past its block's last cycle column (the mark of a row that leaves in the block's last cycle).
inline constexpr std::size_t kFlushedMarkWidth = 8;  // " flushed"

// How many cycle columns go in each block of a diagram printed `width` terminal columns wide:
// each line is a label (at most `label_width`) and one column per cycle (a space and a cell
// `cell_width` wide), plus the flushed mark when the window has flushed rows (`flushed_marks`).
// At least 1: a width too small for the labels and one cycle prints one cycle per block (its
// lines are wider than `width`), rather than nothing or an error.
uint64_t cycles_per_block(std::size_t width, std::size_t label_width, std::size_t cell_width,
                          bool flushed_marks);

// Each line of `text` broken at spaces into lines of at most `width` columns (0: as it is),
// the continuations indented by two; a word longer than that stays whole on a line of its own.
// For the notes under a fitted diagram (its legend).
std::string wrap_lines(const std::string& text, std::size_t width);

}  // namespace pipesim::report
