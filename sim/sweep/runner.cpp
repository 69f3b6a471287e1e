#include "sim/sweep/runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <limits>
#include <mutex>
#include <thread>

#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/load/load.hpp"
#include "sim/machine/fault.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/summary.hpp"

namespace pipesim::sweep {
std::string config_key(const Job& job) {
  std::string key = job.config;
  for (const std::string& s : job.sets) key += "\n" + s;
  return key;
}

LoadedSweep load_sweep(std::vector<Job> jobs, uint64_t max_cycles, bool check) {
  LoadedSweep s;
  s.max_cycles = max_cycles;
  s.check = check;
  for (const Job& job : jobs) {
    if (!s.programs.count(job.program))
      s.programs.emplace(job.program, load_program_file(job.program).program);
    const std::string key = config_key(job);
    if (!s.configs.count(key)) s.configs.emplace(key, load_config(job.config, job.sets));
  }
  s.jobs = std::move(jobs);
  return s;
}

namespace {

// {"branches.policy": "2-bit", "stages[2].latency_ps": 300}: this run's value of each --set
// dimension, one CSV column each ("set.branches.policy"). A value is JSON (a number, a list)
// when its text is JSON, else the text itself, as the config loader reads a --set value (which
// keeps the text for a string key: name=123 is 123 here, "123" in machine.name).
nlohmann::ordered_json set_values(const Job& job) {
  nlohmann::ordered_json values = nlohmann::ordered_json::object();
  for (const std::string& s : job.sets) {
    const std::size_t eq = s.find('=');  // plan() writes every set as PATH=VALUE
    const std::string text = s.substr(eq + 1);
    nlohmann::ordered_json value = nlohmann::ordered_json::parse(text, nullptr, false);
    values[s.substr(0, eq)] = value.is_discarded() ? nlohmann::ordered_json(text) : value;
  }
  return values;
}

}  // namespace

nlohmann::ordered_json run_job(const LoadedSweep& sweep, const Job& job) {
  const PipelineConfig& config = sweep.configs.at(config_key(job));
  DiscardIo io;  // the output is no part of the table
  RunLimits limits{sweep.max_cycles};
  limits.stop = sweep.stop;
  const MachineResult r = run_machine(config, sweep.programs.at(job.program), io, {}, limits,
                                      sweep.check, sweep.engine);
  nlohmann::ordered_json row;
  row["program"] = job.program;
  row["config"] = job.config;
  std::string sets;
  for (const std::string& s : job.sets) sets += (sets.empty() ? "" : " ") + s;
  row["sets"] = sets;
  row["set"] = set_values(job);
  row["halt"] = halt_name(r.halt);
  // The cells below are always present, so that the CSV columns do not depend on how the runs
  // ended; null (an empty CSV cell) when the run has no such value. Only an exit has an exit
  // code: a 0 on an ebreak, fault or limit row would read as a successful exit.
  const bool faulted = r.halt == Halt::Fault;
  row["exit_code"] = r.halt == Halt::Exit ? nlohmann::ordered_json(r.exit_code) : nullptr;
  // As `pipesim run --json` words it: the pc, the instruction word and the cycle (the run ends
  // in the cycle the fault is taken, so it is stats.cycles), then what went wrong.
  row["fault"] =
      faulted
          ? nlohmann::ordered_json(fault_message(r.fault, fmt::format("cycle {}", r.stats.cycles)))
          : nullptr;
  // The faulting instruction's address on its own, to group or filter rows by.
  row["fault_pc"] = faulted ? nlohmann::ordered_json(fmt::format("0x{:08x}", r.fault.pc)) : nullptr;
  row["stats"] = report::stats_json(r.stats, &config);
  row["machine"] = config_to_json(config);
  return row;
}

std::vector<nlohmann::ordered_json> run_all(
    const LoadedSweep& sweep, unsigned threads,
    const std::function<void(std::size_t, std::size_t)>& on_progress) {
  const std::size_t total = sweep.jobs.size();
  std::vector<nlohmann::ordered_json> rows(total);
  std::vector<std::exception_ptr> errors(total);
  std::atomic<std::size_t> next{0};
  std::size_t done = 0;  // guarded by mutex
  std::mutex mutex;
  std::condition_variable progressed;

  auto worker = [&] {
    for (std::size_t i; (i = next.fetch_add(1)) < total;) {
      // After a stop, the remaining jobs are counted as done without running, so that the
      // progress loop below ends.
      if (!sweep.stop || !sweep.stop->load(std::memory_order_relaxed)) {
        try {
          rows[i] = run_job(sweep, sweep.jobs[i]);  // each thread writes only its own slots
        } catch (...) {
          errors[i] = std::current_exception();
        }
      }
      std::lock_guard lock(mutex);
      ++done;
      progressed.notify_one();
    }
  };
  std::vector<std::thread> pool;
  const std::size_t n = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(total, 1));
  for (std::size_t t = 0; t < n; ++t) pool.emplace_back(worker);
  {
    // Report every change, at most a few times a second, and always the first and the last
    // state: the runs may all be done before this thread first gets here.
    std::unique_lock lock(mutex);
    for (std::size_t shown = std::numeric_limits<std::size_t>::max();;) {
      const std::size_t d = done;
      if (on_progress && d != shown) {
        lock.unlock();
        on_progress(d, total);
        lock.lock();
        shown = d;
      }
      if (d == total) break;
      progressed.wait_for(lock, std::chrono::milliseconds(200));
    }
  }
  for (std::thread& t : pool) t.join();
  for (const std::exception_ptr& e : errors)
    if (e) std::rethrow_exception(e);
  return rows;
}

}  // namespace pipesim::sweep
