// The guest's window on the host: the bytes a program writes with ecall. The model hands them
// to a HostIo and never prints itself; the command line decides where they go.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace pipesim {

class HostIo {
 public:
  virtual ~HostIo() = default;
  virtual void write(int fd, std::string_view bytes) = 0;  // fd 1 (stdout) or 2 (stderr)
};

// Keeps everything in memory; for tests only: a guest may write gigabytes.
class CapturedIo : public HostIo {
 public:
  void write(int fd, std::string_view bytes) override { (fd == 2 ? err : out).append(bytes); }
  std::string out, err;
};

// Drops everything: for runs whose output no one reads (the classroom tools, sweep, compare's
// later machines).
class DiscardIo : public HostIo {
 public:
  void write(int, std::string_view) override {}
};

// Enough of the output to tell two runs' outputs apart without keeping them: per stream, the
// byte count, a running FNV-1a 64 hash, and the first kHead bytes (to say where they differ).
class DigestIo : public HostIo {
 public:
  static constexpr std::size_t kHead = 4096;
  struct Stream {
    uint64_t bytes = 0;
    uint64_t hash = 0xcbf29ce484222325ULL;  // FNV-1a 64 offset basis
    std::string head;                       // at most kHead bytes
    bool operator==(const Stream&) const = default;
  };
  void write(int fd, std::string_view bytes) override {
    Stream& s = fd == 2 ? err : out;
    s.bytes += bytes.size();
    for (const unsigned char c : bytes) {
      s.hash ^= c;
      s.hash *= 0x100000001b3ULL;
    }
    s.head.append(bytes.substr(0, kHead - std::min(kHead, s.head.size())));
  }
  Stream out, err;
};

}  // namespace pipesim
