// Storage for common symbols (.comm, .lcomm), allocated where gas and ld put it.
#pragma once

#include "isa/asm/state.hpp"

namespace pipesim::assembler {

// Most global symbols a program with global common symbols may have: ld places COMMON symbols
// in the order of its symbol hash table, which has 4051 buckets until it holds more than 3038
// symbols (bfd/hash.c); pipesim reproduces that order only below this.
inline constexpr std::size_t kMaxGlobalsWithCommons = 3000;

// Called before layout: local ones (.lcomm, or .local then .comm) go at the end of .bss, where
// gas puts them (its subsection 1 of .bss), in source order; global ones into a section
// "COMMON" placed after every other .bss section, as `*(COMMON)` at the end of .bss in
// tests/asm/gnu.ld (and ld's default scripts) does.
void allocate_commons(State& st);

}  // namespace pipesim::assembler
