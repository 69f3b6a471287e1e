#include "sim/load/user_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

#include "isa/error.hpp"

namespace pipesim {
namespace {

// What a file that cannot be read as one is, for "not a regular file (a character device)".
const char* kind_of(mode_t mode) {
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISFIFO(mode)) return "a FIFO";
  return "not a file";
}

[[noreturn]] void cannot_read(const std::string& path, const std::string& why) {
  throw Error(fmt::format("cannot read '{}': {}", path, why));
}

// Refuses what is not read as a file: a directory, a device (/dev/zero and /dev/urandom never
// end; a tape or a terminal should not be opened at all), a socket. A pipe is read where
// the kind allows it.
void check_type(const std::string& path, mode_t mode, const UserFileKind& kind) {
  if (S_ISDIR(mode)) cannot_read(path, std::strerror(EISDIR));
  if (!S_ISREG(mode) && !(S_ISFIFO(mode) && kind.pipe_ok))
    cannot_read(path, fmt::format("not a regular file ({})", kind_of(mode)));
}

[[noreturn]] void too_large(const std::string& path, const UserFileKind& kind) {
  cannot_read(path, fmt::format("too large for {} (limit {} MiB)", kind.what, kind.limit >> 20));
}

class Fd {
 public:
  explicit Fd(int fd) : fd_(fd) {}
  ~Fd() {
    if (fd_ >= 0) ::close(fd_);
  }
  Fd(const Fd&) = delete;
  Fd& operator=(const Fd&) = delete;
  int get() const { return fd_; }
  int release() { return std::exchange(fd_, -1); }

 private:
  int fd_;
};

// Opens `path` for reading as a `kind` file; `st` is what was opened. `limit`: refuse a
// regular file larger than kind.limit.
int open_checked(const std::string& path, const UserFileKind& kind, struct stat& st, bool limit) {
  // Look before opening: opening a device can itself have effects (a terminal, a tape).
  if (::stat(path.c_str(), &st) != 0)
    throw Error(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  check_type(path, st.st_mode, kind);
  if (limit && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) > kind.limit)
    too_large(path, kind);
  Fd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY));
  if (fd.get() < 0) throw Error(fmt::format("cannot open '{}': {}", path, std::strerror(errno)));
  // The name may have been replaced between stat and open: judge what was opened.
  if (::fstat(fd.get(), &st) != 0) cannot_read(path, std::strerror(errno));
  check_type(path, st.st_mode, kind);
  return fd.release();
}

template <class Buffer>
Buffer read_capped(const std::string& path, const UserFileKind& kind) {
  struct stat st {};
  const Fd fd(open_checked(path, kind, st, true));

  Buffer out;
  if (S_ISREG(st.st_mode)) out.reserve(std::min(static_cast<std::size_t>(st.st_size), kind.limit));
  // A pipe has no size, and a regular file may grow while it is read: the limit is checked as
  // the bytes arrive, so nothing beyond limit + one chunk is ever held.
  char chunk[1 << 16];
  while (true) {
    const ssize_t n = ::read(fd.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) cannot_read(path, std::strerror(errno));
    if (n == 0) break;
    if (out.size() + static_cast<std::size_t>(n) > kind.limit) too_large(path, kind);
    out.insert(out.end(), chunk, chunk + n);
  }
  return out;
}

}  // namespace

std::string read_user_file(const std::string& path, const UserFileKind& kind) {
  return read_capped<std::string>(path, kind);
}

std::vector<uint8_t> read_user_bytes(const std::string& path, const UserFileKind& kind) {
  return read_capped<std::vector<uint8_t>>(path, kind);
}

UserFileStream::UserFileStream(const std::string& path, const UserFileKind& kind) : path_(path) {
  if (path == "-") {
    fd_ = STDIN_FILENO;
    return;
  }
  struct stat st {};
  fd_ = open_checked(path, kind, st, false);
  owned_ = true;
}

UserFileStream::~UserFileStream() {
  if (owned_) ::close(fd_);
}

std::size_t UserFileStream::read(char* to, std::size_t max) {
  for (;;) {
    const ssize_t n = ::read(fd_, to, max);
    if (n >= 0) return static_cast<std::size_t>(n);
    if (errno != EINTR) cannot_read(path_, std::strerror(errno));
  }
}

}  // namespace pipesim
