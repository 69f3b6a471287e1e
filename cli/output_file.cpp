// Output files: the temporary files that make regular files appear whole (a temporary file in
// the same folder, renamed into place only when complete; the writing is StreamOutput's), devices
// and FIFOs opened in place; and the checks that pipesim never writes over one of its inputs or
// writes one file twice.
#include "cli/output_file.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <string_view>

#include "cli/command.hpp"
#include "isa/error.hpp"
#include "sim/config/config_load.hpp"

namespace pipesim::cli {
namespace {

namespace fs = std::filesystem;

// Registered temporary files: a path buffer per slot, published by `used` (release/acquire) so
// a signal handler only reads complete paths.
struct PartialSlot {
  std::atomic<bool> used{false};
  std::array<char, 4096> path{};
};
std::array<PartialSlot, 8> g_partial;

// An unnamed file in `dir` (O_TMPFILE), or -1 if the file system (or /proc, needed to name it
// later) does not allow it.
int open_unnamed(const fs::path& dir) {
  static const bool have_proc = ::access("/proc/self/fd", X_OK) == 0;
  if (!have_proc) return -1;
  return ::open(dir.c_str(), O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
}

fs::path folder_of(const std::string& path) {
  const fs::path target(path);
  return target.has_parent_path() ? target.parent_path() : fs::path(".");
}

// ".NAME.tmp-" for `path`; the temporary files are that and six more characters.
std::string temp_prefix(const std::string& path) {
  return "." + fs::path(path).filename().string() + ".tmp-";
}

// The same file for two outputs: same device and inode (both exist), else the same path once
// symbolic links in its folders are resolved. Devices and FIFOs may be shared.
bool same_output_file(const std::string& a, const std::string& b) {
  struct stat sa, sb;
  const bool ea = ::stat(a.c_str(), &sa) == 0, eb = ::stat(b.c_str(), &sb) == 0;
  if (ea && eb) return S_ISREG(sa.st_mode) && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
  if (ea || eb) return false;
  std::error_code ec1, ec2;
  const fs::path na = fs::weakly_canonical(fs::absolute(a, ec1), ec1);
  const fs::path nb = fs::weakly_canonical(fs::absolute(b, ec2), ec2);
  if (ec1 || ec2) return fs::absolute(a).lexically_normal() == fs::absolute(b).lexically_normal();
  return na == nb;
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

std::string cannot_write(const std::string& path, int err) {
  return fmt::format("cannot write '{}': {}", path, std::strerror(err));
}

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

void check_outputs(const std::vector<NamedFile>& outputs, const std::vector<NamedFile>& inputs) {
  for (const NamedFile& out : outputs)
    if (!out.path.empty()) check_output_writable(out.path);
  for (std::size_t k = 0; k < outputs.size(); ++k) {
    const NamedFile& out = outputs[k];
    if (out.path.empty() || out.path == "-") continue;
    for (std::size_t e = 0; e < k; ++e) {
      const NamedFile& earlier = outputs[e];
      if (earlier.path.empty() || earlier.path == "-" || !same_output_file(earlier.path, out.path))
        continue;
      throw Error(earlier.path == out.path
                      ? fmt::format("refusing to write {} to '{}': {} writes that file too",
                                    out.role, out.path, earlier.role)
                      : fmt::format("refusing to write {} to '{}': {} writes that file too ('{}')",
                                    out.role, out.path, earlier.role, earlier.path));
    }
    struct stat o;
    if (::stat(out.path.c_str(), &o) != 0) continue;
    for (const NamedFile& in : inputs) {
      struct stat i;
      if (in.path.empty() || ::stat(in.path.c_str(), &i) != 0) continue;
      if (o.st_dev == i.st_dev && o.st_ino == i.st_ino)
        throw Error(fmt::format("refusing to write {} to '{}': that file is the {} '{}'", out.role,
                                out.path, in.role, in.path));
    }
  }
}

std::vector<NamedFile> config_inputs(const std::string& role, const std::string& name_or_path) {
  // The loader's own list, so that it is the files the loader will read and no others.
  std::vector<NamedFile> files;
  for (const std::string& path : config_files(name_or_path))
    files.push_back({files.empty() ? role : role + " (through extends)", path});
  return files;
}

int standard_stream_named(const std::string& path) {
  struct stat named;
  if (::stat(path.c_str(), &named) != 0 || !S_ISREG(named.st_mode)) return -1;
  for (const int fd : {STDOUT_FILENO, STDERR_FILENO}) {
    struct stat st;
    if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_dev == named.st_dev &&
        st.st_ino == named.st_ino)
      return fd;
  }
  return -1;
}

std::string rename_target(const std::string& path) {
  fs::path p(path);
  std::error_code ec;
  for (int hops = 0; fs::is_symlink(p, ec); ++hops) {
    // The system's own limit (ELOOP): a longer chain, or a loop, names no file to write.
    if (hops == 40) throw Error(cannot_write(path, ELOOP));
    const fs::path next = fs::read_symlink(p, ec);
    if (ec) break;
    p = next.is_absolute() ? next : folder_of(p.string()) / next;
  }
  return p.string();
}

void check_output_writable(const std::string& path) {
  if (path == "-" || standard_stream_named(path) >= 0) return;
  const fs::path target(path);
  const fs::path dir = folder_of(rename_target(path));
  std::error_code ec;
  if (fs::is_directory(target, ec))
    throw Error(fmt::format("cannot write '{}': it is a directory", path));
  struct stat st;
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode)) {
    // A device or FIFO is written in place (open_in_place), not replaced: its folder (/dev) need
    // not be writable, the file itself must be.
    if (::access(path.c_str(), W_OK) != 0) throw Error(cannot_write(path, errno));
    return;
  }
  if (!fs::is_directory(dir, ec))
    throw Error(fmt::format("cannot write '{}': no directory '{}'", path, dir.string()));
  if (::access(dir.c_str(), W_OK) != 0) throw Error(cannot_write(path, errno));
}

int open_in_place(const std::string& path) {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0 || S_ISREG(st.st_mode)) return -1;
  if (S_ISDIR(st.st_mode)) throw Error(cannot_write(path, EISDIR));
  // /dev/stdout is our own stdout: what std::cout holds goes first.
  std::cout.flush();
  // No O_TRUNC, no O_CREAT: a device or FIFO has nothing to truncate. (Opening a FIFO waits for
  // its reader; a signal meanwhile ends pipesim, run_control.cpp.)
  const int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
  if (fd < 0) throw Error(cannot_write(path, errno));
  return fd;
}

TempFile create_temp_for(const std::string& target, const std::string& shown) {
  const fs::path dir = folder_of(target);
  const std::string tmpl = (dir / (temp_prefix(target) + "XXXXXX")).string();
  for (int attempt = 0; attempt < 100; ++attempt) {
    TempFile t;
    t.temp = tmpl;
    t.fd = open_unnamed(dir);
    t.unnamed = t.fd >= 0;
    if (!t.unnamed) t.fd = ::mkostemp(t.temp.data(), O_CLOEXEC);
    if (t.fd < 0) throw Error(cannot_write(shown, errno));
    // Held until the file is renamed into place and closed: remove_stale_temporaries leaves a
    // locked file alone. A named file could be removed in the instant between mkostemp and
    // flock (it looks stale then); if so, start again.
    ::flock(t.fd, LOCK_EX);
    struct stat st;
    if (t.unnamed || (::fstat(t.fd, &st) == 0 && st.st_nlink > 0)) return t;
    ::close(t.fd);
  }
  throw Error(cannot_write(shown, EEXIST));
}

bool name_temp(TempFile& t) {
  return !t.unnamed || link_unnamed(t.fd, t.temp);
}

void remove_stale_temporaries(const std::string& path) {
  const fs::path dir = folder_of(path);
  const std::string prefix = temp_prefix(path);
  DIR* d = ::opendir(dir.c_str());
  if (d == nullptr) return;
  while (const dirent* e = ::readdir(d)) {
    const std::string_view name(e->d_name);
    if (name.size() != prefix.size() + 6 || name.substr(0, prefix.size()) != prefix) continue;
    const int fd = ::openat(::dirfd(d), e->d_name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) continue;
    // Stale: a regular file of ours that no writer holds locked, still under that name.
    struct stat held, named;
    if (::fstat(fd, &held) == 0 && S_ISREG(held.st_mode) && held.st_uid == ::geteuid() &&
        ::flock(fd, LOCK_EX | LOCK_NB) == 0 &&
        ::fstatat(::dirfd(d), e->d_name, &named, AT_SYMLINK_NOFOLLOW) == 0 &&
        named.st_dev == held.st_dev && named.st_ino == held.st_ino)
      ::unlinkat(::dirfd(d), e->d_name, 0);
    ::close(fd);
  }
  ::closedir(d);
}

}  // namespace pipesim::cli
