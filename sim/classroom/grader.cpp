// The grader: expected and given cells side by side, and for each difference the reason the
// model gives (which stall, which producer, which flush).
#include "sim/classroom/grader.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include "sim/report/hazard_text.hpp"
#include "sim/report/text.hpp"

namespace pipesim::classroom {

using report::code_namer;
using report::flush_reason;
using report::flush_remedy;
using report::InsnNamer;
using report::stall_reason;
using report::stall_remedy;

namespace {

const std::string kFlushed = "flushed";

// A row's cells with its flushed mark as one more cell after the last.
std::map<uint64_t, std::string> with_mark(std::map<uint64_t, std::string> cells, bool flushed,
                                          uint64_t first_cycle) {
  if (flushed) cells[cells.empty() ? first_cycle : cells.rbegin()->first + 1] = kFlushed;
  return cells;
}

std::string plural(uint64_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

class Reasoner {
 public:
  Reasoner(const RecordedRun& run, const AnswerKey& key, const HazardEvents& events)
      : run_(run), events_(events) {
    for (std::size_t i = 0; i < key.rows.size(); ++i) row_of_[key.rows[i].seq] = i;
    namer_ = [this](uint64_t seq) { return name(seq); };
  }

  std::string name(uint64_t seq) const {
    const InsnRecord* r = run_.recorder.find(seq);
    const std::string text = r ? report::insn_text(*r) : "?";
    auto it = row_of_.find(seq);
    return it == row_of_.end() ? fmt::format("`{}`", text)
                               : fmt::format("row {} `{}`", it->second + 1, text);
  }

  std::string reason(const KeyRow& row, uint64_t cycle, const std::string& expected,
                     const std::string& given) const {
    const std::string wrote = given.empty() ? "you left it empty" : "you wrote " + given;
    if (expected == kFlushed)
      return wrote + "; " + flushed_sentence(row) + ": mark the row flushed";
    if (given == kFlushed)
      return row.flushed ? fmt::format("it is flushed only after cycle {}", row.last_cycle)
                         : "this instruction is not flushed: it completes";
    if (expected == "S") return wrote + "; " + stall_sentence(row, cycle);
    if (!expected.empty()) return wrote + "; " + enter_sentence(row, cycle, expected);
    // Expected empty.
    const uint64_t first = row.cells.empty() ? 0 : row.cells.begin()->first;
    if (first != 0 && cycle < first)
      return wrote +
             fmt::format("; it is not in the pipeline yet: it is fetched in cycle {}", first);
    if (row.flushed) return wrote + "; it is no longer in the pipeline: " + flushed_sentence(row);
    return wrote + fmt::format("; it has left the pipeline (its last cycle is {})", row.last_cycle);
  }

 private:
  std::string flushed_sentence(const KeyRow& row) const {
    const Event* f = events_.flush(row.seq);
    if (!f) return fmt::format("it is squashed in cycle {}", row.last_cycle);
    return fmt::format(
        "it is flushed in cycle {}: {}", row.last_cycle,
        flush_reason(*f, events_.redirect(f->other), run_.recorder, run_.config, namer_));
  }

  // The stage a row is in at `cycle` (the last stage cell at or before it).
  static std::string stage_at(const KeyRow& row, uint64_t cycle) {
    std::string stage;
    for (const auto& [c, text] : row.cells) {
      if (c > cycle) break;
      if (text != "S") stage = text;
    }
    return stage;
  }

  std::string stall_sentence(const KeyRow& row, uint64_t cycle) const {
    const std::string stage = stage_at(row, cycle);
    if (const Event* e = events_.stall(row.seq, cycle))
      return fmt::format("it stalls here in {} — {}", stage,
                         stall_reason(*e, run_.recorder, run_.config, namer_));
    if (const Event* b = events_.blocked_by(row.seq, cycle))
      return fmt::format("it stays in {}: {} ahead of it stalls ({})", stage, name(b->seq),
                         stall_reason(*b, run_.recorder, run_.config, namer_));
    return fmt::format("it stays in {} another cycle", stage);
  }

  std::string enter_sentence(const KeyRow& row, uint64_t cycle, const std::string& expected) const {
    // Still working in the same stage (a multi-cycle operation shows its stage every cycle).
    auto it = row.cells.find(cycle);
    if (it != row.cells.begin() && it != row.cells.end() && std::prev(it)->second == expected)
      return fmt::format("it is still working in {} (a multi-cycle operation)", expected);
    uint64_t stalls = 0;
    const Event* first_stall = nullptr;
    const Event* first_blocker = nullptr;
    for (const auto& [c, text] : row.cells) {
      if (c >= cycle) break;
      if (text != "S") continue;
      if (++stalls > 1) continue;
      first_stall = events_.stall(row.seq, c);
      if (!first_stall) first_blocker = events_.blocked_by(row.seq, c);
    }
    std::string s = fmt::format("it enters {} in cycle {}", expected, cycle);
    if (stalls > 0) {
      s += fmt::format(", after {}", plural(stalls, "stall cycle"));
      if (first_stall)
        s += " (" + stall_reason(*first_stall, run_.recorder, run_.config, namer_) + ")";
      else if (first_blocker)
        s += " (behind " + name(first_blocker->seq) + ")";
    }
    return s;
  }

  const RecordedRun& run_;
  const HazardEvents& events_;
  std::map<uint64_t, std::size_t> row_of_;
  InsnNamer namer_;
};

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Does a student's label mention the instruction's mnemonic (or a shorter form of it, e.g. beq
// for beqz)? Only to hint at shifted rows.
bool label_matches(const std::string& label, const std::string& key_text) {
  const std::string mnemonic = lower(key_text.substr(0, key_text.find(' ')));
  std::string word;
  for (char c : lower(label) + " ") {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ':' || c == '`') {
      if (!word.empty() && mnemonic.rfind(word, 0) == 0) return true;
      word.clear();
    } else {
      word += c;
    }
  }
  return false;
}

}  // namespace

Grade grade_answer(const RecordedRun& run, const AnswerKey& key, const HazardEvents& events,
                   const ParsedAnswer& answer, const GradePolicy& /*policy*/) {
  Grade g;
  const Reasoner reasoner(run, key, events);
  const std::size_t rows = std::max(key.rows.size(), answer.rows.size());
  bool hinted = false;
  for (std::size_t i = 0; i < rows; ++i) {
    const KeyRow* k = i < key.rows.size() ? &key.rows[i] : nullptr;
    const AnswerRow* a = i < answer.rows.size() ? &answer.rows[i] : nullptr;
    const auto expected =
        k ? with_mark(k->cells, k->flushed, key.first_cycle) : std::map<uint64_t, std::string>{};
    const auto given =
        a ? with_mark(a->cells, a->flushed, answer.first_cycle) : std::map<uint64_t, std::string>{};
    std::set<uint64_t> cycles;
    for (const auto& [c, t] : expected) cycles.insert(c);
    for (const auto& [c, t] : given) cycles.insert(c);
    for (uint64_t c : cycles) {
      ++g.cells;
      auto e = expected.find(c);
      auto v = given.find(c);
      const std::string ex = e == expected.end() ? "" : e->second;
      const std::string gv = v == given.end() ? "" : v->second;
      if (ex == gv) {
        ++g.correct;
        continue;
      }
      std::string reason;
      if (!k)
        reason = fmt::format("the diagram has only {}: there is no row {}",
                             plural(key.rows.size(), "row"), i + 1);
      else
        reason = reasoner.reason(*k, c, ex, gv);
      g.wrong.push_back(WrongCell{i + 1, c, ex, gv, std::move(reason)});
    }
    if (k && a && !hinted && !a->label.empty()) {
      const InsnRecord* r = run.recorder.find(k->seq);
      const std::string text = r ? report::insn_text(*r) : "";
      if (!text.empty() && !label_matches(a->label, text)) {
        g.notes.push_back(fmt::format(
            "row {} (line {}) is labelled `{}` but the instruction there is `{}`: is a row "
            "missing or out of order? (flushed instructions have rows too)",
            i + 1, a->line, a->label, text));
        hinted = true;
      }
    }
  }
  if (answer.rows.size() != key.rows.size())
    g.notes.push_back(fmt::format("your answer has {}, the diagram has {}",
                                  plural(answer.rows.size(), "row"),
                                  plural(key.rows.size(), "row")));
  g.score = g.cells == 0 ? 100 : static_cast<unsigned>(g.correct * 100 / g.cells);
  return g;
}

}  // namespace pipesim::classroom
