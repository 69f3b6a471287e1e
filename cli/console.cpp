// What pipesim says on stderr besides errors: warnings and --verbose notes, by verbosity; and the
// final check that standard output was written.
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <streambuf>

#include "cli/command.hpp"
#include "isa/error.hpp"

namespace pipesim::cli {
namespace {
Verbosity g_verbosity = Verbosity::Normal;
bool g_stdout_error_reported = false;

// std::cout's buffer once main() installs it: written to descriptor 1 with write(2), so the errno
// of the first failed write is kept (stdio's ferror() keeps only that one failed). After a
// failure the rest is dropped: the output is incomplete anyway, and the failure is reported.
// Line-buffered on a terminal, like stdio.
class StdoutBuffer : public std::streambuf {
 public:
  StdoutBuffer() : line_(::isatty(STDOUT_FILENO) != 0) { setp(buf_, buf_ + sizeof buf_); }
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override {
    if (drain() != 0) return traits_type::eof();
    if (!traits_type::eq_int_type(c, traits_type::eof())) {
      *pptr() = traits_type::to_char_type(c);
      pbump(1);
      if (line_ && c == '\n' && drain() != 0) return traits_type::eof();
    }
    return traits_type::not_eof(c);
  }
  std::streamsize xsputn(const char* s, std::streamsize n) override {
    const std::streamsize put = std::streambuf::xsputn(s, n);
    if (line_ && std::memchr(s, '\n', static_cast<std::size_t>(n)) != nullptr && drain() != 0)
      return 0;
    return put;
  }
  int sync() override { return drain() == 0 ? 0 : -1; }

 private:
  int drain() {
    const char* p = pbase();
    std::size_t n = static_cast<std::size_t>(pptr() - pbase());
    setp(buf_, buf_ + sizeof buf_);
    while (error_ == 0 && n > 0) {
      const ssize_t w = ::write(STDOUT_FILENO, p, n);
      if (w < 0 && errno == EINTR) continue;
      // A write that takes nothing would be retried forever: report it as an I/O error.
      if (w <= 0) error_ = w < 0 ? errno : EIO;
      if (w <= 0) break;
      p += w;
      n -= static_cast<std::size_t>(w);
    }
    return error_;
  }

  bool line_;
  int error_ = 0;
  char buf_[1 << 16];
};

// Never destroyed: std::cout may be flushed after static destructors have run.
StdoutBuffer* g_stdout = nullptr;
}  // namespace

void install_standard_output() {
  if (g_stdout != nullptr) return;
  std::fflush(stdout);
  g_stdout = new StdoutBuffer();
  std::cout.rdbuf(g_stdout);
}

int standard_output_error() {
  return g_stdout != nullptr ? g_stdout->error() : 0;
}

Verbosity verbosity() {
  return g_verbosity;
}
void set_verbosity(Verbosity v) {
  g_verbosity = v;
}

void print_warnings(const std::vector<std::string>& warnings) {
  if (g_verbosity == Verbosity::Quiet) return;
  for (const std::string& w : warnings) std::cerr << w;
}

void verbose_note(const std::string& line) {
  if (g_verbosity == Verbosity::Verbose) std::cerr << "pipesim: " << line << "\n";
}

void throw_standard_output_error(int err) {
  g_stdout_error_reported = true;
  throw Error(std::string("cannot write standard output: ") + std::strerror(err));
}

int finish_standard_output(int status) {
  // Flushing finds a failed write, now or earlier (StdoutBuffer keeps its errno; stdio's stdout
  // is flushed too, for anything written before the buffer was installed); close() finds what a
  // network file system deferred.
  errno = 0;
  std::cout.flush();
  int err = standard_output_error();
  if (err == 0 && (std::fflush(stdout) != 0 || std::ferror(stdout) != 0 || !std::cout))
    err = errno != 0 ? errno : EIO;
  if (err == 0 && ::close(STDOUT_FILENO) != 0 && errno != EBADF && errno != EINTR) err = errno;
  if (err == 0) return status;
  if (g_stdout_error_reported) return status;
  std::cerr << "error: cannot write standard output: " << std::strerror(err) << "\n";
  return kExitUserError;
}

}  // namespace pipesim::cli
