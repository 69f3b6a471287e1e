// The occupancy table (`--occupancy`): one row per cycle, one column per stage, naming what each
// stage holds (an instruction, a bubble and its cause, or `-` while the pipeline fills), and a
// last column with the cycle's events (stalls, flushes, forwards, redirects).
#pragma once

#include <cstdint>
#include <string>

#include "sim/config/config.hpp"
#include "sim/report/recorder.hpp"

namespace pipesim::report {

struct OccupancyOptions {
  uint64_t from_cycle = 1;   // first cycle shown
  uint64_t to_cycle = 0;     // last cycle shown (0: the last recorded)
  bool short_names = false;  // `#seq` alone instead of `#seq disassembly` in stage cells
  bool commits = false;      // list commit events too
  // Under the table, a key: each `#N` it names with its pc and disassembly (from the
  // recorder's instruction records; those it did not keep are left out).
  bool key = false;
  // Fit the table to this many terminal columns (0: no limit) by breaking a cycle's events over
  // several lines, at the "; " between two events.
  std::size_t width = 0;
};

// Cells: the occupant as `#seq disassembly` (or `#seq`), `bubble(<cause>)` for a bubble, `-` for a
// fill bubble. Events, separated by "; ":
//   stall #3 in ID: load_use on a0 from #2     flush #4 in IF (by #2)
//   forward EX→EX a0 to #3 from #2              redirect by #2 to 0x00010010      commit #1
// Instructions are named `#seq` in events; identical events in a row are shown once with a count
// ("forward MEM→EX a1 to #3 from #2 (×2)": both operands); a held occupant (it stays in its
// stage next cycle) is marked with a trailing ` (held)`.
std::string render_occupancy(const Recorder& rec, const PipelineConfig& config,
                             const OccupancyOptions& options = {});

}  // namespace pipesim::report
