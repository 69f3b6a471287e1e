// Fast text appenders the trace writers share: integers, hex and JSON strings written straight
// into a TextBuffer (no temporary strings per record, no locale).
#pragma once

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

#include "sim/report/text_buffer.hpp"

namespace pipesim::report {

inline void put(TextBuffer& b, std::string_view s) {
  b.append(s.data(), s.data() + s.size());
}
inline void put(TextBuffer& b, char c) {
  b.push_back(c);
}
inline void put_u64(TextBuffer& b, uint64_t v) {
  const fmt::format_int f(v);
  b.append(f.data(), f.data() + f.size());
}
// "0x0001000c": eight hex digits (without "0x" when `prefix` is false).
void put_hex32(TextBuffer& b, uint32_t v, bool prefix = true);
// A JSON string literal, quoted and escaped; each ill-formed UTF-8 sequence becomes U+FFFD.
void put_json_string(TextBuffer& b, std::string_view s);

}  // namespace pipesim::report
