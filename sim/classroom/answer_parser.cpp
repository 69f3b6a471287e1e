// parse_answer: splits the answer into lines, tells its format from the header row (the first
// line that is not blank or a `#` comment) and hands it to that format's reader
// (answer_readers.hpp). The detection rule, in docs/classroom.md: a header row starting with `|`
// (or holding one, above a Markdown delimiter row) is a Markdown table; one with a tab between
// two fields is tab-separated; one with a `,` or `;` is comma-separated; anything else is text.
// A text header holds only cycle numbers, so no text answer is mistaken for a table.
#include "sim/classroom/answer_parser.hpp"

#include <fmt/format.h>

#include "isa/error.hpp"
#include "sim/classroom/answer_readers.hpp"

namespace pipesim::classroom {

void answer_error(const ParsedAnswer& out, const AnswerLine& line, std::size_t byte,
                  const std::string& message) {
  throw SourceError(out.file, line.number, static_cast<int>(byte + 1), message,
                    std::string(line.text));
}

std::vector<std::string> answer_words(const PipelineConfig& config) {
  std::vector<std::string> words;
  for (const StageConfig& s : config.stages) words.push_back(s.name);
  for (const FunctionalUnit& u : config.functional_units) words.push_back(u.name);
  if (config.execute == ExecuteMode::Parallel)
    for (const UnitLane& l : config.unit_lanes()) words.push_back(l.name);
  return words;
}

ParsedAnswer parse_answer(std::string_view text, const std::string& file_name,
                          const std::vector<std::string>& cell_words) {
  ParsedAnswer out;
  out.file = file_name;
  if (text.size() > kMaxAnswerBytes)
    throw SourceError(
        file_name, 1, 1,
        fmt::format("the answer is too long ({} bytes; at most {})", text.size(), kMaxAnswerBytes),
        {});
  std::vector<AnswerLine> lines;
  std::size_t pos = 0;
  int number = 0;
  while (pos <= text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = end + 1;
    ++number;
    const std::string trimmed = trim_copy(line);
    if (trimmed.empty() || trimmed[0] == '#') continue;
    // The header, a Markdown delimiter row, a few legend lines and the rows.
    if (lines.size() > kMaxAnswerRows + 16) {
      const AnswerLine here{number, line};
      answer_error(out, here, 0, fmt::format("too many rows (at most {})", kMaxAnswerRows));
    }
    lines.push_back(AnswerLine{number, line});
  }
  if (lines.empty())
    throw SourceError(file_name, 1, 1,
                      "the answer is empty: expected the header row of cycle numbers (1 2 3 …) "
                      "and one row per instruction",
                      {});
  const AnswerFormat format =
      detect_format(lines[0].text, lines.size() > 1 ? lines[1].text : std::string_view{});
  const Vocabulary vocab(cell_words);
  switch (format) {
    case AnswerFormat::Text:
      out.format = "text";
      break;
    case AnswerFormat::Tsv:
      out.format = "tsv";
      break;
    case AnswerFormat::Csv:
      out.format = "csv";
      break;
    case AnswerFormat::Markdown:
      out.format = "markdown";
      break;
  }
  if (format == AnswerFormat::Text)
    read_text(lines, vocab, out);
  else
    read_table(lines, format, vocab, out);
  return out;
}

}  // namespace pipesim::classroom
