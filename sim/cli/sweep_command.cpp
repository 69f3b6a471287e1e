// `pipesim sweep`: the cross product of programs, machines and --set values, run on a pool of
// threads into one CSV or JSON table, or written out as independent job commands for GNU
// parallel or Slurm (--emit-jobs). docs/sweeps.md.
#include <fmt/format.h>
#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <thread>

#include "isa/error.hpp"
#include "sim/cli/command.hpp"
#include "sim/cli/output_file.hpp"
#include "sim/sweep/jobs.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/table.hpp"

namespace pipesim::cli {
namespace {

struct SweepOptions {
  std::vector<std::string> programs;
  std::vector<std::string> configs;
  std::vector<std::string> sets;
  unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  std::string output = "-";
  uint64_t max_cycles = 1'000'000'000;
  bool check = false;
  std::string emit_jobs;
  std::string results_dir;
  std::string job;  // "I/N": this command is job I of an emitted sweep of N
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

std::optional<sweep::JobId> parse_job(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::size_t index = 0, count = 0;
  char slash = 0, extra = 0;
  if (std::sscanf(text.c_str(), "%zu%c%zu%c", &index, &slash, &count, &extra) != 3 ||
      slash != '/' || index >= count)
    throw Error(fmt::format("--job '{}': expected I/N with I < N", text));
  return sweep::JobId{index, count};
}

std::string own_executable() {
  std::error_code ec;
  const auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) throw Error("cannot find the pipesim executable's path (/proc/self/exe)");
  return path.string();
}

int emit_jobs(const SweepOptions& o, const std::vector<sweep::Job>& jobs) {
  sweep::JobCommandOptions c;
  c.pipesim = own_executable();
  c.directory = std::filesystem::current_path().string();
  c.results_dir = o.results_dir.empty() ? "sweep-results" : o.results_dir;
  c.job_count = jobs.size();
  c.max_cycles = o.max_cycles;
  c.check = o.check;
  std::string lines;
  for (const sweep::Job& job : jobs) lines += sweep::job_command(job, c) + "\n";
  std::error_code ec;
  std::filesystem::create_directories(c.results_dir, ec);
  if (ec) throw Error(fmt::format("cannot create '{}': {}", c.results_dir, ec.message()));
  write_output(o.emit_jobs, lines);
  if (o.emit_jobs != "-")
    std::cerr << fmt::format(
        "wrote {} commands to {}; each writes {}/run-N.json; then: pipesim merge {} -o "
        "table.csv\n",
        jobs.size(), o.emit_jobs, c.results_dir, c.results_dir);
  return 0;
}

int run_sweep(const SweepOptions& o) {
  std::vector<sweep::SetDimension> dims;
  for (const std::string& s : o.sets) dims.push_back(sweep::parse_set_dimension(s));
  if (!o.results_dir.empty() && o.emit_jobs.empty())
    throw Error("--results-dir goes with --emit-jobs");
  const std::optional<sweep::JobId> job = parse_job(o.job);
  const std::string format = sweep::table_format(o.output);
  std::vector<NamedFile> inputs;
  for (const std::string& p : o.programs) inputs.push_back({"program", p});
  for (const std::string& c : o.configs) inputs.push_back({"config", c});
  refuse_overwriting_inputs({{"-o", o.output}, {"--emit-jobs", o.emit_jobs}}, inputs);
  std::vector<sweep::Job> jobs = sweep::plan(sweep::expand_programs(o.programs), o.configs, dims);
  if (job && (jobs.size() != 1 || format != "json"))
    throw Error("--job is for the commands --emit-jobs writes: one run, -o FILE.json");
  // Load every program and config before running or emitting anything: a typo in the last
  // config is reported at once, not after hours of runs.
  sweep::LoadedSweep loaded = sweep::load_sweep(std::move(jobs), o.max_cycles, o.check);
  if (!o.emit_jobs.empty()) return emit_jobs(o, loaded.jobs);

  const bool interactive = !job && ::isatty(STDERR_FILENO);
  const auto rows =
      sweep::run_all(loaded, o.threads,
                     interactive ? draw_progress : std::function<void(std::size_t, std::size_t)>{});
  write_output(o.output,
               format == "json" ? sweep::to_json_document(rows, job) : sweep::to_csv(rows));
  return 0;
}

}  // namespace

Command add_sweep_command(CLI::App& parent) {
  auto o = std::make_shared<SweepOptions>();
  CLI::App* app = parent.add_subcommand(
      "sweep", "Run programs x machines x --set values on all cores into one table");
  app->add_option("--programs", o->programs,
                  "Program files: a glob pattern such as 'programs/bench/*.s' (quote it; {a,b} "
                  "braces work; repeatable)")
      ->required()
      ->type_name("GLOB");
  app->add_option("--configs", o->configs,
                  "Comma-separated machines: presets (pipesim configs) or JSON files")
      ->required()
      ->delimiter(',')
      ->type_name("LIST");
  app->add_option("--set", o->sets,
                  "A config option and the values it takes, PATH=V1,V2,...: one dimension of "
                  "the cross product (repeatable)")
      ->type_name("PATH=V1,V2,...");
  app->add_option("-j,--jobs", o->threads, "Runs at a time (default: one per core)")
      ->check(CLI::PositiveNumber);
  app->add_option("-o,--output", o->output,
                  "Write the table to FILE: .csv or .json (default: CSV on stdout)")
      ->type_name("FILE");
  app->add_option("--max-cycles", o->max_cycles,
                  "Stop each run after this many cycles (default 1000000000)")
      ->check(positive_count());
  app->add_flag("--check", o->check,
                "Compare every committed instruction with the functional model");
  app->add_option("--emit-jobs", o->emit_jobs,
                  "Run nothing: write one shell command per run to FILE (for GNU parallel or a "
                  "Slurm job array)")
      ->type_name("FILE");
  app->add_option("--results-dir", o->results_dir,
                  "With --emit-jobs: where each command writes its result (default "
                  "sweep-results)")
      ->type_name("DIR");
  app->add_option("--job", o->job,
                  "Set by --emit-jobs: this run is job I of N (recorded for pipesim merge)")
      ->type_name("I/N");
  return {app, [o] { return run_sweep(*o); }};
}

}  // namespace pipesim::cli
