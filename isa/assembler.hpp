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

// Throws SourceErrors (isa/source_errors.hpp: a SourceError whose own fields are the first
// error's) holding every error of the source in source order, at most kMaxErrors, each at the
// offending token; format_diagnostics prints them all.
AsmResult assemble(std::string_view source, const std::string& filename);

}  // namespace pipesim
