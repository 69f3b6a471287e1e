// The table readers: tab-separated values (spreadsheets, Ripes' "copy" button), comma- or
// semicolon-separated values (RFC 4180 quoting) and Markdown tables. Every field is one cell, so
// columns and tab stops play no part: the header row's fields name the cycles (after an optional
// first field for the labels), and a row's field under a cycle number is that cycle's cell.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "sim/classroom/answer_readers.hpp"

namespace pipesim::classroom {

namespace {

struct Field {
  std::string text;      // trimmed, unquoted
  std::size_t byte = 0;  // where it starts in the line (error columns)
};

bool is_number(std::string_view s) {
  return !s.empty() && s.size() <= 7 && std::all_of(s.begin(), s.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// The first unquoted `,` or `;` of a line decides the CSV separator (`;` is what spreadsheets
// write where the decimal mark is a comma).
char csv_separator(std::string_view header) {
  bool quoted = false;
  for (char c : header) {
    if (c == '"') quoted = !quoted;
    if (!quoted && (c == ',' || c == ';')) return c;
  }
  return ',';
}

bool is_delimiter_row(std::string_view line) {
  const std::string t = trim_copy(line);
  if (t.find('-') == std::string::npos || t.find('|') == std::string::npos) return false;
  return std::all_of(t.begin(), t.end(),
                     [](char c) { return c == '|' || c == '-' || c == ':' || is_blank(c); });
}

class TableReader {
 public:
  TableReader(AnswerFormat format, const Vocabulary& vocab, ParsedAnswer& out)
      : format_(format), vocab_(vocab), out_(out) {}

  void run(const std::vector<AnswerLine>& lines) {
    if (format_ == AnswerFormat::Csv) separator_ = csv_separator(lines.front().text);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      line_ = &lines[i];
      if (i == 0) {
        parse_header(split(line_->text));
        continue;
      }
      if (i == 1 && format_ == AnswerFormat::Markdown && is_delimiter_row(line_->text)) continue;
      if (out_.rows.size() >= kMaxAnswerRows)
        fail(0, fmt::format("too many rows (at most {})", kMaxAnswerRows));
      parse_row(split(line_->text));
    }
    if (stalls_from_dashes_ > 0)
      out_.notes.push_back(fmt::format(
          "{}: a `-` between two stages of a row is read as a stall (S), as Ripes writes one ({} "
          "such cell{})",
          first_dash_, stalls_from_dashes_, stalls_from_dashes_ == 1 ? "" : "s"));
  }

 private:
  [[noreturn]] void fail(std::size_t byte, const std::string& msg) const {
    answer_error(out_, *line_, byte, msg);
  }

  std::vector<Field> split(std::string_view line) const {
    if (format_ == AnswerFormat::Markdown) return split_markdown(line);
    const char sep = format_ == AnswerFormat::Tsv ? '\t' : separator_;
    std::vector<Field> fields;
    std::size_t i = 0;
    while (true) {
      Field f;
      while (i < line.size() && line[i] != sep && is_blank(line[i])) ++i;
      f.byte = i;
      if (i < line.size() && line[i] == '"') {
        // RFC 4180: a quoted field, `""` for a quote; it may hold the separator.
        std::size_t j = i + 1;
        for (;; ++j) {
          if (j >= line.size())
            fail(i, "this quoted field has no closing quote (a field ends on its line)");
          if (line[j] != '"') {
            f.text += line[j];
          } else if (j + 1 < line.size() && line[j + 1] == '"') {
            f.text += '"';
            ++j;
          } else {
            break;
          }
        }
        i = j + 1;
        while (i < line.size() && line[i] != sep && is_blank(line[i])) ++i;
        if (i < line.size() && line[i] != sep)
          fail(i, "text after a quoted field's closing quote (write `\"\"` for a quote inside it)");
        f.text = trim_copy(f.text);
      } else {
        const std::size_t end = std::min(line.find(sep, i), line.size());
        f.text = trim_copy(line.substr(i, end - i));
        i = end;
      }
      fields.push_back(std::move(f));
      if (i >= line.size()) break;
      ++i;  // the separator
    }
    return fields;
  }

  // `| a | b |`: the outer bars are optional, `\|` is a bar inside a field.
  std::vector<Field> split_markdown(std::string_view line) const {
    std::vector<Field> fields;
    std::size_t i = 0;
    while (i < line.size() && is_blank(line[i])) ++i;
    if (i < line.size() && line[i] == '|') ++i;
    Field f{{}, i};
    bool pending = false;  // text since the last bar
    for (; i < line.size(); ++i) {
      if (line[i] == '\\' && i + 1 < line.size() && line[i + 1] == '|') {
        f.text += '|';
        ++i;
        pending = true;
      } else if (line[i] == '|') {
        f.text = trim_copy(f.text);
        fields.push_back(std::move(f));
        f = Field{{}, i + 1};
        pending = false;
      } else {
        if (!pending && is_blank(line[i])) f.byte = i + 1;
        f.text += line[i];
        if (!is_blank(line[i])) pending = true;
      }
    }
    if (pending) fields.push_back(Field{trim_copy(f.text), f.byte});
    return fields;
  }

  void parse_header(std::vector<Field> fields) {
    while (!fields.empty() && fields.back().text.empty()) fields.pop_back();
    if (fields.empty()) fail(0, "expected the header row of cycle numbers");
    label_column_ = !is_number(fields.front().text);
    for (std::size_t i = label_column_ ? 1 : 0; i < fields.size(); ++i) {
      const Field& f = fields[i];
      if (!is_number(f.text))
        fail(f.byte, fmt::format("expected a cycle number in each field of the header row after "
                                 "the labels' column, found `{}`",
                                 f.text));
      const uint64_t n = std::stoull(f.text);
      if (!cycles_.empty() && n != cycles_.back() + 1)
        fail(f.byte, fmt::format("the header's cycle numbers must be consecutive: {} after {}", n,
                                 cycles_.back()));
      if (cycles_.size() >= kMaxAnswerCycles)
        fail(f.byte, fmt::format("too many cycles (at most {})", kMaxAnswerCycles));
      cycles_.push_back(n);
    }
    if (cycles_.empty()) fail(fields.front().byte, "the header row has no cycle numbers");
    // Ripes numbers its cycles from 0; pipesim's first cycle is 1.
    if (cycles_.front() == 0) {
      for (uint64_t& c : cycles_) ++c;
      out_.notes.push_back(
          fmt::format("line {}: the header numbers the cycles from 0 (as Ripes "
                      "does); read as cycles 1 to {}",
                      line_->number, cycles_.back()));
    }
    out_.first_cycle = cycles_.front();
    out_.last_cycle = cycles_.back();
  }

  void parse_row(std::vector<Field> fields) {
    AnswerRow row;
    row.line = line_->number;
    const std::size_t skip = label_column_ ? 1 : 0;
    if (label_column_ && !fields.empty()) row.label = fields.front().text;
    if (format_ == AnswerFormat::Tsv && fields.size() == 1) no_tabs(fields.front());
    // Each field's cell, or none; and where the last stage is (a `-` before it is a stall).
    std::vector<std::optional<Cell>> cells;
    std::size_t last_stage = 0;
    for (std::size_t i = skip; i < fields.size(); ++i) {
      const Field& f = fields[i];
      if (f.text.empty()) {
        cells.emplace_back();
        continue;
      }
      if (i - skip >= cycles_.size())
        fail(f.byte, fmt::format("this cell is after the header's last cycle ({}): extend the "
                                 "header row",
                                 out_.last_cycle));
      std::optional<Cell> c = vocab_.classify(f.text);
      if (!c) fail(f.byte, unknown(f, i == 0));
      if (row.flushed) fail(f.byte, "the `flushed` mark ends a row: nothing may follow it");
      if (c->kind == CellKind::Flushed) row.flushed = true;
      if (c->kind == CellKind::Word || c->kind == CellKind::Star) last_stage = cells.size() + 1;
      cells.push_back(std::move(c));
    }
    bool after_stage = false;
    for (std::size_t k = 0; k < cells.size(); ++k) {
      if (!cells[k] || cells[k]->kind == CellKind::Flushed) continue;
      const Field& f = fields[k + skip];
      Cell cell = *cells[k];
      if (cell.kind == CellKind::Empty && f.text == "-" && after_stage && k + 1 < last_stage) {
        cell = Cell{CellKind::Stall, "S"};
        if (stalls_from_dashes_++ == 0)
          first_dash_ = fmt::format("line {}, column {}", line_->number, f.byte + 1);
      }
      if (cell.kind != CellKind::Empty) {
        row.cells[cycles_[k]] = cell.text;
        after_stage = true;
      }
    }
    out_.rows.push_back(std::move(row));
  }

  std::string unknown(const Field& f, bool first_field) const {
    if (first_field)
      return fmt::format(
          "unknown cell `{}`; the header row has no column for labels: start it "
          "with an empty field",
          f.text);
    if (f.text.find('/') != std::string::npos)
      return fmt::format("unknown cell `{}`: one cell holds one stage", f.text);
    return vocab_.unknown(f.text);
  }

  // A row of a tab-separated answer with no tab: space-separated cells would all be one field.
  void no_tabs(const Field& f) const {
    const std::size_t space = f.text.find_last_of(' ');
    if (space != std::string::npos && vocab_.classify(f.text.substr(space + 1)))
      fail(f.byte,
           "this row has no tab, but the header row separates its cycles with tabs: "
           "separate this row's cells with tabs too");
  }

  AnswerFormat format_;
  const Vocabulary& vocab_;
  ParsedAnswer& out_;
  char separator_ = ',';
  bool label_column_ = true;
  std::vector<uint64_t> cycles_;
  const AnswerLine* line_ = nullptr;
  std::size_t stalls_from_dashes_ = 0;
  std::string first_dash_;
};

}  // namespace

AnswerFormat detect_format(std::string_view header, std::string_view next) {
  const std::string t = trim_copy(header);
  if (!t.empty() && t.front() == '|') return AnswerFormat::Markdown;
  if (t.find('|') != std::string::npos && is_delimiter_row(next)) return AnswerFormat::Markdown;
  if (t.find('\t') != std::string::npos) return AnswerFormat::Tsv;
  if (t.find(',') != std::string::npos || t.find(';') != std::string::npos)
    return AnswerFormat::Csv;
  return AnswerFormat::Text;
}

void read_table(const std::vector<AnswerLine>& lines, AnswerFormat format, const Vocabulary& vocab,
                ParsedAnswer& out) {
  TableReader(format, vocab, out).run(lines);
}

}  // namespace pipesim::classroom
