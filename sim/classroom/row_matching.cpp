// Row matching. For now by order only (the label-based matcher replaces this).
#include "sim/classroom/row_matching.hpp"

#include <algorithm>

namespace pipesim::classroom {

RowMatching match_rows(const RecordedRun&, const AnswerKey& key, const ParsedAnswer& answer) {
  RowMatching m;
  const std::size_t rows = std::max(key.rows.size(), answer.rows.size());
  for (std::size_t i = 0; i < rows; ++i) {
    RowPair p;
    if (i < key.rows.size()) p.key = i;
    if (i < answer.rows.size()) p.answer = i;
    m.pairs.push_back(p);
  }
  return m;
}

}  // namespace pipesim::classroom
