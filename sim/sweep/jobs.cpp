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

std::string job_command(const Job& job, const JobCommandOptions& o) {
  // A program name starting with '-' would read as an option: "./" keeps it a file name.
  const std::string program = job.program.starts_with('-') ? "./" + job.program : job.program;
  std::string cmd = fmt::format("cd {} && {} sweep --programs {} --configs {}",
                                shell_quote(o.directory), shell_quote(o.pipesim),
                                shell_quote(glob_escape(program)), shell_quote(job.config));
  for (const std::string& s : job.sets) cmd += " --set " + shell_quote(s);
  cmd += fmt::format(" --max-cycles {}", o.max_cycles);
  if (o.check) cmd += " --check";
  if (o.engine != "auto") cmd += " --engine " + shell_quote(o.engine);
  if (o.run_timeout > 0) cmd += fmt::format(" --run-timeout {}", o.run_timeout);
  cmd += fmt::format(" --job {}/{} --sweep-id {} -o {}", job.index + 1, o.job_count, o.sweep_id,
                     shell_quote(result_file(o.results_dir, job.index + 1)));
  return cmd;
}

}  // namespace pipesim::sweep
