// Whether two programs compute the same thing on the functional model: the same halt, exit
// code, output, final registers and final data memory (every non-executable segment and the
// stack). The scheduler uses it to prove that a reordered program is equivalent.
#pragma once

#include <cstdint>
#include <string>

#include "isa/program.hpp"

namespace pipesim::classroom {

struct Equivalence {
  bool same = false;
  std::string difference;  // the first difference found, in one sentence ("" when same)
};

Equivalence compare_programs(const Program& a, const Program& b,
                             uint64_t max_instructions = 100'000'000);

}  // namespace pipesim::classroom
