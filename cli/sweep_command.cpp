// `pipesim sweep`: the cross product of programs, machines and --set values, run on a pool of
// threads into one CSV or JSON table, or written out as independent job commands for GNU
// parallel or Slurm (--emit-jobs). docs/sweeps.md.
#include <fmt/format.h>
#include <unistd.h>

#include <climits>
#include <filesystem>
#include <iostream>
#include <optional>
#include <thread>

#include "cli/command.hpp"
#include "cli/machine_options.hpp"
#include "cli/output_file.hpp"
#include "cli/run_control.hpp"
#include "cli/stream_output.hpp"
#include "cli/sweep_journal.hpp"
#include "isa/error.hpp"
#include "sim/sweep/jobs.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/summary.hpp"
#include "sim/sweep/table.hpp"

namespace pipesim::cli {
namespace {

struct SweepOptions {
  std::vector<std::string> programs;
  std::vector<std::string> configs;
  std::vector<std::string> sets;
  uint64_t threads =
      std::max(1u, std::thread::hardware_concurrency());  // run_all: at most one per run
  std::string output = "-";
  uint64_t max_cycles = kDefaultMaxCycles;
  double run_timeout = 0;  // seconds; 0: none
  bool check = false;
  std::string engine = "auto";
  std::string emit_jobs;
  std::string results_dir;
  std::string job;       // "K/N": this command is job K (1-based) of an emitted sweep of N
  std::string sweep_id;  // with --job: which emitted sweep
  bool resume = false;
  uint64_t per_job = 1;
  bool summary = false;
  std::string baseline;
};

// "\rsweep [#######.............]  12/40 runs" on stderr, redrawn in place.
void draw_progress(std::size_t done, std::size_t total) {
  constexpr std::size_t kWidth = 30;
  const std::size_t filled = total ? done * kWidth / total : kWidth;
  std::cerr << fmt::format("\rsweep [{}{}] {:>{}}/{} runs", std::string(filled, '#'),
                           std::string(kWidth - filled, '.'), done, fmt::format("{}", total).size(),
                           total)
            << (done == total ? "\n" : "") << std::flush;
}

std::optional<sweep::JobId> parse_job(const SweepOptions& o) {
  if (o.job.empty() != o.sweep_id.empty())
    throw Error("--job and --sweep-id go together (they are written by --emit-jobs)");
  if (o.job.empty()) return std::nullopt;
  std::size_t number = 0, count = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(o.job.c_str(), "%zu%c%zu%c", &number, &slash, &count, &extra) != 3 ||
      slash != '/' || number < 1 || number > count)
    throw Error(fmt::format("--job '{}': expected K/N with 1 <= K <= N", o.job));
  return sweep::JobId{o.sweep_id, number, count};
}

std::string own_executable() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw Error("cannot find the pipesim executable's path (/proc/self/exe)");
  return path.string();
}

// The files a sweep reads (programs, and configs given as files), so no output replaces one.
std::vector<NamedFile> sweep_inputs(const std::vector<sweep::Job>& jobs) {
  std::vector<NamedFile> inputs;
  for (const sweep::Job& job : jobs) {
    inputs.push_back({"program", job.program});
    // A preset name names no file: nothing is added for it.
    for (NamedFile& f : config_inputs("--configs file", job.config)) inputs.push_back(std::move(f));
  }
  return inputs;
}

int emit_jobs(const SweepOptions& o, const std::vector<sweep::Job>& jobs,
              const sweep::SweepSpec& spec) {
  sweep::JobCommandOptions c;
  c.pipesim = own_executable();
  c.directory = std::filesystem::current_path().string();
  c.results_dir = o.results_dir.empty() ? "sweep-results" : o.results_dir;
  c.job_count = sweep::packed_job_count(jobs.size(), o.per_job);
  c.sweep_id = sweep::sweep_id(jobs, o.max_cycles, o.check, o.run_timeout);
  c.run_timeout = o.run_timeout;
  c.max_cycles = o.max_cycles;
  c.check = o.check;
  c.engine = o.engine;
  std::string lines;
  if (o.per_job == 1)
    for (const sweep::Job& job : jobs) lines += sweep::job_command(job, c) + "\n";
  else
    for (std::size_t k = 1; k <= c.job_count; ++k)
      lines += sweep::packed_job_command(spec, k, o.per_job, c) + "\n";
  // The jobs also create it (on hosts that do not share this file system); here it is for
  // `pipesim merge` and for GNU parallel's --return.
  std::error_code ec;
  std::filesystem::create_directories(c.results_dir, ec);
  if (ec) throw Error(fmt::format("cannot create '{}': {}", c.results_dir, ec.message()));
  write_output(o.emit_jobs, lines);
  if (o.emit_jobs != "-" && verbosity() != Verbosity::Quiet)
    std::cerr << fmt::format(
        "wrote {} commands to {}; each writes {}/run-K.json (K = its line number); then: "
        "pipesim merge {} -o table.csv\n",
        c.job_count, o.emit_jobs, c.results_dir, c.results_dir);
  return 0;
}

// A packed job (--per-job N): the command names the whole sweep, of which this job runs its
// share. Sets `job`'s packing fields; throws when the sweep planned here is not the one that was
// emitted (a program file added or removed since).
std::vector<sweep::Job> packed_share(const std::vector<sweep::Job>& all, sweep::JobId& job,
                                     const SweepOptions& o) {
  if (sweep::sweep_id(all, o.max_cycles, o.check, o.run_timeout) != job.sweep ||
      sweep::packed_job_count(all.size(), o.per_job) != job.count)
    throw Error(fmt::format(
        "--sweep-id {}: this command plans another sweep than the one emitted (were files "
        "added, removed or renamed?); emit the jobs again",
        job.sweep));
  job.per_job = o.per_job;
  job.runs = all.size();
  const std::size_t first = (job.number - 1) * o.per_job;
  return {all.begin() + static_cast<std::ptrdiff_t>(first),
          all.begin() + static_cast<std::ptrdiff_t>(first + job.rows())};
}

// A sweep writing a table file keeps a journal next to it (cli/sweep_journal.hpp); not one
// writing to stdout, a device or a FIFO, nor an emitted job (a single run).
bool journaled(const SweepOptions& o, const std::optional<sweep::JobId>& job) {
  if (o.output == "-" || job) return false;
  std::error_code ec;
  const auto status = std::filesystem::status(o.output, ec);
  return !std::filesystem::exists(status) || std::filesystem::is_regular_file(status);
}

int run_sweep(const SweepOptions& o) {
  std::vector<sweep::SetDimension> dims;
  for (const std::string& s : o.sets) dims.push_back(sweep::parse_set_dimension(s));
  const bool emitting = !o.emit_jobs.empty();
  if (!o.results_dir.empty() && !emitting) throw Error("--results-dir goes with --emit-jobs");
  if (emitting && o.output != "-")
    throw Error(
        "--emit-jobs runs nothing and writes no table: drop -o (each job writes its own "
        "result file into --results-dir)");
  std::optional<sweep::JobId> job = parse_job(o);
  if (job && emitting) throw Error("--job and --emit-jobs do not go together");
  if (o.summary && (emitting || job || o.output == "-"))
    throw Error("--summary prints after the table is written to a file: add -o FILE");
  if (!o.baseline.empty() && !o.summary) throw Error("--baseline goes with --summary");
  if (o.resume && (emitting || job || o.output == "-"))
    throw Error("--resume goes on with a sweep that writes a table file (-o FILE)");
  const std::string format = sweep::table_format(o.output);
  if (o.per_job > 1 && !emitting && !job)
    throw Error("--per-job goes with --emit-jobs (and is written into the job commands)");
  sweep::SweepSpec spec{sweep::expand_programs(o.programs), split_list(o.configs), dims};
  std::vector<sweep::Job> jobs = sweep::plan(spec.programs, spec.configs, spec.dimensions);
  if (job && (format != "json" || o.output == "-"))
    throw Error("--job is for the commands --emit-jobs writes: -o FILE.json");
  if (job && o.per_job > 1)
    jobs = packed_share(jobs, *job, o);
  else if (job && jobs.size() != 1)
    throw Error("--job is for the commands --emit-jobs writes: one run, or --per-job N");

  // Outputs first, inputs next, runs last: a typo anywhere is reported at once, not after
  // hours of runs.
  const std::string& output = emitting ? o.emit_jobs : o.output;
  if (job) {
    // A job may run on a host where the results directory does not exist yet.
    const std::filesystem::path dir = std::filesystem::path(output).parent_path();
    std::error_code ec;
    if (!dir.empty()) std::filesystem::create_directories(dir, ec);
    if (ec) throw Error(fmt::format("cannot create '{}': {}", dir.string(), ec.message()));
  }
  check_outputs({{emitting ? "--emit-jobs" : "the table", output}}, sweep_inputs(jobs));
  sweep::LoadedSweep loaded = sweep::load_sweep(std::move(jobs), o.max_cycles, o.check);
  loaded.run_timeout = o.run_timeout;
  loaded.engine = engine_choice(o.engine);
  for (const sweep::Job& j : loaded.jobs)
    refuse_engine(loaded.configs.at(sweep::config_key(j)), o.engine, o.check, o.check);
  if (emitting) return emit_jobs(o, loaded.jobs, spec);

  loaded.stop = stop_flag();
  const bool interactive = !job && verbosity() != Verbosity::Quiet && ::isatty(STDERR_FILENO) != 0;
  // Rows go to the output as they are done, in job order: the table is never all in memory.
  // The file appears (renamed into place) only when every run is written.
  StreamOutput out(o.output);
  sweep::TableWriter table(out, format, sweep::sweep_columns(loaded), job);
  if (!o.baseline.empty()) sweep::check_baseline(loaded.jobs, o.baseline);
  std::optional<SweepJournal> journal;
  sweep::SummaryBuilder summary;
  if (journaled(o, job)) {
    const std::string id = sweep::sweep_id(loaded.jobs, o.max_cycles, o.check, o.run_timeout);
    std::error_code ec;
    const bool left_over = !o.resume && std::filesystem::exists(o.output + ".journal", ec);
    journal.emplace(o.output, id, loaded, o.resume, [&](sweep::Row&& row) {
      table.row(row);
      if (o.summary) summary.add(row);
    });
    if (left_over && verbosity() != Verbosity::Quiet)
      std::cerr << fmt::format(
          "note: '{}.journal' (an interrupted sweep's runs) is replaced; --resume would have "
          "gone on from it\n",
          o.output);
    // The runs already in the table are not run again.
    loaded.jobs.erase(loaded.jobs.begin(),
                      loaded.jobs.begin() + static_cast<std::ptrdiff_t>(journal->resumed()));
    if (o.resume && verbosity() != Verbosity::Quiet)
      std::cerr << fmt::format("sweep: {} runs taken from '{}', {} to run\n", journal->resumed(),
                               journal->path(), loaded.jobs.size());
  }
  {
    StopPolling polling;  // run_all looks at the stop flag: a signal stops it, with a message
    sweep::run_all(
        loaded, static_cast<unsigned>(std::min<uint64_t>(o.threads, UINT_MAX)),
        [&](std::size_t, sweep::Row&& row) {
          table.row(row);
          if (journal) journal->append(row);
          if (o.summary) summary.add(row);
        },
        interactive ? draw_progress : std::function<void(std::size_t, std::size_t)>{});
  }
  if (stop_reason() != StopReason::None) {
    std::cerr << fmt::format(
        "error: sweep interrupted by {}; {}{}\n", stop_signal_name(),
        o.output == "-" ? "the table on stdout is incomplete"
                        : fmt::format("'{}' was not written", o.output),
        journal ? fmt::format("; the {} runs done are kept in '{}': the same command with "
                              "--resume goes on from there",
                              journal->rows(), journal->path())
                : "");
    return interrupted_status();
  }
  table.finish();
  out.commit();
  if (journal) journal->remove();
  if (o.summary)
    write_output("-", sweep::summary_text(summary.finish(o.baseline), report::TableFormat::Text));
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& parent) {
  auto o = std::make_shared<SweepOptions>();
  CLI::App* app = parent.add_subcommand(
      "sweep", "Run programs x machines x --set values on all cores into one table");
  app->add_option("--programs", o->programs,
                  "Program files: a glob pattern such as 'programs/bench/*.s' (quote it; {a,b} "
                  "braces work; several patterns may follow)")
      ->required()
      ->type_name("GLOB");
  app->add_option("--configs", o->configs,
                  "Comma-separated machines: presets (pipesim configs) or JSON files")
      ->required()
      ->check(comma_list())
      ->type_name("LIST");
  app->add_option("--set", o->sets,
                  "A config option and the values it takes, PATH=V1,V2,...: one dimension of "
                  "the cross product (repeatable, one path each)")
      ->type_name("PATH=V1,V2,...");
  app->add_option("-j,--threads", o->threads, "Runs at a time (default: one per core)")
      ->check(positive_count());
  app->add_option("-o,--output", o->output,
                  "Write the table to FILE: .csv or .json (default: CSV on stdout)")
      ->type_name("FILE")
      ->check(file_name());
  app->add_option(
         "--max-cycles", o->max_cycles,
         fmt::format("Stop each run after this many cycles (default {})", kDefaultMaxCycles))
      ->check(positive_count());
  app->add_option("--run-timeout", o->run_timeout,
                  "Stop a run after this many seconds of host time: its row says halt limit, "
                  "limit timeout (not reproducible: it depends on the host)")
      ->check(positive_seconds())
      ->type_name("SECONDS");
  app->add_flag("--check", o->check,
                "Compare every committed instruction with the functional model");
  add_engine_option(app, o->engine);
  app->add_flag("--summary", o->summary,
                "When the table is written, print each machine's geomean CPI and speedup (as "
                "pipesim summarize does)");
  app->add_option("--baseline", o->baseline,
                  "With --summary: the machine speedups are measured against (default: the first)");
  app->add_flag("--resume", o->resume,
                "Go on with an interrupted sweep: the runs in FILE.journal (next to -o FILE) are "
                "not run again");
  app->add_option("--emit-jobs", o->emit_jobs,
                  "Run nothing: write one shell command per run to FILE (for GNU parallel or a "
                  "Slurm job array)")
      ->type_name("FILE")
      ->check(file_name());
  app->add_option("--per-job", o->per_job,
                  "With --emit-jobs: runs per job command (default 1); many tiny runs in one "
                  "process save a process start each")
      ->check(positive_count());
  app->add_option("--results-dir", o->results_dir,
                  "With --emit-jobs: where each command writes its result (default "
                  "sweep-results)")
      ->type_name("DIR");
  app->add_option("--job", o->job,
                  "Written by --emit-jobs: this run is job K of N (recorded for pipesim merge)")
      ->type_name("K/N");
  app->add_option("--sweep-id", o->sweep_id,
                  "Written by --emit-jobs: which sweep the job belongs to (checked by merge)")
      ->type_name("ID");
  return {app, [o] { return run_sweep(*o); }};
}

}  // namespace pipesim::cli
