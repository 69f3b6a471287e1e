// Guest output the timing model holds back until its run is known to be exact.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sim/machine/host_io.hpp"

namespace pipesim {

// Guest output held back until the run is known to be exact (docs/timing-model.md). Only up to
// kHeldOutputMax bytes: a run that writes more declines, and the cycle model, which writes as
// instructions commit, runs it instead (guest output must not be held in memory whole).
class HeldIo : public HostIo {
 public:
  static constexpr std::size_t kHeldOutputMax = 1u << 20;
  void write(int fd, std::string_view bytes) override {
    if (bytes_.size() + bytes.size() > kHeldOutputMax) {
      overflowed_ = true;
      return;
    }
    if (runs_.empty() || runs_.back().first != fd) runs_.emplace_back(fd, 0);
    runs_.back().second += bytes.size();
    bytes_.append(bytes);
  }
  bool overflowed() const { return overflowed_; }
  // Hands what was held to `io`, in the order it was written.
  void release(HostIo& io) const {
    std::size_t at = 0;
    for (const auto& [fd, size] : runs_) {
      io.write(fd, std::string_view(bytes_).substr(at, size));
      at += size;
    }
  }

 private:
  std::string bytes_;
  std::vector<std::pair<int, std::size_t>> runs_;  // (fd, bytes) of consecutive writes
  bool overflowed_ = false;
};

}  // namespace pipesim
