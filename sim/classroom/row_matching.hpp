// Pairs the rows of a student's answer with the rows of the answer key: by what a row's label
// names (pc, disassembly or source text), with order as the fallback, so that one missing or
// extra row is one finding and does not shift every row after it (docs/classroom.md, "Row
// matching").
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/recorded_run.hpp"

namespace pipesim::classroom {

// One key row with the answer row drawn for it; a missing row has no `answer`, an extra answer
// row no `key`. Indices are 0-based into AnswerKey::rows and ParsedAnswer::rows.
struct RowPair {
  std::optional<std::size_t> key, answer;
  // The key row is a wrong-path (flushed) instruction that the answer does not draw. It is not
  // a missing row: GradePolicy::flushed_rows decides what it costs (Optional: nothing;
  // Required: missing_flushed_row_points). Set only when `answer` is empty.
  bool flushed_left_out = false;
  // The key row is flushed and the answer draws it (under Forbidden it costs
  // missing_flushed_row_points). Set only when both `key` and `answer` are there.
  bool flushed_drawn = false;
  // The answer row's label names this key row's instruction (by pc, disassembly or source
  // text); false when the rows were paired by their position.
  bool by_label = false;
};

struct RowMatching {
  std::vector<RowPair> pairs;  // in key order; extra answer rows where they were drawn
  // One finding per missing or extra row, in key order, e.g. "row for `add a1, a0, a0` (key row
  // 5) is missing"; and how rows were paired when it was not by label or order.
  std::vector<std::string> notes;
  std::size_t missing = 0;           // key rows (not flushed) with no answer row
  std::size_t extra = 0;             // answer rows with no key row
  std::size_t flushed_left_out = 0;  // flushed key rows the answer does not draw
};

// Never throws for any answer. A flushed key row may be left out at a smaller cost than a
// missing row (whatever the policy: the grader applies GradePolicy::flushed_rows).
RowMatching match_rows(const RecordedRun& run, const AnswerKey& key, const ParsedAnswer& answer);

}  // namespace pipesim::classroom
