#include "sim/memory.hpp"

namespace pipesim {

const Memory::Page* Memory::page(uint32_t addr) const {
  auto it = pages_.find(addr >> kPageBits);
  return it == pages_.end() ? nullptr : it->second.get();
}
Memory::Page* Memory::page(uint32_t addr) {
  auto it = pages_.find(addr >> kPageBits);
  return it == pages_.end() ? nullptr : it->second.get();
}

void Memory::map(uint32_t base, uint32_t size) {
  if (size == 0) return;
  const uint64_t first = base >> kPageBits;
  const uint64_t last = (uint64_t{base} + size - 1) >> kPageBits;
  for (uint64_t p = first; p <= last; ++p) {
    auto& slot = pages_[static_cast<uint32_t>(p)];
    if (!slot) slot = std::make_unique<Page>(Page{});
  }
}

void Memory::write_bytes(uint32_t addr, std::span<const uint8_t> bytes) {
  map(addr, static_cast<uint32_t>(bytes.size()));
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const uint32_t a = addr + static_cast<uint32_t>(i);
    (*page(a))[a & (kPageSize - 1)] = bytes[i];
  }
}

std::optional<uint8_t> Memory::load_byte(uint32_t addr) const {
  const Page* p = page(addr);
  if (!p) return std::nullopt;
  return (*p)[addr & (kPageSize - 1)];
}

std::optional<uint32_t> Memory::load(uint32_t addr, unsigned size) const {
  uint32_t v = 0;
  for (unsigned i = 0; i < size; ++i) {
    auto b = load_byte(addr + i);
    if (!b) return std::nullopt;
    v |= uint32_t{*b} << (8 * i);
  }
  return v;
}

bool Memory::store(uint32_t addr, unsigned size, uint32_t value) {
  for (unsigned i = 0; i < size; ++i)
    if (!page(addr + i)) return false;
  for (unsigned i = 0; i < size; ++i) {
    const uint32_t a = addr + i;
    (*page(a))[a & (kPageSize - 1)] = static_cast<uint8_t>(value >> (8 * i));
  }
  return true;
}

}  // namespace pipesim
