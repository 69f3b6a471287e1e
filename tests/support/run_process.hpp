// Runs a command as a child process for tests: feeds it stdin, captures stdout and stderr
// separately, and kills it after a time limit. No shell is involved: argv[0] is looked up in PATH.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <vector>

namespace pipesim::test {

struct RunResult {
  int exit_code = -1;      // exit status when the process exited normally, else -1
  int signal = 0;          // the signal that ended it (SIGKILL after a time-out), else 0
  bool timed_out = false;  // killed because it ran past the time limit
  std::string out;         // everything it wrote to stdout
  std::string err;         // everything it wrote to stderr
  std::string failure;     // why it could not be started (e.g. "execvp: No such file…"), else ""
  long max_rss_kib = 0;    // its peak resident memory (wait4's ru_maxrss), in KiB

  bool exited() const { return failure.empty() && !timed_out && signal == 0; }
  // One line for test messages: "exit 3", "killed by signal 11", "timed out after 10000 ms"…
  std::string describe() const;
};

// Starts argv[0] with arguments argv[1..], writes stdin_text to its stdin and closes it, and
// waits until it ends or time_limit passes (then it is killed with SIGKILL).
RunResult run_process(std::vector<std::string> argv, std::string stdin_text = {},
                      std::chrono::milliseconds time_limit = std::chrono::seconds(30));

// The same with more control: a working directory, and a signal sent part-way through (to
// test what Ctrl-C or kill -9 leaves behind).
struct ProcessOptions {
  std::string stdin_text;
  std::chrono::milliseconds time_limit = std::chrono::seconds(30);
  std::string cwd;      // "": the test's own
  int send_signal = 0;  // sent once, `signal_after` after the start (0: none)
  std::chrono::milliseconds signal_after{0};
  // If set, `signal_after` counts from when the child's stderr first contains this text (a
  // child under a sanitizer on a loaded machine may take longer to start than any fixed wait).
  std::string signal_after_err;
  // If set, the child's stdout (stderr) goes to this file, created or truncated, instead of
  // being captured in RunResult::out (err): a child writing hundreds of MiB is then measured
  // (max_rss_kib) without the test holding the output. The same path for both: one file.
  std::string stdout_path;
  std::string stderr_path;
};
RunResult run_process(std::vector<std::string> argv, const ProcessOptions& options);

// The first line of a process's output (all of it if it has no newline), for checking messages.
inline std::string first_line(const std::string& s) {
  return s.substr(0, s.find('\n'));
}

// The pipesim binary under test (PIPESIM_BINARY) with arguments `args`.
RunResult run_pipesim(std::vector<std::string> args, const ProcessOptions& options = {});
RunResult run_pipesim(std::vector<std::string> args, std::chrono::milliseconds time_limit);
// pipesim with its stdout sent to the file `out` and its stderr to `err` (the same path: one
// file), for runs whose peak memory (RunResult::max_rss_kib) is measured; the time limit is
// 10 minutes, past any run a test makes.
RunResult run_pipesim_to_files(std::vector<std::string> args, const std::filesystem::path& out,
                               const std::filesystem::path& err);
// The same, run in the folder `cwd` (options.cwd is replaced).
RunResult pipesim_in(const std::filesystem::path& cwd, std::vector<std::string> args,
                     ProcessOptions options = {});

}  // namespace pipesim::test
