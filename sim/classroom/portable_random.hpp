// Random numbers that are the same on every platform and standard library: std::mt19937's
// output sequence is fixed by the C++ standard, but std::uniform_int_distribution's mapping is
// not, so the mapping to a range is done here by rejection sampling.
#pragma once

#include <cstdint>
#include <random>

namespace pipesim::classroom {

class PortableRandom {
 public:
  explicit PortableRandom(uint32_t seed) : engine_(seed) {}

  // Uniform in [0, n), n > 0: draws below the largest multiple of n are mapped by modulo (no
  // bias), others are drawn again.
  uint32_t below(uint32_t n) {
    const uint64_t range = uint64_t{1} << 32;
    const uint64_t limit = range - range % n;
    for (;;) {
      const uint64_t x = engine_();
      if (x < limit) return static_cast<uint32_t>(x % n);
    }
  }
  // Uniform in [lo, hi] (the whole int32 range included: then every output is used as is).
  int32_t between(int32_t lo, int32_t hi) {
    const uint64_t span = static_cast<uint64_t>(static_cast<int64_t>(hi) - lo) + 1;
    const uint32_t offset =
        span > UINT32_MAX ? static_cast<uint32_t>(engine_()) : below(static_cast<uint32_t>(span));
    return static_cast<int32_t>(static_cast<int64_t>(lo) + offset);
  }
  bool chance(uint32_t percent) { return below(100) < percent; }

 private:
  std::mt19937 engine_;
};

}  // namespace pipesim::classroom
