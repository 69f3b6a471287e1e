// Branch relaxation as GNU as 2.40 does it with -mno-relax: which conditional branches become
// 8 bytes (the inverted branch over `jal x0, target`) because their target is out of reach,
// absolute, or in another section.
#pragma once

#include <vector>

#include "isa/asm/state.hpp"

namespace pipesim::assembler {

// Replays gas's relaxation (write.c relax_segment with tc-riscv.c relaxed_branch_length) over
// the frags of a complete run: the long branches by ordinal. Positions come from this run, but
// only the sizes of fixed bytes between tails matter, and those do not depend on which branches
// the run made long, so the run that uses the answer gives it again.
std::vector<bool> long_branches(State& st);

}  // namespace pipesim::assembler
