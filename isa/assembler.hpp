// The RISC-V (RV32IM) assembler: GNU `as` syntax in, a loaded Program out. Its machine code and
// layout match `riscv64-unknown-elf-as -march=rv32im -mno-relax` linked by tests/asm/gnu.ld;
// what it cannot reproduce exactly (relaxation, compressed code) it refuses.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "isa/program.hpp"

namespace pipesim {

struct AsmResult {
  Program program;
  std::vector<std::string> warnings;  // already formatted with format_diagnostic(…, "warning", …)
};

// Reads a file the source names (.include, .incbin; the assembler itself does no file I/O): its
// bytes, or nullopt when there is no such file. Throws pipesim::Error for a file that exists but
// must not be read (a directory, a device, too large); the assembler shows that message at the
// directive.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;

// Throws SourceErrors (isa/source_errors.hpp: a SourceError whose own fields are the first
// error's) holding every error of the source in source order, at most kMaxErrors, each at the
// offending token; format_diagnostics prints them all. Without `files`, .include and .incbin
// are errors.
AsmResult assemble(std::string_view source, const std::string& filename,
                   const FileReader& files = {});

}  // namespace pipesim
