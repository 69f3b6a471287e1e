// The answer parser: header row of cycle numbers, then one row per instruction (label, cells).
// How cells are placed in cycles is documented in docs/classroom.md; the rules in short:
//   - a row's label ends where its cells begin: at the first token from which every token is a
//     cell word (or at a `|` the student may write after the label);
//   - when the header row is indented (room for labels, as in pipesim's diagram) and a row's
//     first cell is a stage written under a cycle number (within one column), it is in that
//     cycle, and each further cell is under its own number or in the cycle after the previous;
//   - otherwise (or if that reading runs past the header) the row starts in the header's first
//     cycle and its cells follow one per cycle: leading empty cells are written `-` or `.`.
#include "sim/classroom/answer_parser.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>
#include <unordered_map>

#include "isa/error.hpp"

namespace pipesim::classroom {

namespace {

constexpr uint64_t kMaxCycles = 100000;
constexpr std::size_t kMaxRows = 100000;

struct Token {
  std::string text;
  std::size_t col = 0;   // display column, 0-based, tabs expanded to multiples of 8
  std::size_t byte = 0;  // byte offset in the line (error columns)
};

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

// Splits a line into whitespace-separated tokens with their display columns. `from_byte` skips a
// prefix (the label before a `|`), whose columns still count.
std::vector<Token> tokenize(std::string_view line, std::size_t from_byte = 0) {
  std::vector<Token> out;
  std::size_t col = 0;
  bool in_token = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (i >= from_byte && !is_space(c)) {
      if (!in_token) out.push_back(Token{{}, col, i});
      out.back().text += c;
      in_token = true;
    } else {
      in_token = false;
    }
    if (c == '\t')
      col = (col / 8 + 1) * 8;
    else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80)
      col += 1;  // UTF-8 continuation bytes share their character's column
  }
  return out;
}

enum class CellKind { Word, Stall, Empty, Star, Flushed };
struct Cell {
  CellKind kind;
  std::string text;  // canonical text (Word, Stall "S", Star "*")
};

class Vocabulary {
 public:
  explicit Vocabulary(const std::vector<std::string>& words) {
    for (const std::string& w : words) words_.emplace(lower(w), w);
  }
  std::optional<Cell> classify(std::string_view token) const {
    const std::string l = lower(token);
    if (l == "s" || l == "stall") return Cell{CellKind::Stall, "S"};
    if (l == "-" || l == ".") return Cell{CellKind::Empty, {}};
    if (l == "*") return Cell{CellKind::Star, "*"};
    if (l == "flushed" || l == "flush") return Cell{CellKind::Flushed, {}};
    auto it = words_.find(l);
    if (it != words_.end()) return Cell{CellKind::Word, it->second};
    return std::nullopt;
  }
  // A token that clearly starts the cells: a mark, or a cell word written without lower-case
  // letters (disassembly is lower case, so `div` in a label is a mnemonic, `DIV` a unit).
  bool strong(std::string_view token) const {
    const std::optional<Cell> c = classify(token);
    if (!c || c->kind == CellKind::Flushed) return false;
    if (c->kind != CellKind::Word) return true;
    return std::none_of(token.begin(), token.end(),
                        [](char ch) { return std::islower(static_cast<unsigned char>(ch)); });
  }

 private:
  std::unordered_map<std::string, std::string> words_;
};

std::string rtrim_copy(std::string_view s) {
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}
std::string trim_copy(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return rtrim_copy(s);
}

// Lines pipesim's diagram legend prints (students may paste them along with the diagram).
bool is_legend(std::string_view trimmed) {
  for (std::string_view p : {"S:", "*:", "stall cycles:", "ecall:", "("})
    if (trimmed.substr(0, p.size()) == p) return true;
  return false;
}

struct HeaderColumn {
  uint64_t cycle = 0;
  std::size_t col = 0, width = 0;
};

class Parser {
 public:
  Parser(std::string_view text, const std::string& file, const std::vector<std::string>& words)
      : text_(text), vocab_(words) {
    out_.file = file;
  }

  ParsedAnswer run() {
    if (text_.size() > kMaxAnswerBytes)
      fail(1, 1,
           fmt::format("the answer is too long ({} bytes; at most {})", text_.size(),
                       kMaxAnswerBytes),
           {});
    bool have_header = false;
    std::size_t pos = 0;
    int line_no = 0;
    while (pos <= text_.size()) {
      std::size_t end = text_.find('\n', pos);
      if (end == std::string_view::npos) end = text_.size();
      line_ = rtrim_copy(text_.substr(pos, end - pos));
      line_no_ = ++line_no;
      pos = end + 1;
      const std::string trimmed = trim_copy(line_);
      if (trimmed.empty() || trimmed[0] == '#') continue;
      if (!have_header) {
        parse_header();
        have_header = true;
        continue;
      }
      if (is_legend(trimmed)) continue;
      if (out_.rows.size() >= kMaxRows)
        fail_at(0, fmt::format("too many rows (at most {})", kMaxRows));
      parse_row();
    }
    if (!have_header)
      fail(1, 1,
           "the answer is empty: expected the header row of cycle numbers (1 2 3 …) and one "
           "row per instruction",
           {});
    return std::move(out_);
  }

 private:
  [[noreturn]] void fail(int line, std::size_t column, const std::string& msg,
                         const std::string& text) const {
    throw SourceError(out_.file, line, static_cast<int>(column), msg, text);
  }
  [[noreturn]] void fail_at(std::size_t byte, const std::string& msg) const {
    fail(line_no_, byte + 1, msg, line_);
  }

  void parse_header() {
    const std::vector<Token> tokens = tokenize(line_);
    for (const Token& t : tokens) {
      const bool digits = !t.text.empty() && t.text.size() <= 7 &&
                          std::all_of(t.text.begin(), t.text.end(), [](char c) {
                            return std::isdigit(static_cast<unsigned char>(c));
                          });
      if (!digits)
        fail_at(t.byte, fmt::format("expected the header row of cycle numbers (1 2 3 …, as "
                                    "`pipesim run --diagram` prints it), found `{}`",
                                    t.text));
      const uint64_t n = std::stoull(t.text);
      if (header_.empty() && n == 0) fail_at(t.byte, "cycles are numbered from 1");
      if (!header_.empty() && n != header_.back().cycle + 1)
        fail_at(t.byte, fmt::format("the header's cycle numbers must be consecutive: {} after {}",
                                    n, header_.back().cycle));
      if (header_.size() >= kMaxCycles)
        fail_at(t.byte, fmt::format("too many cycles (at most {})", kMaxCycles));
      header_.push_back(HeaderColumn{n, t.col, t.text.size()});
    }
    out_.first_cycle = header_.front().cycle;
    out_.last_cycle = header_.back().cycle;
  }

  // The cycle whose number is written within one column of `col` (the nearest; the earlier one
  // on a tie), if any.
  std::optional<uint64_t> cycle_under(std::size_t col) const {
    std::optional<uint64_t> best;
    std::size_t best_distance = 2;
    for (const HeaderColumn& h : header_) {
      const std::size_t last = h.col + h.width - 1;
      const std::size_t d = col < h.col ? h.col - col : col > last ? col - last : 0;
      if (d < best_distance) {
        best_distance = d;
        best = h.cycle;
      }
    }
    return best;
  }

  void parse_row() {
    AnswerRow row;
    row.line = line_no_;
    std::vector<Token> tokens;
    std::size_t first_cell = 0;
    const std::size_t bar = line_.find('|');
    if (bar != std::string::npos) {
      row.label = trim_copy(std::string_view(line_).substr(0, bar));
      tokens = tokenize(line_, bar + 1);
      for (const Token& t : tokens)
        if (!vocab_.classify(t.text)) fail_at(t.byte, not_a_cell(t.text));
    } else {
      tokens = tokenize(line_);
      // The cells are the longest run of cell words at the end of the line.
      first_cell = tokens.size();
      while (first_cell > 0 && vocab_.classify(tokens[first_cell - 1].text)) --first_cell;
      // A typo among the cells would silently move them into the label: once a token clearly
      // starts the cells, everything after it must be a cell.
      for (std::size_t k = 0; k < first_cell; ++k) {
        if (!vocab_.strong(tokens[k].text)) continue;
        for (std::size_t j = k + 1; j < first_cell; ++j)
          if (!vocab_.classify(tokens[j].text)) fail_at(tokens[j].byte, not_a_cell(tokens[j].text));
      }
      if (first_cell > 0) {
        const std::size_t label_end =
            tokens[first_cell - 1].byte + tokens[first_cell - 1].text.size();
        row.label = trim_copy(std::string_view(line_).substr(0, label_end));
      }
    }
    place_cells(row, tokens, first_cell);
    out_.rows.push_back(std::move(row));
  }

  std::string not_a_cell(const std::string& token) const {
    return fmt::format(
        "`{}` is not a cell: write a stage name, S (or stall), - or . for an empty cell, or "
        "flushed at the end of the row (a | after the label separates it from the cells)",
        token);
  }

  // Places the cells in cycles: aligned with the header when the header is indented (it leaves
  // room for labels, as pipesim's own diagram does) and the first cell sits under a number;
  // from the header's first cycle otherwise, or when the aligned reading runs past the header.
  void place_cells(AnswerRow& row, const std::vector<Token>& tokens, std::size_t first) {
    if (first >= tokens.size()) return;
    const Cell head = *vocab_.classify(tokens[first].text);
    if (header_.front().col > 0 && head.kind != CellKind::Empty && head.kind != CellKind::Flushed) {
      if (std::optional<uint64_t> c = cycle_under(tokens[first].col)) {
        AnswerRow aligned = row;
        if (!try_place(aligned, tokens, first, *c, true)) {
          row = std::move(aligned);
          return;
        }
      }
    }
    if (std::optional<std::size_t> bad = try_place(row, tokens, first, out_.first_cycle, false))
      fail_at(tokens[*bad].byte,
              fmt::format("this cell is after the header's last cycle ({}): extend the header row",
                          out_.last_cycle));
  }

  // Returns the index of the first token that falls after the header's last cycle, if any.
  std::optional<std::size_t> try_place(AnswerRow& row, const std::vector<Token>& tokens,
                                       std::size_t first, uint64_t start, bool aligned) {
    uint64_t cycle = start;
    uint64_t previous = 0;  // cycle of the previous cell (0: none yet)
    for (std::size_t i = first; i < tokens.size(); ++i) {
      const Token& t = tokens[i];
      const Cell cell = *vocab_.classify(t.text);
      if (cell.kind == CellKind::Flushed) {
        if (i + 1 != tokens.size())
          fail_at(tokens[i + 1].byte, "the `flushed` mark ends a row: nothing may follow it");
        row.flushed = true;
        return std::nullopt;
      }
      if (previous != 0) {
        cycle = previous + 1;
        if (aligned)
          if (std::optional<uint64_t> c = cycle_under(t.col); c && *c > previous) cycle = *c;
      }
      if (cycle > out_.last_cycle) return i;
      if (cell.kind != CellKind::Empty) row.cells[cycle] = cell.text;
      previous = cycle;
    }
    return std::nullopt;
  }

  std::string_view text_;
  Vocabulary vocab_;
  ParsedAnswer out_;
  std::vector<HeaderColumn> header_;
  std::string line_;
  int line_no_ = 0;
};

}  // namespace

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
  return Parser(text, file_name, cell_words).run();
}

}  // namespace pipesim::classroom
