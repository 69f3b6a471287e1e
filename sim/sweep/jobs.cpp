#include "sim/sweep/jobs.hpp"

#include <fmt/format.h>

#include <filesystem>

namespace pipesim::sweep {

std::string shell_quote(const std::string& word) {
  const bool safe = !word.empty() && word.find_first_not_of(
                                         "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                         "0123456789_-+./:=@%,") == std::string::npos;
  if (safe) return word;
  std::string out = "'";
  for (char c : word) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

std::string sweep_id(const std::vector<Job>& jobs, uint64_t max_cycles, bool check,
                     double run_timeout) {
  // FNV-1a over the plan, each field followed by a separator byte that no path or value holds.
  uint64_t h = 0xcbf29ce484222325ULL;
  auto add = [&h](const std::string& field) {
    for (unsigned char c : field + '\0') {
      h ^= c;
      h *= 0x100000001b3ULL;
    }
  };
  add(fmt::format("max-cycles={} check={}", max_cycles, check));
  if (run_timeout > 0) add(fmt::format("run-timeout={}", run_timeout));  // ids without it unchanged
  for (const Job& job : jobs) {
    add(job.program);
    add(job.config);
    for (const std::string& s : job.sets) add(s);
    add("\n");
  }
  return fmt::format("{:016x}", h);
}

std::string result_file(const std::string& results_dir, std::size_t number) {
  return (std::filesystem::path(results_dir) / fmt::format("run-{}.json", number)).string();
}

namespace {

// A program as a --programs pattern that matches exactly that file. A name starting with '-'
// would read as an option: "./" keeps it a file name.
std::string exact_program(const std::string& program) {
  return shell_quote(glob_escape(program.starts_with('-') ? "./" + program : program));
}

// The options every job command ends with, after what it runs.
std::string run_options(const JobCommandOptions& o, std::size_t number) {
  std::string cmd = fmt::format(" --max-cycles {}", o.max_cycles);
  if (o.check) cmd += " --check";
  if (o.engine != "auto") cmd += " --engine " + shell_quote(o.engine);
  if (o.run_timeout > 0) cmd += fmt::format(" --run-timeout {}", o.run_timeout);
  return cmd + fmt::format(" --job {}/{}", number, o.job_count);
}

}  // namespace

std::size_t packed_job_count(std::size_t runs, std::size_t per_job) {
  return (runs + per_job - 1) / per_job;
}

std::string packed_job_command(const SweepSpec& spec, std::size_t number, std::size_t per_job,
                               const JobCommandOptions& o) {
  std::string cmd =
      fmt::format("cd {} && {} sweep --programs", shell_quote(o.directory), shell_quote(o.pipesim));
  for (const std::string& p : spec.programs) cmd += " " + exact_program(p);
  std::string configs;
  for (const std::string& c : spec.configs) configs += (configs.empty() ? "" : ",") + c;
  cmd += " --configs " + shell_quote(configs);
  for (const SetDimension& d : spec.dimensions) {
    std::string values;
    for (const std::string& v : d.values) values += (values.empty() ? "" : ",") + v;
    cmd += " --set " + shell_quote(d.path + "=" + values);
  }
  cmd += run_options(o, number);
  cmd += fmt::format(" --per-job {} --sweep-id {} -o {}", per_job, o.sweep_id,
                     shell_quote(result_file(o.results_dir, number)));
  return cmd;
}

std::string job_command(const Job& job, const JobCommandOptions& o) {
  std::string cmd =
      fmt::format("cd {} && {} sweep --programs {} --configs {}", shell_quote(o.directory),
                  shell_quote(o.pipesim), exact_program(job.program), shell_quote(job.config));
  for (const std::string& s : job.sets) cmd += " --set " + shell_quote(s);
  cmd += run_options(o, job.index + 1);
  cmd += fmt::format(" --sweep-id {} -o {}", o.sweep_id,
                     shell_quote(result_file(o.results_dir, job.index + 1)));
  return cmd;
}

}  // namespace pipesim::sweep
