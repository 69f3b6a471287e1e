// Runs a command as a child process for tests (see run_process.hpp): fork + execvp, three
// pipes serviced with poll() so that a child writing a lot to stdout and stderr while we still
// feed its stdin cannot deadlock, and a deadline checked between polls.
#include "tests/support/run_process.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>
#include <thread>

namespace pipesim::test {
namespace {

using Clock = std::chrono::steady_clock;

// A pipe whose ends close themselves; both ends are close-on-exec, the child dup2()s the one it
// needs onto fd 0, 1 or 2 (dup2 clears close-on-exec on the copy).
struct Pipe {
  int fd[2] = {-1, -1};
  bool open() { return pipe2(fd, O_CLOEXEC) == 0; }
  void close_end(int i) {
    if (fd[i] >= 0) ::close(fd[i]);
    fd[i] = -1;
  }
  ~Pipe() { close_end(0), close_end(1); }
};

std::string errno_text(const char* what, int err) {
  return std::string(what) + ": " + std::strerror(err);
}

// A file descriptor that closes itself.
struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Opens `path` for the child's output (created or truncated, close-on-exec: the child dup2()s it).
bool open_output(const std::string& path, Fd& f, RunResult& r) {
  f.fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (f.fd < 0) r.failure = errno_text(("open " + path).c_str(), errno);
  return f.fd >= 0;
}

// Ignores SIGPIPE while alive (a child that exits without reading its stdin must not kill us),
// restoring the previous handler afterwards.
class IgnoreSigpipe {
 public:
  IgnoreSigpipe() {
    struct sigaction ign {};
    ign.sa_handler = SIG_IGN;
    sigemptyset(&ign.sa_mask);
    sigaction(SIGPIPE, &ign, &old_);
  }
  ~IgnoreSigpipe() { sigaction(SIGPIPE, &old_, nullptr); }

 private:
  struct sigaction old_ {};
};

}  // namespace

std::string RunResult::describe() const {
  if (!failure.empty()) return "could not start: " + failure;
  if (timed_out) return "timed out (killed)";
  if (signal != 0) return "killed by signal " + std::to_string(signal);
  return "exit " + std::to_string(exit_code);
}

RunResult run_process(std::vector<std::string> argv, std::string stdin_text,
                      std::chrono::milliseconds time_limit) {
  ProcessOptions o;
  o.stdin_text = std::move(stdin_text);
  o.time_limit = time_limit;
  return run_process(std::move(argv), o);
}

RunResult run_process(std::vector<std::string> argv, const ProcessOptions& options) {
  const std::string& stdin_text = options.stdin_text;
  RunResult r;
  if (argv.empty()) {
    r.failure = "empty command line";
    return r;
  }
  IgnoreSigpipe ignore_sigpipe;
  Pipe in, out, err, exec_status;  // exec_status: the child reports a failed execvp through it
  if (!in.open() || !out.open() || !err.open() || !exec_status.open()) {
    r.failure = errno_text("pipe2", errno);
    return r;
  }
  Fd out_file, err_file;  // options.stdout_path / stderr_path, if given
  if (!options.stdout_path.empty() && !open_output(options.stdout_path, out_file, r)) return r;
  if (!options.stderr_path.empty() && options.stderr_path != options.stdout_path &&
      !open_output(options.stderr_path, err_file, r))
    return r;
  const int child_out = out_file.fd >= 0 ? out_file.fd : out.fd[1];
  const int child_err = options.stderr_path.empty()                  ? err.fd[1]
                        : options.stderr_path == options.stdout_path ? out_file.fd
                                                                     : err_file.fd;
  std::vector<char*> args;
  for (std::string& a : argv) args.push_back(a.data());
  args.push_back(nullptr);

  const pid_t pid = fork();
  if (pid < 0) {
    r.failure = errno_text("fork", errno);
    return r;
  }
  if (pid == 0) {
    // Child: only async-signal-safe calls from here on.
    if (dup2(in.fd[0], 0) < 0 || dup2(child_out, 1) < 0 || dup2(child_err, 2) < 0) _exit(127);
    if (!options.cwd.empty() && chdir(options.cwd.c_str()) != 0) {
      const int e = errno;
      [[maybe_unused]] ssize_t n = write(exec_status.fd[1], &e, sizeof e);
      _exit(127);
    }
    execvp(args[0], args.data());
    const int e = errno;
    [[maybe_unused]] ssize_t n = write(exec_status.fd[1], &e, sizeof e);
    _exit(127);
  }

  in.close_end(0), out.close_end(1), err.close_end(1), exec_status.close_end(1);
  // An output sent to a file has nothing to read here.
  if (!options.stdout_path.empty()) out.close_end(0);
  if (!options.stderr_path.empty()) err.close_end(0);
  int exec_errno = 0;
  if (read(exec_status.fd[0], &exec_errno, sizeof exec_errno) == sizeof exec_errno)
    r.failure = errno_text(("execvp " + argv[0]).c_str(), exec_errno);
  // Closing the write end tells the child its input has ended.
  for (int fd : {in.fd[1], out.fd[0], err.fd[0]}) fcntl(fd, F_SETFL, O_NONBLOCK);
  if (stdin_text.empty()) in.close_end(1);

  const Clock::time_point started = Clock::now();
  const Clock::time_point deadline = started + options.time_limit;
  // When to send options.send_signal (never if none).
  Clock::time_point signal_at = options.send_signal != 0 && options.signal_after_err.empty()
                                    ? started + options.signal_after
                                    : Clock::time_point::max();
  bool signal_armed = options.send_signal != 0 && options.signal_after_err.empty();
  std::size_t written = 0;
  char buf[65536];
  while (out.fd[0] >= 0 || err.fd[0] >= 0 || in.fd[1] >= 0) {
    pollfd fds[3] = {{out.fd[0], POLLIN, 0}, {err.fd[0], POLLIN, 0}, {in.fd[1], POLLOUT, 0}};
    const Clock::time_point now = Clock::now();
    if (now >= signal_at) {
      kill(pid, options.send_signal);
      signal_at = Clock::time_point::max();
    }
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
    if (left <= 0) {
      r.timed_out = true;
      break;
    }
    const auto until_signal =
        signal_at == Clock::time_point::max()
            ? left
            : std::chrono::duration_cast<std::chrono::milliseconds>(signal_at - now).count() + 1;
    const int ready = poll(fds, 3, static_cast<int>(std::min<long long>(left, until_signal)));
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0) break;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].fd < 0 || fds[i].revents == 0) continue;
      const ssize_t n = read(fds[i].fd, buf, sizeof buf);
      if (n > 0) {
        (i == 0 ? r.out : r.err).append(buf, static_cast<std::size_t>(n));
        if (!signal_armed && options.send_signal != 0 &&
            r.err.find(options.signal_after_err) != std::string::npos) {
          signal_armed = true;
          signal_at = Clock::now() + options.signal_after;
        }
      } else if (n == 0 || (errno != EAGAIN && errno != EINTR))
        (i == 0 ? out : err).close_end(0);  // end of file
    }
    if (fds[2].fd >= 0 && fds[2].revents != 0) {
      const ssize_t n = write(in.fd[1], stdin_text.data() + written, stdin_text.size() - written);
      if (n > 0) written += static_cast<std::size_t>(n);
      if ((n < 0 && errno != EAGAIN && errno != EINTR) || written == stdin_text.size())
        in.close_end(1);  // all written, or the child stopped reading (EPIPE)
    }
  }

  if (r.timed_out) kill(pid, SIGKILL);
  int status = 0;
  struct rusage usage {};
  // Every pipe may be closed while the child still runs (its outputs go to files, or it closed
  // them): wait for it under the same deadline.
  for (;;) {
    const pid_t done = wait4(pid, &status, r.timed_out ? 0 : WNOHANG, &usage);
    if (done == pid || (done < 0 && errno != EINTR)) break;
    if (done == 0 && Clock::now() >= deadline) {
      r.timed_out = true;
      kill(pid, SIGKILL);
    } else if (done == 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
  }
  r.max_rss_kib = usage.ru_maxrss;
  if (WIFEXITED(status) && r.failure.empty())
    r.exit_code = WEXITSTATUS(status);
  else if (WIFSIGNALED(status))
    r.signal = WTERMSIG(status);
  return r;
}

RunResult run_pipesim(std::vector<std::string> args, const ProcessOptions& options) {
  args.insert(args.begin(), PIPESIM_BINARY);
  return run_process(std::move(args), options);
}

RunResult run_pipesim(std::vector<std::string> args, std::chrono::milliseconds time_limit) {
  ProcessOptions options;
  options.time_limit = time_limit;
  return run_pipesim(std::move(args), options);
}

RunResult run_pipesim_to_files(std::vector<std::string> args, const std::filesystem::path& out,
                               const std::filesystem::path& err) {
  ProcessOptions options;
  options.stdout_path = out.string();
  options.stderr_path = err.string();
  options.time_limit = std::chrono::minutes(10);
  return run_pipesim(std::move(args), options);
}

RunResult pipesim_in(const std::filesystem::path& cwd, std::vector<std::string> args,
                     ProcessOptions options) {
  options.cwd = cwd.string();
  return run_pipesim(std::move(args), options);
}

}  // namespace pipesim::test
