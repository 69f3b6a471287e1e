// Small text helpers shared by the renderers: instruction labels, padding, aligned tables.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sim/pipe/events.hpp"

namespace pipesim::report {

// "addi a0, a0, 1": the instruction's disassembly.
std::string insn_text(const InsnRecord& rec);
// "00010000  addi a0, a0, 1": pc in hex and disassembly (the diagram's row label).
std::string insn_label(const InsnRecord& rec);

std::string pad_right(std::string_view s, std::size_t width);
std::string pad_left(std::string_view s, std::size_t width);
std::string rtrim(std::string s);
// Width of a string in terminal columns (UTF-8 code points; our texts have no wide characters).
std::size_t display_width(std::string_view s);

enum class Align : uint8_t { Left, Right };
// Renders rows as columns separated by `gap` spaces, each column as wide as its widest cell,
// lines right-trimmed and ended by '\n'. Columns not listed in `align` are left-aligned.
std::string render_table(const std::vector<std::vector<std::string>>& rows,
                         const std::vector<Align>& align = {}, std::size_t gap = 2);

}  // namespace pipesim::report
