// Per-instruction state a streaming writer keeps only while the instruction is in the machine:
// entries are created when an instruction first shows up and dropped when its record arrives,
// so memory is bounded by the number of instructions in flight, not by the length of the run.
// A handful of entries, found through a small direct-mapped index by sequence number (checked,
// so a stale hint only costs the linear search it replaces); freed entries keep their capacity.
// for_each visits entries in a fixed order (their slots), which the writers' output depends on.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace pipesim::report {

template <class T>
class InFlight {
 public:
  // The entry of `seq`, created (T::reset() state, reused storage) if absent.
  T& at(uint64_t seq) {
    if (T* v = find(seq)) return *v;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      Entry& e = entries_[i];
      if (!e.used) {
        e.used = true;
        e.seq = seq;
        e.value.reset();
        hint(seq) = static_cast<uint32_t>(i);
        return e.value;
      }
    }
    hint(seq) = static_cast<uint32_t>(entries_.size());
    entries_.push_back(Entry{seq, true, T{}});
    return entries_.back().value;
  }
  // The entry of `seq`, or nullptr.
  T* find(uint64_t seq) {
    const uint32_t h = hint(seq);
    if (h < entries_.size() && entries_[h].used && entries_[h].seq == seq)
      return &entries_[h].value;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      Entry& e = entries_[i];
      if (e.used && e.seq == seq) {
        hint(seq) = static_cast<uint32_t>(i);
        return &e.value;
      }
    }
    return nullptr;
  }
  void erase(uint64_t seq) {
    const uint32_t h = hint(seq);
    if (h < entries_.size() && entries_[h].used && entries_[h].seq == seq) {
      entries_[h].used = false;
      return;
    }
    for (Entry& e : entries_)
      if (e.used && e.seq == seq) e.used = false;
  }
  // Calls f(seq, value) for every entry in use.
  template <class F>
  void for_each(F&& f) {
    for (Entry& e : entries_)
      if (e.used) f(e.seq, e.value);
  }
  std::size_t capacity() const { return entries_.size(); }

 private:
  struct Entry {
    uint64_t seq = 0;
    bool used = false;
    T value;
  };
  uint32_t& hint(uint64_t seq) { return hints_[seq % hints_.size()]; }
  std::vector<Entry> entries_;
  std::array<uint32_t, 64> hints_{};  // slot of seq (a guess: checked before use)
};

}  // namespace pipesim::report
