// What a row label of an answer names, read so that the ways people write an instruction
// compare equal: `0001000c`, `0x1000c`, `ADD a2,a1,a1`, `add x12, x11, x11`, `addi t0, t0, 0x10`
// (docs/classroom.md, "Row matching"). Used by match_rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pipesim::classroom {

// An instruction's text as comparable tokens: lower case; commas, blanks and backquotes are
// separators, parentheses tokens of their own; registers by their ABI name (x10 and a0 are
// `a0`, fp is `s0`); integers in decimal (`0x10` and `16` are `16`).
std::vector<std::string> instruction_tokens(std::string_view text);

// A student's row label: its pc when it starts with one (`0001000c`, `0x1000c`, `1000c:`), and
// the instruction text after it. A leading row number (`3`, `3.`, `3)`) and leading assembly
// labels (`loop:`) are left out.
struct RowLabel {
  std::optional<uint32_t> pc;
  std::vector<std::string> tokens;
  bool empty() const { return !pc && tokens.empty(); }
};
RowLabel read_row_label(std::string_view label);

// Whether label tokens name an instruction written as `insn` tokens: the same tokens, or the
// first ones of them, the mnemonic at least (`add a1` names `add a1, a0, a0`).
bool label_names(const std::vector<std::string>& label, const std::vector<std::string>& insn);

}  // namespace pipesim::classroom
