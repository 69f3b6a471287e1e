// Guest memory: sparse, byte-addressed, little-endian, mapped page by page. An access to an
// unmapped page is a guest fault, reported by the caller with pc and cycle.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <unordered_map>

namespace pipesim {

class Memory {
 public:
  static constexpr uint32_t kPageBits = 12;
  static constexpr uint32_t kPageSize = 1u << kPageBits;

  // Maps every page overlapping [base, base + size) (zero-filled) and, if given, copies bytes in.
  void map(uint32_t base, uint32_t size);
  void write_bytes(uint32_t addr, std::span<const uint8_t> bytes);  // maps as needed
  bool is_mapped(uint32_t addr) const { return page(addr) != nullptr; }

  // Accesses of 1, 2 or 4 bytes; nullopt / false when any byte is unmapped. Alignment is the
  // caller's concern (the ISA decides whether misaligned accesses fault).
  std::optional<uint32_t> load(uint32_t addr, unsigned size) const;
  bool store(uint32_t addr, unsigned size, uint32_t value);
  std::optional<uint8_t> load_byte(uint32_t addr) const;

 private:
  using Page = std::array<uint8_t, kPageSize>;
  const Page* page(uint32_t addr) const;
  Page* page(uint32_t addr);
  std::unordered_map<uint32_t, std::unique_ptr<Page>> pages_;
};

}  // namespace pipesim
