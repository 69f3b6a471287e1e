// Ending a run early and showing that it is alive: SIGINT/SIGTERM and --timeout set one stop
// flag that the models poll (RunLimits::stop), and a watchdog thread shows progress on stderr
// when stderr is a terminal. How a stopped run is reported is in run_end.hpp.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace pipesim::cli {

enum class StopReason { None, Interrupt, Timeout };

// Installs the SIGINT and SIGTERM handlers (once, at start-up). During a phase that polls the
// stop flag (a StopPolling scope: a run, a sweep) the first signal asks it to stop (the program
// then reports the statistics so far and exits 128 + the signal: 130 for SIGINT, 143 for
// SIGTERM); a second one ends pipesim at once. In any other phase (assembling, reading a config,
// opening a FIFO, writing the outputs) the first signal ends pipesim at once with that status and
// "error: interrupted by SIGINT". Either way a temporary output file is removed first, so no
// output is left half-written.
void install_signal_handlers();

// While one exists, a first signal only sets the stop flag: the code in its scope polls it.
class StopPolling {
 public:
  StopPolling();
  ~StopPolling();
  StopPolling(const StopPolling&) = delete;
  StopPolling& operator=(const StopPolling&) = delete;
};

// While one exists, a signal ends pipesim at once even inside a StopPolling scope: around a
// write() into a FIFO, a pipe or a device, which blocks for as long as its reader does not read
// (and SA_RESTART resumes it after the handler), so no poll of the stop flag would come.
class SignalEndsAtOnce {
 public:
  SignalEndsAtOnce();
  ~SignalEndsAtOnce();
  SignalEndsAtOnce(const SignalEndsAtOnce&) = delete;
  SignalEndsAtOnce& operator=(const SignalEndsAtOnce&) = delete;
};

// The exit status of a run a signal stopped: 128 + its number (130 SIGINT, 143 SIGTERM).
int interrupted_status();

// The flag the models poll; set by a signal or by a RunWatch's timer.
const std::atomic<bool>* stop_flag();
// Why the flag was set (None if it was not).
StopReason stop_reason();
// The signal that stopped the run ("SIGINT" or "SIGTERM"), for messages.
const char* stop_signal_name();

// A run that ended with Halt::Limit: which limit, where the program was, how far it got.
struct LimitHit {
  bool stopped = false;                 // by the stop flag (signal or --timeout), not by `option`
  const char* option = "--max-cycles";  // the count limit: --max-cycles or --max-instructions
  uint64_t limit = 0;                   // its value
  double timeout_seconds = 0;           // --timeout, for the message
  uint32_t pc = 0;
  std::string progress;  // "1000 cycles, 598 instructions committed"
};
// "cycle limit reached (--max-cycles 1000): stopped at pc 0x00010008 after …; raise it with …"
std::string limit_message(const LimitHit& hit);
// The exit status for it: interrupted_status() for a signal, else kExitLimit.
int limit_status(const LimitHit& hit);

// Watches one run (or several, for compare): sets the stop flag when `timeout_seconds` (> 0)
// have passed, and from the second second on keeps a progress line on stderr if stderr is a
// terminal and `progress` is true: the cycles (or `unit`) so far and the rate, read from
// counter(), which the model updates when it looks at the stop flag (RunLimits::progress). The
// destructor stops the watch and clears the line. It is a StopPolling scope.
class RunWatch {
 public:
  RunWatch(double timeout_seconds, bool progress, std::string what, const char* unit = "cycles");
  ~RunWatch();
  RunWatch(const RunWatch&) = delete;
  RunWatch& operator=(const RunWatch&) = delete;
  std::atomic<uint64_t>* counter() { return &counter_; }

 private:
  void watch();

  StopPolling polling_;
  std::atomic<uint64_t> counter_{0};
  const char* unit_;
  double timeout_seconds_;
  bool progress_;
  std::string what_;
  std::mutex mutex_;
  std::condition_variable done_cv_;
  bool done_ = false;
  bool drew_ = false;
  std::thread thread_;
};

}  // namespace pipesim::cli
