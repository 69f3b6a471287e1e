// Where the trace writers put their bytes. sim/ never opens files itself: the command line hands
// the writers a ByteSink backed by a file (cli/stream_output.*), tests hand them a string.
#pragma once

#include <string>
#include <string_view>

#include "sim/report/text_buffer.hpp"

namespace pipesim::report {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // Appends bytes; throws pipesim::Error when they cannot be written.
  virtual void write(std::string_view bytes) = 0;
};

// Collects everything in memory (tests, small outputs).
class StringSink : public ByteSink {
 public:
  void write(std::string_view bytes) override { text.append(bytes); }
  std::string text;
};

// A writer's output buffer: text is formatted into `buf` and handed to the sink in large blocks,
// so a writer does one write per ~256 KiB however many small records it produces.
class BufferedOut {
 public:
  explicit BufferedOut(ByteSink& sink) : sink_(sink) {}
  BufferedOut(const BufferedOut&) = delete;
  BufferedOut& operator=(const BufferedOut&) = delete;

  static constexpr std::size_t kBlock = 256 * 1024;
  TextBuffer buf;
  void flush_if_full() {
    if (buf.size() >= kBlock) flush();
  }
  void flush() {
    if (buf.size() == 0) return;
    sink_.write(std::string_view(buf.data(), buf.size()));
    buf.clear();
  }

 private:
  ByteSink& sink_;
};

}  // namespace pipesim::report
