// InFlight (sim/report/in_flight.hpp), the writers' per-instruction state: entries found by
// sequence number (through the hint table or the search behind it, also when 64 and more are
// in use at once), created in the first free slot, visited by for_each in slot order (the Kanata
// and Chrome output depend on that order). Expected slots are worked out by hand.
#include <catch2/catch.hpp>
#include <cstdint>
#include <vector>

#include "sim/report/in_flight.hpp"

using pipesim::report::InFlight;

namespace {

struct Value {
  int n = 0;
  void reset() { n = 0; }
};

std::vector<uint64_t> order(InFlight<Value>& f) {
  std::vector<uint64_t> seqs;
  f.for_each([&](uint64_t seq, Value&) { seqs.push_back(seq); });
  return seqs;
}

}  // namespace

TEST_CASE("in flight: entries, their slots and their reuse", "[report][trace]") {
  InFlight<Value> f;
  f.at(10).n = 1;
  f.at(11).n = 2;
  f.at(12).n = 3;
  CHECK(f.capacity() == 3);
  REQUIRE(f.find(11) != nullptr);
  CHECK(f.find(11)->n == 2);
  CHECK(f.find(13) == nullptr);
  CHECK(f.find(9) == nullptr);
  f.erase(11);
  CHECK(f.find(11) == nullptr);
  // 20 takes 11's slot (the first free one), in a fresh state; 21 a new one.
  CHECK(f.at(20).n == 0);
  f.at(21).n = 5;
  CHECK(order(f) == std::vector<uint64_t>{10, 20, 12, 21});
  CHECK(f.capacity() == 4);
  // An older instruction first seen now (not newer than all): created too.
  f.erase(10);
  f.at(5).n = 7;
  CHECK(order(f) == std::vector<uint64_t>{5, 20, 12, 21});
  CHECK(f.at(5).n == 7);  // found again, not recreated
}

TEST_CASE("in flight: past 64 entries and sharing hint slots", "[report][trace]") {
  InFlight<Value> f;
  // 100 entries whose sequence numbers share hint slots (every 64th): all found.
  for (uint64_t i = 0; i < 100; ++i) f.at(i * 64).n = static_cast<int>(i) + 1;
  CHECK(f.capacity() == 100);
  for (uint64_t i = 0; i < 100; ++i) {
    INFO(i);
    REQUIRE(f.find(i * 64) != nullptr);
    CHECK(f.find(i * 64)->n == static_cast<int>(i) + 1);
  }
  // Free slot 70 and slot 3: a new entry takes 3 (the first free), the next 70.
  f.erase(70 * 64);
  f.erase(3 * 64);
  f.at(100000);
  f.at(100001);
  std::vector<uint64_t> seqs = order(f);
  REQUIRE(seqs.size() == 100);
  CHECK(seqs[3] == 100000);
  CHECK(seqs[70] == 100001);
  CHECK(f.capacity() == 100);
  CHECK(f.find(70 * 64) == nullptr);
}
