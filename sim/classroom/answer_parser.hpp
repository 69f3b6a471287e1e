// Reads a student's pipeline diagram, written as text in the layout of `pipesim run --diagram`
// (docs/classroom.md, "Writing an answer"). A pure function of the text: no file access, no
// printing; a malformed answer is a SourceError naming the line and column.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "sim/config/config.hpp"

namespace pipesim::classroom {

// One row of the diagram: one dynamic instruction.
struct AnswerRow {
  int line = 0;       // 1-based line of the answer file
  std::string label;  // free text before the cells (may be empty); not graded
  // Cycle -> cell text, canonical: a stage or unit name as the config spells it, "S" for a
  // stall, "*" for a single-cycle machine's one cycle. Empty cells are absent.
  std::map<uint64_t, std::string> cells;
  bool flushed = false;  // the row ends with the `flushed` mark (in the cycle after its last cell)
};

struct ParsedAnswer {
  std::string file;
  uint64_t first_cycle = 1;  // the header row's first and last cycle number
  uint64_t last_cycle = 0;
  std::vector<AnswerRow> rows;
  std::string format = "text";     // how it was written: text, tsv, csv, markdown
  std::vector<std::string> notes;  // what the reader had to decide ("line 5: cell snapped to …")
};

// Every word a cell may hold on this machine, as the diagram writes it: stage names, functional
// unit names and their lanes (parallel execute). S, stall, -, ., * and flushed are always
// accepted and need not be listed.
std::vector<std::string> answer_words(const PipelineConfig& config);

// The longest answer file parse_answer reads; the answer key of a run is held to it too.
inline constexpr std::size_t kMaxAnswerBytes = std::size_t{4} << 20;

// Parses an answer. `cell_words` are the machine's words (answer_words); matching is
// case-insensitive. Throws pipesim::SourceError (file, line, column, message) when the text is
// not a diagram; never anything else for any input.
ParsedAnswer parse_answer(std::string_view text, const std::string& file_name,
                          const std::vector<std::string>& cell_words);

}  // namespace pipesim::classroom
