// Fast text appenders the trace writers share: integers, hex and JSON strings written straight
// into a TextBuffer (no temporary strings per record, no locale).
//
// The hot paths (one record per cycle and per instruction) write through a TextCursor: a pointer
// into room reserved in the buffer, so a piece is a capacity compare and a copy the compiler
// inlines (a literal's size is known; a Snippet is copied in fixed 16-byte blocks), never a call
// into the C library for a few bytes. Text that is the same every time (a key, a quoted stage
// name, an instruction's pc and disassembly) is made once as a Snippet.
#pragma once

#include <algorithm>
#include <array>
#include <climits>
#include <cstdint>
#include <cstring>
#include <string>
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
// The same, as a string (to make a Snippet of).
std::string json_string(std::string_view s);

// Text made once and written many times, stored with room to spare so that it is copied in whole
// 16-byte blocks (the bytes past its end land in the cursor's slack and are overwritten next).
class Snippet {
 public:
  static constexpr std::size_t kBlock = 16;
  Snippet() = default;
  explicit Snippet(std::string_view s) : size_(s.size()), text_(padded(s.size()), '\0') {
    std::memcpy(text_.data(), s.data(), s.size());
  }
  std::size_t size() const { return size_; }
  std::size_t padded_size() const { return text_.size(); }
  const char* data() const { return text_.data(); }
  std::string_view view() const { return {text_.data(), size_}; }

 private:
  static std::size_t padded(std::size_t n) { return (n / kBlock + 1) * kBlock; }
  std::size_t size_ = 0;
  std::string text_ = std::string(kBlock, '\0');
};

// Text of at most 16 bytes (a key such as `,"MEM":`, a quoted cause), copied as one fixed block:
// cheaper than a Snippet where the pieces are small and many.
struct ShortText {
  static constexpr std::size_t kRoom = 16;
  char text[kRoom] = {};
  uint32_t size = 0;
  // Whether `s` fits; if not, the caller writes it another way.
  static bool fits(std::string_view s) { return s.size() <= kRoom; }
  explicit ShortText(std::string_view s = {})
      : size(static_cast<uint32_t>(std::min(s.size(), kRoom))) {
    if (size != 0) std::memcpy(text, s.data(), size);  // (an empty view's data() may be null)
  }
  char* put(char* p) const {
    std::memcpy(p, text, kRoom);
    return p + size;
  }
};

// Numbers written recently, with their decimal text, by value (direct-mapped on the low bits): a
// trace writes each cycle number and sequence number many times within a few cycles (a cycle's
// number, then each instruction's entry into each stage), so most numbers are copied, not
// converted again.
class NumberCache {
 public:
  struct Entry {
    uint64_t value;
    uint32_t size = 0;
    char text[20] = {};
  };
  NumberCache() {
    // Each empty entry holds a value that maps elsewhere, so it never matches.
    for (std::size_t i = 0; i < entries_.size(); ++i) entries_[i].value = i + 1;
  }
  // The entry of v, converted first if it is not the one cached (out of line: the common case
  // stays small enough to inline).
  const Entry& text_of(uint64_t v) {
    Entry& e = entries_[v % entries_.size()];
    if (e.value != v) [[unlikely]]
      fill(e, v);
    return e;
  }

 private:
  void fill(Entry& e, uint64_t v);
  std::array<Entry, 256> entries_;
};

// A counter kept with its decimal text, which counting up changes in place (a carry at most
// touches the digits that roll over): for numbers a writer makes one after another (the Kanata
// file ids, its retire order), each of which would otherwise be converted afresh.
class DecimalCounter {
 public:
  static constexpr std::size_t kRoom = 20;  // bytes text() may be copied as (digits, then slack)
  uint64_t value() const { return value_; }
  std::size_t size() const { return size_; }
  const char (&text() const)[kRoom] { return text_; }
  // Its text at p (room for kRoom bytes); returns the end of the digits.
  char* put(char* p) const {
    std::memcpy(p, text_, kRoom);
    return p + size_;
  }
  void set(uint64_t v) {
    const fmt::format_int f(v);
    value_ = v;
    size_ = static_cast<uint32_t>(f.size());
    std::memcpy(text_, f.data(), f.size());
  }
  // Becomes v: counting up when v is the next value (the common case), else converted.
  void go_to(uint64_t v) {
    if (v == value_ + 1)
      increment();
    else if (v != value_)
      set(v);
  }
  void increment() {
    ++value_;
    std::size_t i = size_;
    while (i > 0 && text_[i - 1] == '9') text_[--i] = '0';
    if (i > 0) {
      ++text_[i - 1];
      return;
    }
    std::memmove(text_ + 1, text_, size_++);  // 9...9 + 1: one digit more
    text_[0] = '1';
  }

 private:
  uint64_t value_ = 0;
  uint32_t size_ = 1;
  char text_[kRoom] = {'0'};
};

// Writes into a TextBuffer through a raw pointer; the bytes count once the cursor is destroyed.
// Nothing else may write to (or flush) the buffer while a cursor on it is alive.
class TextCursor {
 public:
  explicit TextCursor(TextBuffer& b) : b_(b), p_(b.reserve(kChunk)), end_(b.room_end()) {}
  ~TextCursor() { b_.set_end(p_); }
  TextCursor(const TextCursor&) = delete;
  TextCursor& operator=(const TextCursor&) = delete;

  template <std::size_t N>
  void put(const char (&literal)[N]) {
    need(N);
    std::memcpy(p_, literal, N - 1);
    p_ += N - 1;
  }
  void put(char c) {
    need(1);
    *p_++ = c;
  }
  [[gnu::always_inline]] void put(const Snippet& s) {
    need(s.padded_size());
    for (std::size_t i = 0; i < s.padded_size(); i += Snippet::kBlock)
      std::memcpy(p_ + i, s.data() + i, Snippet::kBlock);
    p_ += s.size();
  }
  void put(std::string_view s) {
    need(s.size());
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void put_u64(uint64_t v) {
    need(20);
    if (v < 100) {  // busy cycles, unit instances, small sequence numbers: no arithmetic
      if (v < 10) {
        *p_++ = static_cast<char>('0' + v);
      } else {
        std::memcpy(p_, kPairs + v * 2, 2);
        p_ += 2;
      }
      return;
    }
    if (v <= UINT32_MAX)  // cycles and sequence numbers of all but the longest runs
      p_ = put_digits(p_, static_cast<uint32_t>(v));
    else
      p_ = put_digits(p_, v);
  }
  // The same through `cache`.
  [[gnu::always_inline]] void put_u64(uint64_t v, NumberCache& cache) {
    const NumberCache::Entry& e = cache.text_of(v);
    need(sizeof e.text);
    std::memcpy(p_, e.text, sizeof e.text);
    p_ += e.size;
  }
  // For a run of pieces whose total size the caller knows: room for `n` bytes at the returned
  // pointer, written with the put_* functions below on it, then set_end() at the new end.
  char* room(std::size_t n) {
    need(n);
    return p_;
  }
  void set_end(char* p) { p_ = p; }
  // A cursor kept across many records (the JSONL writer's, one for the whole run): the bytes in
  // the buffer, those written through it included; commit() makes them count now (to hand the
  // buffer on), resume() takes room again after the buffer has been emptied.
  std::size_t size() const { return static_cast<std::size_t>(p_ - b_.data()); }
  void commit() { b_.set_end(p_); }
  void resume() {
    p_ = b_.reserve(kChunk);
    end_ = b_.room_end();
  }
  // Eight hex digits (with "0x" when `prefix`).
  void put_hex32(uint32_t v, bool prefix = true) {
    static constexpr char kHex[] = "0123456789abcdef";
    need(10);
    if (prefix) {
      p_[0] = '0';
      p_[1] = 'x';
      p_ += 2;
    }
    for (int i = 0; i < 8; ++i) p_[i] = kHex[(v >> (28 - 4 * i)) & 0xF];
    p_ += 8;
  }

 private:
  friend class NumberCache;
  static constexpr std::size_t kChunk = 4096;
  static constexpr char kPairs[] =
      "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
      "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
      "8081828384858687888990919293949596979899";
  // The decimal digits of v >= 10 at p, two at a time from the end; returns the end.
  template <class U>
  static char* put_digits(char* p, U v) {
    char* const end = p + decimal_digits(v);
    char* q = end;
    while (v >= 100) {
      const U rest = v / 100;
      std::memcpy(q -= 2, kPairs + (v - rest * 100) * 2, 2);
      v = rest;
    }
    if (v >= 10)
      std::memcpy(q - 2, kPairs + v * 2, 2);
    else
      q[-1] = static_cast<char>('0' + v);
    return end;
  }
  template <class U>
  static int decimal_digits(U v) {
    int n = 1;
    for (;;) {
      if (v < 10) return n;
      if (v < 100) return n + 1;
      if (v < 1000) return n + 2;
      if (v < 10000) return n + 3;
      v /= 10000;
      n += 4;
    }
  }
  [[gnu::always_inline]] void need(std::size_t n) {
    if (static_cast<std::size_t>(end_ - p_) < n) refill(n);
  }
  void refill(std::size_t n) {
    b_.set_end(p_);
    p_ = b_.reserve(std::max(n, kChunk));
    end_ = b_.room_end();
  }
  TextBuffer& b_;
  char* p_;
  char* end_;
};

// Unchecked pieces at a pointer into TextCursor::room(), each returning the new end; the sizes the
// room must allow for are each piece's bound: 1, a literal's size, 20 for a number, a Snippet's
// padded_size().
inline char* put_char(char* p, char c) {
  *p = c;
  return p + 1;
}
template <std::size_t N>
char* put_literal(char* p, const char (&literal)[N]) {
  std::memcpy(p, literal, N - 1);
  return p + N - 1;
}
inline char* put_snippet(char* p, const Snippet& s) {
  for (std::size_t i = 0; i < s.padded_size(); i += Snippet::kBlock)
    std::memcpy(p + i, s.data() + i, Snippet::kBlock);
  return p + s.size();
}
inline char* put_number(char* p, uint64_t v, NumberCache& cache) {
  const NumberCache::Entry& e = cache.text_of(v);
  std::memcpy(p, e.text, sizeof e.text);
  return p + e.size;
}
inline constexpr std::size_t kNumberRoom = 20;
// A number's text copied whole (`room` bytes, the digits first): the copy is of a fixed size.
template <std::size_t Room>
char* put_text(char* p, const char (&text)[Room], std::size_t size) {
  std::memcpy(p, text, Room);
  return p + size;
}

}  // namespace pipesim::report
