// The answer key of a diagram exercise: the diagram pipesim draws for the run (exactly what
// `pipesim run --diagram` shows), read back cell by cell and tied to the instructions.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "isa/program.hpp"
#include "sim/classroom/grade_policy.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/report/diagram.hpp"

namespace pipesim::classroom {

struct KeyRow {
  uint64_t seq = 0;   // the dynamic instruction
  std::string label;  // "0001000c  add a2, a1, a1"
  // The assembly line it came from as written ("li a7, 93" for `addi a7, zero, 93`), labels
  // and comment left out; empty when unknown (an ELF, or the source was not given).
  std::string source;
  std::map<uint64_t, std::string> cells;  // as AnswerRow::cells
  bool flushed = false;
  uint64_t last_cycle = 0;  // the last cycle it was in the machine
};

struct AnswerKey {
  std::string text;                // the diagram without its legend
  report::DiagramOptions diagram;  // how `text` was drawn (to draw it again to fit a terminal)
  uint64_t first_cycle = 1, last_cycle = 0;
  std::vector<KeyRow> rows;
  std::vector<std::string> words;  // the machine's cell words (answer_words)
};

AnswerKey make_answer_key(const RecordedRun& run);

// Fills KeyRow::source from an assembly program and its source text (the main file: the lines
// Program::source_lines points into), so that answers may label rows as the program reads.
void add_source_text(AnswerKey& key, const RecordedRun& run, const Program& program,
                     std::string_view source);

// A blank answer sheet: the header row and every row's label, cells left for the student.
std::string answer_template(const AnswerKey& key, const TemplateOptions& options = {});

}  // namespace pipesim::classroom
