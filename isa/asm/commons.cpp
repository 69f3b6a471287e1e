// Common symbols: gas allocates a local one in .bss itself (read.c bss_alloc, into subsection 1,
// that is after everything else of .bss); a global one stays COMMON in the object and ld
// allocates it in `*(COMMON)`, traversing its symbol hash table: bucket by bucket, and in a
// bucket the symbol entered last first.
#include "isa/asm/commons.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace pipesim::assembler {
namespace {

uint64_t align_up(uint64_t v, uint64_t a) {
  return (v + a - 1) / a * a;
}

// bfd_hash_hash (bfd/hash.c), on a 64-bit host.
uint64_t bfd_hash(const std::string& name) {
  uint64_t h = 0;
  for (unsigned char c : name) {
    h += c + (uint64_t{c} << 17);
    h ^= h >> 2;
  }
  const uint64_t len = name.size();
  h += len + (len << 17);
  h ^= h >> 2;
  return h;
}
constexpr uint64_t kBfdHashSize = 4051;  // bfd's default table size

// gas's default alignment of a .comm without one: none for a local symbol; for a global one the
// size rounded up to a power of two, at most 16 (what gas 2.40 writes for RISC-V ELF).
uint32_t default_align(const Common& c, bool local) {
  if (c.align != 0) return c.align;
  if (local) return 1;
  uint32_t a = 1;
  while (a < c.size && a < 16) a *= 2;
  return a;
}

void define(State& st, const std::string& name, int sec, uint64_t offset) {
  Symbol& s = st.symbols.at(name);
  s.kind = Symbol::Kind::Label;
  s.value = Value{static_cast<int64_t>(offset), sec};
  st.symbol_order.push_back(name);
}

}  // namespace

void allocate_commons(State& st) {
  if (st.commons.empty()) return;
  std::vector<const Common*> globals;
  int bss = 0;
  while (st.sections[static_cast<std::size_t>(bss)].name != ".bss") ++bss;
  for (const Common& c : st.commons) {
    Symbol& sym = st.symbols.at(c.name);
    if (sym.value || sym.expr)
      st.src.error(sym.loc, fmt::format("common symbol '{}' is also defined", c.name));
    if (!sym.local_binding) {
      globals.push_back(&c);
      continue;
    }
    Section& sec = st.sections[static_cast<std::size_t>(bss)];
    const uint32_t a = default_align(c, true);
    const uint64_t at = align_up(sec.size(), a);
    sec.zeros += (at - sec.size()) + c.size;
    sec.align = std::max(sec.align, a);
    define(st, c.name, bss, at);
  }
  if (globals.empty()) return;
  std::size_t global_count = 0;
  for (const auto& [name, s] : st.symbols) global_count += s.global || s.common ? 1 : 0;
  if (global_count > kMaxGlobalsWithCommons)
    st.src.error(st.symbols.at(globals[0]->name).loc,
                 fmt::format("more than {} global symbols with common symbols: pipesim cannot "
                             "place the common symbols as ld does",
                             kMaxGlobalsWithCommons));
  // Stable sort by bucket of source order reversed: in a bucket the later symbol comes first.
  std::reverse(globals.begin(), globals.end());
  std::stable_sort(globals.begin(), globals.end(), [](const Common* a, const Common* b) {
    return bfd_hash(a->name) % kBfdHashSize < bfd_hash(b->name) % kBfdHashSize;
  });
  Section common;
  common.name = "COMMON";
  common.region = Region::Bss;
  const int index = static_cast<int>(st.sections.size());
  for (const Common* c : globals) {
    const uint32_t a = default_align(*c, false);
    const uint64_t at = align_up(common.size(), a);
    common.zeros += (at - common.size()) + c->size;
    common.align = std::max(common.align, a);
    st.symbols.at(c->name).global = true;
    define(st, c->name, index, at);
  }
  st.sections.push_back(std::move(common));
}

}  // namespace pipesim::assembler
