// Pairs the rows of a student's answer with the rows of the answer key: by what a row's label
// names (pc, disassembly or source text), with order as the fallback, so that one missing or
// extra row is one finding and does not shift every row after it.
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
};

struct RowMatching {
  std::vector<RowPair> pairs;      // in key order; extra answer rows where they were drawn
  std::vector<std::string> notes;  // how rows were matched when it was not by order
};

RowMatching match_rows(const RecordedRun& run, const AnswerKey& key, const ParsedAnswer& answer);

}  // namespace pipesim::classroom
