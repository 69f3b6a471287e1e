// C source lines (Program::c_source) checked against GNU at test time: each C program of
// programs/c/ is compiled by riscv64-unknown-elf-gcc -S -g, assembled and linked by GNU as + ld
// (tests/asm/gnu.ld, so addresses are the ones pipesim's assembler gives), and then
//   - the ELF reader's line of every instruction (.debug_line) must be what
//     riscv64-unknown-elf-addr2line says for that address (an independent DWARF reader), and
//   - pipesim's assembler, given the same compiler output (.file/.loc), must give every
//     instruction the same file:line as the ELF reader.
// Missing GNU tools fail the test.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/elf.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace pipesim;
using pipesim::test::run_process;
using pipesim::test::TempDir;

namespace {

std::string run_ok(const std::vector<std::string>& argv) {
  const auto r = run_process(argv);
  INFO(argv[0] << ": " << r.describe() << " " << r.failure << "\n" << r.err);
  REQUIRE(r.exited());
  REQUIRE(r.exit_code == 0);
  return r.out;
}

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// The compiler output without what pipesim's assembler need not see for line information:
// .cfi_* directives and the debug sections gcc writes (gas builds .debug_line itself).
std::string without_debug_sections(const std::string& s) {
  std::istringstream in(s);
  std::string out, line;
  bool skipping = false;
  while (std::getline(in, line)) {
    const std::size_t b = line.find_first_not_of(" \t");
    const std::string t = b == std::string::npos ? "" : line.substr(b);
    const bool switches = t.rfind(".section", 0) == 0 || t == ".text" || t == ".data" ||
                          t == ".bss" || t.rfind(".text\t", 0) == 0;
    if (switches) skipping = t.find(".debug_") != std::string::npos;
    if (skipping || t.rfind(".cfi_", 0) == 0) continue;
    out += line + "\n";
  }
  return out;
}

// "quicksort.c:14" from addr2line's "/path/quicksort.c:14 (discriminator 2)"; "" for "??:0",
// "??:?" and line 0.
std::string addr2line_text(const std::string& line) {
  std::string s = line.substr(0, line.find(" ("));
  const std::size_t colon = s.rfind(':');
  if (colon == std::string::npos) return "";
  const std::string file = s.substr(0, colon), number = s.substr(colon + 1);
  if (file == "??" || number == "?" || number == "0") return "";
  return file.substr(file.find_last_of('/') + 1) + ":" + number;
}

}  // namespace

TEST_CASE("c lines: .debug_line and .loc agree with addr2line on programs/c", "[gnu][dwarf]") {
  const std::vector<std::vector<std::string>> option_sets = {
      {"-O2", "-g"}, {"-O1", "-g"}, {"-Os", "-gdwarf-4"}, {"-O2", "-gdwarf-4"}};
  std::vector<fs::path> sources;
  for (const auto& e : fs::directory_iterator("programs/c"))
    if (e.path().extension() == ".c") sources.push_back(e.path());
  std::sort(sources.begin(), sources.end());
  REQUIRE(sources.size() >= 5);
  TempDir dir("pipesim-c-lines");
  for (const fs::path& src : sources)
    for (const auto& opts : option_sets) {
      const std::string name = src.stem().string();
      INFO(name << " " << opts[0] << " " << opts[1]);
      const std::string s = dir / (name + ".s"), o = dir / (name + ".o"),
                        elf = dir / (name + ".elf");
      std::vector<std::string> cc = {"riscv64-unknown-elf-gcc", "-march=rv32im",  "-mabi=ilp32",
                                     "-ffreestanding",          "-Iprograms/lib", "-S"};
      cc.insert(cc.end(), opts.begin(), opts.end());
      cc.insert(cc.end(), {src.string(), "-o", s});
      run_ok(cc);
      // An entry point and a `ret` for each function the program calls from programs/lib.
      std::string text = read_text(s);
      run_ok({"riscv64-unknown-elf-as", "-march=rv32im", "-mabi=ilp32", "-mno-relax", s, "-o", o});
      std::istringstream undefined(run_ok({"riscv64-unknown-elf-nm", "-u", o}));
      text += "\t.text\n\t.globl _start\n_start:\n\tcall main\n\tebreak\n";
      for (std::string kind, sym; undefined >> kind >> sym;)
        text += fmt::format("\t.globl {0}\n{0}:\n\tret\n", sym);
      std::ofstream(s) << text;
      run_ok({"riscv64-unknown-elf-as", "-march=rv32im", "-mabi=ilp32", "-mno-relax", s, "-o", o});
      run_ok(
          {"riscv64-unknown-elf-ld", "-m", "elf32lriscv", "-T", "tests/asm/gnu.ld", o, "-o", elf});

      const Program from_elf = load_elf(pipesim::test::read_bytes(elf), elf);
      REQUIRE(!from_elf.c_source.empty());
      std::vector<std::string> a2l = {"riscv64-unknown-elf-addr2line", "-e", elf};
      std::vector<uint32_t> addrs;
      for (const Segment& seg : from_elf.segments)
        if (seg.executable)
          for (uint32_t a = seg.addr; a + 4 <= seg.addr + seg.bytes.size(); a += 4) {
            addrs.push_back(a);
            a2l.push_back(fmt::format("{:#x}", a));
          }
      std::istringstream reference(run_ok(a2l));
      std::size_t with_line = 0;
      for (uint32_t a : addrs) {
        std::string line;
        REQUIRE(std::getline(reference, line));
        INFO(fmt::format("{:#x}: addr2line {}", a, line));
        CHECK(from_elf.c_source.text(a) == addr2line_text(line));
        with_line += !from_elf.c_source.text(a).empty();
      }
      // The segment also holds .rodata; most of it is code with lines.
      CHECK(with_line * 2 > addrs.size());

      const Program assembled = assemble(without_debug_sections(text), s).program;
      for (uint32_t a : addrs) {
        INFO(fmt::format("{:#x}", a));
        CHECK(assembled.c_source.text(a) == from_elf.c_source.text(a));
      }
    }
}

TEST_CASE("c lines: a damaged .debug_line is left out with a warning", "[gnu][dwarf]") {
  TempDir dir("pipesim-c-lines-bad");
  const std::string src = dir / "p.c", elf = dir / "p.elf";
  std::ofstream(src) << "void _start(void) {\n  for (;;) {}\n}\n";
  run_ok({"riscv64-unknown-elf-gcc", "-march=rv32im", "-mabi=ilp32", "-nostdlib", "-ffreestanding",
          "-O1", "-g", src, "-o", elf});
  std::vector<uint8_t> bytes = pipesim::test::read_bytes(elf);
  std::vector<std::string> warnings;
  REQUIRE(!load_elf(bytes, elf, &warnings).c_source.empty());
  CHECK(warnings.empty());
  // objdump -h: "Idx Name Size VMA LMA File-off Algn"; the unit's version follows its length.
  std::istringstream headers(run_ok({"riscv64-unknown-elf-objdump", "-h", elf}));
  std::size_t offset = 0;
  for (std::string line; std::getline(headers, line);) {
    std::istringstream f(line);
    std::string idx, name, size, vma, lma, off;
    if (f >> idx >> name >> size >> vma >> lma >> off && name == ".debug_line")
      offset = std::stoul(off, nullptr, 16);
  }
  REQUIRE(offset != 0);
  REQUIRE(offset + 6 <= bytes.size());
  bytes[offset + 4] = 9;
  bytes[offset + 5] = 0;
  const Program p = load_elf(bytes, elf, &warnings);
  CHECK(p.c_source.empty());
  CHECK(!p.segments.empty());
  REQUIRE(warnings.size() == 1);
  CHECK(warnings[0] == elf +
                           ": warning: .debug_line: unsupported DWARF version 9; C source lines "
                           "are not shown");
}
