// Decimal text to x87 80-bit extended (x87_extended.hpp), exactly: the decimal value is a ratio of
// two integers, num / den, and the 65 leading bits of its quotient plus "any remainder" decide the
// rounding. Big integers are a few hundred limbs at most for ordinary input (the exponent range
// is about 10^±4951), so plain schoolbook arithmetic is fast enough.
#include "isa/asm/x87_extended.hpp"

#include <algorithm>
#include <string>
#include <vector>

namespace pipesim::assembler {
namespace {

// Unsigned big integer, 32-bit limbs, least significant first, no leading zero limbs.
using Big = std::vector<uint32_t>;

void trim(Big& a) {
  while (!a.empty() && a.back() == 0) a.pop_back();
}

void multiply_add(Big& a, uint32_t factor, uint32_t addend) {
  uint64_t carry = addend;
  for (uint32_t& limb : a) {
    const uint64_t t = uint64_t{limb} * factor + carry;
    limb = static_cast<uint32_t>(t);
    carry = t >> 32;
  }
  if (carry != 0) a.push_back(static_cast<uint32_t>(carry));
}

// 10^n, 1 for n <= 0.
Big power_of_ten(int64_t n) {
  Big p{1};
  for (; n >= 9; n -= 9) multiply_add(p, 1000000000, 0);
  for (; n > 0; --n) multiply_add(p, 10, 0);
  return p;
}

int64_t bit_length(const Big& a) {
  if (a.empty()) return 0;
  int64_t bits = 32 * static_cast<int64_t>(a.size() - 1);
  for (uint32_t top = a.back(); top != 0; top >>= 1) ++bits;
  return bits;
}

Big shifted_left(const Big& a, int64_t bits) {
  if (a.empty()) return a;
  const auto limbs = static_cast<std::size_t>(bits / 32);
  const auto rest = static_cast<unsigned>(bits % 32);
  Big r(limbs, 0);
  uint32_t carry = 0;
  for (uint32_t limb : a) {
    r.push_back(rest == 0 ? limb : (limb << rest) | carry);
    carry = rest == 0 ? 0 : limb >> (32 - rest);
  }
  if (carry != 0) r.push_back(carry);
  return r;
}

int compare(const Big& a, const Big& b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  for (std::size_t i = a.size(); i-- > 0;)
    if (a[i] != b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

// a -= b, where a >= b.
void subtract(Big& a, const Big& b) {
  int64_t borrow = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    int64_t t = int64_t{a[i]} - borrow - (i < b.size() ? int64_t{b[i]} : 0);
    borrow = t < 0 ? 1 : 0;
    a[i] = static_cast<uint32_t>(t + (borrow << 32));
  }
  trim(a);
}

// The number's parts: its decimal digits (no leading zeros) and the power of ten they scale by.
struct Decimal {
  bool negative = false;
  std::string digits;
  int64_t exponent = 0;
};

// [+-] (digits [. digits*] | . digits) [(e|E) [+-] digits], as a whole; nullopt otherwise.
std::optional<Decimal> parse_decimal(std::string_view t) {
  Decimal d;
  std::size_t i = 0;
  if (i < t.size() && (t[i] == '+' || t[i] == '-')) d.negative = t[i++] == '-';
  const auto is_digit = [&](std::size_t k) { return k < t.size() && t[k] >= '0' && t[k] <= '9'; };
  bool any_digit = false;
  for (bool point = false;; ++i) {
    if (is_digit(i)) {
      any_digit = true;
      if (!d.digits.empty() || t[i] != '0') d.digits += t[i];
      if (point) --d.exponent;
    } else if (i < t.size() && t[i] == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any_digit) return std::nullopt;
  if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
    ++i;
    bool negative = false;
    if (i < t.size() && (t[i] == '+' || t[i] == '-')) negative = t[i++] == '-';
    if (!is_digit(i)) return std::nullopt;
    int64_t e = 0;
    // Saturated far beyond the format's range, where only the sign of the exponent matters.
    for (; is_digit(i); ++i) e = std::min<int64_t>(e * 10 + (t[i] - '0'), 1'000'000'000);
    d.exponent += negative ? -e : e;
  }
  if (i != t.size()) return std::nullopt;
  return d;
}

std::array<uint8_t, 10> encode(bool negative, unsigned biased_exponent, uint64_t significand) {
  std::array<uint8_t, 10> out{};
  for (int k = 0; k < 8; ++k) out[k] = static_cast<uint8_t>(significand >> (8 * k));
  const unsigned top = biased_exponent | (negative ? 0x8000u : 0u);
  out[8] = static_cast<uint8_t>(top);
  out[9] = static_cast<uint8_t>(top >> 8);
  return out;
}

constexpr unsigned kBias = 16383;
constexpr unsigned kInfiniteExponent = 0x7fff;
constexpr uint64_t kIntegerBit = uint64_t{1} << 63;
// The value is q * 2^-s with q of 65 bits (64 and a rounding bit); the least normal number,
// 2^-16382, has s = 16446, and a subnormal keeps that s (it has fewer bits).
constexpr int64_t kSubnormalShift = 16446;
// Digits kept. A halfway point between two extended values has at most about 11,520 significant
// digits, so past 12,000 only "something non-zero follows" matters: a last digit 0 becomes 1.
constexpr std::size_t kMaxDigits = 12000;

std::array<uint8_t, 10> round_decimal(Decimal d) {
  if (d.digits.empty()) return encode(d.negative, 0, 0);
  if (d.digits.size() > kMaxDigits) {
    d.exponent += static_cast<int64_t>(d.digits.size() - kMaxDigits);
    const bool sticky = d.digits.find_first_not_of('0', kMaxDigits) != std::string::npos;
    d.digits.resize(kMaxDigits);
    if (sticky) d.digits.back() = d.digits.back() == '0' ? '1' : d.digits.back();
  }
  // Outside 10^-4952 .. 10^4933 the answer is zero or infinity without arithmetic.
  const int64_t magnitude = static_cast<int64_t>(d.digits.size()) + d.exponent;
  if (magnitude > 4934) return encode(d.negative, kInfiniteExponent, kIntegerBit);
  if (magnitude < -4952) return encode(d.negative, 0, 0);
  // num / den is the value (without its sign).
  Big num;
  for (char c : d.digits) multiply_add(num, 10, static_cast<uint32_t>(c - '0'));
  for (int64_t n = d.exponent; n > 0; --n) multiply_add(num, 10, 0);
  const Big den = power_of_ten(-d.exponent);
  // s such that 2^64 <= num * 2^s / den < 2^65, or the subnormal shift if less.
  int64_t s = 64 - (bit_length(num) - bit_length(den));
  const auto scaled = [&](int64_t shift, Big& a, Big& b) {
    a = shift > 0 ? shifted_left(num, shift) : num;
    b = shift < 0 ? shifted_left(den, -shift) : den;
  };
  Big a, b;
  scaled(s, a, b);
  if (compare(a, shifted_left(b, 64)) < 0) ++s;
  s = std::min(s, kSubnormalShift);
  scaled(s, a, b);
  // q = a / b by long division, bit 64 down to 0; a keeps the remainder.
  uint64_t q = 0;
  bool q64 = false;
  for (int bit = 64; bit >= 0; --bit) {
    const Big part = shifted_left(b, bit);
    if (compare(a, part) < 0) continue;
    subtract(a, part);
    if (bit == 64)
      q64 = true;
    else
      q |= uint64_t{1} << bit;
  }
  uint64_t significand = (q64 ? kIntegerBit : 0) | (q >> 1);
  const bool round_bit = (q & 1) != 0;
  const bool sticky = !a.empty();
  if (round_bit && (sticky || (significand & 1) != 0)) {
    ++significand;
    if (significand == 0) {  // carried out of 64 bits: 2^64 * 2^-s is 2^63 * 2^-(s-1)
      significand = kIntegerBit;
      --s;
    }
  }
  if (significand == 0) return encode(d.negative, 0, 0);
  // A subnormal (no integer bit) has exponent field 0; one that rounded up to 2^63 is normal.
  const int64_t biased = (significand & kIntegerBit) ? 64 - s + kBias : 0;
  if (biased >= kInfiniteExponent) return encode(d.negative, kInfiniteExponent, kIntegerBit);
  return encode(d.negative, static_cast<unsigned>(biased), significand);
}

}  // namespace

std::optional<std::array<uint8_t, 10>> x87_extended_bytes(std::string_view text) {
  const bool negative = !text.empty() && text[0] == '-';
  const std::string_view name = negative ? text.substr(1) : text;
  if (name == "inf" || name == "infinity") return encode(negative, kInfiniteExponent, kIntegerBit);
  if (name == "nan") return encode(negative, kInfiniteExponent, kIntegerBit | (kIntegerBit >> 1));
  const auto d = parse_decimal(text);
  if (!d) return std::nullopt;
  return round_decimal(*d);
}

}  // namespace pipesim::assembler
