// The architectural register file over a run, compactly: the values at the start and the register
// each committed instruction wrote. A page (the HTML view) rebuilds the file at any cycle from
// these, so no per-cycle copy of 32 registers is kept.
#pragma once

#include <array>
#include <cstdint>
#include <vector>

#include "isa/program.hpp"

namespace pipesim::report {

struct RegisterWrite {
  uint64_t index = 0;  // the committed instruction (0-based, in program order)
  uint8_t reg = 0;     // never 0 (writes to x0 are not writes)
  uint32_t value = 0;
};

struct RegisterHistory {
  std::array<uint32_t, 32> initial{};  // as the loader sets them (sp, …)
  std::vector<RegisterWrite> writes;   // in program order
};

// Runs `program` on the functional model for `committed` instructions (fewer if it halts first)
// and records what each wrote. The timing models commit exactly the functional model's
// instructions in the same order (run --check verifies it), so the i-th write belongs to the i-th
// committed instruction of the timed run. Guest output is discarded.
RegisterHistory register_history(const Program& program, uint64_t committed);

}  // namespace pipesim::report
