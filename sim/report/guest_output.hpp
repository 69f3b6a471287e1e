// What a run's guest writes, as the result document (result_json.hpp) keeps it: the first
// kResultStdoutMax bytes of stdout, and a count of all of it. Each write is also passed on to an
// echo (the command line's terminal) when there is one; the playground has none.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sim/machine/host_io.hpp"
#include "sim/report/result_json.hpp"

namespace pipesim {

class GuestOutput : public HostIo {
 public:
  explicit GuestOutput(HostIo* echo = nullptr) : echo_(echo) {}
  void write(int fd, std::string_view bytes) override;
  // Moves what was kept into `s` (guest_stdout, guest_stdout_bytes).
  void hand_over(RunSummary& s);

 private:
  std::string captured_;
  uint64_t stdout_bytes_ = 0;
  HostIo* echo_;
};

}  // namespace pipesim
