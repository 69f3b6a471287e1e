// Reasons for wrong cells and root causes of wrong rows, from the model's events.
#include "sim/classroom/grade_reasons.hpp"

#include <fmt/format.h>

#include <iterator>

#include "sim/report/hazard_text.hpp"
#include "sim/report/text.hpp"

namespace pipesim::classroom {

using report::flush_reason;
using report::stall_reason;

namespace {

// The cycle of the first entry after `cycle` (the key row's next move), or 0.
uint64_t next_entry(const Timeline& t, uint64_t cycle) {
  for (const Entry& e : t.entries)
    if (e.cycle > cycle) return e.cycle;
  return 0;
}

bool is_flushed(const Timeline& t) {
  return t.entries.back().stage == kFlushedMark;
}

// The stage a row is in at `cycle` (the last stage cell at or before it).
std::string stage_at(const KeyRow& row, uint64_t cycle) {
  std::string stage;
  for (const auto& [c, text] : row.cells) {
    if (c > cycle) break;
    if (text != "S") stage = text;
  }
  return stage;
}

}  // namespace

std::string plural(uint64_t n, const char* word) {
  return fmt::format("{} {}{}", n, word, n == 1 ? "" : "s");
}

Reasoner::Reasoner(const RecordedRun& run, const AnswerKey& key, const report::HazardEvents& events)
    : run_(run), events_(events) {
  for (std::size_t i = 0; i < key.rows.size(); ++i) row_of_[key.rows[i].seq] = i;
  namer_ = [this](uint64_t seq) { return name(seq); };
}

std::string Reasoner::name(uint64_t seq) const {
  const InsnRecord* r = run_.recorder.find(seq);
  const std::string text = r ? report::insn_text(*r) : "?";
  auto it = row_of_.find(seq);
  return it == row_of_.end() ? fmt::format("`{}`", text)
                             : fmt::format("row {} `{}`", it->second + 1, text);
}

std::string Reasoner::reason(const KeyRow& row, const Timeline& drawn, uint64_t cycle,
                             const std::string& expected, const std::string& given) const {
  const std::string wrote = given.empty() ? "you left it empty" : "you wrote " + given;
  // A mark drawn in the wrong cycle is one finding: the same sentence at both of its cells.
  if (row.flushed && is_flushed(drawn) && (expected == kFlushedMark || given == kFlushedMark))
    return mark_sentence(row, drawn);
  if (expected == kFlushedMark)
    return wrote + "; " + flushed_sentence(row) + ": mark the row flushed";
  if (given == kFlushedMark) return "this instruction is not flushed: it completes";
  if (expected == "S") return wrote + "; " + stall_sentence(row, cycle);
  if (!expected.empty()) return wrote + "; " + enter_sentence(row, cycle, expected);
  // Expected empty.
  const uint64_t first = row.cells.empty() ? 0 : row.cells.begin()->first;
  if (first != 0 && cycle < first)
    return wrote + fmt::format("; it is not in the pipeline yet: it is fetched in cycle {}", first);
  if (row.flushed) return wrote + "; it is no longer in the pipeline: " + flushed_sentence(row);
  return wrote + fmt::format("; it has left the pipeline (its last cycle is {})", row.last_cycle);
}

std::string Reasoner::flushed_sentence(const KeyRow& row) const {
  const Event* f = events_.flush(row.seq);
  if (!f) return fmt::format("it is squashed in cycle {}", row.last_cycle);
  return fmt::format(
      "it is flushed in cycle {}: {}", row.last_cycle,
      flush_reason(*f, events_.redirect(f->other), run_.recorder, run_.config, namer_));
}

// Where the flushed mark really goes, for a row the student marked in another cycle.
std::string Reasoner::mark_sentence(const KeyRow& row, const Timeline& drawn) const {
  std::string s = fmt::format("you marked it flushed in cycle {}; ", drawn.entries.back().cycle);
  if (row.cells.empty()) {
    s += fmt::format("it is squashed in cycle {}", row.last_cycle);
  } else {
    const uint64_t last = row.cells.rbegin()->first;
    s += fmt::format("it is in {} until cycle {}, so the mark goes in cycle {}",
                     stage_at(row, last), last, last + 1);
  }
  if (const Event* f = events_.flush(row.seq))
    s += " — " + flush_reason(*f, events_.redirect(f->other), run_.recorder, run_.config, namer_);
  return s;
}

std::string Reasoner::stall_sentence(const KeyRow& row, uint64_t cycle) const {
  const std::string stage = stage_at(row, cycle);
  if (const Event* e = events_.stall(row.seq, cycle))
    return fmt::format("it stalls here in {} — {}", stage,
                       stall_reason(*e, run_.recorder, run_.config, namer_));
  if (const Event* b = events_.blocked_by(row.seq, cycle))
    return fmt::format("it stays in {}: {} ahead of it stalls ({})", stage, name(b->seq),
                       stall_reason(*b, run_.recorder, run_.config, namer_));
  return fmt::format("it stays in {} another cycle", stage);
}

std::string Reasoner::enter_sentence(const KeyRow& row, uint64_t cycle,
                                     const std::string& expected) const {
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

// The key holds the row in a stage in `cycle`; the student moved it on.
std::string Reasoner::missing_stay(const KeyRow& row, const Timeline& key, uint64_t cycle) const {
  const std::string stage = key.cells.at(cycle).stage;
  const uint64_t next = next_entry(key, cycle);
  const uint64_t n = next > cycle ? next - cycle : 1;
  const std::string stalls = plural(n, "stall cycle");
  if (const Event* e = events_.stall(row.seq, cycle))
    return fmt::format("missing {} in {} — {}", stalls, stage,
                       stall_reason(*e, run_.recorder, run_.config, namer_));
  if (const Event* b = events_.blocked_by(row.seq, cycle))
    return fmt::format("missing {} in {}: it waits behind {}, which stalls ({})", stalls, stage,
                       name(b->seq), stall_reason(*b, run_.recorder, run_.config, namer_));
  auto raw = row.cells.find(cycle);
  if (raw != row.cells.end() && raw->second != "S")
    return fmt::format(
        "leaves {} too early: it works there until cycle {} (a multi-cycle "
        "operation)",
        stage, next - 1);
  return fmt::format("missing {} in {} (it leaves {} in cycle {})", stalls, stage, stage, next);
}

namespace {

// The stages a key row goes through, for a sentence: "IF ID EX MEM WB".
std::string stage_names(const Timeline& t) {
  std::string out;
  for (const Entry& e : t.entries)
    if (e.stage != kEnd && e.stage != kGap) out += (out.empty() ? "" : " ") + e.stage;
  return out;
}

int64_t moved(const Entry& drawn, const Entry& key) {
  return static_cast<int64_t>(drawn.cycle) - static_cast<int64_t>(key.cycle);
}

}  // namespace

std::string Reasoner::cause(const KeyRow& row, const Timeline& key, const Timeline& drawn,
                            const std::map<uint64_t, std::string>& drawn_cells,
                            std::size_t entry) const {
  const Entry* k = entry < key.entries.size() ? &key.entries[entry] : nullptr;
  const Entry* d = entry < drawn.entries.size() ? &drawn.entries[entry] : nullptr;
  if (k && d && k->stage == d->stage) return moved_entry(row, key, drawn, drawn_cells, entry);
  if (d && d->stage == kFlushedMark)
    return row.flushed ? "flushed too early: " + mark_sentence(row, drawn)
                       : fmt::format(
                             "marked flushed, but it is not flushed: it completes (its "
                             "last cycle is {})",
                             row.last_cycle);
  if (k && k->stage == kFlushedMark) {
    if (d && d->stage == kEnd) return "flushed mark missing: " + flushed_sentence(row);
    return "drawn on after its flush: " + flushed_sentence(row);
  }
  const std::string before = entry == 0 ? "" : key.entries[entry - 1].stage;
  if (d && d->stage == kEnd)
    return fmt::format("stops after {}: the key has it in {} in cycle {}", before, k->stage,
                       k->cycle);
  if (k && k->stage == kEnd)
    return fmt::format("drawn past its end: {} in cycle {}; its last cycle is {}", d->stage,
                       d->cycle, k->cycle - 1);
  if (!k || !d) return "its stages are not the key's (" + stage_names(key) + ")";
  return fmt::format("{} in cycle {} where the key has {} (its stages: {})", d->stage, d->cycle,
                     k->stage, stage_names(key));
}

// The row enters the same stage as the key at entry `entry`, but more or less displaced than its
// previous entry (or, for the fetch, at all).
std::string Reasoner::moved_entry(const KeyRow& row, const Timeline& key, const Timeline& drawn,
                                  const std::map<uint64_t, std::string>& drawn_cells,
                                  std::size_t entry) const {
  const Entry& k = key.entries[entry];
  const Entry& d = drawn.entries[entry];
  const int64_t pace = entry == 0 ? 0 : moved(drawn.entries[entry - 1], key.entries[entry - 1]);
  const int64_t diff = moved(d, k) - pace;
  const uint64_t n = static_cast<uint64_t>(diff < 0 ? -diff : diff);
  const std::string cycles = plural(n, "cycle");
  if (entry == 0)
    return fmt::format("fetched {} {}: in cycle {} (the key: cycle {})", cycles,
                       diff > 0 ? "late" : "early", d.cycle, k.cycle);
  if (k.stage == kFlushedMark)
    return (diff < 0 ? "flushed too early: " : "flushed too late: ") + mark_sentence(row, drawn);
  const std::string& before = key.entries[entry - 1].stage;
  if (k.stage == kEnd)
    return fmt::format("{} {} too {} in {} (the key's row leaves the pipeline after cycle {})",
                       diff > 0 ? "stays" : "leaves", cycles, diff > 0 ? "long" : "early", before,
                       k.cycle - 1);
  if (diff < 0) {
    const uint64_t from = k.cycle - n;  // the key holds the row in `before` from here
    auto held = key.cells.find(from);
    if (held != key.cells.end() && held->second.stays) return missing_stay(row, key, from);
    return fmt::format("enters {} {} early (cycle {})", k.stage, cycles, d.cycle);
  }
  const uint64_t due = static_cast<uint64_t>(static_cast<int64_t>(k.cycle) + pace);
  auto raw = drawn_cells.find(due);
  const bool stall = raw != drawn_cells.end() && raw->second == "S";
  const std::string what = n == 1
                               ? (stall ? "extra stall" : "an extra cycle")
                               : fmt::format("{} extra {}", n, stall ? "stall cycles" : "cycles");
  std::string s = fmt::format("{} in {} in cycle {}: it enters {} in cycle {}", what, before, due,
                              k.stage, due);
  if (pace == 0 && !events_.stall(row.seq, k.cycle) && !events_.blocked_by(row.seq, k.cycle))
    s += ", nothing holds it";
  // A textbook derivation holds an ecall in ID for a7; this model does not (docs/model.md):
  // say why, so that the student learns the rule instead of seeing an unexplained mistake.
  const InsnRecord* r = run_.recorder.find(row.seq);
  if (r && r->op == isa::Op::Ecall)
    s += " — " + report::ecall_no_stall_sentence(run_.recorder, run_.config, row.seq, namer_);
  return s;
}

}  // namespace pipesim::classroom
