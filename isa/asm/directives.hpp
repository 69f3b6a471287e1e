// Assembler directives (.word, .section, .align, …), except .rept/.endr which the driver
// handles because they repeat statements.
#pragma once

#include <cstdint>
#include <vector>

#include "isa/asm/state.hpp"

namespace pipesim::assembler {

// s.toks[0] is the directive name, with its '.'.
void assemble_directive(State& st, const Stmt& s);

// The directives assemble_directive accepts, for "did you mean".
std::vector<std::string_view> directive_names();

// n bytes of padding in a code section, as gas pads without relaxation: a zero byte if n is
// odd, a 2-byte c.nop if n % 4 >= 2, then 4-byte nops.
std::vector<uint8_t> code_padding(std::size_t n);

}  // namespace pipesim::assembler
