// Timelines of diagram rows, and the follow-through test.
#include "sim/classroom/row_timeline.hpp"

#include <algorithm>

namespace pipesim::classroom {

Timeline make_timeline(const std::map<uint64_t, std::string>& cells, bool flushed,
                       uint64_t first_cycle) {
  Timeline t;
  std::string current;  // the stage the row is in ("" before its first cell)
  uint64_t previous = 0;
  for (const auto& [cycle, text] : cells) {
    if (previous != 0 && cycle != previous + 1) {
      t.entries.push_back(Entry{kGap, previous + 1});
      current.clear();
    }
    // A stall (S) or the stage's name again: the row stays where it is.
    const bool stays = !current.empty() && (text == "S" || text == current);
    if (!stays) {
      current = text;
      t.entries.push_back(Entry{text, cycle});
    }
    t.cells[cycle] = Canonical{current, stays};
    previous = cycle;
  }
  const uint64_t end = previous == 0 ? first_cycle : previous + 1;
  t.entries.push_back(Entry{flushed ? kFlushedMark : kEnd, end});
  if (flushed) t.cells[end] = Canonical{kFlushedMark, false};
  return t;
}

std::optional<std::vector<EntryDelta>> entry_deltas(const Timeline& key, const Timeline& drawn) {
  if (key.entries.size() != drawn.entries.size()) return std::nullopt;
  std::vector<EntryDelta> out;
  for (std::size_t i = 0; i < key.entries.size(); ++i) {
    const Entry& k = key.entries[i];
    const Entry& d = drawn.entries[i];
    if (k.stage != d.stage) return std::nullopt;
    out.push_back(
        EntryDelta{k.cycle, static_cast<int64_t>(d.cycle) - static_cast<int64_t>(k.cycle)});
  }
  return out;
}

std::optional<std::size_t> first_unexplained(const Timeline& key, const Timeline& drawn,
                                             const std::vector<EntryDelta>& ahead) {
  const std::size_t common = std::min(key.entries.size(), drawn.entries.size());
  int64_t previous = 0;
  for (std::size_t i = 0; i < common; ++i) {
    const Entry& k = key.entries[i];
    if (k.stage != drawn.entries[i].stage) return i;
    const int64_t delta =
        static_cast<int64_t>(drawn.entries[i].cycle) - static_cast<int64_t>(k.cycle);
    const bool explained =
        delta == previous || std::any_of(ahead.begin(), ahead.end(), [&](const EntryDelta& a) {
          return a.key_cycle >= k.cycle && a.delta == delta;
        });
    if (!explained) return i;
    previous = delta;
  }
  if (key.entries.size() != drawn.entries.size()) return common;
  return std::nullopt;
}

}  // namespace pipesim::classroom
