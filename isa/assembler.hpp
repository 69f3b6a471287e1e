// The RISC-V (RV32IM) assembler: GNU `as` syntax in, a loaded Program out. Its machine code and
// layout match `riscv64-unknown-elf-as -march=rv32im -mno-relax` linked by tests/asm/gnu.ld;
// what it cannot reproduce exactly (relaxation, compressed code, macros) it refuses.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "isa/program.hpp"

namespace pipesim {

struct AsmResult {
  Program program;
  std::vector<std::string> warnings;  // already formatted with format_diagnostic(…, "warning", …)
};

// Throws SourceError (isa/error.hpp) at the first error, with the offending token's position.
AsmResult assemble(std::string_view source, const std::string& filename);

}  // namespace pipesim
