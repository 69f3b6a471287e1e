// The sentences of grading: why a cell is what the key says (taken from the model's stall, flush
// and redirect events), and what a row's first mistake is (its root cause).
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/classroom/row_timeline.hpp"
#include "sim/report/hazard_events.hpp"
#include "sim/report/hazard_text.hpp"

namespace pipesim::classroom {

std::string plural(uint64_t n, const char* word);

class Reasoner {
 public:
  Reasoner(const RecordedRun& run, const AnswerKey& key, const report::HazardEvents& events);

  // "row 3 `lw a0, -4(sp)`" (or "`text`" for an instruction without a row).
  std::string name(uint64_t seq) const;

  // Why the cell of `row` in `cycle` is `expected` and not `given` (raw cell texts; "flushed"
  // for the mark). `drawn` is the student's row: a misplaced flushed mark is one finding, told
  // the same way at both of its cells.
  std::string reason(const KeyRow& row, const Timeline& drawn, uint64_t cycle,
                     const std::string& expected, const std::string& given) const;

  // The root cause of a row, as one phrase, from its first entry (timeline index) that the rows
  // above do not explain: "missing 1 stall cycle in ID — load-use on a0 from row 3 `lw a0,
  // -4(sp)`, available after MEM".
  std::string cause(const KeyRow& row, const Timeline& key, const Timeline& drawn,
                    const std::map<uint64_t, std::string>& drawn_cells, std::size_t entry) const;

 private:
  std::string flushed_sentence(const KeyRow& row) const;
  std::string mark_sentence(const KeyRow& row, const Timeline& drawn) const;
  std::string stall_sentence(const KeyRow& row, uint64_t cycle) const;
  std::string enter_sentence(const KeyRow& row, uint64_t cycle, const std::string& expected) const;
  std::string missing_stay(const KeyRow& row, const Timeline& key, uint64_t cycle) const;
  std::string moved_entry(const KeyRow& row, const Timeline& key, const Timeline& drawn,
                          const std::map<uint64_t, std::string>& drawn_cells,
                          std::size_t entry) const;

  const RecordedRun& run_;
  const report::HazardEvents& events_;
  std::map<uint64_t, std::size_t> row_of_;
  report::InsnNamer namer_;
};

}  // namespace pipesim::classroom
