// The text reader: a header row of cycle numbers, then one row per instruction (label, cells),
// as docs/classroom.md ("Writing an answer") documents. In short:
//   - a row's label ends where its cells begin: at the first token from which every token is a
//     cell word (or at a `|` after the label); a word that is not a cell but stands among cells
//     is a typo, reported with a did-you-mean, never swallowed into the label;
//   - aligned layout (the header is indented, as in pipesim's diagram): a row whose first cell
//     stands within 2 columns of a cycle number starts in that cycle; its cells are read under
//     their own numbers (each within 2 columns), or one per cycle when written close together. A
//     cell off its number is read there with a note; a cell as near to two numbers, or under no
//     number, is an error: never a silent shift;
//   - otherwise the row starts in the header's first cycle, one cell per cycle.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <optional>

#include "sim/classroom/answer_readers.hpp"

namespace pipesim::classroom {

namespace {

struct Token {
  std::string text;
  std::size_t col = 0;    // display column, 0-based, tabs expanded to multiples of 8
  std::size_t byte = 0;   // byte offset in the line (error columns)
  std::size_t width = 0;  // display columns
  std::size_t end() const { return col + width; }
};

// Splits a line into whitespace-separated tokens with their display columns. `from_byte` skips a
// prefix (the label before a `|`), whose columns still count.
std::vector<Token> tokenize(std::string_view line, std::size_t from_byte = 0) {
  std::vector<Token> out;
  std::size_t col = 0;
  bool in_token = false;
  for (std::size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    const bool continuation = (static_cast<unsigned char>(c) & 0xC0) == 0x80;
    if (i >= from_byte && !is_blank(c)) {
      if (!in_token) out.push_back(Token{{}, col, i, 0});
      out.back().text += c;
      if (!continuation) ++out.back().width;
      in_token = true;
    } else {
      in_token = false;
    }
    if (c == '\t')
      col = (col / 8 + 1) * 8;
    else if (!continuation)
      col += 1;  // UTF-8 continuation bytes share their character's column
  }
  return out;
}

// Lines pipesim's diagram legend prints (students may paste them along with the diagram).
bool is_legend(std::string_view trimmed) {
  for (std::string_view p : {"S:", "*:", "stall cycles:", "ecall:", "functional units:", "("})
    if (trimmed.substr(0, p.size()) == p) return true;
  return false;
}

struct HeaderColumn {
  uint64_t cycle = 0;
  std::size_t col = 0, width = 0;
};

// The header number nearest to a column: its cycle, how many columns away, and the other cycle
// when two are equally near.
struct Nearest {
  uint64_t cycle = 0;
  std::size_t distance = 0;
  std::optional<uint64_t> tie;
};

std::string columns(std::size_t n) {
  return fmt::format("{} column{}", n, n == 1 ? "" : "s");
}

class TextReader {
 public:
  TextReader(const Vocabulary& vocab, ParsedAnswer& out) : vocab_(vocab), out_(out) {}

  void run(const std::vector<AnswerLine>& lines) {
    for (const AnswerLine& l : lines) {
      line_ = &l;
      if (&l == &lines.front()) {
        parse_header();
        continue;
      }
      if (is_legend(trim_copy(l.text))) continue;
      if (out_.rows.size() >= kMaxAnswerRows)
        fail(0, fmt::format("too many rows (at most {})", kMaxAnswerRows));
      parse_row();
    }
    if (long_labels_ > 0)
      out_.notes.push_back(fmt::format(
          "line {}{}: the label runs under the header's cycle numbers, so the row is read one "
          "cell per cycle from cycle {}",
          first_long_label_,
          long_labels_ == 1 ? "" : fmt::format(" and {} more rows", long_labels_ - 1),
          out_.first_cycle));
  }

 private:
  [[noreturn]] void fail(std::size_t byte, const std::string& msg) const {
    answer_error(out_, *line_, byte, msg);
  }

  void parse_header() {
    const std::vector<Token> tokens = tokenize(line_->text);
    for (const Token& t : tokens) {
      const bool digits = !t.text.empty() && t.text.size() <= 7 &&
                          std::all_of(t.text.begin(), t.text.end(), [](char c) {
                            return std::isdigit(static_cast<unsigned char>(c));
                          });
      if (!digits)
        fail(t.byte, fmt::format("expected the header row of cycle numbers (1 2 3 …, as "
                                 "`pipesim run --diagram` prints it), found `{}`",
                                 t.text));
      const uint64_t n = std::stoull(t.text);
      if (header_.empty() && n == 0) fail(t.byte, "cycles are numbered from 1");
      if (!header_.empty() && n != header_.back().cycle + 1)
        fail(t.byte, fmt::format("the header's cycle numbers must be consecutive: {} after {}", n,
                                 header_.back().cycle));
      if (header_.size() >= kMaxAnswerCycles)
        fail(t.byte, fmt::format("too many cycles (at most {})", kMaxAnswerCycles));
      header_.push_back(HeaderColumn{n, t.col, t.text.size()});
    }
    out_.first_cycle = header_.front().cycle;
    out_.last_cycle = header_.back().cycle;
    // An indented header leaves room for labels: the rows are drawn under its numbers.
    aligned_ = header_.front().col > 0;
  }

  Nearest nearest(std::size_t col) const {
    const auto after = std::lower_bound(
        header_.begin(), header_.end(), col,
        [](const HeaderColumn& h, std::size_t c) { return h.col + h.width - 1 < c; });
    Nearest best{0, SIZE_MAX, {}};
    for (auto it = after == header_.begin() ? after : after - 1; it != header_.end() && it <= after;
         ++it) {
      const std::size_t last = it->col + it->width - 1;
      const std::size_t d = col < it->col ? it->col - col : col > last ? col - last : 0;
      if (d < best.distance)
        best = Nearest{it->cycle, d, {}};
      else if (d == best.distance)
        best.tie = it->cycle;
    }
    return best;
  }

  void parse_row() {
    AnswerRow row;
    row.line = line_->number;
    const std::string_view text = line_->text;
    std::vector<Token> tokens;
    std::size_t first_cell = 0;
    std::size_t label_end = 0;  // display column after the label (0: closed by a `|`)
    const std::size_t bar = text.find('|');
    if (bar != std::string_view::npos) {
      row.label = trim_copy(text.substr(0, bar));
      tokens = tokenize(text, bar + 1);
      for (const Token& t : tokens)
        if (!vocab_.classify(t.text)) fail(t.byte, not_a_cell(t.text));
    } else {
      tokens = tokenize(text);
      first_cell = find_cells(tokens);
      if (first_cell > 0) {
        const Token& last = tokens[first_cell - 1];
        row.label = trim_copy(text.substr(0, last.byte + last.text.size()));
        label_end = last.end();
      }
    }
    place_cells(row, tokens, first_cell, label_end);
    out_.rows.push_back(std::move(row));
  }

  // The index of the row's first cell: the cells are the longest run of cell words at the end of
  // the line. A word that is not a cell but stands among cells is a typo, not label text.
  std::size_t find_cells(const std::vector<Token>& tokens) const {
    std::size_t first = tokens.size();
    while (first > 0 && vocab_.classify(tokens[first - 1].text)) --first;
    auto is_cell = [&](std::size_t k) {
      return k < tokens.size() && vocab_.classify(tokens[k].text);
    };
    for (std::size_t k = 0; k < first; ++k) {
      // Once a token clearly starts the cells (upper case, or a mark), all after it are cells.
      if (vocab_.strong(tokens[k].text))
        for (std::size_t j = k + 1; j < first; ++j)
          if (!is_cell(j)) fail(tokens[j].byte, not_a_cell(tokens[j].text));
      if (is_cell(k)) continue;
      // A non-cell between two cells (`if stl flushed`), or where the first cell goes: in the
      // cell area of an aligned answer, apart from the label, and followed only by cells.
      if (k > 0 && is_cell(k - 1) && is_cell(k + 1))
        fail(tokens[k].byte, vocab_.unknown(tokens[k].text));
      if (k + 1 == first && first < tokens.size() && in_cell_area(tokens, k))
        fail(tokens[k].byte, vocab_.unknown(tokens[k].text));
      // A non-cell ending a row after its cells (`if id flus`): under the header's numbers after
      // a cell there, or after two cells anywhere. A label does not end in stage names.
      if (k + 1 == tokens.size() && k > 0 && is_cell(k - 1) &&
          ((in_cell_area(tokens, k - 1) && tokens[k].col >= tokens[k - 1].col) ||
           (k > 1 && is_cell(k - 2))))
        fail(tokens[k].byte, vocab_.unknown(tokens[k].text));
    }
    return first;
  }

  // Whether token k stands where an aligned answer's first cell goes: at or right of the header's
  // first number (within the snap distance), two or more spaces after a label that ends left of
  // that. (A label running into the cell area, single-spaced, stays a label.)
  bool in_cell_area(const std::vector<Token>& tokens, std::size_t k) const {
    if (!aligned_) return false;
    const std::size_t area =
        header_.front().col > kSnapColumns ? header_.front().col - kSnapColumns : 0;
    if (tokens[k].col < area) return false;
    if (k == 0) return true;
    const std::size_t label_end = tokens[k - 1].end();
    return label_end <= area && tokens[k].col >= label_end + 2;
  }

  std::string not_a_cell(const std::string& token) const { return vocab_.unknown(token); }

  [[noreturn]] void past_header(const Token& t) const {
    fail(t.byte,
         fmt::format("this cell is after the header's last cycle ({}): extend the header row",
                     out_.last_cycle));
  }

  void place_cells(AnswerRow& row, const std::vector<Token>& tokens, std::size_t first,
                   std::size_t label_end) {
    std::size_t end = tokens.size();
    for (std::size_t i = first; i < end; ++i)
      if (vocab_.classify(tokens[i].text)->kind == CellKind::Flushed) {
        if (i + 1 != end)
          fail(tokens[i + 1].byte, "the `flushed` mark ends a row: nothing may follow it");
        row.flushed = true;
        end = i;
      }
    if (first == end) return;
    // A leading `-` or `.` says the row is written one cell per cycle from the first cycle; so
    // does a label that runs under the header's numbers (a free layout).
    if (aligned_ && label_end > header_.front().col) {
      // Said once, for the first such row: a typo'd first cell would be read as label text.
      if (long_labels_++ == 0) first_long_label_ = line_->number;
      return place_packed(row, tokens, first, end, out_.first_cycle);
    }
    if (!aligned_ || vocab_.classify(tokens[first].text)->kind == CellKind::Empty)
      return place_packed(row, tokens, first, end, out_.first_cycle);
    const Token& t0 = tokens[first];
    const Nearest n0 = nearest(t0.col);
    if (n0.distance > kSnapColumns) {
      // Left of the numbers: a free layout whose label is shorter than the header's indent.
      if (t0.col < header_.front().col)
        return place_packed(row, tokens, first, end, out_.first_cycle);
      off_grid(t0, n0);
    }
    if (n0.tie) off_grid(t0, n0);
    if (n0.distance > 0) note_snap(t0, n0.cycle);
    place_aligned(row, tokens, first, end, n0.cycle);
  }

  // The rest of an aligned row: each cell under its own number, or, for cells written close
  // together (at most 2 spaces apart), one per cycle after the first.
  void place_aligned(AnswerRow& row, const std::vector<Token>& tokens, std::size_t first,
                     std::size_t end, uint64_t start) {
    std::vector<uint64_t> cycles{start};
    std::vector<std::size_t> distances{0};
    for (std::size_t i = first + 1; i < end; ++i) {
      const Nearest n = nearest(tokens[i].col);
      if (n.distance > kSnapColumns || n.tie || n.cycle <= cycles.back()) {
        bool compact = true;
        for (std::size_t j = first + 1; j < end; ++j)
          if (tokens[j].col > tokens[j - 1].end() + 2) compact = false;
        if (compact) return place_packed(row, tokens, first, end, start);
        if (n.distance <= kSnapColumns && !n.tie)
          fail(tokens[i].byte,
               fmt::format("`{}` and `{}` are both under cycle {}: write each cell under its own "
                           "cycle number",
                           tokens[i - 1].text, tokens[i].text, n.cycle));
        off_grid(tokens[i], n);
      }
      cycles.push_back(n.cycle);
      distances.push_back(n.distance);
    }
    for (std::size_t i = first; i < end; ++i) {
      const std::size_t k = i - first;
      // Say so only when the column decided the cycle (not the cell after the previous one).
      if (k > 0 && distances[k] > 0 && cycles[k] != cycles[k - 1] + 1)
        note_snap(tokens[i], cycles[k]);
      const Cell cell = *vocab_.classify(tokens[i].text);
      if (cell.kind != CellKind::Empty) row.cells[cycles[k]] = cell.text;
    }
  }

  void place_packed(AnswerRow& row, const std::vector<Token>& tokens, std::size_t first,
                    std::size_t end, uint64_t start) {
    for (std::size_t i = first; i < end; ++i) {
      const uint64_t cycle = start + (i - first);
      if (cycle > out_.last_cycle) past_header(tokens[i]);
      const Cell cell = *vocab_.classify(tokens[i].text);
      if (cell.kind != CellKind::Empty) row.cells[cycle] = cell.text;
    }
  }

  // A cell of an aligned row that is under no number, or as near to two.
  [[noreturn]] void off_grid(const Token& t, const Nearest& n) const {
    const HeaderColumn& last = header_.back();
    if (t.col > last.col + last.width - 1 + kSnapColumns) past_header(t);
    if (n.tie)
      fail(t.byte, fmt::format("`{}` is between cycles {} and {} ({} from each): write it under "
                               "one of the two numbers",
                               t.text, std::min(n.cycle, *n.tie), std::max(n.cycle, *n.tie),
                               columns(n.distance)));
    fail(t.byte, fmt::format("`{}` is under no cycle number (the nearest, cycle {}, is {} away): "
                             "write it under its cycle's number",
                             t.text, n.cycle, columns(n.distance)));
  }

  void note_snap(const Token& t, uint64_t cycle) {
    const HeaderColumn& h = header_[cycle - out_.first_cycle];
    const bool left = t.col < h.col;
    const std::size_t d = left ? h.col - t.col : t.col - (h.col + h.width - 1);
    out_.notes.push_back(
        fmt::format("line {}, column {}: `{}` is {} {} cycle {}'s number; read "
                    "as cycle {}",
                    line_->number, t.byte + 1, t.text, columns(d), left ? "left of" : "right of",
                    cycle, cycle));
  }

  const Vocabulary& vocab_;
  ParsedAnswer& out_;
  std::vector<HeaderColumn> header_;
  bool aligned_ = false;
  std::size_t long_labels_ = 0;  // rows whose label runs under the numbers, and the first's line
  int first_long_label_ = 0;
  const AnswerLine* line_ = nullptr;
};

}  // namespace

void read_text(const std::vector<AnswerLine>& lines, const Vocabulary& vocab, ParsedAnswer& out) {
  TextReader(vocab, out).run(lines);
}

}  // namespace pipesim::classroom
