// The binary trace's layout, shared by its writer (binary_trace.cpp) and reader
// (binary_trace_reader.cpp): record tags, flag bits and the small codecs both sides use
// (docs/trace-format.md "Binary trace"). Internal to sim/report.
#pragma once

#include <cstddef>
#include <cstdint>

namespace pipesim::report::binary_format {

// Record tags.
inline constexpr char kCycle = 'c', kInsn = 'i', kEnd = 'e', kSummary = 's';

// A slot's first byte: how its sequence number is written (bits 0-1), held (bit 2), the cause
// (bits 3-5), a pairing rule byte follows (bit 6).
enum SeqMode : uint8_t { kBubble = 0, kSame = 1, kNext = 2, kDelta = 3 };

// An event's flags: which of its optional fields follow.
enum EventField : uint8_t {
  kHasSeq = 1,
  kHasOther = 2,
  kHasFrom = 4,
  kHasReg = 8,
  kHasTarget = 16,
  kHasReason = 32
};

// An instruction's flags.
enum InsnField : uint8_t {
  kCommitted = 1,
  kFlushedBy = 2,
  kWordKnown = 4,  // the same word as the last record at this pc (the decoder's table has it)
  kHasUnit = 8,
  kHasInstance = 16,
  kHasLane = 32,
  kBusyOne = 64  // one working cycle in every stage it entered: no busy counts follow
};

inline constexpr std::size_t kWordTable = 4096;  // (pc, word) pairs remembered, by pc / 4
inline constexpr std::size_t kMaxJsonBytes = std::size_t{4} << 20;

inline std::size_t word_index(uint32_t pc) {
  return (pc >> 2) % kWordTable;
}

// A difference of two 64-bit values (modulo 2^64), small when they are near either way.
inline uint64_t zigzag(uint64_t a, uint64_t b) {
  const auto d = static_cast<int64_t>(a - b);
  return (static_cast<uint64_t>(d) << 1) ^ static_cast<uint64_t>(d >> 63);
}
inline uint64_t unzigzag(uint64_t base, uint64_t z) {
  return base + ((z >> 1) ^ (~(z & 1) + 1));
}

}  // namespace pipesim::report::binary_format
