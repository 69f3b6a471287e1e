// `pipesim sweep --emit-jobs`: a sweep as independent shell commands, one per line, for GNU
// parallel or a Slurm job array (docs/sweeps.md). Each command changes to the directory the
// sweep was planned in (so relative program and config paths mean the same), runs one job and
// writes its own result file; `pipesim merge` puts the table together.
#pragma once

#include <cstdint>
#include <string>

#include "sim/sweep/plan.hpp"

namespace pipesim::sweep {

// Quotes a word for a POSIX shell: unchanged when it is made only of safe characters, otherwise
// in single quotes (a single quote inside becomes '\'').
std::string shell_quote(const std::string& word);

struct JobCommandOptions {
  std::string pipesim;      // absolute path of the pipesim binary
  std::string directory;    // absolute working directory
  std::string results_dir;  // where result files go (relative to `directory` or absolute)
  std::size_t job_count = 0;
  uint64_t max_cycles = 1'000'000'000;
  bool check = false;
};

// The result file of a job: RESULTS_DIR/run-000017.json, numbered with as many digits as the
// largest index needs (at least 4), so that the files sort in job order.
std::string result_file(const std::string& results_dir, std::size_t index, std::size_t count);

// cd DIR && PIPESIM sweep --programs P --configs C [--set S]... --max-cycles N [--check]
//   --job I/COUNT -o RESULT   (one line, no newline)
std::string job_command(const Job& job, const JobCommandOptions& o);

}  // namespace pipesim::sweep
