// The readers behind parse_answer, one per answer format (docs/classroom.md, "Writing an
// answer"): text aligned to the header or one cell per cycle (answer_text.cpp), and tables:
// tab- or comma-separated values and Markdown (answer_tables.cpp). parse_answer (answer_parser.cpp)
// splits the answer into lines, tells the format from the header row and calls one of them.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sim/classroom/answer_cells.hpp"
#include "sim/classroom/answer_parser.hpp"

namespace pipesim::classroom {

inline constexpr uint64_t kMaxAnswerCycles = 100000;
inline constexpr std::size_t kMaxAnswerRows = 100000;
// How far (in columns) a cell of an aligned text answer may stand from its cycle number and
// still be read in that cycle (with a note saying so).
inline constexpr std::size_t kSnapColumns = 2;

// One line that carries something: not blank, not a `#` comment.
struct AnswerLine {
  int number = 0;         // 1-based
  std::string_view text;  // without its line break (and a \r before it)
};

enum class AnswerFormat { Text, Tsv, Csv, Markdown };

// What the header row (and the line after it, for a Markdown delimiter row) says the format is.
AnswerFormat detect_format(std::string_view header, std::string_view next);

// Each reads `lines` (lines[0] is the header row) into `out`, whose `file` is set; they throw
// SourceError for malformed text.
void read_text(const std::vector<AnswerLine>& lines, const Vocabulary& vocab, ParsedAnswer& out);
void read_table(const std::vector<AnswerLine>& lines, AnswerFormat format, const Vocabulary& vocab,
                ParsedAnswer& out);

[[noreturn]] void answer_error(const ParsedAnswer& out, const AnswerLine& line, std::size_t byte,
                               const std::string& message);

}  // namespace pipesim::classroom
