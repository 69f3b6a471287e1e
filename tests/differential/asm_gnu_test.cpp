// Differential test of the assembler against GNU binutils: every tests/asm/corpus/*.s is
// assembled and linked by riscv64-unknown-elf-as/ld (with tests/asm/gnu.ld, which places
// sections as pipesim does) and by pipesim; every allocated byte, its address, the entry point
// and the address of every named symbol must agree. Missing GNU tools fail the test.
#include <fmt/format.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "sim/load/load.hpp"
#include "tests/support/files.hpp"
#include "tests/support/gnu_as_flags.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using pipesim::Program;
using pipesim::test::read_file;
using pipesim::test::TempDir;

namespace {

const fs::path kCorpus = fs::path(PIPESIM_SOURCE_DIR) / "tests" / "asm" / "corpus";
const fs::path kLinkerScript = fs::path(PIPESIM_SOURCE_DIR) / "tests" / "asm" / "gnu.ld";

// What we compare from a linked ELF (ELF32 little-endian, parsed by hand).
struct Image {
  uint32_t entry = 0;
  std::map<uint32_t, uint8_t> bytes;  // every allocated byte (.bss as zeros)
  std::map<std::string, uint32_t> symbols;
};

template <typename T>
T get(const std::vector<uint8_t>& f, std::size_t off) {
  T v{};
  REQUIRE(off + sizeof(T) <= f.size());
  std::memcpy(&v, f.data() + off, sizeof(T));
  return v;
}

Image read_elf(const fs::path& p) {
  const std::string s = read_file(p);
  const std::vector<uint8_t> f(s.begin(), s.end());
  REQUIRE(f.size() > 52);
  REQUIRE(std::memcmp(f.data(),
                      "\x7f"
                      "ELF\x01\x01",
                      6) == 0);
  Image img;
  img.entry = get<uint32_t>(f, 24);
  const auto shoff = get<uint32_t>(f, 32);
  const auto shentsize = get<uint16_t>(f, 46), shnum = get<uint16_t>(f, 48);
  struct Sh {
    uint32_t name, type, flags, addr, offset, size, link;
  };
  std::vector<Sh> sh;
  for (unsigned i = 0; i < shnum; ++i) {
    const std::size_t b = shoff + std::size_t{i} * shentsize;
    sh.push_back({get<uint32_t>(f, b), get<uint32_t>(f, b + 4), get<uint32_t>(f, b + 8),
                  get<uint32_t>(f, b + 12), get<uint32_t>(f, b + 16), get<uint32_t>(f, b + 20),
                  get<uint32_t>(f, b + 24)});
  }
  constexpr uint32_t kAlloc = 2, kNobits = 8, kSymtab = 2;
  for (const Sh& h : sh) {
    if ((h.flags & kAlloc) == 0) continue;
    for (uint32_t k = 0; k < h.size; ++k)
      img.bytes[h.addr + k] = h.type == kNobits ? 0 : f.at(h.offset + k);
  }
  for (const Sh& h : sh) {
    if (h.type != kSymtab) continue;
    const Sh& strtab = sh.at(h.link);
    for (uint32_t off = 16; off + 16 <= h.size; off += 16) {
      const std::size_t b = h.offset + off;
      const std::string name(
          reinterpret_cast<const char*>(f.data() + strtab.offset + get<uint32_t>(f, b)));
      const auto value = get<uint32_t>(f, b + 4);
      const auto info = get<uint8_t>(f, b + 12);
      const auto shndx = get<uint16_t>(f, b + 14);
      const unsigned type = info & 15;
      // Named code/data symbols only: no sections/files, no absolute (.equ) symbols, no
      // mapping symbols ($x, $d) and no .L labels.
      if (name.empty() || type > 2 || shndx == 0 || shndx >= 0xff00 || name[0] == '$' ||
          name.rfind(".L", 0) == 0)
        continue;
      // A label in a section that is not loaded (.comment, .debug_*) has no address.
      if ((sh.at(shndx).flags & kAlloc) == 0) continue;
      img.symbols[name] = value;
    }
  }
  return img;
}

Image image_of(const Program& p) {
  Image img;
  img.entry = p.entry;
  for (const auto& seg : p.segments)
    for (uint32_t k = 0; k < seg.mem_size; ++k)
      img.bytes[seg.addr + k] = k < seg.bytes.size() ? seg.bytes[k] : 0;
  for (const auto& [name, addr] : p.symbols)
    if (name.rfind(".L", 0) != 0) img.symbols[name] = addr;
  return img;
}

int run(const std::string& cmd) {
  return std::system(cmd.c_str());
}

// Byte-level comparison with a readable first difference.
void compare(const Image& gnu, const Image& ours) {
  CHECK(fmt::format("{:#x}", ours.entry) == fmt::format("{:#x}", gnu.entry));
  for (const auto& [addr, byte] : gnu.bytes) {
    const auto it = ours.bytes.find(addr);
    if (it == ours.bytes.end()) {
      FAIL_CHECK(fmt::format("GNU has a byte at {:#x} ({:#04x}); pipesim does not", addr, byte));
      return;
    }
    if (it->second != byte) {
      const uint32_t w = addr & ~3u;
      auto word = [&](const Image& i) {
        uint32_t v = 0;
        for (uint32_t k = 0; k < 4; ++k) {
          const auto b = i.bytes.find(w + k);
          v |= static_cast<uint32_t>(b == i.bytes.end() ? 0 : b->second) << (8 * k);
        }
        return v;
      };
      FAIL_CHECK(
          fmt::format("byte at {:#x}: GNU {:#04x}, pipesim {:#04x} (words at {:#x}: GNU "
                      "{:#010x}, pipesim {:#010x})",
                      addr, byte, it->second, w, word(gnu), word(ours)));
      return;
    }
  }
  // Our segments are contiguous, so gaps ld leaves between output sections (.data/.bss when
  // .bss is more aligned) are zero-filled memory for us: allowed if zero and interior.
  auto interior_zero = [&](uint32_t addr, uint8_t byte) {
    const auto next = gnu.bytes.upper_bound(addr);
    return byte == 0 && next != gnu.bytes.end() && next->first - addr < 0x10000 &&
           next != gnu.bytes.begin() && addr - std::prev(next)->first < 0x10000;
  };
  for (const auto& [addr, byte] : ours.bytes)
    if (!gnu.bytes.count(addr) && !interior_zero(addr, byte)) {
      FAIL_CHECK(fmt::format("pipesim has a byte at {:#x} ({:#04x}); GNU does not", addr, byte));
      return;
    }
  CHECK(ours.symbols == gnu.symbols);
}

}  // namespace

TEST_CASE("GNU binutils are installed", "[asm][gnu]") {
  // The setup scripts install them; without them the comparison below would prove nothing.
  REQUIRE(run("riscv64-unknown-elf-as --version >/dev/null 2>&1") == 0);
  REQUIRE(run("riscv64-unknown-elf-ld --version >/dev/null 2>&1") == 0);
}

TEST_CASE("assembler output is byte-identical to GNU as + ld on the corpus", "[asm][gnu]") {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(kCorpus))
    if (e.path().extension() == ".s") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  REQUIRE(files.size() >= 30);
  TempDir tmp("pipesim-asm");
  for (const fs::path& file : files) {
    INFO("corpus file " << file.filename().string());
    const fs::path obj = tmp.path / (file.stem().string() + ".o");
    const fs::path elf = tmp.path / (file.stem().string() + ".elf");
    const fs::path log = tmp.path / "gnu.log";
    const int as = run(fmt::format(
        "riscv64-unknown-elf-as {} -mabi=ilp32 -mno-relax -I '{}' -I '{}/inc' '{}' -o '{}' 2>'{}'",
        pipesim::test::gnu_as_march(file), kCorpus.string(), kCorpus.string(), file.string(),
        obj.string(), log.string()));
    INFO("GNU as: " << read_file(log));
    REQUIRE(as == 0);
    const int ld =
        run(fmt::format("riscv64-unknown-elf-ld -m elf32lriscv -T '{}' '{}' -o '{}' 2>'{}'",
                        kLinkerScript.string(), obj.string(), elf.string(), log.string()));
    INFO("GNU ld: " << read_file(log));
    REQUIRE(ld == 0);
    const Image gnu = read_elf(elf);

    pipesim::AsmResult ours;
    try {
      // The full path: .include names are relative to the including file (gas finds them
      // through the -I directories above).
      ours = pipesim::assemble(read_file(file), file.string(), pipesim::included_file_reader());
    } catch (const pipesim::SourceError& e) {
      FAIL(pipesim::format_diagnostic(e));
    }
    compare(gnu, image_of(ours.program));
  }
}
