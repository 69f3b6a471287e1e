// The grader: pairs rows (match_rows), compares each pair as timelines, tells a row's own
// mistakes (a root cause) from differences that follow from a mistake above (follow-through),
// and scores by the rule in kScoringRule.
#include "sim/classroom/grader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "sim/classroom/grade_reasons.hpp"
#include "sim/classroom/row_timeline.hpp"
#include "sim/report/text.hpp"

namespace pipesim::classroom {

const char* const kScoringRule =
    "each row with a mistake of its own is one cause, and its cells that differ from the key are "
    "wrong; a row drawn consistently with a mistake above it counts as right; a stall may be "
    "written S or by repeating the stage; score = floor(100 × right cells / graded cells) minus "
    "the flushed-row policy's points";

namespace {

// A row's cells with its flushed mark as one more cell after the last.
std::map<uint64_t, std::string> with_mark(std::map<uint64_t, std::string> cells, bool flushed,
                                          uint64_t first_cycle) {
  if (flushed) cells[cells.empty() ? first_cycle : cells.rbegin()->first + 1] = kFlushedMark;
  return cells;
}

// "row 5", "rows 5–9", "rows 2, 5–9" (1-based, ascending).
std::string row_list(const std::vector<std::size_t>& rows) {
  std::string out = rows.size() == 1 ? "row " : "rows ";
  for (std::size_t i = 0; i < rows.size();) {
    std::size_t j = i;
    while (j + 1 < rows.size() && rows[j + 1] == rows[j] + 1) ++j;
    if (i > 0) out += ", ";
    out += j == i ? std::to_string(rows[i]) : fmt::format("{}–{}", rows[i], rows[j]);
    i = j + 1;
  }
  return out;
}

class GradeBuilder {
 public:
  GradeBuilder(const RecordedRun& run, const AnswerKey& key, const HazardEvents& events,
               const ParsedAnswer& answer, const GradePolicy& policy)
      : key_(key), answer_(answer), policy_(policy), reasoner_(run, key, events) {}

  void add(const RowPair& p) {
    if (p.key && p.answer) {
      const KeyRow& k = key_.rows[*p.key];
      if (policy_.flushed_rows == FlushedRows::Forbidden && k.flushed) {
        flushed_drawn_.push_back(*p.key + 1);
        return;  // not graded: the policy point cost replaces its cells
      }
      paired(k, *p.key + 1, answer_.rows[*p.answer]);
    } else if (p.key) {
      const KeyRow& k = key_.rows[*p.key];
      if (k.flushed) {
        if (policy_.flushed_rows == FlushedRows::Required) flushed_left_out_.push_back(*p.key + 1);
        return;  // a left-out wrong-path row is not graded; the rows behind it see the one above
      }
      missing_row(k, *p.key + 1);
    } else if (p.answer) {
      extra_row(answer_.rows[*p.answer], *p.answer + 1);
    }
  }

  Grade finish();

 private:
  void count(std::size_t graded, std::size_t right) {
    g_.cells += graded;
    g_.correct += right;
  }

  void missing_row(const KeyRow& k, std::size_t row) {
    const auto cells = with_mark(k.cells, k.flushed, key_.first_cycle);
    for (const auto& [c, text] : cells)
      g_.wrong.push_back(
          WrongCell{row, c, text, "", "your answer has no row for this instruction"});
    count(cells.size(), 0);
    g_.causes.push_back(
        Cause{row, reasoner_.name(k.seq) + ": the row is missing", cells.size(), 0});
    ahead_.clear();
    open_cause_.reset();
    ++unpaired_;
  }

  void extra_row(const AnswerRow& a, std::size_t row) {
    const auto cells = with_mark(a.cells, a.flushed, answer_.first_cycle);
    for (const auto& [c, text] : cells)
      g_.wrong.push_back(WrongCell{row, c, "", text, "the run has no instruction for this row"});
    count(cells.size(), 0);
    const std::string label = a.label.empty() ? "" : " `" + a.label + "`";
    g_.causes.push_back(Cause{0,
                              fmt::format("line {}{}: an extra row (the run has no instruction "
                                          "for it)",
                                          a.line, label),
                              cells.size(), 0});
    ahead_.clear();
    open_cause_.reset();
    ++unpaired_;
  }

  void paired(const KeyRow& k, std::size_t row, const AnswerRow& a);

  const AnswerKey& key_;
  const ParsedAnswer& answer_;
  const GradePolicy& policy_;
  Reasoner reasoner_;
  Grade g_;
  std::vector<EntryDelta> ahead_;          // the row ahead as the student drew it
  std::optional<std::size_t> open_cause_;  // the latest row cause, which follow-through joins
  std::map<std::size_t, std::vector<std::size_t>> follow_;  // cause index -> its rows
  std::vector<std::size_t> flushed_left_out_, flushed_drawn_, repeated_stall_rows_;
  std::size_t unpaired_ = 0;
};

void GradeBuilder::paired(const KeyRow& k, std::size_t row, const AnswerRow& a) {
  const Timeline kt = make_timeline(k.cells, k.flushed, key_.first_cycle);
  const Timeline at = make_timeline(a.cells, a.flushed, answer_.first_cycle);
  std::set<uint64_t> cycles;
  for (const auto& [c, cell] : kt.cells) cycles.insert(c);
  for (const auto& [c, cell] : at.cells) cycles.insert(c);
  std::vector<uint64_t> differ;
  for (uint64_t c : cycles) {
    auto kc = kt.cells.find(c);
    auto ac = at.cells.find(c);
    if (kc == kt.cells.end() || ac == at.cells.end() || !(kc->second == ac->second))
      differ.push_back(c);
    else if (ac->second.stays && a.cells.at(c) != "S" && k.cells.at(c) == "S")
      if (repeated_stall_rows_.empty() || repeated_stall_rows_.back() != row)
        repeated_stall_rows_.push_back(row);
  }
  const std::optional<std::vector<EntryDelta>> deltas = entry_deltas(kt, at);
  const std::optional<std::size_t> own = first_unexplained(kt, at, ahead_);
  const bool follow = !differ.empty() && !own && open_cause_;
  ahead_ = deltas ? *deltas : std::vector<EntryDelta>{};
  if (differ.empty() || follow) {
    // Right, or right given the rows above as drawn: counted as the key's cells, all right (so
    // that redrawing a row consistently never changes the number of cells graded).
    count(follow ? kt.cells.size() : cycles.size(), follow ? kt.cells.size() : cycles.size());
    if (follow) follow_[*open_cause_].push_back(row);
    return;
  }
  const auto expected = with_mark(k.cells, k.flushed, key_.first_cycle);
  const auto given = with_mark(a.cells, a.flushed, answer_.first_cycle);
  for (uint64_t c : differ) {
    auto e = expected.find(c);
    auto v = given.find(c);
    const std::string ex = e == expected.end() ? "" : e->second;
    const std::string gv = v == given.end() ? "" : v->second;
    g_.wrong.push_back(WrongCell{row, c, ex, gv, reasoner_.reason(k, at, c, ex, gv)});
  }
  count(cycles.size(), cycles.size() - differ.size());
  open_cause_ = g_.causes.size();
  g_.causes.push_back(Cause{
      row, reasoner_.name(k.seq) + ": " + reasoner_.cause(k, kt, at, a.cells, own.value_or(0)),
      differ.size(), 0});
}

Grade GradeBuilder::finish() {
  for (auto& [cause, rows] : follow_)
    g_.causes[cause].text += fmt::format(" — {} {} consistent with that (counted right)",
                                         row_list(rows), rows.size() == 1 ? "is" : "are");
  const unsigned each = policy_.missing_flushed_row_points;
  if (!flushed_left_out_.empty())
    g_.causes.push_back(
        Cause{flushed_left_out_.front(),
              fmt::format("flushed (wrong-path) {} not drawn: this exercise requires them, {} each",
                          row_list(flushed_left_out_), plural(each, "point")),
              0, static_cast<unsigned>(flushed_left_out_.size()) * each});
  if (!flushed_drawn_.empty())
    g_.causes.push_back(
        Cause{flushed_drawn_.front(),
              fmt::format("flushed (wrong-path) {} drawn: this exercise leaves them out, {} each",
                          row_list(flushed_drawn_), plural(each, "point")),
              0, static_cast<unsigned>(flushed_drawn_.size()) * each});
  for (const Cause& c : g_.causes) g_.points += c.points;
  // Most costly first, in score points; ties keep the order of the rows.
  const double graded = static_cast<double>(std::max<std::size_t>(g_.cells, 1));
  std::stable_sort(g_.causes.begin(), g_.causes.end(), [&](const Cause& x, const Cause& y) {
    return 100.0 * static_cast<double>(x.cells) / graded + x.points >
           100.0 * static_cast<double>(y.cells) / graded + y.points;
  });
  if (!repeated_stall_rows_.empty())
    g_.notes.push_back(
        fmt::format("{}: a stage written again (`ID ID`) is read as a stall in that "
                    "stage, as S is (pipesim writes a stall S)",
                    row_list(repeated_stall_rows_)));
  if (unpaired_ > 0)
    g_.notes.push_back(fmt::format("your answer has {}, the diagram has {}",
                                   plural(answer_.rows.size(), "row"),
                                   plural(key_.rows.size(), "row")));
  const unsigned ratio = g_.cells == 0 ? 100 : static_cast<unsigned>(g_.correct * 100 / g_.cells);
  g_.score = g_.points >= ratio ? 0 : ratio - g_.points;
  return std::move(g_);
}

}  // namespace

Grade grade_matched(const RecordedRun& run, const AnswerKey& key, const HazardEvents& events,
                    const ParsedAnswer& answer, const RowMatching& matching,
                    const GradePolicy& policy) {
  GradeBuilder builder(run, key, events, answer, policy);
  for (const RowPair& p : matching.pairs) builder.add(p);
  Grade g = builder.finish();
  g.notes.insert(g.notes.begin(), matching.notes.begin(), matching.notes.end());
  // In row, then cycle order (extra rows are numbered by their place in the answer).
  std::stable_sort(g.wrong.begin(), g.wrong.end(), [](const WrongCell& x, const WrongCell& y) {
    return x.row != y.row ? x.row < y.row : x.cycle < y.cycle;
  });
  return g;
}

Grade grade_answer(const RecordedRun& run, const AnswerKey& key, const HazardEvents& events,
                   const ParsedAnswer& answer, const GradePolicy& policy) {
  return grade_matched(run, key, events, answer, match_rows(run, key, answer), policy);
}

}  // namespace pipesim::classroom
