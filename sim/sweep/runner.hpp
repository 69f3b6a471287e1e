// Runs a sweep's jobs on a pool of threads. Each run is independent: its own machine, memory and
// output buffer; the loaded programs and configs are shared read-only. Results come back in job
// order whatever order the threads finish in.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/sweep/plan.hpp"
#include "sim/sweep/table.hpp"

namespace pipesim::sweep {

// Jobs with their inputs loaded: every program and every (config, sets) combination is loaded
// once, before anything runs, so a bad file or option is reported before the first run.
struct LoadedSweep {
  std::vector<Job> jobs;
  std::map<std::string, Program> programs;                      // by file
  std::map<std::string, PipelineConfig> configs;                // by config_key(job)
  std::map<std::string, std::string> program_sha256;            // by file
  std::map<std::string, nlohmann::ordered_json> config_sha256;  // by Job::config; null: a preset
  uint64_t max_cycles = 1'000'000'000;
  bool check = false;
  EngineChoice engine = EngineChoice::Auto;  // the results do not depend on it (docs/cli.md)
  // Set (e.g. by a signal handler) to give up: no further run starts, runs in progress end
  // early (RunLimits::stop), and the rows are then incomplete and must be discarded.
  const std::atomic<bool>* stop = nullptr;
  // Seconds a run may take (0: no limit): a run that takes longer ends as a row with halt
  // "limit" and limit "timeout" (--run-timeout).
  double run_timeout = 0;
};
std::string config_key(const Job& job);
// Throws pipesim::Error (or SourceError) for a program or config that does not load.
LoadedSweep load_sweep(std::vector<Job> jobs, uint64_t max_cycles, bool check);

// One result row: {"program", "config", "sets" ("PATH=VALUE PATH=VALUE"), "set": {PATH: VALUE,
// one per --set dimension}, "halt", "exit_code" (null unless halt is "exit"), "fault" (the
// message with pc and cycle), "limit" ("max-cycles" or "timeout" when halt is "limit", else
// null) and "fault_pc" ("0x0001000c"), both null unless halt is "fault",
// "pipesim" (its version), "program_sha256", "config_sha256" (of the files the configuration
// reads; null for a preset), "stats": stats_json (cycles, instructions, CPI, stalls, ...),
// "machine": the full resolved config (config_to_json)}. docs/sweeps.md, "The table".
// `stop`, if given, ends the run early instead of LoadedSweep::stop (a per-run timeout).
Row run_job(const LoadedSweep& sweep, const Job& job, const std::atomic<bool>* stop = nullptr);
// The CSV columns of the sweep's table, known before anything runs.
std::vector<std::string> sweep_columns(const LoadedSweep& sweep);

// Runs every job on `threads` threads (at least 1) and hands each row to `on_row(index, row)`
// on the calling thread, in job order, as soon as it and every row before it are done: a table
// is written while the sweep runs, and memory stays flat however many runs there are (a thread
// does not start a run more than kRowWindow jobs ahead of the oldest unfinished one, so at most
// that many finished rows wait for it). `on_progress(done, total)` is called on the calling
// thread at the start, when `done` has changed (at most a few times a second), and with
// done == total at the end. If a run throws (a bug), or `on_row` does (a full disk), no further
// run starts and the exception of the lowest-numbered failing job is rethrown after all threads
// have stopped. After a stop (LoadedSweep::stop) the remaining rows are not handed over.
inline constexpr std::size_t kRowWindow = 256;
void run_all(const LoadedSweep& sweep, unsigned threads,
             const std::function<void(std::size_t, Row&&)>& on_row,
             const std::function<void(std::size_t, std::size_t)>& on_progress = {});

}  // namespace pipesim::sweep
