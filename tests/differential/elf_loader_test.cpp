// Tests of the ELF loader: a program built at test time by riscv64-unknown-elf-gcc is loaded and
// checked against riscv64-unknown-elf-readelf's view of it (entry, PT_LOAD segments, symbols);
// a table of damaged or unsuitable files must each give its message; and 2000 random
// truncations and bit flips of a valid file must either load or throw pipesim::Error.
// Missing GNU tools fail the test.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "isa/elf.hpp"
#include "isa/error.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using Bytes = std::vector<uint8_t>;
using pipesim::test::read_bytes;
using pipesim::test::run_process;
using pipesim::test::TempDir;

namespace {

void run_ok(const std::vector<std::string>& argv, std::string* out = nullptr) {
  const auto r = run_process(argv);
  INFO(argv[0] << ": " << r.describe() << " " << r.failure << "\n" << r.err);
  REQUIRE(r.exited());
  REQUIRE(r.exit_code == 0);
  if (out) *out = r.out;
}

// A small freestanding C program with code, initialised data, read-only data and .bss.
constexpr const char* kCProgram = R"(
int counter = 5;
int buf[10];
const char msg[] = "hi";
static int helper(int x) { return x * 3 + counter; }
void _start(void) {
  buf[1] = helper(buf[0]) + msg[1];
  for (;;) {}
}
)";

fs::path build_c(const fs::path& dir) {
  const fs::path src = dir / "prog.c", elf = dir / "prog.elf";
  std::ofstream(src) << kCProgram;
  run_ok({"riscv64-unknown-elf-gcc", "-march=rv32im", "-mabi=ilp32", "-nostdlib", "-ffreestanding",
          "-O2", src.string(), "-o", elf.string()});
  return elf;
}

// A minimal assembled program (code, data and a symbol table), the base for corruptions.
fs::path build_asm(const fs::path& dir, fs::path* object = nullptr) {
  const fs::path src = dir / "base.s", obj = dir / "base.o", elf = dir / "base.elf";
  std::ofstream(src) << "  .globl _start\n_start:\n  la a0, value\n  lw a0, 0(a0)\n  j _start\n"
                        "  .data\nvalue: .word 7\n";
  run_ok(
      {"riscv64-unknown-elf-as", "-march=rv32im", "-mabi=ilp32", src.string(), "-o", obj.string()});
  run_ok({"riscv64-unknown-elf-ld", "-m", "elf32lriscv", "-Ttext=0x10000", obj.string(), "-o",
          elf.string()});
  if (object) *object = obj;
  return elf;
}

uint32_t get32(const Bytes& b, std::size_t off) {
  REQUIRE(off + 4 <= b.size());
  return uint32_t{b[off]} | uint32_t{b[off + 1]} << 8 | uint32_t{b[off + 2]} << 16 |
         uint32_t{b[off + 3]} << 24;
}
uint16_t get16(const Bytes& b, std::size_t off) {
  REQUIRE(off + 2 <= b.size());
  return static_cast<uint16_t>(b[off] | b[off + 1] << 8);
}
void put32(Bytes& b, std::size_t off, uint32_t v) {
  REQUIRE(off + 4 <= b.size());
  for (int k = 0; k < 4; ++k) b[off + k] = static_cast<uint8_t>(v >> (8 * k));
}
void put16(Bytes& b, std::size_t off, uint16_t v) {
  REQUIRE(off + 2 <= b.size());
  b[off] = static_cast<uint8_t>(v);
  b[off + 1] = static_cast<uint8_t>(v >> 8);
}

// Offsets of the program headers of a given type, and of section headers of a given type
// (ELF32 layout: e_phoff at 28, e_phnum at 44, e_shoff at 32, e_shnum at 48).
std::vector<std::size_t> phdrs(const Bytes& b, uint32_t type) {
  std::vector<std::size_t> r;
  for (unsigned i = 0; i < get16(b, 44); ++i) {
    const std::size_t off = get32(b, 28) + 32 * i;
    if (get32(b, off) == type) r.push_back(off);
  }
  return r;
}
std::vector<std::size_t> shdrs(const Bytes& b, uint32_t type) {
  std::vector<std::size_t> r;
  for (unsigned i = 0; i < get16(b, 48); ++i) {
    const std::size_t off = get32(b, 32) + 40 * i;
    if (get32(b, off + 4) == type) r.push_back(off);
  }
  return r;
}

std::string load_error(const Bytes& b) {
  try {
    pipesim::load_elf(b, "prog.elf");
  } catch (const pipesim::Error& e) {
    return e.what();
  }
  return "(loaded without error)";
}

}  // namespace

TEST_CASE("GNU toolchain for the ELF loader tests is installed", "[elf][gnu]") {
  for (const char* tool : {"riscv64-unknown-elf-gcc", "riscv64-unknown-elf-as",
                           "riscv64-unknown-elf-ld", "riscv64-unknown-elf-readelf"}) {
    const auto r = run_process({tool, "--version"});
    INFO(tool << ": " << r.describe() << " " << r.failure);
    REQUIRE(r.exited());
    REQUIRE(r.exit_code == 0);
  }
}

TEST_CASE("a gcc-built program loads as readelf describes it", "[elf][gnu]") {
  TempDir tmp("pipesim-elf");
  const fs::path elf = build_c(tmp.path);
  const Bytes file = read_bytes(elf);
  CHECK(pipesim::is_elf(file));
  const pipesim::Program p = pipesim::load_elf(file, "prog.elf");
  CHECK(p.path == "prog.elf");

  std::string out;
  run_ok({"riscv64-unknown-elf-readelf", "-hlsW", elf.string()}, &out);
  // readelf's text, split into whitespace-separated tokens per line (parsed by hand: std::regex
  // trips GCC 12's -Wmaybe-uninitialized in sanitizer builds).
  std::vector<std::vector<std::string>> rows;
  {
    std::istringstream in(out);
    for (std::string line; std::getline(in, line);) {
      std::istringstream ls(line);
      rows.emplace_back(std::istream_iterator<std::string>(ls),
                        std::istream_iterator<std::string>());
    }
  }
  auto hex = [](const std::string& t) { return std::stoul(t, nullptr, 16); };
  std::size_t n = 0;
  std::map<std::string, uint32_t> expected;
  bool saw_entry = false;
  for (const auto& t : rows) {
    // "Entry point address:               0x10094"
    if (t.size() == 4 && t[0] == "Entry" && t[1] == "point") {
      CHECK(p.entry == hex(t[3]));
      saw_entry = true;
    }
    // "LOAD  0x000000 0x00010000 0x00010000 0x000bc 0x000bc R E 0x1000"
    if (t.size() >= 8 && t[0] == "LOAD") {
      INFO("readelf LOAD line, segment " << n);
      REQUIRE(n < p.segments.size());
      const auto& seg = p.segments[n++];
      const std::size_t off = hex(t[1]), filesz = hex(t[4]);
      CHECK(seg.addr == hex(t[2]));
      CHECK(seg.bytes.size() == filesz);
      CHECK(seg.mem_size == hex(t[5]));
      CHECK(seg.executable == (std::find(t.begin() + 6, t.end() - 1, "E") != t.end() - 1));
      CHECK(seg.name.rfind("LOAD#", 0) == 0);
      CHECK(Bytes(file.begin() + off, file.begin() + off + filesz) == seg.bytes);
    }
    // "10: 000110bc     3 OBJECT  GLOBAL DEFAULT    2 msg": named code/data symbols.
    if (t.size() == 8 && t[0].back() == ':' &&
        (t[3] == "NOTYPE" || t[3] == "OBJECT" || t[3] == "FUNC")) {
      if (t[6] == "UND" || t[7][0] == '$') continue;
      expected[t[7]] = static_cast<uint32_t>(hex(t[1]));
    }
  }
  CHECK(saw_entry);
  CHECK(n == p.segments.size());
  CHECK(n >= 2);  // code, and data with .bss (memsz > filesz)
  CHECK(p.symbols == expected);
  REQUIRE(expected.count("_start"));
  REQUIRE(expected.count("msg"));
  REQUIRE(expected.count("buf"));
  CHECK(expected.count("helper") == 0);  // inlined by -O2, so not in readelf's list either
  // Labels: every address named, with objdump's choice where several names share it. _start
  // is the only name at the entry; at msg's address ld also defines __DATA_BEGIN__ and
  // __SDATA_BEGIN__ (size 0) and objdump prefers the larger symbol, msg (size 3).
  CHECK(p.labels.at(p.entry) == "_start");
  CHECK(p.labels.at(expected.at("msg")) == "msg");
  for (const auto& [name, addr] : expected) CHECK(p.labels.count(addr) == 1);
}

TEST_CASE("damaged and unsuitable files give clear errors", "[elf][gnu]") {
  TempDir tmp("pipesim-elf");
  fs::path obj;
  const Bytes base = read_bytes(build_asm(tmp.path, &obj));
  REQUIRE(load_error(base) == "(loaded without error)");
  const auto loads = phdrs(base, 1);
  REQUIRE(loads.size() == 2);  // code (R E) then data (RW)
  const std::size_t code = loads[0], data = loads[1];
  REQUIRE(get16(base, 44) == 3);  // RISCV_ATTRIBUTES, LOAD, LOAD
  const auto symtabs = shdrs(base, 2);
  REQUIRE(symtabs.size() == 1);

  struct Case {
    std::string what;
    std::function<Bytes()> make;
    std::string message;
  };
  auto edit = [&](std::function<void(Bytes&)> f) {
    return [&base, f] {
      Bytes b = base;
      f(b);
      return b;
    };
  };
  auto truncated = [&](std::size_t n) {
    return [&base, n] { return Bytes(base.begin(), base.begin() + n); };
  };
  const std::vector<Case> cases = {
      {"empty file", [] { return Bytes{}; }, "prog.elf: not an ELF file"},
      {"text file", [] { return Bytes{'h', 'e', 'l', 'l', 'o', '\n'}; },
       "prog.elf: not an ELF file"},
      {"random bytes",
       [] {
         std::mt19937 rng(7);
         Bytes b(300);
         for (auto& x : b) x = static_cast<uint8_t>(rng());
         b[0] = 0x12;
         return b;
       },
       "prog.elf: not an ELF file"},
      {"magic only", truncated(4), "prog.elf: truncated ELF header"},
      {"truncated in the ELF header", truncated(40),
       "prog.elf: truncated ELF header (40 bytes, expected 52)"},
      {"64-bit class", edit([](Bytes& b) { b[4] = 2; }),
       "prog.elf: is a 64-bit ELF (ELFCLASS64); pipesim runs RV32 programs"},
      {"unknown class", edit([](Bytes& b) { b[4] = 7; }), "prog.elf: unknown ELF class 7"},
      {"big-endian", edit([](Bytes& b) { b[5] = 2; }), "prog.elf: big-endian ELF not supported"},
      {"x86-64 machine", edit([](Bytes& b) { put16(b, 18, 62); }),
       "prog.elf: ELF machine is x86-64 (62), expected RISC-V (243)"},
      {"AArch64 machine", edit([](Bytes& b) { put16(b, 18, 183); }),
       "prog.elf: ELF machine is AArch64 (183), expected RISC-V (243)"},
      {"ET_REL type", edit([](Bytes& b) { put16(b, 16, 1); }),
       "prog.elf: is a relocatable object (ET_REL), link it first"},
      {"object file from as", [&obj] { return read_bytes(obj); },
       "prog.elf: is a relocatable object (ET_REL), link it first"},
      {"ET_DYN type", edit([](Bytes& b) { put16(b, 16, 3); }),
       "prog.elf: is a shared object or position-independent executable (ET_DYN); link a static "
       "executable (ET_EXEC)"},
      {"RVC flag", edit([](Bytes& b) { put32(b, 36, get32(b, 36) | 1); }),
       "prog.elf: compressed instructions (RVC) are enabled (e_flags 0x1); pipesim runs RV32IM "
       "without the C extension: build with -march=rv32im"},
      {"double-float ABI", edit([](Bytes& b) { put32(b, 36, get32(b, 36) | 4); }),
       "prog.elf: uses the double-float ABI (e_flags 0x4); pipesim supports only the soft-float "
       "ABI: build with -mabi=ilp32"},
      {"truncated in the program headers", truncated(52 + 2 * 32 + 8),
       "prog.elf: program header 2 lies outside the file"},
      {"program headers past the end", edit([](Bytes& b) { put32(b, 28, 0xfffffff0); }),
       "prog.elf: program header 0 lies outside the file"},
      {"wrong program header size", edit([](Bytes& b) { put16(b, 42, 56); }),
       "prog.elf: program header entry size is 56, expected 32"},
      {"segment data past the end", edit([code](Bytes& b) { put32(b, code + 4, 0x7fffffff); }),
       "prog.elf: data of segment 1 lies outside the file"},
      {"truncated in the code", truncated(get32(base, code + 4) + get32(base, code + 16) - 2),
       "prog.elf: data of segment 1 lies outside the file"},
      {"file size above memory size",
       edit([data](Bytes& b) { put32(b, data + 16, get32(b, data + 20) + 1); }),
       fmt::format("prog.elf: segment 2 has more file bytes ({:#x}) than memory bytes ({:#x})",
                   get32(base, data + 20) + 1, get32(base, data + 20))},
      {"segment past 4 GiB", edit([data](Bytes& b) { put32(b, data + 8, 0xfffffffe); }),
       fmt::format("prog.elf: segment 2 at 0xfffffffe (size {:#x}) runs past the end of the "
                   "32-bit address space",
                   get32(base, data + 20))},
      {"no PT_LOAD", edit([code, data](Bytes& b) {
         put32(b, code, 0);
         put32(b, data, 0);
       }),
       "prog.elf: no loadable segments"},
      {"entry outside the code", edit([](Bytes& b) { put32(b, 24, 0x1234); }),
       "prog.elf: entry point 0x1234 is not in an executable segment"},
      {"code segment not executable", edit([code](Bytes& b) { put32(b, code + 24, 4); }),
       "prog.elf: entry point 0x10000 is not in an executable segment"},
      {"overlapping segments",
       edit([code, data](Bytes& b) { put32(b, data + 8, get32(b, code + 8) + 4); }),
       fmt::format("prog.elf: segment 2 ({:#x}-{:#x}) overlaps LOAD#1 ({:#x}-{:#x})",
                   get32(base, code + 8) + 4,
                   get32(base, code + 8) + 4 + get32(base, data + 20) - 1, get32(base, code + 8),
                   get32(base, code + 8) + get32(base, code + 20) - 1)},
      {"section headers past the end",
       edit([](Bytes& b) { put32(b, 32, static_cast<uint32_t>(b.size() - 10)); }),
       "prog.elf: section header table lies outside the file"},
      {"symbol table linked to a missing string table",
       edit([&symtabs](Bytes& b) { put32(b, symtabs[0] + 24, 99); }),
       fmt::format("prog.elf: symbol table (section {}) links to string table 99, which does not "
                   "exist",
                   (symtabs[0] - get32(base, 32)) / 40)},
      {"symbol table past the end",
       edit([&symtabs](Bytes& b) { put32(b, symtabs[0] + 16, 0xffffff00); }),
       fmt::format("prog.elf: symbol table (section {}) lies outside the file",
                   (symtabs[0] - get32(base, 32)) / 40)},
  };
  REQUIRE(cases.size() >= 15);
  for (const Case& c : cases) {
    INFO("case: " << c.what);
    CHECK(load_error(c.make()) == c.message);
  }
}

TEST_CASE("random truncations and bit flips never crash the loader", "[elf][gnu]") {
  TempDir tmp("pipesim-elf");
  const Bytes base = read_bytes(build_asm(tmp.path));
  std::mt19937 rng(12345);
  int loaded = 0, rejected = 0;
  for (int i = 0; i < 2000; ++i) {
    Bytes b = base;
    switch (rng() % 4) {
      case 0:  // truncate anywhere
        b.resize(rng() % b.size());
        break;
      case 1:  // flip bits anywhere
        for (int k = 1 + static_cast<int>(rng() % 8); k > 0; --k)
          b[rng() % b.size()] ^= static_cast<uint8_t>(1u << (rng() % 8));
        break;
      case 2:  // flip bits in the ELF header and program headers, where every field matters
        for (int k = 1 + static_cast<int>(rng() % 4); k > 0; --k)
          b[rng() % 148] ^= static_cast<uint8_t>(1u << (rng() % 8));
        break;
      default: {  // flip bits in the section headers, symbol table and string table
        const std::size_t tail = b.size() / 2;
        for (int k = 1 + static_cast<int>(rng() % 4); k > 0; --k)
          b[tail + rng() % (b.size() - tail)] ^= static_cast<uint8_t>(1u << (rng() % 8));
        break;
      }
    }
    try {
      const pipesim::Program p = pipesim::load_elf(b, "fuzz.elf");
      for (const auto& s : p.segments) REQUIRE(s.bytes.size() <= s.mem_size);
      ++loaded;
    } catch (const pipesim::Error& e) {
      REQUIRE(std::string(e.what()).rfind("fuzz.elf: ", 0) == 0);
      ++rejected;
    }
  }
  CHECK(loaded + rejected == 2000);
  CHECK(loaded > 0);
  CHECK(rejected > 0);
}
