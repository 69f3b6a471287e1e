// Grades a student's diagram against the answer key by root causes: each row whose mistakes are
// its own is a cause, and its wrong cells cost; a row drawn consistently with a mistake above it
// (follow-through) counts as right. Every wrong cell has a reason taken from the model's events
// (docs/classroom.md, "Grading").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grade_policy.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/classroom/row_matching.hpp"
#include "sim/report/hazard_events.hpp"

namespace pipesim::classroom {

// The hazard wording lives in report/ (the HTML view uses it too); grading reads it from there.
using report::HazardEvents;

struct WrongCell {
  std::size_t row = 0;  // 1-based
  uint64_t cycle = 0;
  std::string expected, given;  // cell texts; "" for an empty cell, "flushed" for the mark
  std::string reason;
};

// One root cause of wrong cells: "row 4: missing load-use stall (t2 from row 3)", with the
// rows whose differences follow from it (follow-through credit).
struct Cause {
  std::size_t row = 0;    // 1-based key row where it starts (0: not one row, e.g. the policy)
  std::string text;       // a whole sentence, starting with the row ("row 4 `addi a0, a0, 1`: …")
  std::size_t cells = 0;  // graded cells it costs
  unsigned points = 0;    // points it costs besides (the flushed-row policy)
};

struct Grade {
  unsigned score = 100;   // 0..100: floor(100 * correct / cells) - points, at least 0
  std::size_t cells = 0;  // cells graded (kScoringRule says which)
  std::size_t correct = 0;
  unsigned points = 0;             // taken off by the policy (flushed rows)
  std::vector<WrongCell> wrong;    // in row, then cycle order
  std::vector<std::string> notes;  // hints that are not graded (e.g. rows that look shifted)
  std::vector<Cause> causes;       // ranked, most costly first
};

// The scoring rule in one sentence, as the report prints it.
extern const char* const kScoringRule;

// The `flushed` mark counts as a cell in the cycle after the row's last cell. Rows are paired
// by match_rows.
Grade grade_answer(const RecordedRun& run, const AnswerKey& key, const HazardEvents& events,
                   const ParsedAnswer& answer, const GradePolicy& policy = {});

// The same with the rows already paired (tests pair them by hand).
Grade grade_matched(const RecordedRun& run, const AnswerKey& key, const HazardEvents& events,
                    const ParsedAnswer& answer, const RowMatching& matching,
                    const GradePolicy& policy = {});

}  // namespace pipesim::classroom
