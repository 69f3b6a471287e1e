// Guest memory: sparse, byte-addressed, little-endian, mapped page by page. An access to an
// unmapped page is a guest fault, reported by the caller with pc and cycle.
//
// Speed: every load, store and fetch goes through here, so the common case (an access within one
// mapped page) is inline: a small direct-mapped cache of page pointers answers it with one
// compare, and the hash map of pages is consulted only on a miss (docs/performance.md).
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>
#include <vector>

namespace pipesim {

class Memory {
 public:
  static constexpr uint32_t kPageBits = 12;
  static constexpr uint32_t kPageSize = 1u << kPageBits;

  Memory() = default;
  Memory(Memory&&) = default;  // pages stay where they are, so cached page pointers stay valid
  Memory& operator=(Memory&&) = default;

  // Maps every page overlapping [base, base + size) (zero-filled) and, if given, copies bytes in.
  void map(uint32_t base, uint32_t size);
  void write_bytes(uint32_t addr, std::span<const uint8_t> bytes);  // maps as needed
  bool is_mapped(uint32_t addr) const { return page_data(addr) != nullptr; }

  // Accesses of 1, 2 or 4 bytes; nullopt / false when any byte is unmapped. Alignment is the
  // caller's concern (the ISA decides whether misaligned accesses fault).
  std::optional<uint32_t> load(uint32_t addr, unsigned size) const {
    const uint32_t offset = addr & (kPageSize - 1);
    if (offset + size > kPageSize) [[unlikely]]
      return load_across_pages(addr, size);
    const uint8_t* p = page_data(addr);
    if (!p) return std::nullopt;
    return read_le(p + offset, size);
  }
  bool store(uint32_t addr, unsigned size, uint32_t value) {
    const uint32_t offset = addr & (kPageSize - 1);
    if (offset + size > kPageSize) [[unlikely]]
      return store_across_pages(addr, size, value);
    uint8_t* p = page_data(addr);
    if (!p) return false;
    write_le(p + offset, size, value);
    return true;
  }
  std::optional<uint8_t> load_byte(uint32_t addr) const {
    const uint8_t* p = page_data(addr);
    if (!p) return std::nullopt;
    return p[addr & (kPageSize - 1)];
  }

 private:
  using Page = std::array<uint8_t, kPageSize>;

  // The page-pointer cache: entry (page number mod kCacheEntries) remembers one mapped page.
  // Unmapped pages are never cached, and pages are never unmapped, so an entry never goes stale.
  static constexpr uint32_t kCacheEntries = 64;
  struct CacheEntry {
    uint32_t page_number = ~0u;  // page numbers have 20 bits: ~0u matches none
    Page* page = nullptr;
  };

  uint8_t* page_data(uint32_t addr) const {
    const uint32_t n = addr >> kPageBits;
    const CacheEntry& e = cache_[n % kCacheEntries];
    if (e.page_number == n) [[likely]]
      return e.page->data();
    return page_data_slow(n);
  }
  uint8_t* page_data_slow(uint32_t page_number) const;  // the map; fills the cache entry
  std::optional<uint32_t> load_across_pages(uint32_t addr, unsigned size) const;
  bool store_across_pages(uint32_t addr, unsigned size, uint32_t value);

  static uint32_t read_le(const uint8_t* p, unsigned size) {
    if constexpr (std::endian::native == std::endian::little) {
      if (size == 4) {
        uint32_t v;
        std::memcpy(&v, p, 4);
        return v;
      }
      if (size == 2) {
        uint16_t v;
        std::memcpy(&v, p, 2);
        return v;
      }
    }
    uint32_t v = 0;
    for (unsigned i = 0; i < size; ++i) v |= uint32_t{p[i]} << (8 * i);
    return v;
  }
  static void write_le(uint8_t* p, unsigned size, uint32_t value) {
    if constexpr (std::endian::native == std::endian::little) {
      if (size == 4) return std::memcpy(p, &value, 4), void();
      if (size == 2) {
        const uint16_t v = static_cast<uint16_t>(value);
        return std::memcpy(p, &v, 2), void();
      }
    }
    for (unsigned i = 0; i < size; ++i) p[i] = static_cast<uint8_t>(value >> (8 * i));
  }

  // The pages of one map() call live in one zero-filled block from calloc: a large block comes
  // as fresh zero pages from the OS that cost nothing until touched, so mapping the 1 MiB stack
  // is cheap (zero-filling it page by page took 3.7 ms, paid by every run).
  struct FreeBlock {
    void operator()(Page* p) const { std::free(p); }
  };
  std::vector<std::unique_ptr<Page, FreeBlock>> blocks_;
  std::unordered_map<uint32_t, Page*> pages_;
  mutable std::array<CacheEntry, kCacheEntries> cache_{};
};

}  // namespace pipesim
