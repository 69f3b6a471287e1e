// Differential test of the disassembler against GNU objdump 2.40: sources in tests/disasm/*.s
// (and tests/asm/corpus/*.s when present) and 10000 random RV32IM encodings are assembled and
// linked by GNU as/ld at test time, and every instruction line objdump -d prints (in both the
// default and the -M no-aliases style) must equal ours, "# address <sym>" comments included
// (with Disassembler, which tracks lui/auipc like objdump). Single-instruction disasm() must
// agree once the comments are removed. Missing GNU tools fail the test.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "isa/disasm.hpp"
#include "isa/elf.hpp"
#include "isa/error.hpp"
#include "isa/isa.hpp"
#include "tests/support/files.hpp"
#include "tests/support/gnu_as_flags.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using pipesim::DisasmStyle;
using pipesim::Disassembler;
using pipesim::Program;
using pipesim::test::read_bytes;
using pipesim::test::run_process;
using pipesim::test::TempDir;

namespace {

const fs::path kSourceDir = fs::path(PIPESIM_SOURCE_DIR);
const fs::path kDisasmDir = kSourceDir / "tests" / "disasm";
const fs::path kCorpusDir = kSourceDir / "tests" / "asm" / "corpus";

// Assembles and links `source` with GNU as/ld; `link_args` chooses the layout.
fs::path gnu_build(const fs::path& source, const fs::path& dir,
                   const std::vector<std::string>& link_args = {"-Ttext=0x10000"}) {
  const fs::path obj = dir / (source.stem().string() + ".o");
  const fs::path elf = dir / (source.stem().string() + ".elf");
  // -I: the corpus's .include names (relative to the including file in pipesim's assembler).
  const auto as = run_process({"riscv64-unknown-elf-as", pipesim::test::gnu_as_march(source),
                               "-mabi=ilp32", "-mno-relax", "-I", kCorpusDir.string(), "-I",
                               (kCorpusDir / "inc").string(), source.string(), "-o", obj.string()});
  INFO("GNU as on " << source.filename().string() << ": " << as.describe() << "\n" << as.err);
  REQUIRE(as.exited());
  REQUIRE(as.exit_code == 0);
  std::vector<std::string> ld = {"riscv64-unknown-elf-ld", "-m", "elf32lriscv"};
  ld.insert(ld.end(), link_args.begin(), link_args.end());
  ld.insert(ld.end(), {obj.string(), "-o", elf.string()});
  const auto r = run_process(ld);
  INFO("GNU ld: " << r.describe() << "\n" << r.err);
  REQUIRE(r.exited());
  REQUIRE(r.exit_code == 0);
  return elf;
}

std::string objdump_raw(const fs::path& elf, DisasmStyle style) {
  std::vector<std::string> argv = {"riscv64-unknown-elf-objdump", "-d"};
  if (style == DisasmStyle::NoAliases) argv.push_back("-Mno-aliases");
  argv.push_back(elf.string());
  const auto r = run_process(argv);
  INFO("objdump: " << r.describe() << "\n" << r.err);
  REQUIRE(r.exited());
  REQUIRE(r.exit_code == 0);
  return r.out;
}

struct Line {
  uint32_t addr;
  uint32_t word;
  std::string text;
};

// objdump's instruction lines ("   10000:\tffb58513          \tadd\ta0,a1,-5"). Data in
// code regions ($d mapping symbols: ".word", ".byte", ".short") is skipped: the loaded
// program has no mapping symbols, so pipesim cannot know those words are data.
std::vector<Line> objdump_lines(const fs::path& elf, DisasmStyle style) {
  // Parsed by hand: std::regex trips GCC 12's -Wmaybe-uninitialized in sanitizer builds.
  auto is_hex = [](const std::string& t) {
    return !t.empty() && t.find_first_not_of("0123456789abcdef") == std::string::npos;
  };
  std::vector<Line> lines;
  std::istringstream in(objdump_raw(elf, style));
  for (std::string line; std::getline(in, line);) {
    const auto colon = line.find(":\t");
    if (colon == std::string::npos || line.size() < colon + 2 + 8 + 2) continue;
    const std::string addr =
        line.substr(line.find_first_not_of(' '), colon - line.find_first_not_of(' '));
    const std::string word = line.substr(colon + 2, 8);
    const auto tab = line.find('\t', colon + 2);
    if (!is_hex(addr) || !is_hex(word) || tab == std::string::npos ||
        line.find_first_not_of(' ', colon + 10) != tab)
      continue;  // not an instruction line, or a 2-byte unit ("0001      \t.2byte\t0x1")
    const std::string text = line.substr(tab + 1);
    if (text.rfind(".word", 0) == 0 || text.rfind(".byte", 0) == 0 || text.rfind(".short", 0) == 0)
      continue;
    lines.push_back({static_cast<uint32_t>(std::stoul(addr, nullptr, 16)),
                     static_cast<uint32_t>(std::stoul(word, nullptr, 16)), text});
  }
  return lines;
}

Program load(const fs::path& elf) {
  const auto bytes = read_bytes(elf);
  try {
    return pipesim::load_elf(bytes, elf.filename().string());
  } catch (const pipesim::Error& e) {
    FAIL("load_elf: " << e.what());
  }
  return {};
}

uint32_t word_at(const Program& p, uint32_t addr) {
  for (const auto& s : p.segments)
    if (addr >= s.addr && addr - s.addr + 4 <= s.bytes.size()) {
      const uint8_t* b = s.bytes.data() + (addr - s.addr);
      return uint32_t{b[0]} | uint32_t{b[1]} << 8 | uint32_t{b[2]} << 16 | uint32_t{b[3]} << 24;
    }
  FAIL(fmt::format("no loaded word at {:#x}", addr));
  return 0;
}

std::string strip_comment(const std::string& s) {
  const auto k = s.find(" # ");
  return k == std::string::npos ? s : s.substr(0, k);
}

// Compares every instruction objdump shows in `elf` with ours, in both styles. Returns the
// number of lines compared.
std::size_t compare_with_objdump(const fs::path& elf) {
  const Program prog = load(elf);
  std::size_t compared = 0;
  for (DisasmStyle style : {DisasmStyle::Aliases, DisasmStyle::NoAliases}) {
    const char* style_name = style == DisasmStyle::Aliases ? "default" : "-M no-aliases";
    const std::vector<Line> lines = objdump_lines(elf, style);
    REQUIRE(!lines.empty());
    Disassembler dis(style, &prog.labels);
    std::vector<std::string> diffs;
    for (const Line& l : lines) {
      const uint32_t word = word_at(prog, l.addr);
      if (word != l.word) {
        diffs.push_back(fmt::format("{:x}: objdump shows word {:08x}, the loader read {:08x}",
                                    l.addr, l.word, word));
        continue;
      }
      const std::string ours = dis.next(word, l.addr);
      if (ours != l.text)
        diffs.push_back(fmt::format("{:x}: {:08x}\n      objdump: {}\n      pipesim: {}", l.addr,
                                    word, l.text, ours));
      const std::string single = pipesim::disasm(word, l.addr, style, &prog.labels);
      if (strip_comment(single) != strip_comment(l.text))
        diffs.push_back(fmt::format("{:x}: {:08x} (disasm)\n      objdump: {}\n      pipesim: {}",
                                    l.addr, word, l.text, single));
      ++compared;
    }
    std::string report;
    for (std::size_t k = 0; k < diffs.size() && k < 25; ++k) report += diffs[k] + "\n";
    INFO(elf.filename().string() << ", objdump " << style_name << ": " << diffs.size()
                                 << " differences, first ones:\n"
                                 << report);
    CHECK(diffs.empty());
  }
  return compared;
}

std::vector<fs::path> sources_in(const fs::path& dir) {
  std::vector<fs::path> files;
  if (!fs::is_directory(dir)) return files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ".s") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

TEST_CASE("GNU binutils for the disassembler comparison are installed", "[disasm][gnu]") {
  for (const char* tool :
       {"riscv64-unknown-elf-as", "riscv64-unknown-elf-ld", "riscv64-unknown-elf-objdump"}) {
    const auto r = run_process({tool, "--version"});
    INFO(tool << ": " << r.describe() << " " << r.failure);
    REQUIRE(r.exited());
    REQUIRE(r.exit_code == 0);
  }
}

TEST_CASE("disassembly matches objdump on tests/disasm sources", "[disasm][gnu]") {
  const auto files = sources_in(kDisasmDir);
  REQUIRE(files.size() >= 6);
  TempDir tmp("pipesim-dis");
  for (const fs::path& f : files) {
    INFO("source " << f.filename().string());
    CHECK(compare_with_objdump(gnu_build(f, tmp.path)) > 0);
  }
}

TEST_CASE("disassembly matches objdump on the assembler corpus", "[disasm][gnu]") {
  const auto files = sources_in(kCorpusDir);
  if (files.empty()) {
    WARN("tests/asm/corpus has no sources yet");
    return;
  }
  TempDir tmp("pipesim-dis");
  for (const fs::path& f : files) {
    INFO("corpus source " << f.filename().string());
    compare_with_objdump(gnu_build(f, tmp.path));
  }
}

TEST_CASE("disassembly matches objdump on 10000 random encodings", "[disasm][gnu]") {
  // Random fields for random table rows; registers are drawn mostly from a few values so that
  // aliases (zero, ra operands) and lui/auipc-then-use pairs (same base) occur often.
  std::mt19937 rng(20240611);
  auto pick = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  auto reg = [&] {
    static constexpr unsigned kCommon[] = {0, 1, 2, 3, 4, 10, 11};
    return pick(2) ? kCommon[pick(7)] : pick(32);
  };
  std::string src = "# gnu-as: -march=rv32im_zicsr_zifencei\n    .globl _start\n_start:\n";
  for (int i = 0; i < 10000; ++i) {
    const auto op = static_cast<pipesim::isa::Op>(pick(pipesim::isa::kNumOps));
    const auto fmt_ = pipesim::isa::info(op).fmt;
    const auto range = pipesim::isa::imm_range(fmt_);
    int32_t imm = 0;
    switch (pick(4)) {
      case 0:  // small and special values
        imm = static_cast<int32_t>(pick(5)) - 1;
        if (pick(4) == 0) imm = 255;
        break;
      default:
        imm = static_cast<int32_t>(
            range.min +
            static_cast<int64_t>(rng() % static_cast<uint64_t>(range.max - range.min + 1)));
    }
    imm = static_cast<int32_t>(std::clamp<int64_t>(imm, range.min, range.max));
    if (fmt_ == pipesim::isa::Fmt::B || fmt_ == pipesim::isa::Fmt::J) imm &= ~1;
    if (fmt_ == pipesim::isa::Fmt::U) imm = static_cast<int32_t>(static_cast<uint32_t>(imm) << 12);
    if (fmt_ == pipesim::isa::Fmt::Csr || fmt_ == pipesim::isa::Fmt::CsrI) {
      // CSR numbers: the counters (and their aliases), names of isa/csr.cpp's table and numbers
      // objdump 2.40 has no name for (a name objdump knows that we do not would be a failure).
      static constexpr int32_t kCsrs[] = {0xc00, 0xc01, 0xc02, 0xc80, 0xc81, 0xc82,
                                          0xc03, 0xc9f, 0x001, 0x003, 0x300, 0x341,
                                          0xb00, 0xf14, 0x123, 0x7c0, 0xfff, 0x800};
      imm = kCsrs[pick(static_cast<uint32_t>(std::size(kCsrs)))];
    }
    if (fmt_ == pipesim::isa::Fmt::Fence) {
      imm = static_cast<int32_t>(pick(16) << 4 | pick(16));
      if (pick(4) == 0) imm = 0xff;
    }
    const uint32_t w = pipesim::isa::encode(op, reg(), reg(), reg(), imm);
    src += fmt::format("    .insn 0x{:08x}\n", w);
  }
  TempDir tmp("pipesim-dis");
  const fs::path s = tmp.path / "random.s";
  std::ofstream(s) << src;
  const std::size_t n = compare_with_objdump(gnu_build(s, tmp.path));
  CHECK(n == 20000);
}

TEST_CASE("listing matches objdump -d layout", "[disasm][gnu]") {
  TempDir tmp("pipesim-dis");
  const fs::path elf = gnu_build(kDisasmDir / "06_listing.s", tmp.path,
                                 {"-T", (kDisasmDir / "listing.ld").string()});
  Program prog = load(elf);
  for (auto& seg : prog.segments)
    if (seg.executable) seg.name = ".text";  // objdump names sections, the loader segments
  for (DisasmStyle style : {DisasmStyle::Aliases, DisasmStyle::NoAliases}) {
    std::string gnu = objdump_raw(elf, style);
    gnu = gnu.substr(gnu.find("\nDisassembly of section"));
    CHECK(pipesim::listing(prog, style) == gnu);
  }
}

// Hand-checked against objdump 2.40 output (riscv64-unknown-elf-objdump -d on the words).
TEST_CASE("disasm of single words", "[disasm]") {
  const std::map<uint32_t, std::string> labels = {{0x10000, "_start"}, {0x10078, "foo"}};
  using pipesim::disasm;
  constexpr auto A = DisasmStyle::Aliases;
  constexpr auto N = DisasmStyle::NoAliases;
  CHECK(disasm(0x004500e7, 0x10054, A, &labels) == "jalr\t4(a0)");
  CHECK(disasm(0x004500e7, 0x10054, N, &labels) == "jalr\tra,4(a0)");
  CHECK(disasm(0xf8b566e3, 0x10074, A, &labels) == "bltu\ta0,a1,10000 <_start>");
  CHECK(disasm(0x03c000ef, 0x1003c, A, &labels) == "jal\t10078 <foo>");
  CHECK(disasm(0x03c000ef, 0x1003c, N, &labels) == "jal\tra,10078 <foo>");
  CHECK(disasm(0x0380006f, 0x10040, A, &labels) == "j\t10078 <foo>");
  CHECK(disasm(0xfb0080e7, 0x100cc, N, &labels) == "jalr\tra,-80(ra)");
  CHECK(disasm(0x12345537, 0x10028, A, &labels) == "lui\ta0,0x12345");
  CHECK(disasm(0x00359513, 0x10034, N, &labels) == "slli\ta0,a1,0x3");
  CHECK(disasm(0x00359513, 0x10034, A, &labels) == "sll\ta0,a1,0x3");
  CHECK(disasm(0x0310000f, 0, A, &labels) == "fence\trw,w");
  CHECK(disasm(0x0ff0000f, 0, A, &labels) == "fence");
  CHECK(disasm(0x0ff0000f, 0, N, &labels) == "fence\tiorw,iorw");
  CHECK(disasm(0x00000013, 0, A, &labels) == "nop");
  CHECK(disasm(0x00008067, 0, A, &labels) == "ret");
  CHECK(disasm(0x0000100f, 0, A, &labels) == "fence.i");  // Zifencei
  CHECK(disasm(0xc0001073, 0, N, &labels) == "unimp");
  // Zero-relative addresses get a comment even without a preceding lui.
  CHECK(disasm(0x01002503, 0x10000, A, &labels) == "lw\ta0,16(zero) # 10 <_start-0xfff0>");
  // Without symbols objdump prints bare addresses.
  CHECK(disasm(0xf8b566e3, 0x10074, A, nullptr) == "bltu\ta0,a1,0x10000");
}

TEST_CASE("Disassembler annotates auipc pairs", "[disasm]") {
  const std::map<uint32_t, std::string> labels = {{0x10000, "_start"}, {0x10078, "foo"}};
  Disassembler dis(DisasmStyle::Aliases, &labels);
  // auipc a0,0x0 at 0x100b8; addi a0,a0,-64 -> 0x100b8 - 64 = 0x10078 (foo).
  CHECK(dis.next(0x00000517, 0x100b8) == "auipc\ta0,0x0");
  CHECK(dis.next(0xfc050513, 0x100bc) == "add\ta0,a0,-64 # 10078 <foo>");
  // The value is used once; a second use has no comment (as in objdump).
  CHECK(dis.next(0xfc050513, 0x100c0) == "add\ta0,a0,-64");
}

// Hand-derived: the short form for pipeline diagrams.
TEST_CASE("disasm_short", "[disasm]") {
  using pipesim::disasm_short;
  CHECK(disasm_short(0x00150513, 0x10000) == "addi a0, a0, 1");
  CHECK(disasm_short(0x0005a503, 0x10000) == "lw a0, 0(a1)");
  CHECK(disasm_short(0x00b50863, 0x10000) == "beq a0, a1, 0x10010");
  CHECK(disasm_short(0x00000013, 0x10000) == "nop");
  CHECK(disasm_short(0x00500513, 0x10000) == "li a0, 5");
  CHECK(disasm_short(0x00058513, 0x10000) == "mv a0, a1");
  CHECK(disasm_short(0x00008067, 0x10000) == "ret");
  CHECK(disasm_short(0x00359513, 0x10000) == "slli a0, a1, 0x3");
  CHECK(disasm_short(0x0ff5f513, 0x10000) == "andi a0, a1, 255");
  CHECK(disasm_short(0x004500e7, 0x10000) == "jalr 4(a0)");
  CHECK(disasm_short(0x12345537, 0x10000) == "lui a0, 0x12345");
  CHECK(disasm_short(0x0310000f, 0x10000) == "fence rw, w");
  CHECK(disasm_short(0x02c58533, 0x10000) == "mul a0, a1, a2");
  CHECK(disasm_short(0x0000100f, 0x10000) == "fence.i");
}

// Hand-derived: a program without symbols names the segment start after the segment, as
// objdump does with a section that has no symbols.
TEST_CASE("listing of a program without labels", "[disasm]") {
  Program p;
  pipesim::Segment s;
  s.name = ".text";
  s.addr = 0x10000;
  s.bytes = {0x13, 0x00, 0x00, 0x00, 0x67, 0x80, 0x00, 0x00};
  s.mem_size = 8;
  s.executable = true;
  p.segments.push_back(s);
  p.segments.push_back({".data", 0x100000, {1, 2, 3, 4}, 4, false});
  CHECK(pipesim::listing(p, DisasmStyle::Aliases) ==
        "\nDisassembly of section .text:\n\n00010000 <.text>:\n"
        "   10000:\t00000013          \tnop\n"
        "   10004:\t00008067          \tret\n");
  CHECK(pipesim::listing(p, DisasmStyle::NoAliases) ==
        "\nDisassembly of section .text:\n\n00010000 <.text>:\n"
        "   10000:\t00000013          \taddi\tzero,zero,0\n"
        "   10004:\t00008067          \tjalr\tzero,0(ra)\n");
}
