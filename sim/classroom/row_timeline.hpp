// A diagram row read as a timeline: when the instruction enters each stage, and when it leaves
// the pipeline. Grading compares timelines, not texts, so that what means the same counts the
// same (a stall written `S` or by repeating the stage's name), and so that a row's mistakes can
// be told apart from differences that follow from a mistake in the row ahead (docs/classroom.md,
// "Grading").
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pipesim::classroom {

// The word of a row's last entry: it leaves the pipeline (kEnd) or is squashed (kFlushedMark, the
// mark's cycle).
inline const std::string kEnd = "(end)";
inline const std::string kFlushedMark = "flushed";
// An empty cycle inside a row (the row disappears and comes back: no real timeline does that).
inline const std::string kGap = "-";

// A cell as the grader compares it: the stage (or unit) the row is in, and whether it entered it
// in this cycle or stays from the cycle before. `S` after a stage, and a stage's name repeated,
// both mean "stays".
struct Canonical {
  std::string stage;
  bool stays = false;
  bool operator==(const Canonical&) const = default;
};

struct Entry {
  std::string stage;  // a stage or unit name, kGap, kEnd or kFlushedMark
  uint64_t cycle = 0;
};

struct Timeline {
  std::vector<Entry> entries;           // in cycle order; the last is kEnd or kFlushedMark
  std::map<uint64_t, Canonical> cells;  // every filled cycle, and the mark's cycle
};

// `cells` as AnswerRow::cells / KeyRow::cells (cycle -> text, "S" for a stall); `flushed`: the
// row ends with the flushed mark, in the cycle after its last cell (`first_cycle` if it has none).
Timeline make_timeline(const std::map<uint64_t, std::string>& cells, bool flushed,
                       uint64_t first_cycle);

// How far each entry of a drawn row is from the key's (drawn − key cycles), with the key's cycle
// of the entry; empty when the two rows do not go through the same stages in the same order.
struct EntryDelta {
  uint64_t key_cycle = 0;
  int64_t delta = 0;
};
std::optional<std::vector<EntryDelta>> entry_deltas(const Timeline& key, const Timeline& drawn);

// Follow-through. Each entry of a drawn row must be moved from the key's (drawn − key cycles)
// by as much as its own previous entry (it keeps its pace; the fetch is compared with no move),
// or as an entry of the row ahead (as the student drew it) at the same or a later cycle of the
// key. In an in-order pipeline an instruction enters a stage when the one ahead leaves it (enters
// the next), so a delay or a missing stall above moves the rows behind by the same amount.
// Returns the index of the first entry that is not so explained (a different stage counts too),
// or nothing when the whole row follows through.
std::optional<std::size_t> first_unexplained(const Timeline& key, const Timeline& drawn,
                                             const std::vector<EntryDelta>& ahead);

}  // namespace pipesim::classroom
