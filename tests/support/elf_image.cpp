// ELF images for byte-identity tests (see elf_image.hpp).
#include "tests/support/elf_image.hpp"

#include <fmt/format.h>

#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <vector>

namespace pipesim::test {
namespace {

template <typename T>
T get(const std::vector<uint8_t>& f, std::size_t off) {
  if (off + sizeof(T) > f.size()) throw std::runtime_error("ELF file cut short");
  T v{};
  std::memcpy(&v, f.data() + off, sizeof(T));
  return v;
}

uint32_t word_at(const ElfImage& i, uint32_t w) {
  uint32_t v = 0;
  for (uint32_t k = 0; k < 4; ++k) {
    const auto b = i.bytes.find(w + k);
    v |= static_cast<uint32_t>(b == i.bytes.end() ? 0 : b->second) << (8 * k);
  }
  return v;
}

std::string symbols_difference(const ElfImage& gnu, const ElfImage& ours) {
  for (const auto& [name, addr] : gnu.symbols) {
    const auto it = ours.symbols.find(name);
    if (it == ours.symbols.end()) return fmt::format("symbol {} ({:#x}) missing", name, addr);
    if (it->second != addr)
      return fmt::format("symbol {}: GNU {:#x}, pipesim {:#x}", name, addr, it->second);
  }
  for (const auto& [name, addr] : ours.symbols)
    if (!gnu.symbols.count(name)) return fmt::format("symbol {} ({:#x}) not in GNU", name, addr);
  return "";
}

}  // namespace

ElfImage read_elf_image(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  const std::vector<uint8_t> f{std::istreambuf_iterator<char>(in), {}};
  if (f.size() <= 52 || std::memcmp(f.data(),
                                    "\x7f"
                                    "ELF\x01\x01",
                                    6) != 0)
    throw std::runtime_error(path.string() + " is not an ELF32 little-endian file");
  ElfImage img;
  img.entry = get<uint32_t>(f, 24);
  const auto shoff = get<uint32_t>(f, 32);
  const auto shentsize = get<uint16_t>(f, 46), shnum = get<uint16_t>(f, 48);
  struct Sh {
    uint32_t type, flags, addr, offset, size, link;
  };
  std::vector<Sh> sh;
  for (unsigned i = 0; i < shnum; ++i) {
    const std::size_t b = shoff + std::size_t{i} * shentsize;
    sh.push_back({get<uint32_t>(f, b + 4), get<uint32_t>(f, b + 8), get<uint32_t>(f, b + 12),
                  get<uint32_t>(f, b + 16), get<uint32_t>(f, b + 20), get<uint32_t>(f, b + 24)});
  }
  constexpr uint32_t kAlloc = 2, kNobits = 8, kSymtab = 2;
  for (const Sh& h : sh)
    if ((h.flags & kAlloc) != 0)
      for (uint32_t k = 0; k < h.size; ++k)
        img.bytes[h.addr + k] = h.type == kNobits ? 0 : get<uint8_t>(f, h.offset + k);
  for (const Sh& h : sh) {
    if (h.type != kSymtab) continue;
    const Sh& strtab = sh.at(h.link);
    for (uint32_t off = 16; off + 16 <= h.size; off += 16) {
      const std::size_t b = h.offset + off;
      std::string name;
      for (std::size_t p = strtab.offset + get<uint32_t>(f, b); get<char>(f, p) != 0; ++p)
        name += get<char>(f, p);
      const unsigned type = get<uint8_t>(f, b + 12) & 15;
      const auto shndx = get<uint16_t>(f, b + 14);
      if (name.empty() || type > 2 || shndx == 0 || shndx >= 0xff00 || name[0] == '$' ||
          name.rfind(".L", 0) == 0)
        continue;
      img.symbols[name] = get<uint32_t>(f, b + 4);
    }
  }
  return img;
}

ElfImage image_of(const Program& p) {
  ElfImage img;
  img.entry = p.entry;
  for (const auto& seg : p.segments)
    for (uint32_t k = 0; k < seg.mem_size; ++k)
      img.bytes[seg.addr + k] = k < seg.bytes.size() ? seg.bytes[k] : 0;
  for (const auto& [name, addr] : p.symbols)
    if (name.rfind(".L", 0) != 0) img.symbols[name] = addr;
  return img;
}

std::string first_difference(const ElfImage& gnu, const ElfImage& ours) {
  if (gnu.entry != ours.entry)
    return fmt::format("entry: GNU {:#x}, pipesim {:#x}", gnu.entry, ours.entry);
  for (const auto& [addr, byte] : gnu.bytes) {
    const auto it = ours.bytes.find(addr);
    if (it == ours.bytes.end())
      return fmt::format("GNU has a byte at {:#x} ({:#04x}); pipesim does not", addr, byte);
    if (it->second != byte) {
      const uint32_t w = addr & ~3u;
      return fmt::format(
          "byte at {:#x}: GNU {:#04x}, pipesim {:#04x} (words at {:#x}: GNU "
          "{:#010x}, pipesim {:#010x})",
          addr, byte, it->second, w, word_at(gnu, w), word_at(ours, w));
    }
  }
  auto interior_zero = [&](uint32_t addr, uint8_t byte) {
    const auto next = gnu.bytes.upper_bound(addr);
    return byte == 0 && next != gnu.bytes.end() && next->first - addr < 0x10000 &&
           next != gnu.bytes.begin() && addr - std::prev(next)->first < 0x10000;
  };
  for (const auto& [addr, byte] : ours.bytes)
    if (!gnu.bytes.count(addr) && !interior_zero(addr, byte))
      return fmt::format("pipesim has a byte at {:#x} ({:#04x}); GNU does not", addr, byte);
  return symbols_difference(gnu, ours);
}

}  // namespace pipesim::test
