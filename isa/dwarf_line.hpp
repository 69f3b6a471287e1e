// The DWARF line table (.debug_line, versions 2 to 5) of an ELF built with -g: which source
// line each instruction address came from. Every read is checked against the section and every
// loop is bounded by the bytes it consumes, so a hostile section gives an Error, never a crash
// or a hang.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "isa/program.hpp"

namespace pipesim {

// A source line covering the addresses [begin, end], both included (one row of a line-table
// sequence, up to the next row's address).
struct LineRange {
  uint32_t begin = 0, end = 0;
  SourceLine where;
};

struct LineTable {
  std::vector<std::string> files;  // SourceLine::file indexes these
  std::vector<LineRange> ranges;   // in the order read; line 0 ("no source line") left out
};

// Reads every unit of `debug_line`. DWARF 5 file and directory names may live in
// .debug_line_str (DW_FORM_line_strp) or .debug_str (DW_FORM_strp): pass those sections (empty
// spans if the file has none). Throws pipesim::Error with a message naming what is malformed.
LineTable read_debug_line(std::span<const uint8_t> debug_line,
                          std::span<const uint8_t> debug_line_str,
                          std::span<const uint8_t> debug_str);

// The source line of every 4-byte-aligned address in the executable segments of `p` that a
// range covers (where ranges overlap, the one read last wins, as a later row at the same
// address does in a sequence).
void apply_line_table(const LineTable& table, Program& p);

}  // namespace pipesim
