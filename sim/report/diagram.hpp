// The textbook pipeline diagram (`--diagram`): one row per dynamic instruction, one column per
// cycle, a cell naming the stage an instruction enters in that cycle ("IF ID S EX" for a stall,
// Hennessy & Patterson Appendix C style). Built from a Recorder's instruction records only.
#pragma once

#include <cstdint>
#include <string>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/stats.hpp"
#include "sim/report/recorder.hpp"

namespace pipesim::report {

struct DiagramOptions {
  uint64_t from_cycle = 1;  // first cycle shown
  uint64_t to_cycle = 0;    // last cycle shown (0: the end of the run)
  // Instructions fetched behind the halting instruction and squashed when the run ended are
  // hidden unless this is set (a note in the legend counts them).
  bool show_squashed_at_halt = false;
  // An instruction whose row is left out (kNoSeq: none): the answer key leaves out the slot of a
  // fetch from unmapped memory, where no instruction exists to draw.
  uint64_t hide_seq = kNoSeq;
  bool legend = true;
  // Superscalar machines: mark the issue slot from issue on with a prime per slot (EX' for slot
  // 1). The answer key leaves them out: students draw stage names.
  bool lane_marks = true;
  // Print the window in blocks of this many cycles (0: one block), one after the other with a
  // blank line between: each block is a table of its own, with its header row and only the rows
  // of instructions in the machine during its cycles, so that a long window neither grows
  // too wide for a terminal nor repeats every row in every column.
  uint64_t block_cycles = 0;
  // Fit the blocks to this many terminal columns instead (0: block_cycles decides): as many
  // cycles per block as fit next to the window's longest label (diagram_blocks.hpp).
  std::size_t width = 0;
  // ANSI colours (colour.hpp): a colour per stage, stalls and flushed rows highlighted. Widths
  // are those of the plain text.
  bool colour = false;
  // The program's C source lines (from .loc or .debug_line): when given and not empty, each
  // row's label ends with the C line its instruction came from ("quicksort.c:14"), in a column
  // after the disassembly. Without it (or with no lines) the diagram is as before.
  const SourceMap* source = nullptr;
};

// The diagram as text, lines ended by '\n'.
//
//   - the header row holds the cycle numbers; a row's label is its pc (hex) and disassembly;
//   - a cell holds the stage's name in the cycle the instruction enters that stage, `S` in each
//     further cycle it stays there, blank when it is not in the machine; an instruction that
//     enters several stages in one cycle (single-cycle machine) shows `*`;
//   - rows of flushed instructions are in lower case and end with a `flushed` mark;
//   - rows shown are the instructions in the machine during some cycle of the window (of the
//     block, with block_cycles);
//   - the legend explains the marks and, when `stats` is given, lists the run's stall cycles
//     by cause.
std::string render_diagram(const Recorder& rec, const PipelineConfig& config,
                           const PipelineStats* stats = nullptr,
                           const DiagramOptions& options = {});

// The pieces of the diagram other views (the HTML page) draw the same way:
// the text of `r`'s cell in cycle `c` (empty when it is not in the machine), as described above;
std::string diagram_cell(const InsnRecord& r, const PipelineConfig& config, uint64_t c);
// The stage where a superscalar machine issues (its last decode stage): from the next stage on,
// an instruction stays in its issue slot (InsnRecord::lane).
std::size_t issue_stage(const PipelineConfig& config);
// diagram_cell with the lane marker of a superscalar machine: a stage from issue on gets a prime
// per issue slot ("EX'" in slot 1).
std::string diagram_lane_cell(const InsnRecord& r, const PipelineConfig& config, uint64_t c);
// the stage `r` is in during cycle `c` (the last one it entered by then);
std::size_t diagram_stage(const InsnRecord& r, const PipelineConfig& config, uint64_t c);
// whether its row is one of those hidden by default (squashed when the run ended in
// `final_cycle`, behind the halting instruction).
bool squashed_at_halt(const InsnRecord& r, uint64_t final_cycle);

}  // namespace pipesim::report
