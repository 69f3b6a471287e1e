// The default limits of a run (docs/cli.md), shared by the command line and the playground's API
// (web/api/), so that both stop a run at the same cycle.
#pragma once

#include <cstdint>

namespace pipesim {

inline constexpr uint64_t kDefaultMaxCycles = 1'000'000'000;
inline constexpr uint64_t kDefaultMaxInstructions = 1'000'000'000;
// Outputs that hold every cycle of a run in memory (--html, --trace-json: several hundred bytes
// per cycle) stop sooner by default.
inline constexpr uint64_t kWholeRunOutputMaxCycles = 200'000;
// The most --max-cycles they accept (--html needs about 1.2 KB per cycle, so about 600 MB;
// docs/reliability.md, "Bounds on output"): a larger limit is refused before the run, rather than
// met by running out of memory.
inline constexpr uint64_t kWholeRunOutputCapCycles = 500'000;

}  // namespace pipesim
