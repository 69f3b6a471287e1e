#include "sim/report/guest_output.hpp"

#include <utility>

namespace pipesim {

void GuestOutput::write(int fd, std::string_view bytes) {
  if (fd == 1) {
    captured_.append(bytes.substr(0, kResultStdoutMax - captured_.size()));
    stdout_bytes_ += bytes.size();
  }
  if (echo_) echo_->write(fd, bytes);
}

void GuestOutput::hand_over(RunSummary& s) {
  s.guest_stdout = std::move(captured_);
  s.guest_stdout_bytes = stdout_bytes_;
}

}  // namespace pipesim
