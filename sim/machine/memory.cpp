#include "sim/machine/memory.hpp"

#include <new>

namespace pipesim {

uint8_t* Memory::page_data_slow(uint32_t page_number) const {
  auto it = pages_.find(page_number);
  if (it == pages_.end()) return nullptr;
  cache_[page_number % kCacheEntries] = CacheEntry{page_number, it->second};
  return it->second->data();
}

void Memory::map(uint32_t base, uint32_t size) {
  if (size == 0) return;
  const uint64_t first = base >> kPageBits;
  const uint64_t last = (uint64_t{base} + size - 1) >> kPageBits;
  uint64_t missing = 0;
  for (uint64_t p = first; p <= last; ++p) missing += !pages_.contains(static_cast<uint32_t>(p));
  if (missing == 0) return;
  Page* block = static_cast<Page*>(std::calloc(missing, sizeof(Page)));
  if (!block) throw std::bad_alloc();
  blocks_.emplace_back(block);
  for (uint64_t p = first; p <= last; ++p) {
    Page*& slot = pages_[static_cast<uint32_t>(p)];
    if (!slot) slot = block++;
  }
}

void Memory::write_bytes(uint32_t addr, std::span<const uint8_t> bytes) {
  map(addr, static_cast<uint32_t>(bytes.size()));
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    const uint32_t a = addr + static_cast<uint32_t>(i);
    page_data(a)[a & (kPageSize - 1)] = bytes[i];
  }
}

std::optional<uint32_t> Memory::load_across_pages(uint32_t addr, unsigned size) const {
  uint32_t v = 0;
  for (unsigned i = 0; i < size; ++i) {
    auto b = load_byte(addr + i);
    if (!b) return std::nullopt;
    v |= uint32_t{*b} << (8 * i);
  }
  return v;
}

bool Memory::store_across_pages(uint32_t addr, unsigned size, uint32_t value) {
  for (unsigned i = 0; i < size; ++i)
    if (!page_data(addr + i)) return false;  // all or nothing: no byte is written
  for (unsigned i = 0; i < size; ++i) {
    const uint32_t a = addr + i;
    page_data(a)[a & (kPageSize - 1)] = static_cast<uint8_t>(value >> (8 * i));
  }
  return true;
}

}  // namespace pipesim
