// Output files, streamed (the trace writers) or written whole (write_output): temporary file +
// rename (output_file.cpp makes the temporary file), devices or FIFOs written in place.
#include "cli/stream_output.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "cli/run_control.hpp"
#include "isa/error.hpp"

namespace pipesim::cli {
namespace {

Error write_error(const std::string& path, int err) {
  return Error(cannot_write(path, err));
}

// /dev/null itself, by its device number rather than its name: another name for it (a link)
// counts, and a file that only happens to be called so does not.
bool is_dev_null(int fd) {
  struct stat st, null;
  return ::fstat(fd, &st) == 0 && S_ISCHR(st.st_mode) && ::stat("/dev/null", &null) == 0 &&
         S_ISCHR(null.st_mode) && st.st_rdev == null.st_rdev;
}

}  // namespace

void write_output(const std::string& path, const std::string& content) {
  if (path == "-" || standard_stream_named(path) == STDOUT_FILENO) {
    // Through std::cout, in order with everything else printed there.
    errno = 0;
    std::cout << content << std::flush;
    if (!std::cout) {
      const int err = standard_output_error();
      throw_standard_output_error(err != 0 ? err : errno != 0 ? errno : EIO);
    }
    return;
  }
  // A whole output is a stream written at once: one implementation of temporary file, rename
  // and clean-up for both.
  StreamOutput out(path);
  out.write(content);
  out.commit();
}

StreamOutput::StreamOutput(std::string path) : path_(std::move(path)) {
  const int stream = path_ == "-" ? STDOUT_FILENO : standard_stream_named(path_);
  if (stream >= 0) {
    // Written to the descriptor directly: what std::cout holds must come out first.
    std::cout.flush();
    fd_ = stream;
    borrowed_ = true;
    return;
  }
  fd_ = open_in_place(path_);
  if (fd_ >= 0) {
    dev_null_ = is_dev_null(fd_);
    return;
  }
  target_ = rename_target(path_);
  remove_stale_temporaries(target_);
  TempFile t = create_temp_for(target_, path_);
  fd_ = t.fd;
  unnamed_ = t.unnamed;
  temp_ = t.temp;
  if (!unnamed_) slot_ = register_partial_output(temp_);
}

StreamOutput::~StreamOutput() {
  if (!committed_) discard();
}

void StreamOutput::discard() {
  if (fd_ >= 0 && !borrowed_) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty() && !unnamed_) std::remove(temp_.c_str());
  unregister_partial_output(slot_);
  slot_ = -1;
}

void StreamOutput::write(std::string_view bytes) {
  // Written in place (a FIFO, a pipe on stdout, a device): write() may block for as long as the
  // reader does not read, so a signal must not wait for the run to poll its flag.
  std::optional<SignalEndsAtOnce> at_once;
  if (temp_.empty()) at_once.emplace();
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (fd_ == STDOUT_FILENO) throw_standard_output_error(errno);
      throw write_error(path_, errno);
    }
    done += static_cast<std::size_t>(n);
  }
}

bool StreamOutput::can_start_over() const {
  return fd_ >= 0 && !committed_ && (dev_null_ || !temp_.empty());
}

void StreamOutput::start_over() {
  if (!can_start_over()) throw std::logic_error("StreamOutput::start_over: " + path_);
  if (dev_null_) return;  // nothing was kept
  if (::ftruncate(fd_, 0) != 0 || ::lseek(fd_, 0, SEEK_SET) != 0) throw write_error(path_, errno);
}

void StreamOutput::commit() {
  if (borrowed_ || temp_.empty()) {
    if (!borrowed_ && ::close(fd_) != 0 && errno != EINTR) {
      const int err = errno;
      fd_ = -1;
      throw write_error(path_, err);
    }
    fd_ = -1;
    committed_ = true;
    return;
  }
  // mkstemp creates the file 0600; give it the permissions a plain open() would.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd_, 0666 & ~mask);
  if (::fsync(fd_) != 0 && errno != EINVAL) throw write_error(path_, errno);
  if (unnamed_) {
    TempFile t{fd_, true, temp_};
    if (!name_temp(t)) throw write_error(path_, errno);
    temp_ = t.temp;
    unnamed_ = false;  // named now: the destructor removes it if the rename fails
    slot_ = register_partial_output(temp_);
  }
  // Renamed while still open and locked (see create_temp_for), then closed.
  if (std::rename(temp_.c_str(), target_.c_str()) != 0)
    throw write_error(path_, errno);  // the destructor removes the temporary file
  unregister_partial_output(slot_);
  slot_ = -1;
  committed_ = true;
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0 && errno != EINTR) throw write_error(path_, errno);
}

}  // namespace pipesim::cli
