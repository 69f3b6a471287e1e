// The smallest RV32 executable pipesim loads, built byte by byte (no toolchain needed), and a
// notation for breaking it: the bad-input table and docs/errors.md describe broken ELF files as
// edits of this one.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace pipesim::test {

// 52-byte ELF header, one PT_LOAD program header (offset 84, vaddr 0x10000, 8 bytes, R+X) and
// two instructions: addi a0, zero, 0 (0x00000513) and ebreak (0x00100073). Entry 0x10000.
std::vector<uint8_t> tiny_elf();

// Applies edits to bytes: space-separated "OFFSET=HEXBYTES" (write those bytes at that decimal
// offset, e.g. "18=3e00" makes e_machine 62, little-endian) and "len=N" (truncate to N bytes).
std::vector<uint8_t> edit_bytes(std::vector<uint8_t> bytes, const std::string& edits);

}  // namespace pipesim::test
