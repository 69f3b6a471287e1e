// Grades a student's diagram against the answer key, cell by cell, with a reason for every
// wrong cell taken from the model's events (docs/classroom.md, "Grading").
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grade_policy.hpp"
#include "sim/classroom/recorded_run.hpp"
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
  std::size_t row = 0;  // 1-based key row where it starts
  std::string text;
  std::size_t cells = 0;  // graded cells it costs
};

struct Grade {
  unsigned score = 100;   // 0..100: floor(100 * correct / cells)
  std::size_t cells = 0;  // cells graded: every cell the key or the answer fills
  std::size_t correct = 0;
  std::vector<WrongCell> wrong;    // in row, then cycle order
  std::vector<std::string> notes;  // hints that are not graded (e.g. rows that look shifted)
  std::vector<Cause> causes;       // ranked, most costly first
};

// The `flushed` mark counts as a cell in the cycle after the row's last cell.
Grade grade_answer(const RecordedRun& run, const AnswerKey& key, const HazardEvents& events,
                   const ParsedAnswer& answer, const GradePolicy& policy = {});

}  // namespace pipesim::classroom
