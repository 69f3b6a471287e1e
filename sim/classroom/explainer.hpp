// Explains a run's stalls and flushes in plain language: one sentence per distinct hazard
// (same instructions, same cause), how often it happened, and what would remove it.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/classroom/recorded_run.hpp"

namespace pipesim::classroom {

struct HazardGroup {
  bool flush = false;                   // a flush group (else a stall group)
  StallCause cause = StallCause::Fill;  // stalls: the cause; flushes: Control
  uint32_t pc = 0;                      // the stalled instruction, or the one that flushed
  std::string sentence;                 // what happened, one sentence
  uint64_t times = 0;                   // stall cycles (stall group) or redirects (flush group)
  uint64_t stalls = 0;                  // stall group: distinct stalls (one may last cycles)
  uint64_t squashed = 0;                // flush group: wrong-path instructions squashed in all
};

struct CauseSection {
  std::string title;   // "load-use stalls", "flushes"
  uint64_t total = 0;  // stall cycles, or squashed instructions
  std::string remedy;  // what would remove them
  // A superscalar machine (issue_width > 1): the empty issue slots charged to the cause (a held
  // instruction empties its own slot and those behind it), and for `issue` their pairing rules
  // ("dependent 2, memory_port 1"; fetch-side ones, alignment and branch, have no group).
  uint64_t slots = 0;
  std::string slot_reasons;
  std::vector<HazardGroup> groups;  // most frequent first
};

struct Explanation {
  std::vector<CauseSection> sections;  // in cause order; only causes that happened
  // ecalls a textbook derivation would stall (a7 or an argument written just before): why
  // pipesim does not, one sentence per ecall pc (hazard_text.hpp, ecall_no_stall_sentence).
  std::vector<std::string> ecall_notes;
};

Explanation explain_run(const RecordedRun& run);

// With `source` (the program's C source lines), each group starts with the C line of the
// instruction it is about ("quicksort.c:14: "), when that is known.
std::string render_explanation(const std::string& program, const RecordedRun& run,
                               const Explanation& e, const SourceMap* source = nullptr);

}  // namespace pipesim::classroom
