// add_source_text: ties each key row to the assembly line it was assembled from, so that an
// answer labelled as the program reads (`li a7, 93`, `bnez t0, loop`) names its row even where
// the disassembly differs (`addi a7, zero, 93`, `bnez t0, 0x10008`).
#include <cctype>
#include <vector>

#include "sim/classroom/answer_key.hpp"

namespace pipesim::classroom {

namespace {

bool symbol_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '.' || c == '$';
}

// The statement of a source line: without its comment, its leading labels (`loop:`, `1:`) and
// surrounding blanks.
std::string statement_text(std::string_view line) {
  line = line.substr(0, line.find('#'));
  for (;;) {
    std::size_t i = 0;
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    std::size_t j = i;
    while (j < line.size() && symbol_char(line[j])) ++j;
    if (j == i || j >= line.size() || line[j] != ':') {
      line.remove_prefix(i);
      break;
    }
    line.remove_prefix(j + 1);
  }
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back())))
    line.remove_suffix(1);
  return std::string(line);
}

// The lines of `text`, without their ends of line.
std::vector<std::string_view> split_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

}  // namespace

void add_source_text(AnswerKey& key, const RecordedRun& run, const Program& program,
                     std::string_view source) {
  const std::vector<std::string_view> lines = split_lines(source);
  for (KeyRow& row : key.rows) {
    const InsnRecord* r = run.recorder.find(row.seq);
    if (!r) continue;
    const auto it = program.source_lines.find(r->pc);
    if (it == program.source_lines.end() || it->second < 1) continue;
    const auto n = static_cast<std::size_t>(it->second);
    if (n <= lines.size()) row.source = statement_text(lines[n - 1]);
  }
}

}  // namespace pipesim::classroom
