#include "sim/sweep/runner.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "isa/error.hpp"
#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/load/load.hpp"
#include "sim/load/sha256.hpp"
#include "sim/load/user_file.hpp"
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

namespace {

// SHA-256 of the bytes of every file the configuration reads (the named file, then its `extends`
// chain), concatenated: for a single file what `sha256sum FILE` prints, for a chain what
// `cat FILE BASE... | sha256sum` prints. Null for a preset (the pipesim version covers it), and
// for a file that cannot be read a second time (a pipe).
nlohmann::ordered_json config_sha256(const std::string& name_or_path) {
  const std::vector<std::string> files = config_files(name_or_path);
  if (files.empty()) return nullptr;
  std::string bytes;
  try {
    for (const std::string& f : files) bytes += read_user_file(f, kConfigFile);
  } catch (const Error&) {
    return nullptr;
  }
  return sha256_hex(bytes);
}

}  // namespace

LoadedSweep load_sweep(std::vector<Job> jobs, uint64_t max_cycles, bool check) {
  LoadedSweep s;
  s.max_cycles = max_cycles;
  s.check = check;
  for (const Job& job : jobs) {
    if (!s.programs.count(job.program)) {
      LoadedProgram loaded = load_program_file(job.program);
      s.program_sha256.emplace(job.program, loaded.sha256);
      s.programs.emplace(job.program, std::move(loaded.program));
    }
    const std::string key = config_key(job);
    if (!s.configs.count(key)) s.configs.emplace(key, load_config(job.config, job.sets));
    if (!s.config_sha256.count(job.config))
      s.config_sha256.emplace(job.config, config_sha256(job.config));
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

Row make_row(const LoadedSweep& sweep, const Job& job, const MachineResult& r) {
  const PipelineConfig& config = sweep.configs.at(config_key(job));
  nlohmann::ordered_json row;
  row["program"] = job.program;
  row["config"] = job.config;
  row["sets"] = sets_text(job);
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
  // Which limit ended a "limit" run: --max-cycles (reproducible), or the per-run --run-timeout
  // (not: it depends on the host). A sweep stopped by a signal writes no such row.
  row["limit"] = r.halt != Halt::Limit ? nullptr
                 : r.stopped           ? nlohmann::ordered_json("timeout")
                                       : nlohmann::ordered_json("max-cycles");
  // What the row was computed from: results of another version or of an edited file are not
  // the same experiment (merge refuses to mix them).
  row["pipesim"] = PIPESIM_VERSION;
  row["program_sha256"] = sweep.program_sha256.at(job.program);
  row["config_sha256"] = sweep.config_sha256.at(job.config);
  row["stats"] = report::stats_json(r.stats, &config);
  row["machine"] = config_to_json(config);
  return row;
}

}  // namespace

Row run_job(const LoadedSweep& sweep, const Job& job, const std::atomic<bool>* stop) {
  const PipelineConfig& config = sweep.configs.at(config_key(job));
  DiscardIo io;  // the output is no part of the table
  RunLimits limits{sweep.max_cycles};
  limits.stop = stop ? stop : sweep.stop;
  const MachineResult r = run_machine(config, sweep.programs.at(job.program), io, {}, limits,
                                      sweep.check, sweep.engine);
  return make_row(sweep, job, r);
}

std::vector<std::string> sweep_columns(const LoadedSweep& sweep) {
  // A row's cells depend on its machine (its caches, its issue width), never on how the run
  // went: the cells of one row per machine are every column.
  ColumnSet columns;
  std::set<std::string> seen;
  for (const Job& job : sweep.jobs) {
    const std::string key = config_key(job);
    if (!seen.insert(key).second) continue;
    MachineResult shape;
    shape.stats.issue_width = sweep.configs.at(key).issue.width;
    columns.add(make_row(sweep, job, shape));
  }
  return columns.columns();
}

void run_all(const LoadedSweep& sweep, unsigned threads,
             const std::function<void(std::size_t, Row&&)>& on_row,
             const std::function<void(std::size_t, std::size_t)>& on_progress) {
  const std::size_t total = sweep.jobs.size();
  const auto stopped = [&sweep] {
    return sweep.stop && sweep.stop->load(std::memory_order_relaxed);
  };
  std::mutex mutex;  // guards everything below
  std::condition_variable changed;
  std::map<std::size_t, Row> finished;  // done, waiting for the rows before them
  std::size_t next = 0;                 // the next job to start
  std::size_t handed = 0;               // rows given to on_row
  std::size_t done = 0;                 // runs ended (or skipped after a stop)
  bool failed = false;                  // no further run starts
  std::size_t error_index = total;
  std::exception_ptr error;
  const auto fail = [&](std::size_t index, std::exception_ptr e) {  // with the lock held
    failed = true;
    if (index < error_index) error_index = index, error = std::move(e);
  };
  const std::size_t n = std::clamp<std::size_t>(threads, 1, std::max<std::size_t>(total, 1));
  std::size_t working = n;  // threads that have not ended
  // With a per-run timeout, each thread's run has a stop flag of its own, raised by the loop
  // below when the run's time is up or when the whole sweep stops.
  struct Slot {
    std::atomic<bool> stop{false};
    std::chrono::steady_clock::time_point deadline;  // guarded by mutex
    bool running = false;                            // guarded by mutex
  };
  const bool timed = sweep.run_timeout > 0;
  const auto timeout = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double>(sweep.run_timeout));
  std::unique_ptr<Slot[]> slots(new Slot[n]);
  const auto poll = std::chrono::milliseconds(timed ? 20 : 200);

  auto worker = [&](Slot& slot) {
    std::unique_lock lock(mutex);
    for (;;) {
      // The wait has a timeout because a stop (a signal) notifies nobody.
      while (next < total && !failed && !stopped() && next >= handed + kRowWindow)
        changed.wait_for(lock, std::chrono::milliseconds(200));
      if (next >= total || failed) break;
      const std::size_t i = next++;
      if (timed) {
        slot.stop = false;
        slot.deadline = std::chrono::steady_clock::now() + timeout;
        slot.running = true;
      }
      lock.unlock();
      // After a stop, the remaining jobs are counted as done without running, so that the
      // progress ends.
      Row row;
      std::exception_ptr e;
      if (!stopped()) {
        try {
          row = run_job(sweep, sweep.jobs[i], timed ? &slot.stop : nullptr);
        } catch (...) {
          e = std::current_exception();
        }
      }
      lock.lock();
      slot.running = false;
      if (e)
        fail(i, std::move(e));
      else if (!stopped())
        finished.emplace(i, std::move(row));
      ++done;
      changed.notify_all();
    }
    --working;
    changed.notify_all();
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < n; ++t) pool.emplace_back(worker, std::ref(slots[t]));
  {
    // Hand over rows in order, and report progress on every change, at most a few times a
    // second, and always the first and the last state.
    std::unique_lock lock(mutex);
    for (std::size_t shown = std::numeric_limits<std::size_t>::max();;) {
      while (!failed && !stopped() && !finished.empty() && finished.begin()->first == handed) {
        Row row = std::move(finished.begin()->second);
        finished.erase(finished.begin());
        lock.unlock();
        std::exception_ptr e;
        try {
          on_row(handed, std::move(row));
        } catch (...) {
          e = std::current_exception();
        }
        lock.lock();
        if (e) fail(handed, std::move(e));
        ++handed;
        changed.notify_all();
      }
      const std::size_t d = done;
      if (on_progress && d != shown && !failed) {
        lock.unlock();
        on_progress(d, total);
        lock.lock();
        shown = d;
      }
      if (working == 0 && (failed || stopped() || finished.empty())) break;
      if (timed) {
        const auto now = std::chrono::steady_clock::now();
        for (std::size_t t = 0; t < n; ++t)
          if (slots[t].running && (now >= slots[t].deadline || stopped())) slots[t].stop = true;
      }
      changed.wait_for(lock, poll);
    }
  }
  for (std::thread& t : pool) t.join();
  if (error) std::rethrow_exception(error);
}

}  // namespace pipesim::sweep
