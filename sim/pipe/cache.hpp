// An L1 cache timing model: which accesses hit, what a miss costs, what it evicts. It holds tags
// only — the data always lives in guest memory (sim/machine/memory.hpp), so a cache can never make
// a program compute something different, only take longer. Used by the pipelined and sequential
// machines alike; configured by CacheConfig (docs/config.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "sim/config/config.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/stats.hpp"

namespace pipesim {

class Cache {
 public:
  explicit Cache(const CacheConfig& config);

  struct Access {
    bool hit = false;
    uint32_t cycles = 0;  // total cycles of the access: hit_latency, plus the penalties
  };
  // One access to the line holding `addr`. A store to a write-through cache never allocates
  // and costs hit_latency (a write buffer takes the write); a miss in a write-back cache fills
  // the line (miss_penalty) after writing back a dirty victim (another miss_penalty).
  Access access(uint32_t addr, bool is_store) {
    // Most accesses are to the line the previous one hit or filled (the next instruction of a
    // fetch run, the next word of an array): a hit, without the search of its set.
    if ((addr >> offset_bits_) == last_block_ && last_ != kNoLine) [[likely]] {
      Line& l = lines_[last_];
      ++clock_;
      ++stats_.accesses;
      ++stats_.hits;
      if (cfg_.replacement == Replacement::Lru) l.stamp = clock_;
      if (is_store && cfg_.write_policy != WritePolicy::WriteThrough) l.dirty = true;
      return {true, cfg_.hit_latency};
    }
    return search(addr, is_store);
  }
  // A load or store of `size` bytes at `addr`: one access, or two when a misaligned access
  // (memory.misaligned: allow) crosses into the next line: the line of its first byte, then
  // that of its last. Two accesses take the sum of their cycles and hit only if both hit.
  Access access(uint32_t addr, uint32_t size, bool is_store);

  const CacheStats& stats() const { return stats_; }

 private:
  struct Line {
    uint32_t tag = 0;
    bool valid = false;
    bool dirty = false;
    uint64_t stamp = 0;  // LRU: last use; FIFO: fill time
  };
  uint32_t victim(uint32_t set);
  Access search(uint32_t addr, bool is_store);

  CacheConfig cfg_;
  uint32_t offset_bits_ = 0;
  uint32_t set_mask_ = 0;
  uint32_t set_bits_ = 0;    // popcount(set_mask_), once: without -mpopcnt it is a library call
  std::vector<Line> lines_;  // sets x ways
  uint64_t clock_ = 0;       // access counter for the stamps
  uint32_t rng_ = 1;         // xorshift32 state (random replacement)
  CacheStats stats_;
  // The line the last access hit or filled (an index: a copied cache stays right), and its block
  // number; kNoLine: none yet, or the last access was a write-through store that missed.
  static constexpr size_t kNoLine = ~size_t{0};
  size_t last_ = kNoLine;
  uint32_t last_block_ = 0;
};

}  // namespace pipesim
