#include "tests/support/tiny_elf.hpp"

#include <algorithm>
#include <iterator>
#include <sstream>
#include <stdexcept>

namespace pipesim::test {
namespace {

void put(std::vector<uint8_t>& b, uint32_t value, int bytes) {
  for (int i = 0; i < bytes; ++i) b.push_back(static_cast<uint8_t>(value >> (8 * i)));
}

}  // namespace

std::vector<uint8_t> tiny_elf() {
  // e_ident is built at its full 16 bytes: a 7-byte initializer list grown with resize() made
  // GCC 12 at -O3 report a false -Warray-bounds inside the vector's copy.
  std::vector<uint8_t> b(16, 0);
  const uint8_t ident[] = {0x7f, 'E', 'L', 'F', 1 /*32-bit*/, 1 /*little*/, 1 /*version*/};
  std::copy(std::begin(ident), std::end(ident), b.begin());
  put(b, 2, 2);        // e_type ET_EXEC
  put(b, 243, 2);      // e_machine EM_RISCV
  put(b, 1, 4);        // e_version
  put(b, 0x10000, 4);  // e_entry
  put(b, 52, 4);       // e_phoff
  put(b, 0, 4);        // e_shoff: no sections
  put(b, 0, 4);        // e_flags: soft-float, no RVC
  put(b, 52, 2);       // e_ehsize
  put(b, 32, 2);       // e_phentsize
  put(b, 1, 2);        // e_phnum
  put(b, 40, 2);       // e_shentsize
  put(b, 0, 2);        // e_shnum
  put(b, 0, 2);        // e_shstrndx
  // Program header at 52: PT_LOAD, offset 84, vaddr = paddr = 0x10000, 8 bytes, R+X, align 4.
  for (uint32_t v : {1u, 84u, 0x10000u, 0x10000u, 8u, 8u, 5u, 4u}) put(b, v, 4);
  put(b, 0x00000513, 4);  // addi a0, zero, 0
  put(b, 0x00100073, 4);  // ebreak
  return b;
}

std::vector<uint8_t> edit_bytes(std::vector<uint8_t> bytes, const std::string& edits) {
  std::istringstream in(edits);
  std::string edit;
  while (in >> edit) {
    const std::size_t eq = edit.find('=');
    if (eq == std::string::npos) throw std::invalid_argument("bad edit '" + edit + "'");
    const std::string key = edit.substr(0, eq), value = edit.substr(eq + 1);
    if (key == "len") {
      bytes.resize(std::stoul(value));
      continue;
    }
    std::size_t at = std::stoul(key);
    if (value.size() % 2 != 0) throw std::invalid_argument("odd hex in '" + edit + "'");
    for (std::size_t i = 0; i < value.size(); i += 2, ++at) {
      if (at >= bytes.size()) bytes.resize(at + 1, 0);
      bytes[at] = static_cast<uint8_t>(std::stoul(value.substr(i, 2), nullptr, 16));
    }
  }
  return bytes;
}

}  // namespace pipesim::test
