// UTF-8 well-formedness, for writing JSON: file names, guest output and --set values are bytes
// that pipesim does not control, and JSON text must be UTF-8.
#pragma once

#include <cstddef>
#include <string_view>

namespace pipesim {

// The sequence at the start of a non-empty `s`: a well-formed character (Unicode Table 3-7) of
// `length` bytes, or an ill-formed one whose `length` is its maximal subpart (at least 1), the
// bytes that Unicode's recommended practice replaces with a single U+FFFD.
struct Utf8Sequence {
  std::size_t length;
  bool valid;
};

inline Utf8Sequence utf8_sequence(std::string_view s) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char lead = byte(0);
  if (lead < 0x80) return {1, true};
  std::size_t trail;                   // how many continuation bytes follow the lead
  unsigned char lo = 0x80, hi = 0xBF;  // the range of the first of them
  if (lead >= 0xC2 && lead <= 0xDF) {
    trail = 1;
  } else if (lead >= 0xE0 && lead <= 0xEF) {
    trail = 2;
    if (lead == 0xE0) lo = 0xA0;  // no overlong forms
    if (lead == 0xED) hi = 0x9F;  // no surrogates
  } else if (lead >= 0xF0 && lead <= 0xF4) {
    trail = 3;
    if (lead == 0xF0) lo = 0x90;  // no overlong forms
    if (lead == 0xF4) hi = 0x8F;  // nothing beyond U+10FFFF
  } else {
    return {1, false};  // a continuation byte, C0, C1 or F5..FF
  }
  for (std::size_t k = 1; k <= trail; ++k) {
    if (k >= s.size() || byte(k) < (k == 1 ? lo : 0x80) || byte(k) > (k == 1 ? hi : 0xBF))
      return {k, false};
  }
  return {trail + 1, true};
}

}  // namespace pipesim
