// Row matching as a sequence alignment (the edit distance between the key's rows and the
// answer's): each key row is paired with one answer row, left out, or an answer row is extra,
// at the least total cost. A pair costs nothing when the answer row's label names the key row's
// instruction, a little when the label names nothing (so unlabelled answers pair by order), and
// more when it names another instruction; leaving out a flushed key row costs less than leaving
// out any other. Among alignments of equal cost, one whose rows start in the key's cycle wins,
// then the one that pairs earliest (order).
#include "sim/classroom/row_matching.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstdint>
#include <map>

#include "sim/classroom/row_labels.hpp"
#include "sim/report/text.hpp"

namespace pipesim::classroom {

namespace {

// An alignment of more key × answer rows than this is not tried (it holds 8 bytes each): the
// rows are paired by order. A key holds at most about 1,000 rows (kMaxAnswerBytes), so only an
// answer of thousands of rows meets it.
constexpr std::size_t kMaxAlignedPairs = std::size_t{4} << 20;

// Costs of the alignment's steps, in units that leave room for the tie-breaker below.
constexpr int64_t kPairNamed = 0;     // the label names the key row's instruction
constexpr int64_t kPairUnnamed = 2;   // the label names no instruction of the run (or is empty)
constexpr int64_t kPairFlushOdd = 4;  // ... and one of the two rows is flushed, not the other
constexpr int64_t kPairMisnamed = 6;  // the label names another instruction
constexpr int64_t kSkipFlushed = 3;   // a flushed key row the answer does not draw
constexpr int64_t kSkipRow = 4;       // a missing key row, or an extra answer row

struct KeyInfo {
  std::size_t insn = 0;  // index of its static instruction in Matcher::insns_
  uint64_t first_cycle = 0;
  bool flushed = false;
};

struct AnswerInfo {
  bool named_any = false;
  std::vector<bool> names;  // by static instruction
  uint64_t first_cycle = 0;
  bool flushed = false;
};

class Matcher {
 public:
  Matcher(const RecordedRun& run, const AnswerKey& key, const ParsedAnswer& answer)
      : run_(run), key_(key), answer_(answer) {
    for (const KeyRow& k : key.rows) keys_.push_back(key_info(k));
    for (const AnswerRow& a : answer.rows) answers_.push_back(answer_info(a));
  }

  RowMatching by_order() const {
    RowMatching m;
    const std::size_t n = std::max(keys_.size(), answers_.size());
    for (std::size_t i = 0; i < n; ++i)
      add(m, i < keys_.size() ? std::optional(i) : std::nullopt,
          i < answers_.size() ? std::optional(i) : std::nullopt, false);
    return m;
  }

  RowMatching aligned() const {
    const std::size_t n = keys_.size(), m = answers_.size();
    // cost[i][j]: the least cost of aligning key rows i.. with answer rows j.. (suffixes, so that
    // the walk from (0, 0) can prefer pairing first: order among equal costs).
    const auto width = m + 1;
    std::vector<int64_t> cost((n + 1) * width, 0);
    auto at = [&](std::size_t i, std::size_t j) -> int64_t& { return cost[i * width + j]; };
    for (std::size_t i = n + 1; i-- > 0;)
      for (std::size_t j = m + 1; j-- > 0;) {
        if (i == n && j == m) continue;
        int64_t best = INT64_MAX;
        if (i < n && j < m) best = std::min(best, pair_cost(i, j) + at(i + 1, j + 1));
        if (i < n) best = std::min(best, skip_key_cost(i) + at(i + 1, j));
        if (j < m) best = std::min(best, scale(kSkipRow) + at(i, j + 1));
        at(i, j) = best;
      }
    RowMatching out;
    std::size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && at(i, j) == pair_cost(i, j) + at(i + 1, j + 1)) {
        add(out, i++, j++);
      } else if (i < n && at(i, j) == skip_key_cost(i) + at(i + 1, j)) {
        add(out, i++, std::nullopt);
      } else {
        add(out, std::nullopt, j++);
      }
    }
    return out;
  }

 private:
  // Base costs are scaled above the largest possible sum of tie-breakers (one per pair).
  int64_t scale(int64_t base) const {
    return base * static_cast<int64_t>(std::min(keys_.size(), answers_.size()) + 1);
  }

  int64_t pair_cost(std::size_t i, std::size_t j) const {
    const KeyInfo& k = keys_[i];
    const AnswerInfo& a = answers_[j];
    int64_t base = kPairUnnamed;
    if (a.named_any)
      base = a.names[k.insn] ? kPairNamed : kPairMisnamed;
    else if (a.flushed != k.flushed)
      base = kPairFlushOdd;
    const int64_t tie = k.first_cycle != 0 && a.first_cycle == k.first_cycle ? 0 : 1;
    return scale(base) + tie;
  }

  int64_t skip_key_cost(std::size_t i) const {
    return scale(keys_[i].flushed ? kSkipFlushed : kSkipRow);
  }

  // The static instruction of a key row, with the texts a label may use for it.
  KeyInfo key_info(const KeyRow& k) {
    KeyInfo info;
    info.first_cycle = k.cells.empty() ? 0 : k.cells.begin()->first;
    info.flushed = k.flushed;
    const InsnRecord* r = run_.recorder.find(k.seq);
    const uint32_t pc = r ? r->pc : 0;
    const std::string text = r ? report::insn_text(*r) : std::string{};
    const auto [it, added] = insn_of_.try_emplace({pc, k.source}, insns_.size());
    if (added) insns_.push_back({pc, instruction_tokens(text), instruction_tokens(k.source)});
    info.insn = it->second;
    return info;
  }

  AnswerInfo answer_info(const AnswerRow& a) const {
    AnswerInfo info;
    info.first_cycle = a.cells.empty() ? 0 : a.cells.begin()->first;
    info.flushed = a.flushed;
    info.names.assign(insns_.size(), false);
    const RowLabel label = read_row_label(a.label);
    // A pc names its instruction when the run has one there; otherwise the text after it counts.
    bool by_pc = false;
    if (label.pc)
      for (std::size_t s = 0; s < insns_.size(); ++s)
        if (insns_[s].pc == *label.pc) info.names[s] = by_pc = true;
    if (!by_pc)
      for (std::size_t s = 0; s < insns_.size(); ++s)
        info.names[s] = label_names(label.tokens, insns_[s].disassembly) ||
                        label_names(label.tokens, insns_[s].source);
    info.named_any = std::find(info.names.begin(), info.names.end(), true) != info.names.end();
    return info;
  }

  std::string insn_name(std::size_t key_row) const {
    const InsnRecord* r = run_.recorder.find(key_.rows[key_row].seq);
    return r ? report::insn_text(*r) : key_.rows[key_row].label;
  }

  // `notes`: one note per missing, extra or misnamed row (not when pairing a huge answer by
  // order, where it would be said of thousands of rows).
  void add(RowMatching& m, std::optional<std::size_t> k, std::optional<std::size_t> a,
           bool notes = true) const {
    RowPair p{k, a};
    if (k && a) {
      p.flushed_drawn = keys_[*k].flushed;
      p.by_label = answers_[*a].named_any && answers_[*a].names[keys_[*k].insn];
      if (notes && answers_[*a].named_any && !p.by_label)
        m.notes.push_back(fmt::format(
            "line {}: the row labelled `{}` is graded as key row {} `{}` (by its position): "
            "the label names another instruction",
            answer_.rows[*a].line, answer_.rows[*a].label, *k + 1, insn_name(*k)));
    } else if (k && keys_[*k].flushed) {
      p.flushed_left_out = true;
      ++m.flushed_left_out;
    } else if (k) {
      ++m.missing;
      if (notes)
        m.notes.push_back(
            fmt::format("row for `{}` (key row {}) is missing", insn_name(*k), *k + 1));
    } else if (a) {
      ++m.extra;
      const AnswerRow& row = answer_.rows[*a];
      const std::string what =
          row.label.empty() ? "this row" : fmt::format("the row `{}`", row.label);
      if (notes)
        m.notes.push_back(
            fmt::format("line {}: {} is extra (the diagram has no row for it)", row.line, what));
    }
    m.pairs.push_back(p);
  }

  struct StaticInsn {
    uint32_t pc = 0;
    std::vector<std::string> disassembly, source;
  };

  const RecordedRun& run_;
  const AnswerKey& key_;
  const ParsedAnswer& answer_;
  std::vector<StaticInsn> insns_;
  std::map<std::pair<uint32_t, std::string>, std::size_t> insn_of_;
  std::vector<KeyInfo> keys_;
  std::vector<AnswerInfo> answers_;
};

}  // namespace

RowMatching match_rows(const RecordedRun& run, const AnswerKey& key, const ParsedAnswer& answer) {
  const Matcher matcher(run, key, answer);
  const std::size_t cells = (key.rows.size() + 1) * (answer.rows.size() + 1);
  if (cells <= kMaxAlignedPairs) return matcher.aligned();
  RowMatching m = matcher.by_order();
  m.notes.push_back(fmt::format(
      "the answer has {} rows and the diagram {}: too many to match by label; rows are paired "
      "by their order ({} missing, {} extra)",
      answer.rows.size(), key.rows.size(), m.missing, m.extra));
  return m;
}

}  // namespace pipesim::classroom
