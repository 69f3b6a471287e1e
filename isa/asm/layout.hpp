// Placing sections at their addresses (the same way tests/asm/gnu.ld makes ld place them),
// resolving fixups, and building the Program.
#pragma once

#include "isa/asm/state.hpp"
#include "isa/program.hpp"

namespace pipesim::assembler {

Program build_program(State& st);

}  // namespace pipesim::assembler
