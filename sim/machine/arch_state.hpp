// Architectural state: the 32 integer registers, the pc and memory. Shared by the functional
// model and the pipeline model, which must agree on it after every retired instruction.
#pragma once

#include <array>
#include <cstdint>

#include "isa/program.hpp"
#include "sim/machine/memory.hpp"

namespace pipesim {

struct RegFile {
  std::array<uint32_t, 32> x{};
  uint32_t operator[](unsigned r) const { return x[r]; }
  void write(unsigned r, uint32_t v) {
    if (r != 0) x[r] = v;  // x0 is hard-wired to zero: writes are discarded
  }
};

struct ArchState {
  RegFile regs;
  uint32_t pc = 0;
  Memory mem;
};

// Most memory a program's segments may take together (docs/memory-map.md).
inline constexpr uint64_t kMaxProgramMemory = 256u << 20;

// Maps the program's segments and the stack, sets pc to the entry point and sp to kStackTop.
// Throws pipesim::Error if segments overlap the stack or need more than kMaxProgramMemory.
void load_program_into(ArchState& state, const Program& program);

}  // namespace pipesim
