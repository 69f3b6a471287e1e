// Fast text appenders the trace writers share: integers, hex and JSON strings written straight
// into a fmt::memory_buffer (no temporary strings per record, no locale).
#pragma once

#include <cstdint>
#include <string_view>

#include <fmt/format.h>

namespace pipesim::report {

inline void put(fmt::memory_buffer& b, std::string_view s) {
  b.append(s.data(), s.data() + s.size());
}
inline void put(fmt::memory_buffer& b, char c) {
  b.push_back(c);
}
inline void put_u64(fmt::memory_buffer& b, uint64_t v) {
  const fmt::format_int f(v);
  b.append(f.data(), f.data() + f.size());
}
// "0x0001000c": eight hex digits.
void put_hex32(fmt::memory_buffer& b, uint32_t v);
// A JSON string literal, quoted and escaped.
void put_json_string(fmt::memory_buffer& b, std::string_view s);

}  // namespace pipesim::report
