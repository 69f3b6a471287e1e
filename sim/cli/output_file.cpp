// Atomic output files: written to a temporary file in the same folder, renamed into place only
// when complete; and the check that pipesim never writes over one of its inputs.
#include "sim/cli/output_file.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>

#include "isa/error.hpp"
#include "sim/cli/command.hpp"

namespace pipesim::cli {
namespace {

// Registered temporary files: a path buffer per slot, published by `used` (release/acquire) so
// a signal handler only reads complete paths.
struct PartialSlot {
  std::atomic<bool> used{false};
  std::array<char, 4096> path{};
};
std::array<PartialSlot, 8> g_partial;

std::string describe_errno(const std::string& path, int err) {
  return fmt::format("cannot write '{}': {}", path, std::strerror(err));
}

// An unnamed file in `dir` (O_TMPFILE), or -1 if the file system (or /proc, needed to name it
// later) does not allow it.
int open_unnamed(const std::filesystem::path& dir) {
  static const bool have_proc = ::access("/proc/self/fd", X_OK) == 0;
  if (!have_proc) return -1;
  return ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
}

// Gives the unnamed file `fd` a fresh name from `tmpl` (its XXXXXX replaced); false with errno.
bool link_unnamed(int fd, std::string& tmpl) {
  const std::string proc = "/proc/self/fd/" + std::to_string(fd);
  const std::string base = tmpl.substr(0, tmpl.size() - 6);
  for (unsigned attempt = 0; attempt < 100; ++attempt) {
    tmpl = fmt::format("{}{:06x}", base,
                       (static_cast<unsigned>(::getpid()) * 7919u + attempt) & 0xffffffu);
    if (::linkat(AT_FDCWD, proc.c_str(), AT_FDCWD, tmpl.c_str(), AT_SYMLINK_FOLLOW) == 0)
      return true;
    if (errno != EEXIST) return false;
  }
  return false;
}

}  // namespace

int register_partial_output(const std::string& temp_path) {
  for (std::size_t i = 0; i < g_partial.size(); ++i) {
    PartialSlot& s = g_partial[i];
    if (s.used.load(std::memory_order_acquire) || temp_path.size() >= s.path.size()) continue;
    std::memcpy(s.path.data(), temp_path.c_str(), temp_path.size() + 1);
    s.used.store(true, std::memory_order_release);
    return static_cast<int>(i);
  }
  return -1;
}

void unregister_partial_output(int slot) {
  if (slot >= 0) g_partial[static_cast<std::size_t>(slot)].used.store(false);
}

void remove_partial_output_from_signal_handler() {
  for (PartialSlot& s : g_partial)
    if (s.used.load(std::memory_order_acquire)) ::unlink(s.path.data());
}

void refuse_overwriting_inputs(const std::vector<NamedFile>& outputs,
                               const std::vector<NamedFile>& inputs) {
  for (const NamedFile& out : outputs) {
    struct stat o;
    if (out.path.empty() || out.path == "-" || ::stat(out.path.c_str(), &o) != 0) continue;
    for (const NamedFile& in : inputs) {
      struct stat i;
      if (in.path.empty() || ::stat(in.path.c_str(), &i) != 0) continue;
      if (o.st_dev == i.st_dev && o.st_ino == i.st_ino)
        throw Error(fmt::format("refusing to write {} to '{}': that file is the {} '{}'", out.role,
                                out.path, in.role, in.path));
    }
  }
}

void check_output_writable(const std::string& path) {
  if (path == "-") return;
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::error_code ec;
  if (fs::is_directory(target, ec))
    throw Error(fmt::format("cannot write '{}': it is a directory", path));
  if (!fs::is_directory(dir, ec))
    throw Error(fmt::format("cannot write '{}': no directory '{}'", path, dir.string()));
  if (::access(dir.c_str(), W_OK) != 0) throw Error(describe_errno(path, errno));
}

void write_output(const std::string& path, const std::string& content) {
  if (path == "-") {
    std::cout << content << std::flush;
    return;
  }
  namespace fs = std::filesystem;
  const fs::path target(path);
  const fs::path dir = target.has_parent_path() ? target.parent_path() : fs::path(".");
  std::string tmpl = (dir / ("." + target.filename().string() + ".tmp-XXXXXX")).string();
  // Preferably an unnamed file (O_TMPFILE), named only once complete: then even kill -9 in the
  // middle of writing leaves nothing behind. Else (a file system without it) a named one, which
  // a second Ctrl-C removes but kill -9 cannot.
  int fd = open_unnamed(dir);
  const bool unnamed = fd >= 0;
  if (!unnamed) fd = mkstemp(tmpl.data());
  if (fd < 0) throw Error(describe_errno(path, errno));
  int slot = unnamed ? -1 : register_partial_output(tmpl);
  auto fail = [&](int err) {
    ::close(fd);
    if (!unnamed) std::remove(tmpl.c_str());
    unregister_partial_output(slot);
    throw Error(describe_errno(path, err));
  };
  std::size_t done = 0;
  while (done < content.size()) {
    const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
    if (n < 0) {
      if (errno == EINTR) continue;
      fail(errno);
    }
    done += static_cast<std::size_t>(n);
  }
  // mkstemp creates the file 0600; give it the permissions a plain open() would.
  const mode_t mask = ::umask(0);
  ::umask(mask);
  ::fchmod(fd, 0666 & ~mask);
  // On disk before it replaces the old file, so a power cut cannot leave an empty file either.
  if (::fsync(fd) != 0 && errno != EINVAL) fail(errno);
  if (unnamed) {
    if (!link_unnamed(fd, tmpl)) fail(errno);
    slot = register_partial_output(tmpl);
  }
  if (::close(fd) != 0 || std::rename(tmpl.c_str(), path.c_str()) != 0) {
    const int err = errno;
    std::remove(tmpl.c_str());
    unregister_partial_output(slot);
    throw Error(describe_errno(path, err));
  }
  unregister_partial_output(slot);
}

}  // namespace pipesim::cli
