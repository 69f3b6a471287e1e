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

std::string result_file(const std::string& results_dir, std::size_t index, std::size_t count) {
  const std::size_t digits = std::max<std::size_t>(4, fmt::format("{}", count).size());
  return (std::filesystem::path(results_dir) / fmt::format("run-{:0{}}.json", index, digits))
      .string();
}

std::string job_command(const Job& job, const JobCommandOptions& o) {
  std::string cmd = fmt::format("cd {} && {} sweep --programs {} --configs {}",
                                shell_quote(o.directory), shell_quote(o.pipesim),
                                shell_quote(glob_escape(job.program)), shell_quote(job.config));
  for (const std::string& s : job.sets) cmd += " --set " + shell_quote(s);
  cmd += fmt::format(" --max-cycles {}", o.max_cycles);
  if (o.check) cmd += " --check";
  cmd += fmt::format(" --job {}/{} -o {}", job.index, o.job_count,
                     shell_quote(result_file(o.results_dir, job.index, o.job_count)));
  return cmd;
}

}  // namespace pipesim::sweep
