// Guest memory (sim/machine/memory.hpp): little-endian accesses, page-crossing accesses, unmapped
// pages, and the page-pointer cache in front of the page map (aliasing pages, pages mapped late).
#include <catch2/catch.hpp>

#include <vector>

#include "sim/machine/memory.hpp"

using namespace pipesim;

namespace {
constexpr uint32_t kPage = Memory::kPageSize;
}

TEST_CASE("memory: accesses are little-endian and sized", "[memory]") {
  Memory m;
  m.map(0x1000, kPage);
  REQUIRE(m.store(0x1000, 4, 0x11223344));
  // Bytes in address order: 44 33 22 11.
  CHECK(m.load_byte(0x1000) == 0x44);
  CHECK(m.load_byte(0x1003) == 0x11);
  CHECK(m.load(0x1002, 2) == 0x1122u);
  CHECK(m.load(0x1001, 1) == 0x33u);
  REQUIRE(m.store(0x1001, 2, 0xaabbccdd));  // only the low 2 bytes: dd cc
  CHECK(m.load(0x1000, 4) == 0x11ccdd44u);
  REQUIRE(m.store(0x1003, 1, 0xfff));
  CHECK(m.load(0x1000, 4) == 0xffccdd44u);
}

TEST_CASE("memory: unmapped pages fault, mapped ones are zero-filled", "[memory]") {
  Memory m;
  CHECK_FALSE(m.load(0x2000, 4));
  CHECK_FALSE(m.store(0x2000, 4, 1));
  CHECK_FALSE(m.is_mapped(0x2000));
  m.map(0x2ffc, 8);  // two pages: 0x2000 and 0x3000
  CHECK(m.is_mapped(0x2000));
  CHECK(m.is_mapped(0x3fff));
  CHECK_FALSE(m.is_mapped(0x4000));
  CHECK(m.load(0x2000, 4) == 0u);  // a page that faulted before now answers
  CHECK(m.load(0x3ffc, 4) == 0u);
}

TEST_CASE("memory: an access across a page boundary", "[memory]") {
  Memory m;
  m.map(0x1000, kPage);
  SECTION("both pages mapped") {
    m.map(0x2000, kPage);
    REQUIRE(m.store(0x1ffe, 4, 0xa1b2c3d4));
    CHECK(m.load_byte(0x1ffe) == 0xd4);
    CHECK(m.load_byte(0x2001) == 0xa1);
    CHECK(m.load(0x1ffe, 4) == 0xa1b2c3d4u);
    CHECK(m.load(0x1fff, 2) == 0xb2c3u);
  }
  SECTION("second page unmapped: nothing is written") {
    REQUIRE(m.store(0x1ffc, 4, 0x01020304));
    CHECK_FALSE(m.store(0x1ffe, 4, 0xffffffff));
    CHECK(m.load(0x1ffc, 4) == 0x01020304u);  // the mapped half is unchanged
    CHECK_FALSE(m.load(0x1ffe, 4));
  }
}

TEST_CASE("memory: pages that share a page-cache entry keep their own contents", "[memory]") {
  // Page numbers 64 apart fall into the same entry of the 64-entry direct-mapped cache; so do
  // 0x7ff00 and 0x7ff40 (stack pages). Alternating accesses must never return the other's bytes.
  Memory m;
  const std::vector<uint32_t> bases = {0x00010000, 0x00050000, 0x00090000, 0x7ff00000, 0x7ff40000};
  for (uint32_t b : bases) m.map(b, kPage);
  for (int round = 0; round < 3; ++round)
    for (std::size_t i = 0; i < bases.size(); ++i)
      REQUIRE(m.store(bases[i] + 4 * static_cast<uint32_t>(round), 4,
                      static_cast<uint32_t>(i * 100 + round)));
  for (int round = 0; round < 3; ++round)
    for (std::size_t i = 0; i < bases.size(); ++i)
      CHECK(m.load(bases[i] + 4 * static_cast<uint32_t>(round), 4) ==
            static_cast<uint32_t>(i * 100 + round));
  CHECK_FALSE(m.load(0x000d0000, 4));  // same entry, never mapped
}

TEST_CASE("memory: a moved memory keeps its pages", "[memory]") {
  Memory m;
  m.map(0x1000, kPage);
  REQUIRE(m.store(0x1010, 4, 42));
  CHECK(m.load(0x1010, 4) == 42u);  // now cached
  Memory moved = std::move(m);
  CHECK(moved.load(0x1010, 4) == 42u);
  REQUIRE(moved.store(0x1010, 4, 43));
  CHECK(moved.load(0x1010, 4) == 43u);
}

TEST_CASE("memory: write_bytes maps and fills", "[memory]") {
  Memory m;
  const std::vector<uint8_t> bytes = {1, 2, 3, 4, 5};
  m.write_bytes(0x5ffe, bytes);
  CHECK(m.load(0x5ffe, 2) == 0x0201u);
  CHECK(m.load(0x6000, 2) == 0x0403u);
  CHECK(m.load_byte(0x6002) == 5);
  CHECK(m.load_byte(0x6003) == 0);
}
