// A growable character buffer for the trace writers. fmt::memory_buffer appends through a
// generic, element-by-element path (half the time of a JSONL trace went there); this one copies
// each piece with one memcpy after a single capacity check. The writers' hot paths go further and
// write through a TextCursor (sim/report/trace_text_out.hpp), straight into reserved room.
#pragma once

#include <cstddef>
#include <cstring>
#include <memory>
#include <string_view>

namespace pipesim::report {

class TextBuffer {
 public:
  TextBuffer() : data_(new char[kInitial]), cap_(kInitial) {}
  TextBuffer(const TextBuffer&) = delete;
  TextBuffer& operator=(const TextBuffer&) = delete;

  void append(const char* begin, const char* end) {
    const std::size_t n = static_cast<std::size_t>(end - begin);
    if (size_ + n > cap_) grow(n);
    std::memcpy(data_.get() + size_, begin, n);
    size_ += n;
  }
  void push_back(char c) {
    if (size_ == cap_) grow(1);
    data_[size_++] = c;
  }
  const char* data() const { return data_.get(); }
  std::size_t size() const { return size_; }
  void clear() { size_ = 0; }
  std::string_view view() const { return {data_.get(), size_}; }

  // Raw access for TextCursor: room for `n` more bytes (the buffer grows if needed), where they
  // start, where the room ends; set_end() then says how far the bytes written reach.
  char* reserve(std::size_t n) {
    if (size_ + n > cap_) grow(n);
    return data_.get() + size_;
  }
  char* room_end() { return data_.get() + cap_; }
  void set_end(const char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }

 private:
  static constexpr std::size_t kInitial = 4096;
  void grow(std::size_t extra) {
    std::size_t cap = cap_ * 2;
    while (cap < size_ + extra) cap *= 2;
    std::unique_ptr<char[]> d(new char[cap]);
    std::memcpy(d.get(), data_.get(), size_);
    data_ = std::move(d);
    cap_ = cap;
  }
  std::unique_ptr<char[]> data_;
  std::size_t cap_;
  std::size_t size_ = 0;
};

}  // namespace pipesim::report
