// The guest's window on the host: the bytes a program writes with ecall. The model hands them
// to a HostIo and never prints itself; the command line decides where they go.
#pragma once

#include <string>
#include <string_view>

namespace pipesim {

class HostIo {
 public:
  virtual ~HostIo() = default;
  virtual void write(int fd, std::string_view bytes) = 0;  // fd 1 (stdout) or 2 (stderr)
};

// Keeps everything in memory; for tests and for JSON output.
class CapturedIo : public HostIo {
 public:
  void write(int fd, std::string_view bytes) override { (fd == 2 ? err : out).append(bytes); }
  std::string out, err;
};

}  // namespace pipesim
