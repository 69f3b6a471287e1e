// What a byte-identity test compares between a GNU-linked ELF and pipesim's Program: every
// allocated byte at its address, the entry point and the address of every named symbol. No
// Catch2 here: the helpers return their findings, so that tests may call them from worker
// threads (Catch2's assertions are not thread-safe).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "isa/program.hpp"

namespace pipesim::test {

struct ElfImage {
  uint32_t entry = 0;
  std::map<uint32_t, uint8_t> bytes;  // every allocated byte (.bss as zeros)
  std::map<std::string, uint32_t> symbols;
};

// An ELF32 little-endian executable, parsed by hand. Throws std::runtime_error when it is not one
// or is cut short. Symbols: named code/data symbols only, no sections, files, absolute symbols,
// mapping symbols ($x, $d) or .L labels.
ElfImage read_elf_image(const std::filesystem::path& path);

// The same view of a program pipesim assembled (.L labels left out).
ElfImage image_of(const Program& p);

// "" when identical, else the first difference in words (an address with both values, or a
// symbol). Gaps that ld leaves between output sections are zero-filled memory in pipesim's
// contiguous segments: such interior zero bytes are allowed.
std::string first_difference(const ElfImage& gnu, const ElfImage& ours);

}  // namespace pipesim::test
