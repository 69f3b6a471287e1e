// Turns arbitrary bytes into a valid RV32IM program, for the whole-run fuzz harness and for the
// regression tests of what it finds (tests/differential/fuzz_corpus_test.cpp replays
// tests/fuzz/corpus/run/).
#pragma once

#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <vector>

#include "isa/isa.hpp"
#include "isa/program.hpp"

namespace pipesim::fuzz {

// Size of the data segment at kDataBase: every lui loads kDataBase (0x00100000), so a register
// set by lui points into it (and near its start, as loads and stores have offsets of +-256).
inline constexpr uint32_t kFuzzDataSize = 0x1000;

// One valid instruction from 4 bytes: byte 0 picks the row of the instruction table, the rest
// give rd, rs1, rs2 and a 9-bit immediate, scaled to the format.
inline uint32_t word_from_bytes(uint32_t w) {
  const isa::OpInfo& row = isa::kOps[(w & 0xff) % isa::kNumOps];
  const unsigned rd = (w >> 8) & 31, rs1 = (w >> 13) & 31, rs2 = (w >> 18) & 31;
  const int32_t small = static_cast<int32_t>(w >> 23) - 256;  // [-256, 255]
  int32_t imm = small;
  switch (row.fmt) {
    case isa::Fmt::Shift:
      imm = small & 31;
      break;
    case isa::Fmt::B:
      imm = (small % 16) * 4;
      break;  // within 16 instructions
    case isa::Fmt::J:
      imm = (small % 16) * 4;
      break;
    case isa::Fmt::U:
      imm = static_cast<int32_t>(kDataBase);
      break;
    case isa::Fmt::Fence:
      imm = small & 0xff;
      break;  // pred and succ
    case isa::Fmt::Sys:
      imm = 0;
      break;
    default:
      break;  // I, Load, S, Jalr: [-256, 255]
  }
  const uint32_t word = isa::encode(row.op, rd, rs1, rs2, imm);
  // The decoder must give back what was encoded (a free check of the instruction table).
  if (isa::decode(word).op != row.op) throw std::logic_error("encode/decode disagree");
  return word;
}

// The program: one instruction per 4 input bytes (a short tail is ignored), then ebreak; and a
// zeroed data segment.
inline Program program_from_bytes(const uint8_t* data, std::size_t size) {
  Program p;
  p.path = "fuzz";
  Segment text{".text", kTextBase, {}, 0, true};
  auto put = [&text](uint32_t word) {
    for (int i = 0; i < 4; ++i) text.bytes.push_back(static_cast<uint8_t>(word >> (8 * i)));
  };
  for (std::size_t i = 0; i + 4 <= size; i += 4)
    put(word_from_bytes(uint32_t{data[i]} | uint32_t{data[i + 1]} << 8 |
                        uint32_t{data[i + 2]} << 16 | uint32_t{data[i + 3]} << 24));
  put(isa::encode(isa::Op::Ebreak, 0, 0, 0, 0));
  text.mem_size = static_cast<uint32_t>(text.bytes.size());
  p.segments.push_back(std::move(text));
  p.segments.push_back({".data", kDataBase, {}, kFuzzDataSize, false});
  p.entry = kTextBase;
  return p;
}

}  // namespace pipesim::fuzz
