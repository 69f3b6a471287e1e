// Instructions: the table's mnemonics with the operand forms GNU as accepts for each format,
// and the pseudo-instructions, which expand onto table instructions.
#pragma once

#include <vector>

#include "isa/asm/operands.hpp"
#include "isa/asm/state.hpp"

namespace pipesim::assembler {

// s.toks[0] is the mnemonic.
void assemble_instruction(State& st, const Stmt& s);

// Shared by both files.
void expect_count(const State& st, const Stmt& s, const std::vector<Range>& ops, std::size_t n);
// auipc tmp, %pcrel_hi(target); then `second` with %pcrel_lo of that auipc, base register tmp.
void pcrel_pair(State& st, const Stmt& s, Range target, unsigned tmp, isa::Op second, unsigned rd,
                unsigned rs2, bool call);
// Returns false when the mnemonic is not a pseudo-instruction (pseudo.cpp).
bool assemble_pseudo(State& st, const Stmt& s, const std::vector<Range>& ops);
// The pseudo-instructions' mnemonics, for "did you mean" (pseudo.cpp).
std::vector<std::string_view> pseudo_names();
// Zicsr (csr.cpp): a CSR instruction of the table, and the CSR pseudo-instructions (false when
// the mnemonic is not one).
void assemble_csr(State& st, const Stmt& s, isa::Op op, const std::vector<Range>& ops);
bool assemble_csr_pseudo(State& st, const Stmt& s, const std::vector<Range>& ops);

}  // namespace pipesim::assembler
