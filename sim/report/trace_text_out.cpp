// Text appenders for the trace writers.
#include "sim/report/trace_text_out.hpp"

#include "sim/json/utf8.hpp"

namespace pipesim::report {

void put_hex32(TextBuffer& b, uint32_t v, bool prefix) {
  static constexpr char kDigits[] = "0123456789abcdef";
  char s[10] = {'0', 'x'};
  for (int i = 0; i < 8; ++i) s[2 + i] = kDigits[(v >> (28 - 4 * i)) & 0xF];
  b.append(prefix ? s : s + 2, s + 10);
}

void put_json_string(TextBuffer& b, std::string_view s) {
  static constexpr char kDigits[] = "0123456789abcdef";
  b.push_back('"');
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      b.push_back('\\');
      b.push_back(c);
    } else if (c == '\n') {
      put(b, "\\n");
    } else if (c == '\t') {
      put(b, "\\t");
    } else if (u < 0x20) {
      const char e[6] = {'\\', 'u', '0', '0', kDigits[u >> 4], kDigits[u & 0xF]};
      b.append(e, e + 6);
    } else if (u < 0x80) {
      b.push_back(c);
    } else {
      const Utf8Sequence seq = utf8_sequence(s.substr(i));
      if (seq.valid)
        b.append(s.data() + i, s.data() + i + seq.length);
      else
        put(b, "\xEF\xBF\xBD");  // U+FFFD: JSON must be UTF-8 (sim/json/utf8.hpp)
      i += seq.length - 1;
    }
  }
  b.push_back('"');
}

void NumberCache::fill(Entry& e, uint64_t v) {
  // Numbers come mostly in order (cycles, sequence numbers): when v - 1 is cached (in the slot
  // before), v's text is its text counted up by one, without a conversion.
  const Entry& before = entries_[(v - 1) % entries_.size()];
  if (before.value == v - 1 && v != 0) {
    e = before;
    e.value = v;
    uint32_t i = e.size;
    while (i > 0 && e.text[i - 1] == '9') e.text[--i] = '0';
    if (i > 0) {
      ++e.text[i - 1];
      return;
    }
    std::memmove(e.text + 1, e.text, e.size++);  // 9...9 + 1: one digit more
    e.text[0] = '1';
    return;
  }
  e.value = v;
  if (v < 10) {
    e.text[0] = static_cast<char>('0' + v);
    e.size = 1;
  } else {
    e.size = static_cast<uint32_t>(TextCursor::put_digits(e.text, v) - e.text);
  }
}

std::string json_string(std::string_view s) {
  TextBuffer b;
  put_json_string(b, s);
  return std::string(b.view());
}

}  // namespace pipesim::report
