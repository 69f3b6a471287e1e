// Random programs for the differential tests of the two timing engines
// (tests/differential/timing_model_test.cpp, timing_trace_test.cpp).
#pragma once

#include <cstdint>
#include <random>
#include <sstream>
#include <string>

namespace pipesim::test {

// A random program that always ends: forward branches only inside a block run three times,
// loads and stores into a data area, calls, and single-byte writes.
inline std::string random_program(uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  const char* regs[] = {"t0", "t1", "t2", "a0", "a1", "a2", "a3", "a4", "a5", "s2", "s3", "zero"};
  auto dst = [&] { return regs[pick(11)]; };
  auto src = [&] { return regs[pick(12)]; };
  const char* rr[] = {"add", "sub", "xor",  "or",  "and",  "sll", "srl",
                      "sra", "slt", "sltu", "mul", "mulh", "div", "rem"};
  const char* ri[] = {"addi", "xori", "andi", "slli", "srli"};
  const char* br[] = {"beq", "bne", "blt", "bge", "bltu"};
  // Mostly the first 64 bytes; sometimes a line of a 2 KiB area behind them, so that small
  // caches miss, conflict and write back.
  auto offset = [&] { return pick(4) ? 4 * pick(16) : 68 + 60 * pick(32) + 4 * pick(4); };
  const uint32_t n = 30 + pick(30);
  std::ostringstream s;
  s << "la s0, data\nli s1, 3\nj top\nsub: addi t2, t2, 1\njalr zero, 0(ra)\ntop:\n";
  for (uint32_t i = 0; i < n; ++i) {
    s << "L" << i << ":\n";
    switch (pick(11)) {
      case 0:
      case 1:
        s << rr[pick(14)] << " " << dst() << ", " << src() << ", " << src() << "\n";
        break;
      case 2:
      case 3:
        s << ri[pick(5)] << " " << dst() << ", " << src() << ", " << pick(20) << "\n";
        break;
      case 4:
        s << (pick(2) ? "lw " : "lbu ") << dst() << ", " << offset() << "(s0)\n";
        break;
      case 5:
        s << (pick(2) ? "sw " : "sb ") << src() << ", " << offset() << "(s0)\n";
        break;
      case 6:
      case 7:
        s << br[pick(5)] << " " << src() << ", " << src() << ", L" << i + 1 + pick(4) << "\n";
        break;
      case 8:
        s << "jal ra, sub\n";
        break;
      case 9:
        if (pick(2) == 0) {
          // A multiply or divide and a consumer right behind it, or one further.
          s << rr[10 + pick(4)] << " " << dst() << ", " << src() << ", " << src() << "\n";
          if (pick(2)) s << "addi " << dst() << ", " << src() << ", 1\n";
          s << "add " << dst() << ", " << src() << ", " << src() << "\n";
          break;
        }
        [[fallthrough]];
      default:
        if (pick(3) == 0)
          s << "li a7, 64\nli a0, 1\naddi a1, s0, " << pick(64) << "\nli a2, 1\necall\n";
        else
          s << "lw " << dst() << ", " << 4 * pick(16) << "(s0)\nadd " << dst() << ", " << src()
            << ", " << src() << "\n";
    }
  }
  for (uint32_t i = n; i < n + 4; ++i) s << "L" << i << ":\n";
  s << "addi s1, s1, -1\nbnez s1, top\n";
  // One in three runs off the end of its code (program_end: drain ends it there, the others
  // fault) after a last instruction of some kind.
  const char* last[] = {"addi a0, a0, 1",
                        "mul a3, a3, a4",
                        "div a5, a5, a1",
                        "lw a0, 0(s0)",
                        "beq zero, zero, end",
                        "jal ra, end",
                        "li a7, 64\nli a0, 1\nmv a1, s0\nli a2, 1\necall"};
  if (seed % 3 == 0)
    s << last[pick(7)] << "\nend:\n";
  else
    s << "li a7, 93\nandi a0, t0, 0xff\necall\n";
  s << ".data\ndata:\n";
  for (int i = 0; i < 17; ++i) s << ".word " << rng() % 1000 << "\n";
  s << ".space 2048\n";
  return s.str();
}

}  // namespace pipesim::test
