// The x87 80-bit extended format of gas's '.dc.x', encoded from the directive's decimal text
// without the host's long double (only x86's is this format; WebAssembly's and AArch64's are
// not, and rounding through a double would lose 11 bits of every inexact value such as 0.1).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace pipesim::assembler {

// The 10 bytes, little endian (64-bit significand with its explicit integer bit, then sign and
// 15-bit exponent), of the extended value nearest the decimal number `text`: an optional sign,
// digits with an optional point, an optional exponent ("-12.5e-3"), or inf, infinity, nan with an
// optional '-'. Rounds to nearest, ties to even, as strtold does; too large is infinity, too small
// to round up to the least subnormal is zero; nan is the default quiet NaN. nullopt when `text`
// is not such a number.
std::optional<std::array<uint8_t, 10>> x87_extended_bytes(std::string_view text);

}  // namespace pipesim::assembler
