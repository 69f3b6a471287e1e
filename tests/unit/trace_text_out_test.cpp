// The trace writers' text primitives (sim/report/trace_text_out.hpp): numbers at every length
// and on both sides of the 32-bit path, the number cache when two values share an entry,
// pre-made text on both sides of its 16-byte blocks, and a cursor that outgrows its buffer.
// Expected texts are written out by hand (or by std::to_string, an independent conversion).
#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "sim/report/trace_text_out.hpp"

using namespace pipesim::report;

namespace {

std::string written(void (*write)(TextCursor&)) {
  TextBuffer b;
  {
    TextCursor c(b);
    write(c);
  }
  return std::string(b.view());
}

const std::vector<uint64_t> kNumbers = {0,
                                        9,
                                        10,
                                        99,
                                        100,
                                        999,
                                        1000,
                                        12345678,
                                        99999999,
                                        100000000,
                                        4294967295u,  // the last on the 32-bit path
                                        4294967296u,  // the first on the 64-bit path
                                        10000000000000000000u,
                                        18446744073709551615u};  // 20 digits

}  // namespace

TEST_CASE("trace text: numbers, direct and through the cache", "[report][trace_text]") {
  for (uint64_t v : kNumbers) {
    INFO(v);
    TextBuffer b;
    NumberCache cache;
    {
      TextCursor c(b);
      c.put_u64(v);
      c.put(',');
      c.put_u64(v, cache);  // converted into the cache
      c.put(',');
      c.put_u64(v, cache);  // copied from it
    }
    const std::string s = std::to_string(v);
    CHECK(std::string(b.view()) == s + "," + s + "," + s);
  }
  CHECK(written([](TextCursor& c) { c.put_u64(1234567); }) == "1234567");
  CHECK(written([](TextCursor& c) { c.put_hex32(0x1000c); }) == "0x0001000c");
  CHECK(written([](TextCursor& c) { c.put_hex32(0xdeadbeef, false); }) == "deadbeef");
}

TEST_CASE("trace text: values sharing a cache entry replace each other", "[report][trace_text]") {
  // 5, 69 and 133 fall on the same of the 64 entries (5 mod 64); 0 is written, never matched
  // by an empty entry.
  TextBuffer b;
  NumberCache cache;
  {
    TextCursor c(b);
    for (uint64_t v : {5u, 69u, 5u, 133u, 69u, 0u, 0u, 1u}) {
      c.put_u64(v, cache);
      c.put(' ');
    }
  }
  CHECK(std::string(b.view()) == "5 69 5 133 69 0 0 1 ");
}

TEST_CASE("trace text: snippets of every length around the block size", "[report][trace_text]") {
  for (std::size_t n : {0u, 1u, 15u, 16u, 17u, 31u, 32u, 33u, 100u}) {
    INFO(n);
    const std::string text(n, 'x');
    const Snippet s(text + "!");
    TextBuffer b;
    {
      TextCursor c(b);
      c.put('<');
      c.put(s);
      c.put('>');
      char* p = c.room(1 + s.padded_size());
      p = put_char(p, '[');
      c.set_end(put_snippet(p, s));
    }
    CHECK(std::string(b.view()) == "<" + text + "!>[" + text + "!");
  }
}

TEST_CASE("trace text: a cursor writes past its first room and the buffer keeps it all",
          "[report][trace_text]") {
  TextBuffer b;
  const Snippet word("abcdefghijklmnopqrstu");  // 21 bytes, two blocks
  std::string expected;
  {
    TextCursor c(b);
    for (uint64_t i = 0; i < 20000; ++i) {  // about 600 KB: the buffer grows several times
      c.put(word);
      c.put_u64(i);
      c.put("\n");
      expected += "abcdefghijklmnopqrstu" + std::to_string(i) + "\n";
    }
  }
  CHECK(b.size() == expected.size());
  CHECK(std::string(b.view()) == expected);
}

TEST_CASE("trace text: numbers counted up from their predecessor", "[report][trace_text]") {
  // The cache makes v from v - 1's text when that is cached: across every carry, checked
  // against std::to_string. Between runs a value that is not a successor is converted.
  for (uint64_t start : {0u, 7u, 95u, 995u, 99995u, 4294967290u}) {
    INFO(start);
    TextBuffer b;
    NumberCache cache;
    std::string expected;
    {
      TextCursor c(b);
      for (uint64_t v = start; v < start + 12; ++v) {
        c.put_u64(v, cache);
        c.put(' ');
        expected += std::to_string(v) + " ";
      }
    }
    CHECK(std::string(b.view()) == expected);
  }
  TextBuffer b;
  NumberCache cache;
  {
    TextCursor c(b);
    // 9999999999999999999 + 1 gains its 20th digit.
    for (uint64_t v :
         std::vector<uint64_t>{9999999999999999999u, 10000000000000000000u, 64, 65, 129, 66}) {
      c.put_u64(v, cache);
      c.put(' ');
    }
  }
  CHECK(std::string(b.view()) == "9999999999999999999 10000000000000000000 64 65 129 66 ");
}

TEST_CASE("trace text: a decimal counter and short texts", "[report][trace_text]") {
  DecimalCounter n;
  for (uint64_t v = 0; v < 1205; ++v) {
    REQUIRE(n.value() == v);
    REQUIRE(std::string(n.text(), n.size()) == std::to_string(v));
    n.increment();
  }
  n.go_to(1206);  // the next: counted up
  CHECK(std::string(n.text(), n.size()) == "1206");
  n.go_to(5);  // any other: converted
  CHECK(std::string(n.text(), n.size()) == "5");
  n.go_to(5);
  CHECK(std::string(n.text(), n.size()) == "5");
  n.set(99999);
  n.increment();
  CHECK(std::string(n.text(), n.size()) == "100000");

  const ShortText key(",\"MEM\":");
  CHECK(ShortText::fits(",\"0123456789ab\":"));  // 16 bytes
  CHECK_FALSE(ShortText::fits(",\"0123456789abc\":"));
  char out[40] = {};
  char* p = key.put(out);
  p = ShortText("7").put(p);
  CHECK(std::string(out, p) == ",\"MEM\":7");
}
