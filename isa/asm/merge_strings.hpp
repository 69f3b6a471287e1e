// Merging of SHF_MERGE sections the way GNU ld 2.40 does it for one object file (bfd/merge.c),
// so that compiler output links to the same bytes: gcc puts string literals in
// `.section .rodata.str1.4,"aMS",@progbits,1`, and ld keeps one copy of equal strings and folds a
// string that is the tail of another one ("" into a terminating NUL, "bc" into "abc") into it.
// Constants in "aM" sections without 'S' are kept once each.
//
// Sections of one output section (Region) with the same flags, entry size and alignment form a
// group merged together; each string keeps the alignment of its offset in its section (up to the
// section's), and a string folds into a longer one only where that alignment still holds.
// A section with relocations (a fixup in it) is not merged, as in ld.
#pragma once

#include "isa/asm/state.hpp"

namespace pipesim::assembler {

// Rewrites the bytes of every mergeable section, marks sections left empty as excluded and
// records in Section::moved where each original offset went (State::address reads it).
// Call before sections are placed.
void merge_strings(State& st);

}  // namespace pipesim::assembler
