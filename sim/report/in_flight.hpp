// Per-instruction state a streaming writer keeps only while the instruction is in the machine:
// entries are created when an instruction first shows up and dropped when its record arrives,
// so memory is bounded by the number of instructions in flight, not by the length of the run.
// A handful of entries, found through a small direct-mapped index by sequence number (checked,
// so a stale hint only costs the linear search it replaces); freed entries keep their capacity.
// for_each visits entries in a fixed order (their slots: a new entry takes the first free one),
// which the writers' output depends on.
//
// Hot: the writers look entries up several times per cycle. A free entry holds no sequence
// number (kNoSeq), so a hit is one compare; the entry count is kept as a number (a vector's
// size() divides by the entry's size); the first 64 slots' use is a bit mask, so a new entry
// finds its slot without a scan; a new instruction (newer than every entry so far) is known to
// be absent without one.
#pragma once

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <vector>

#include "sim/pipe/events.hpp"  // kNoSeq

namespace pipesim::report {

template <class T>
class InFlight {
 public:
  // The entry of `seq` (an instruction's, never kNoSeq), created (T::reset() state, reused
  // storage) if absent.
  T& at(uint64_t seq) {
    const uint32_t h = hint(seq);
    if (h < size_ && entries_[h].seq == seq) [[likely]]
      return entries_[h].value;
    // Newer than every entry made so far (a new instruction): certainly absent, no search.
    if (seq < next_new_)
      if (T* v = find_slow(seq)) return *v;
    return insert(seq);
  }
  // The entry of `seq`, which is newer than every entry made so far (so certainly absent):
  // created without a look.
  // (Inlined: a writer's fast path enters one new instruction a cycle.)
  [[gnu::always_inline]] T& insert_new(uint64_t seq) { return emplace(seq); }
  // The entry of `seq` (never kNoSeq), or nullptr.
  T* find(uint64_t seq) {
    const uint32_t h = hint(seq);
    if (h < size_ && entries_[h].seq == seq) [[likely]]
      return &entries_[h].value;
    return find_slow(seq);
  }
  void erase(uint64_t seq) {
    const uint32_t h = hint(seq);
    if (h < size_ && entries_[h].seq == seq) [[likely]]
      return release(h);
    for (uint32_t i = 0; i < size_; ++i)
      if (entries_[i].seq == seq) release(i);
  }
  // Calls f(seq, value) for every entry in use.
  template <class F>
  void for_each(F&& f) {
    for (Entry& e : entries_)
      if (e.seq != kNoSeq) f(e.seq, e.value);
  }
  std::size_t capacity() const { return size_; }

 private:
  struct Entry {
    uint64_t seq = kNoSeq;  // kNoSeq: free
    T value;
  };
  uint32_t& hint(uint64_t seq) { return hints_[seq & (kHints - 1)]; }
  [[gnu::noinline]] T* find_slow(uint64_t seq) {
    if (seq >= next_new_) return nullptr;
    for (uint32_t i = 0; i < size_; ++i)
      if (entries_[i].seq == seq) {
        hint(seq) = i;
        return &entries_[i].value;
      }
    return nullptr;
  }
  [[gnu::noinline]] T& insert(uint64_t seq) { return emplace(seq); }
  [[gnu::always_inline]] T& emplace(uint64_t seq) {
    // The first free slot: below 64 from the mask, else (all 64 in use) by a scan (rare).
    uint32_t i =
        low_free_ != 0 ? static_cast<uint32_t>(std::countr_zero(low_free_)) : std::min(kLow, size_);
    while (i < size_ && entries_[i].seq != kNoSeq) ++i;
    if (i == size_) {
      entries_.push_back(Entry{});
      ++size_;
      if (i < kLow) low_free_ |= uint64_t{1} << i;
    }
    Entry& e = entries_[i];
    e.seq = seq;
    e.value.reset();
    if (i < kLow) low_free_ &= ~(uint64_t{1} << i);
    hint(seq) = i;
    next_new_ = std::max(next_new_, seq + 1);
    return e.value;
  }
  void release(uint32_t i) {
    entries_[i].seq = kNoSeq;
    if (i < kLow) low_free_ |= uint64_t{1} << i;
  }
  static constexpr uint32_t kLow = 64;    // slots tracked by low_free_
  static constexpr uint32_t kHints = 64;  // a power of two
  std::vector<Entry> entries_;
  uint32_t size_ = 0;                     // entries_.size()
  uint64_t next_new_ = 0;                 // above every sequence number entered so far
  uint64_t low_free_ = 0;                 // bit i: slot i (< 64) exists and is free
  std::array<uint32_t, kHints> hints_{};  // slot of seq (a guess: checked before use)
};

}  // namespace pipesim::report
