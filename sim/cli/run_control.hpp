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

// Installs the SIGINT and SIGTERM handlers (once, at start-up). The first signal asks the
// current run to stop (the program then reports the statistics so far and exits 130); a second
// one ends pipesim at once, removing an output file that was being written.
void install_signal_handlers();

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
// The exit status for it: kExitInterrupted for a signal, else kExitLimit.
int limit_status(const LimitHit& hit);

// Watches one run (or several, for compare): sets the stop flag when `timeout_seconds` (> 0)
// have passed, and from the second second on keeps a progress line on stderr if stderr is a
// terminal and `progress` is true. The destructor stops the watch and clears the line.
class RunWatch {
 public:
  RunWatch(double timeout_seconds, bool progress, std::string what);
  ~RunWatch();
  RunWatch(const RunWatch&) = delete;
  RunWatch& operator=(const RunWatch&) = delete;

 private:
  void watch();

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
