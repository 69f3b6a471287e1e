// Streaming output files: temporary file + rename, like write_output (output_file.cpp).
#include "sim/cli/stream_output.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "isa/error.hpp"
#include "sim/cli/output_file.hpp"

namespace pipesim::cli {
namespace {

Error write_error(const std::string& path, int err) {
  return Error(fmt::format("cannot write '{}': {}", path, std::strerror(err)));
}

}  // namespace

StreamOutput::StreamOutput(std::string path) : path_(std::move(path)) {
  if (path_ == "-") {
    fd_ = STDOUT_FILENO;
    return;
  }
  struct stat st;
  if (::stat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    if (S_ISDIR(st.st_mode)) throw write_error(path_, EISDIR);
    fd_ = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd_ < 0) throw write_error(path_, errno);
    return;
  }
  namespace fs = std::filesystem;
  const fs::path target(path_);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  temp_ = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  fd_ = ::mkstemp(temp_.data());
  if (fd_ < 0) throw write_error(path_, errno);
  slot_ = register_partial_output(temp_);
}

StreamOutput::~StreamOutput() {
  if (!committed_) discard();
}

void StreamOutput::discard() {
  if (fd_ >= 0 && fd_ != STDOUT_FILENO) ::close(fd_);
  fd_ = -1;
  if (!temp_.empty()) std::remove(temp_.c_str());
  unregister_partial_output(slot_);
  slot_ = -1;
}

void StreamOutput::write(std::string_view bytes) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd_, bytes.data() + done, bytes.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      throw write_error(path_, errno);
    }
    done += static_cast<std::size_t>(n);
  }
}

void StreamOutput::commit() {
  if (fd_ == STDOUT_FILENO || temp_.empty()) {
    if (fd_ != STDOUT_FILENO && ::close(fd_) != 0) {
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
  const int closed = ::close(fd_);
  fd_ = -1;
  if (closed != 0 || std::rename(temp_.c_str(), path_.c_str()) != 0) {
    const int err = errno;
    throw write_error(path_, err);  // the destructor removes the temporary file
  }
  unregister_partial_output(slot_);
  slot_ = -1;
  committed_ = true;
}

}  // namespace pipesim::cli
