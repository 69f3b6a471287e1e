// '.dc.x' encoding without long double (isa/asm/x87_extended.hpp). The expected bytes of the
// first table are GNU as's (binutils 2.40: `riscv64-unknown-elf-as` on `.dc.x VALUE`, bytes read
// with objcopy -O binary), for values where gas rounds correctly. Where it does not (exact ties,
// which it rounds up; subnormals, which it makes twice too large; overflow and inf/nan, which it
// refuses), the reference is glibc's strtold on an x86 host, whose long double is this format.
#include <catch2/catch.hpp>

#include <array>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <string>

#include "isa/asm/x87_extended.hpp"

namespace {

using pipesim::assembler::x87_extended_bytes;

std::string hex(const std::array<uint8_t, 10>& bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string s;
  for (uint8_t b : bytes) {
    s += digits[b >> 4];
    s += digits[b & 15];
  }
  return s;
}

struct Row {
  const char* text;
  const char* bytes;  // little endian, as they sit in the section
};

const Row kFromGas[] = {
    {"0", "00000000000000000000"},
    {"-0", "00000000000000000080"},
    {"1", "0000000000000080ff3f"},
    {"1.5", "00000000000000c0ff3f"},
    {"-2.25", "000000000000009000c0"},
    {"2.5e-1", "0000000000000080fd3f"},
    {"0.1", "cdccccccccccccccfb3f"},
    {"0.3", "9a99999999999999fd3f"},
    {"0.000001", "b6696caf05bd3786eb3f"},
    {"1e-10", "bfd5edbdcefee6dbdd3f"},
    {"1234.5678", "cf66d5e76a2b529a0940"},
    {"65504", "000000000000e0ff0e40"},
    {"6.02214076e23", "8cb928be522e0cff4d40"},
    {"3.14159265358979323846264338327950288", "35c26821a2da0fc90040"},
    {"123456789012345678901234567890", "77f0b961fb8774c75f40"},
    {"1.7976931348623157e308", "acf7fffffffffffffe43"},
    {"4.9e-324", "d9ce4f19fbb4e4fdcc3b"},
    {"18446744073709551615", "ffffffffffffffff3e40"},  // 2^64 - 1: all 64 bits
    {"9223372036854775809", "01000000000000803e40"},   // 2^63 + 1
    {"1e4932", "cdf67e5ca9b22cd7fe7f"},
    {"1.18973149535723176502e4932", "fffffffffffffffffe7f"},  // the largest finite value
    {"3.3621031431120935063e-4932", "00000000000000800100"},  // the least normal value
};

// Where gas is wrong (it prints the bytes on the right of each comment), strtold's bytes.
const Row kFromStrtold[] = {
    {"18446744073709551617", "00000000000000803f40"},  // 2^64 + 1, a tie: to even (gas: ...01)
    {"36893488147419103234", "00000000000000804040"},  // 2^65 + 2, a tie: to even (gas: ...01)
    {"36893488147419103238", "02000000000000804040"},  // 2^65 + 6, a tie: to even (as gas)
    // Subnormals: the significand counts 2^-16445; gas's are twice the value.
    {"1e-4940", "628e2763060000000000"},    // gas: c41c4fc60c...
    {"1e-4950", "03000000000000000000"},    // 2.74 of the least subnormal (gas: 05)
    {"1e-4951", "00000000000000000000"},    // 0.27 of it (gas: 01)
    {"1.9e-4951", "01000000000000000000"},  // 0.52 of it: rounds up
    {"1.8e-4951", "00000000000000000000"},  // 0.49 of it (gas: 01)
    {"3.6e-4951", "01000000000000000000"},  // (gas: 02)
    // 2^-16382 (1 - 2^-64), between the largest subnormal and the least normal: rounds to the
    // normal one (gas: exponent 1 without the integer bit, an "unnormal").
    {"3.36210314311209350626e-4932", "00000000000000800100"},
    {"1.18973149535723176508e4932", "0000000000000080ff7f"},  // rounds past the largest: inf
    {"1e5000", "0000000000000080ff7f"},                       // gas: an error
    {"-1e5000", "0000000000000080ffff"},
    {"1e-5000", "00000000000000000000"},  // gas: an error
    {"inf", "0000000000000080ff7f"},      // gas: an internal error
    {"-infinity", "0000000000000080ffff"},
    {"nan", "00000000000000c0ff7f"},  // the default quiet NaN
    {"-nan", "00000000000000c0ffff"},
};

}  // namespace

TEST_CASE("x87 extended: the bytes GNU as gives for .dc.x", "[asm][x87]") {
  for (const Row& row : kFromGas) {
    INFO(row.text);
    const auto bytes = x87_extended_bytes(row.text);
    REQUIRE(bytes);
    CHECK(hex(*bytes) == row.bytes);
  }
}

TEST_CASE("x87 extended: ties, subnormal edges, overflow and specials as strtold", "[asm][x87]") {
  for (const Row& row : kFromStrtold) {
    INFO(row.text);
    const auto bytes = x87_extended_bytes(row.text);
    REQUIRE(bytes);
    CHECK(hex(*bytes) == row.bytes);
  }
}

TEST_CASE("x87 extended: the forms of a number, and what is not one", "[asm][x87]") {
  CHECK(hex(*x87_extended_bytes("+1.")) == "0000000000000080ff3f");
  CHECK(hex(*x87_extended_bytes(".5")) == "0000000000000080fe3f");
  CHECK(hex(*x87_extended_bytes("15E-1")) == "00000000000000c0ff3f");
  CHECK(hex(*x87_extended_bytes("000.000")) == "00000000000000000000");
  CHECK(hex(*x87_extended_bytes("1e999999999999999999999")) == "0000000000000080ff7f");
  for (const char* bad : {"", "-", ".", "e5", "1e", "1e+", "1.2.3", "--1", "1e5e5", "0x10", "1f"}) {
    INFO(bad);
    CHECK_FALSE(x87_extended_bytes(bad));
  }
}

// On an x86 host the native long double is the same format: many values, the same bytes.
TEST_CASE("x87 extended: the same bytes as the host's strtold (x86 only)", "[asm][x87]") {
  if constexpr (std::numeric_limits<long double>::digits != 64) {
    SUCCEED("the host's long double is not x87's extended format");
  } else {
    const char* mantissas[] = {"1",
                               "7",
                               "0.1",
                               "2.5",
                               "3.333333333333333333333333",
                               "9.999999999999999999999",
                               "1.00000000000000000000054210108624275",
                               "4.9406564584124654",
                               "123456789123456789123456789"};
    for (const char* m : mantissas) {
      for (int e = -4960; e <= 4940; e += 37) {
        const std::string text = std::string(m) + "e" + std::to_string(e);
        INFO(text);
        const long double x = std::strtold(text.c_str(), nullptr);
        std::array<uint8_t, 10> expected{};
        std::memcpy(expected.data(), &x, 10);
        const auto bytes = x87_extended_bytes(text);
        REQUIRE(bytes);
        CHECK(hex(*bytes) == hex(expected));
      }
    }
  }
}
