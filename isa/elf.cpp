// The ELF loader (see elf.hpp). Layouts follow the System V gABI (ELF32) and the RISC-V ELF
// psABI (e_flags bits). Every read goes through Reader, which checks it against the file.
#include "isa/elf.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "isa/dwarf_line.hpp"
#include "isa/error.hpp"

namespace pipesim {
namespace {

// ELF constants used here (gABI, RISC-V psABI).
constexpr uint8_t kClass32 = 1, kClass64 = 2;
constexpr uint8_t kDataLsb = 1, kDataMsb = 2;
constexpr uint16_t kEtRel = 1, kEtExec = 2, kEtDyn = 3, kEtCore = 4;
constexpr uint16_t kEmRiscv = 243;
constexpr uint32_t kPtLoad = 1;
constexpr uint32_t kPfX = 1;
constexpr uint32_t kShtSymtab = 2;
constexpr uint32_t kShfExecinstr = 4;
constexpr uint16_t kShnUndef = 0, kShnLoreserve = 0xff00, kShnAbs = 0xfff1;
constexpr uint8_t kSttNotype = 0, kSttObject = 1, kSttFunc = 2;
constexpr uint8_t kStbLocal = 0, kStbGlobal = 1, kStbWeak = 2;
constexpr uint32_t kEfRiscvRvc = 0x1, kEfRiscvFloatAbi = 0x6;
constexpr std::size_t kEhdrSize = 52, kPhdrSize = 32, kShdrSize = 40, kSymSize = 16;

// Bounds-checked little-endian reads; `what` names the structure in the error message.
class Reader {
 public:
  Reader(std::span<const uint8_t> bytes, std::string path) : b_(bytes), path_(std::move(path)) {}

  [[noreturn]] void fail(const std::string& message) const {
    throw Error(fmt::format("{}: {}", path_, message));
  }
  std::size_t size() const { return b_.size(); }
  // True if [offset, offset + length) lies inside the file (no overflow).
  bool contains(uint64_t offset, uint64_t length) const {
    return offset <= b_.size() && length <= b_.size() - offset;
  }
  uint8_t u8(uint64_t off, std::string_view what) const {
    return static_cast<uint8_t>(get(off, 1, what));
  }
  uint16_t u16(uint64_t off, std::string_view what) const {
    return static_cast<uint16_t>(get(off, 2, what));
  }
  uint32_t u32(uint64_t off, std::string_view what) const {
    return static_cast<uint32_t>(get(off, 4, what));
  }
  std::span<const uint8_t> bytes(uint64_t off, uint64_t len, std::string_view what) const {
    if (!contains(off, len)) fail(fmt::format("{} lies outside the file", what));
    return b_.subspan(static_cast<std::size_t>(off), static_cast<std::size_t>(len));
  }

 private:
  uint64_t get(uint64_t off, unsigned n, std::string_view what) const {
    if (!contains(off, n)) fail(fmt::format("{} lies outside the file", what));
    uint64_t v = 0;
    for (unsigned k = 0; k < n; ++k)
      v |= uint64_t{b_[static_cast<std::size_t>(off) + k]} << (8 * k);
    return v;
  }
  std::span<const uint8_t> b_;
  std::string path_;
};

std::string machine_name(uint16_t m) {
  switch (m) {
    case 0:
      return "none";
    case 2:
      return "SPARC";
    case 3:
      return "x86 (i386)";
    case 8:
      return "MIPS";
    case 20:
      return "PowerPC";
    case 21:
      return "PowerPC64";
    case 22:
      return "S/390";
    case 40:
      return "ARM";
    case 62:
      return "x86-64";
    case 183:
      return "AArch64";
    case 243:
      return "RISC-V";
    case 258:
      return "LoongArch";
    default:
      return "unknown";
  }
}

struct SectionHeader {
  uint32_t type, flags, offset, size, link, entsize;
};

struct SymbolCandidate {
  std::string name;
  uint32_t value, size;
  uint8_t type, bind;
  bool in_exec_section;
};

// objdump's preference among symbols with the same value (compare_symbols and
// find_symbol_for_address in binutils/objdump.c): a symbol of the section being disassembled
// (here: any executable section), then functions, then objects, then global before weak before
// local, then larger size, names not ending in ".o"/".a" (file names), names not starting with
// '.', then by name.
auto preference_key(const SymbolCandidate& s) {
  const bool file_like = s.name.size() >= 2 && s.name[s.name.size() - 2] == '.' &&
                         (s.name.back() == 'o' || s.name.back() == 'a');
  const int bind_rank = s.bind == kStbGlobal ? 0 : s.bind == kStbLocal ? 2 : 1;
  return std::make_tuple(!s.in_exec_section, file_like, s.type != kSttFunc, s.type != kSttObject,
                         bind_rank, ~uint64_t{s.size}, s.name[0] == '.', std::string_view(s.name));
}

// RISC-V mapping symbols ("$x", "$d", "$xrv32i2p1_m2p0") mark code and data; they are not names.
bool is_mapping_symbol(std::string_view name) {
  return name == "$x" || name == "$d" || name.rfind("$x", 0) == 0 || name.rfind("$d", 0) == 0;
}

void read_symbols(const Reader& r, uint32_t shoff, uint16_t shnum, uint16_t shentsize, Program& p) {
  if (shoff == 0 || shnum == 0) return;  // no section headers: a valid file without symbols
  if (shentsize != kShdrSize)
    r.fail(fmt::format("section header entry size is {}, expected {}", shentsize, kShdrSize));
  if (!r.contains(shoff, uint64_t{shnum} * kShdrSize))
    r.fail("section header table lies outside the file");
  std::vector<SectionHeader> sh(shnum);
  for (uint16_t i = 0; i < shnum; ++i) {
    const uint64_t b = shoff + uint64_t{i} * kShdrSize;
    sh[i] = {r.u32(b + 4, "section header"),  r.u32(b + 8, "section header"),
             r.u32(b + 16, "section header"), r.u32(b + 20, "section header"),
             r.u32(b + 24, "section header"), r.u32(b + 36, "section header")};
  }
  std::vector<SymbolCandidate> found;
  for (uint16_t i = 0; i < shnum; ++i) {
    const SectionHeader& s = sh[i];
    if (s.type != kShtSymtab) continue;
    if (s.entsize != kSymSize)
      r.fail(fmt::format("symbol table (section {}) entry size is {}, expected {}", i, s.entsize,
                         kSymSize));
    const auto syms = r.bytes(s.offset, s.size, fmt::format("symbol table (section {})", i));
    if (s.link >= shnum)
      r.fail(fmt::format("symbol table (section {}) links to string table {}, which does not exist",
                         i, s.link));
    const SectionHeader& st = sh[s.link];
    const auto strtab =
        r.bytes(st.offset, st.size, fmt::format("string table (section {})", s.link));
    const Reader sr(syms, "");
    for (uint64_t off = kSymSize; off + kSymSize <= syms.size(); off += kSymSize) {
      const uint32_t name_off = sr.u32(off, "symbol");
      const uint32_t value = sr.u32(off + 4, "symbol");
      const uint32_t size = sr.u32(off + 8, "symbol");
      const uint8_t info = sr.u8(off + 12, "symbol");
      const uint16_t shndx = sr.u16(off + 14, "symbol");
      const uint8_t type = info & 15, bind = info >> 4;
      if (type != kSttNotype && type != kSttObject && type != kSttFunc) continue;
      if (shndx == kShnUndef || (shndx >= kShnLoreserve && shndx != kShnAbs)) continue;
      if (name_off >= strtab.size())
        r.fail(fmt::format("symbol {} has a name outside its string table", off / kSymSize));
      const auto* start = reinterpret_cast<const char*>(strtab.data()) + name_off;
      const auto* end = static_cast<const char*>(std::memchr(start, 0, strtab.size() - name_off));
      if (end == nullptr) r.fail(fmt::format("symbol {} has an unterminated name", off / kSymSize));
      std::string name(start, end);
      if (name.empty() || is_mapping_symbol(name)) continue;
      const bool exec = shndx < shnum && (sh[shndx].flags & kShfExecinstr) != 0;
      found.push_back({std::move(name), value, size, type, bind, exec});
    }
  }
  std::map<uint32_t, const SymbolCandidate*> best;  // the name shown for each address
  for (const SymbolCandidate& s : found) {
    // A global definition wins over a local one of the same name (static functions of
    // different files may share a name; the first one is kept).
    auto [it, inserted] = p.symbols.emplace(s.name, s.value);
    if (!inserted && s.bind != kStbLocal) it->second = s.value;
    auto [b, first] = best.emplace(s.value, &s);
    if (!first && preference_key(s) < preference_key(*b->second)) b->second = &s;
  }
  for (const auto& [addr, s] : best) p.labels[addr] = s->name;
}

// The debug sections the line table needs, by name (empty spans for those missing).
std::map<std::string, std::span<const uint8_t>> debug_sections(const Reader& r, uint32_t shoff,
                                                               uint16_t shnum, uint16_t shstrndx) {
  std::map<std::string, std::span<const uint8_t>> debug;
  if (shoff == 0 || shnum == 0 || shstrndx >= shnum) return debug;
  const uint64_t names_header = shoff + uint64_t{shstrndx} * kShdrSize;
  const auto names = r.bytes(r.u32(names_header + 16, "section header"),
                             r.u32(names_header + 20, "section header"), "section name table");
  for (uint16_t i = 0; i < shnum; ++i) {
    const uint64_t b = shoff + uint64_t{i} * kShdrSize;
    const uint32_t name = r.u32(b, "section header");
    if (name >= names.size()) continue;
    const auto* start = reinterpret_cast<const char*>(names.data()) + name;
    const auto* end = static_cast<const char*>(std::memchr(start, 0, names.size() - name));
    if (end == nullptr) continue;
    const std::string n(start, end);
    if (n != ".debug_line" && n != ".debug_line_str" && n != ".debug_str") continue;
    debug[n] = r.bytes(r.u32(b + 16, "section header"), r.u32(b + 20, "section header"),
                       fmt::format("section {}", n));
  }
  return debug;
}

// The C source lines of .debug_line (an ELF built with -g), if it has one. A damaged or
// unsupported line table is not worth refusing the program for: it is left out with a warning.
void read_source_lines(const Reader& r, uint32_t shoff, uint16_t shnum, uint16_t shstrndx,
                       Program& p, std::vector<std::string>* warnings) {
  try {
    auto debug = debug_sections(r, shoff, shnum, shstrndx);
    if (!debug.contains(".debug_line")) return;
    apply_line_table(
        read_debug_line(debug[".debug_line"], debug[".debug_line_str"], debug[".debug_str"]), p);
  } catch (const Error& e) {
    p.c_source = {};
    if (warnings)
      warnings->push_back(
          fmt::format("{}: warning: {}; C source lines are not shown", p.path, e.what()));
  }
}

}  // namespace

bool is_elf(std::span<const uint8_t> bytes) {
  return bytes.size() >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' &&
         bytes[3] == 'F';
}

Program load_elf(std::span<const uint8_t> bytes, const std::string& path,
                 std::vector<std::string>* warnings) {
  const Reader r(bytes, path);
  if (!is_elf(bytes)) r.fail("not an ELF file");
  if (bytes.size() < 6) r.fail("truncated ELF header");
  const uint8_t cls = bytes[4], data = bytes[5];
  if (cls == kClass64) r.fail("is a 64-bit ELF (ELFCLASS64); pipesim runs RV32 programs");
  if (cls != kClass32) r.fail(fmt::format("unknown ELF class {}", cls));
  if (data == kDataMsb) r.fail("big-endian ELF not supported");
  if (data != kDataLsb) r.fail(fmt::format("unknown ELF data encoding {}", data));
  if (bytes.size() < kEhdrSize)
    r.fail(fmt::format("truncated ELF header ({} bytes, expected {})", bytes.size(), kEhdrSize));

  const uint16_t type = r.u16(16, "ELF header");
  const uint16_t machine = r.u16(18, "ELF header");
  const uint32_t entry = r.u32(24, "ELF header");
  const uint32_t phoff = r.u32(28, "ELF header");
  const uint32_t shoff = r.u32(32, "ELF header");
  const uint32_t flags = r.u32(36, "ELF header");
  const uint16_t phentsize = r.u16(42, "ELF header");
  const uint16_t phnum = r.u16(44, "ELF header");
  const uint16_t shentsize = r.u16(46, "ELF header");
  const uint16_t shnum = r.u16(48, "ELF header");
  const uint16_t shstrndx = r.u16(50, "ELF header");

  if (machine != kEmRiscv)
    r.fail(fmt::format("ELF machine is {} ({}), expected RISC-V (243)", machine_name(machine),
                       machine));
  if (type == kEtRel) r.fail("is a relocatable object (ET_REL), link it first");
  if (type == kEtDyn)
    r.fail(
        "is a shared object or position-independent executable (ET_DYN); link a static "
        "executable (ET_EXEC)");
  if (type == kEtCore) r.fail("is a core dump (ET_CORE), not an executable");
  if (type != kEtExec) r.fail(fmt::format("unknown ELF type {}, expected ET_EXEC (2)", type));
  if (flags & kEfRiscvRvc)
    r.fail(
        fmt::format("compressed instructions (RVC) are enabled (e_flags {:#x}); pipesim runs "
                    "RV32IM without the C extension: build with -march=rv32im",
                    flags));
  if (flags & kEfRiscvFloatAbi) {
    static constexpr const char* kAbi[] = {"soft", "single", "double", "quad"};
    r.fail(
        fmt::format("uses the {}-float ABI (e_flags {:#x}); pipesim supports only the "
                    "soft-float ABI: build with -mabi=ilp32",
                    kAbi[(flags & kEfRiscvFloatAbi) >> 1], flags));
  }

  Program p;
  p.path = path;
  p.entry = entry;
  if (phnum != 0 && phentsize != kPhdrSize)
    r.fail(fmt::format("program header entry size is {}, expected {}", phentsize, kPhdrSize));
  // The whole table is checked before any entry is used, so a truncated file reports the
  // first missing header rather than whatever the bytes at a bad offset happen to say.
  for (uint16_t i = 0; i < phnum; ++i)
    if (!r.contains(phoff + uint64_t{i} * kPhdrSize, kPhdrSize))
      r.fail(fmt::format("program header {} lies outside the file", i));
  for (uint16_t i = 0; i < phnum; ++i) {
    const uint64_t b = phoff + uint64_t{i} * kPhdrSize;
    const uint32_t ptype = r.u32(b, "program header");
    if (ptype != kPtLoad) continue;
    const uint32_t off = r.u32(b + 4, "program header");
    const uint32_t vaddr = r.u32(b + 8, "program header");
    const uint32_t filesz = r.u32(b + 16, "program header");
    const uint32_t memsz = r.u32(b + 20, "program header");
    const uint32_t pflags = r.u32(b + 24, "program header");
    if (filesz > memsz)
      r.fail(fmt::format("segment {} has more file bytes ({:#x}) than memory bytes ({:#x})", i,
                         filesz, memsz));
    if (uint64_t{vaddr} + memsz > (uint64_t{1} << 32))
      r.fail(
          fmt::format("segment {} at {:#x} (size {:#x}) runs past the end of the 32-bit "
                      "address space",
                      i, vaddr, memsz));
    if (memsz == 0) continue;
    const auto data_bytes = r.bytes(off, filesz, fmt::format("data of segment {}", i));
    for (const Segment& s : p.segments)
      if (vaddr < uint64_t{s.addr} + s.mem_size && s.addr < uint64_t{vaddr} + memsz)
        r.fail(fmt::format("segment {} ({:#x}-{:#x}) overlaps {} ({:#x}-{:#x})", i, vaddr,
                           uint64_t{vaddr} + memsz - 1, s.name, s.addr,
                           uint64_t{s.addr} + s.mem_size - 1));
    Segment s;
    s.name = fmt::format("LOAD#{}", i);
    s.addr = vaddr;
    s.bytes.assign(data_bytes.begin(), data_bytes.end());
    s.mem_size = memsz;
    s.executable = (pflags & kPfX) != 0;
    p.segments.push_back(std::move(s));
  }
  if (p.segments.empty()) r.fail("no loadable segments");
  const bool entry_ok = std::any_of(p.segments.begin(), p.segments.end(), [&](const Segment& s) {
    return s.executable && entry >= s.addr && entry - s.addr < s.mem_size;
  });
  if (!entry_ok) r.fail(fmt::format("entry point {:#x} is not in an executable segment", entry));

  read_symbols(r, shoff, shnum, shentsize, p);
  read_source_lines(r, shoff, shnum, shstrndx, p, warnings);
  return p;
}

}  // namespace pipesim
