#include "sim/pipe/cache.hpp"

#include <bit>

namespace pipesim {

Cache::Cache(const CacheConfig& config)
    : cfg_(config),
      offset_bits_(static_cast<uint32_t>(std::countr_zero(config.line_bytes))),
      set_mask_(config.sets() - 1),
      set_bits_(static_cast<uint32_t>(std::popcount(set_mask_))),
      lines_(static_cast<size_t>(config.sets()) * config.ways),
      rng_(config.seed == 0 ? 0x9e3779b9u : config.seed) {}

uint32_t Cache::victim(uint32_t set) {
  Line* ways = &lines_[static_cast<size_t>(set) * cfg_.ways];
  for (uint32_t w = 0; w < cfg_.ways; ++w)
    if (!ways[w].valid) return w;  // an empty way first, whatever the policy
  if (cfg_.replacement == Replacement::Random) {
    rng_ ^= rng_ << 13;
    rng_ ^= rng_ >> 17;
    rng_ ^= rng_ << 5;
    return rng_ % cfg_.ways;
  }
  uint32_t oldest = 0;  // LRU and FIFO both evict the smallest stamp; they differ in when
  for (uint32_t w = 1; w < cfg_.ways; ++w)  // the stamp is set (every use / the fill)
    if (ways[w].stamp < ways[oldest].stamp) oldest = w;
  return oldest;
}

Cache::Access Cache::search(uint32_t addr, bool is_store) {
  ++clock_;
  ++stats_.accesses;
  const uint32_t block = addr >> offset_bits_;
  const uint32_t set = block & set_mask_;
  const uint32_t tag = block >> set_bits_;
  Line* ways = &lines_[static_cast<size_t>(set) * cfg_.ways];
  const bool write_through = cfg_.write_policy == WritePolicy::WriteThrough;
  for (uint32_t w = 0; w < cfg_.ways; ++w) {
    Line& l = ways[w];
    if (l.valid && l.tag == tag) {
      ++stats_.hits;
      if (cfg_.replacement == Replacement::Lru) l.stamp = clock_;
      if (is_store && !write_through) l.dirty = true;
      last_ = static_cast<size_t>(&l - lines_.data());
      last_block_ = block;
      return {true, cfg_.hit_latency};
    }
  }
  ++stats_.misses;
  if (is_store && write_through) {  // no-write-allocate
    last_ = kNoLine;
    return {false, cfg_.hit_latency};
  }
  Line& l = ways[victim(set)];
  uint32_t cycles = cfg_.hit_latency + cfg_.miss_penalty;
  if (l.valid) {
    ++stats_.evictions;
    if (l.dirty) {
      ++stats_.writebacks;
      cycles += cfg_.miss_penalty;
    }
  }
  l = Line{tag, true, is_store && !write_through, clock_};
  last_ = static_cast<size_t>(&l - lines_.data());
  last_block_ = block;
  return {false, cycles};
}

Cache::Access Cache::access(uint32_t addr, uint32_t size, bool is_store) {
  const uint32_t last = addr + size - 1;
  if ((addr >> offset_bits_) == (last >> offset_bits_)) return access(addr, is_store);
  const Access first = access(addr, is_store);
  const Access second = access(last, is_store);
  return {first.hit && second.hit, first.cycles + second.cycles};
}

}  // namespace pipesim
