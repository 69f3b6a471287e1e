// Per-instruction state a streaming writer keeps only while the instruction is in the machine:
// entries are created when an instruction first shows up and dropped when its record arrives,
// so memory is bounded by the number of instructions in flight, not by the length of the run.
// A handful of entries: a linear search beats hashing; freed entries keep their capacity.
#pragma once

#include <cstdint>
#include <vector>

namespace pipesim::report {

template <class T>
class InFlight {
 public:
  // The entry of `seq`, created (T::reset() state, reused storage) if absent.
  T& at(uint64_t seq) {
    for (Entry& e : entries_)
      if (e.used && e.seq == seq) return e.value;
    for (Entry& e : entries_)
      if (!e.used) {
        e.used = true;
        e.seq = seq;
        e.value.reset();
        return e.value;
      }
    entries_.push_back(Entry{seq, true, T{}});
    return entries_.back().value;
  }
  // The entry of `seq`, or nullptr.
  T* find(uint64_t seq) {
    for (Entry& e : entries_)
      if (e.used && e.seq == seq) return &e.value;
    return nullptr;
  }
  void erase(uint64_t seq) {
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
  std::vector<Entry> entries_;
};

}  // namespace pipesim::report
