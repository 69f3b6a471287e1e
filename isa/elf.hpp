// The ELF loader: static little-endian ELF32 RISC-V executables (what `riscv64-unknown-elf-gcc
// -march=rv32im -mabi=ilp32` links) into a Program. The file is parsed by hand, every offset
// and size checked against the file, so a damaged file gives a pipesim::Error, never a crash.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "isa/program.hpp"

namespace pipesim {

// True if the bytes start with the ELF magic number (whatever else they contain).
bool is_elf(std::span<const uint8_t> bytes);

// One Segment ("LOAD#n", n counting program headers from 0) per PT_LOAD with its file bytes,
// mem_size = p_memsz and executable = PF_X; entry = e_entry; named function, object and
// untyped symbols of .symtab (not sections, files or mapping symbols such as "$x") go to
// `symbols`, and to `labels` with, for addresses that have several names, the one objdump
// shows; the C source line of each instruction from .debug_line, when the file has one (a
// damaged one is left out, with a message in `warnings` if given). `path` is used in messages
// ("prog.elf: not an ELF file"). Throws pipesim::Error.
Program load_elf(std::span<const uint8_t> bytes, const std::string& path,
                 std::vector<std::string>* warnings = nullptr);

}  // namespace pipesim
