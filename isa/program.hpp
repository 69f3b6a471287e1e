// A loaded program: what the assembler and the ELF loader produce and the models consume.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace pipesim {

// Where the assembler places sections, and the initial stack. The ELF loader takes addresses
// from the file instead. Documented in docs/memory-map.md.
inline constexpr uint32_t kTextBase = 0x00010000;  // .text, then .rodata
inline constexpr uint32_t kDataBase = 0x00100000;  // .data, then .bss
inline constexpr uint32_t kStackTop = 0x80000000;  // sp starts here; the stack grows down
inline constexpr uint32_t kStackSize = 1u << 20;   // [kStackTop - kStackSize, kStackTop) is mapped

struct Segment {
  std::string name;  // ".text", ".data", or "LOAD#n" for ELF program headers
  uint32_t addr = 0;
  std::vector<uint8_t> bytes;  // initialised contents
  uint32_t mem_size = 0;       // >= bytes.size(); the rest is zero-filled (.bss)
  bool executable = false;
};

struct Program {
  std::string path;  // as given by the user, for messages
  std::vector<Segment> segments;
  uint32_t entry = kTextBase;
  std::map<uint32_t, std::string> labels;   // address -> symbol name, for listings
  std::map<std::string, uint32_t> symbols;  // global and local symbols by name
  // Source line of each instruction address (assembled programs only), for listings/diagrams.
  std::map<uint32_t, int> source_lines;
};

}  // namespace pipesim
