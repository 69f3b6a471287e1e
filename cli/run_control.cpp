#include "cli/run_control.hpp"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <string>
#include <string_view>

#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "sim/report/limit_text.hpp"

namespace pipesim::cli {
namespace {

// Written by signal handlers: lock-free atomics only (checked below).
std::atomic<bool> g_stop{false};
std::atomic<int> g_reason{static_cast<int>(StopReason::None)};
std::atomic<int> g_signal{0};
std::atomic<int> g_polling{0};  // StopPolling scopes alive
std::atomic<int> g_at_once{0};  // SignalEndsAtOnce scopes alive
static_assert(std::atomic<bool>::is_always_lock_free && std::atomic<int>::is_always_lock_free);

extern "C" void on_stop_signal(int sig) {
  // A second signal, not merely a set stop flag: after --timeout has stopped the run, the first
  // Ctrl-C is still a first one.
  if (g_signal.exchange(sig) != 0) {
    // Second signal: the user insists. Leave no half-written temporary file behind.
    remove_partial_output_from_signal_handler();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
    return;
  }
  if (g_polling.load() == 0 || g_at_once.load() != 0) {
    // Nothing would look at the flag (assembling, loading, blocked in open() on a FIFO, writing
    // an output): end now. Only async-signal-safe calls: unlink, write, _exit.
    remove_partial_output_from_signal_handler();
    const char* msg =
        sig == SIGTERM ? "error: interrupted by SIGTERM\n" : "error: interrupted by SIGINT\n";
    const ssize_t ignored = ::write(STDERR_FILENO, msg, std::char_traits<char>::length(msg));
    (void)ignored;
    ::_exit(128 + sig);
  }
  // The first reason stays: a run the time limit already stopped is reported as such.
  int none = static_cast<int>(StopReason::None);
  g_reason.compare_exchange_strong(none, static_cast<int>(StopReason::Interrupt));
  g_stop.store(true);
}

}  // namespace

void install_signal_handlers() {
  struct sigaction sa = {};
  sa.sa_handler = on_stop_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

SignalEndsAtOnce::SignalEndsAtOnce() {
  g_at_once.fetch_add(1);
}
SignalEndsAtOnce::~SignalEndsAtOnce() {
  g_at_once.fetch_sub(1);
}

StopPolling::StopPolling() {
  g_polling.fetch_add(1);
}
StopPolling::~StopPolling() {
  g_polling.fetch_sub(1);
}

int interrupted_status() {
  const int sig = g_signal.load();
  return sig != 0 ? 128 + sig : kExitInterrupted;
}

const std::atomic<bool>* stop_flag() {
  return &g_stop;
}

StopReason stop_reason() {
  return static_cast<StopReason>(g_reason.load());
}

const char* stop_signal_name() {
  return g_signal.load() == SIGTERM ? "SIGTERM" : "SIGINT";
}

std::string limit_message(const LimitHit& hit) {
  const std::string where = fmt::format("stopped at pc 0x{:08x} after {}", hit.pc, hit.progress);
  if (hit.stopped && stop_reason() == StopReason::Interrupt)
    return fmt::format("interrupted by {}: {}", stop_signal_name(), where);
  if (hit.stopped)
    return fmt::format("time limit reached (--timeout {}): {}; raise it with --timeout",
                       hit.timeout_seconds, where);
  return report::count_limit_message(hit.option, hit.limit, hit.pc, hit.progress);
}

int limit_status(const LimitHit& hit) {
  return hit.stopped && stop_reason() == StopReason::Interrupt ? interrupted_status() : kExitLimit;
}

RunWatch::RunWatch(double timeout_seconds, bool progress, std::string what, const char* unit)
    : unit_(unit),
      timeout_seconds_(timeout_seconds),
      progress_(progress && ::isatty(STDERR_FILENO)),
      what_(std::move(what)) {
  if (timeout_seconds_ > 0 || progress_) thread_ = std::thread([this] { watch(); });
}

RunWatch::~RunWatch() {
  {
    std::lock_guard lock(mutex_);
    done_ = true;
  }
  done_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (drew_) std::fputs("\r\033[K", stderr);  // clear the progress line
}

void RunWatch::watch() {
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto deadline = timeout_seconds_ > 0
                            ? start + std::chrono::duration_cast<Clock::duration>(
                                          std::chrono::duration<double>(timeout_seconds_))
                            : Clock::time_point::max();
  std::unique_lock lock(mutex_);
  uint64_t last_count = 0;
  auto last_time = start;
  for (auto next = start + std::chrono::seconds(1);;) {
    const auto wake = progress_ ? std::min(next, deadline) : deadline;
    if (done_cv_.wait_until(lock, wake, [this] { return done_; })) return;
    const auto now = Clock::now();
    if (now >= deadline) {
      int none = static_cast<int>(StopReason::None);
      g_reason.compare_exchange_strong(none, static_cast<int>(StopReason::Timeout));
      g_stop.store(true);
      return;
    }
    if (progress_ && now >= next) {
      const auto secs = std::chrono::duration_cast<std::chrono::seconds>(now - start).count();
      // The rate over the last second (compare starts each machine's count afresh).
      const uint64_t count = counter_.load(std::memory_order_relaxed);
      const double dt = std::chrono::duration<double>(now - last_time).count();
      const std::string rate = count >= last_count && dt > 0
                                   ? fmt::format(", {:.1f} million/s",
                                                 static_cast<double>(count - last_count) / dt / 1e6)
                                   : std::string();
      last_count = count;
      last_time = now;
      std::fputs(fmt::format("\r\033[Kpipesim: {}: {} {} so far{} ({} s; Ctrl-C stops it and "
                             "shows the statistics so far)",
                             what_, count, unit_, rate, secs)
                     .c_str(),
                 stderr);
      std::fflush(stderr);
      drew_ = true;
      next += std::chrono::seconds(1);
    }
  }
}

}  // namespace pipesim::cli
