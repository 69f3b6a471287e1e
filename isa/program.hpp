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

// The C (or other high-level) source line an instruction came from: from `.file`/`.loc` in
// compiler output, or from the .debug_line section of an ELF built with -g.
struct SourceLine {
  uint32_t file = 0;  // index into SourceMap::files
  uint32_t line = 0;  // 1-based; 0 is never stored (DWARF's "no source line")
  bool operator==(const SourceLine&) const = default;
};

struct SourceMap {
  std::vector<std::string> files;        // file names as the compiler wrote them
  std::map<uint32_t, SourceLine> lines;  // instruction address -> its source line
  bool empty() const { return lines.empty(); }
  // "quicksort.c:14" (the file's name without its directory), or "" when `pc` has no line.
  std::string text(uint32_t pc) const {
    const auto it = lines.find(pc);
    if (it == lines.end() || it->second.file >= files.size()) return {};
    const std::string& f = files[it->second.file];
    const std::size_t slash = f.find_last_of("/\\");
    return (slash == std::string::npos ? f : f.substr(slash + 1)) + ":" +
           std::to_string(it->second.line);
  }
};

struct Program {
  std::string path;  // as given by the user, for messages
  std::vector<Segment> segments;
  uint32_t entry = kTextBase;
  std::map<uint32_t, std::string> labels;   // address -> symbol name, for listings
  std::map<std::string, uint32_t> symbols;  // global and local symbols by name
  // Source line of each instruction address (assembled programs only), for listings/diagrams.
  std::map<uint32_t, int> source_lines;
  // C source line of each instruction address, when the program carries debug line information
  // (see docs/cli.md, "C source lines"); empty otherwise.
  SourceMap c_source;
};

}  // namespace pipesim
