#include "sim/machine/decode_cache.hpp"

#include <algorithm>

namespace pipesim {

DecodeCache::DecodeCache(const Program& program) {
  uint64_t lo = UINT64_MAX, hi = 0;
  for (const Segment& s : program.segments) {
    if (!s.executable) continue;
    // Trailing zero words are padding (or .bss-like), not instructions: the code ends before.
    size_t end = s.bytes.size() & ~size_t{3};
    while (end >= 4 && s.bytes[end - 4] == 0 && s.bytes[end - 3] == 0 && s.bytes[end - 2] == 0 &&
           s.bytes[end - 1] == 0)
      end -= 4;
    if (end != 0) code_end_ = std::max(code_end_, static_cast<uint32_t>(s.addr + end));
    lo = std::min<uint64_t>(lo, s.addr & ~3u);
    hi = std::max<uint64_t>(hi, uint64_t{s.addr} + std::max<uint64_t>(s.mem_size, s.bytes.size()));
  }
  // Programs are small; a pathological spread of executable segments just gets no cache.
  constexpr uint64_t kMaxCovered = 64ull << 20;
  if (lo < hi && hi - lo <= kMaxCovered) {
    base_ = static_cast<uint32_t>(lo);
    limit_ = static_cast<uint32_t>(hi - lo);
    entries_.resize((limit_ + 3) / 4);
  }
}

}  // namespace pipesim
