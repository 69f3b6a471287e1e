// Emitting instruction words: immediates known now are range-checked and encoded at once, the
// rest become fixups that resolve_fixups() patches after layout. Encoding itself is the table's
// (isa::encode); this file only computes the immediate each format and operator asks for.
#pragma once

#include "isa/asm/operands.hpp"
#include "isa/asm/state.hpp"
#include "isa/isa.hpp"

namespace pipesim::assembler {

void emit_insn(State& st, isa::Op op, unsigned rd, unsigned rs1, unsigned rs2, const Imm& imm,
               Loc at);

// An instruction word as it is (for encodings the table has no row for, e.g. `unimp`).
void emit_word(State& st, uint32_t w, Loc at);

// After layout: evaluates every fixup and patches its bytes.
void resolve_fixups(State& st);

}  // namespace pipesim::assembler
