// `pipesim sweep --emit-jobs`: a sweep as independent shell commands, one per line, for GNU
// parallel or a Slurm job array (docs/sweeps.md). Each command changes to the directory the
// sweep was planned in (so relative program and config paths mean the same), runs one job and
// writes its own result file; `pipesim merge` puts the table together.
//
// Jobs are numbered from 1, so that job K is line K of the jobs file, GNU parallel's {#} and
// Slurm's SLURM_ARRAY_TASK_ID: its result file is RESULTS_DIR/run-K.json.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

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
  std::string sweep_id;  // sweep_id() of the whole plan
  uint64_t max_cycles = 1'000'000'000;
  bool check = false;
  std::string engine = "auto";  // --engine; written into the command only when not "auto"
  double run_timeout = 0;       // --run-timeout; written only when set
};

// What identifies one emitted sweep: 16 hex digits hashed from every job (program, config,
// sets) and the run options. Each result file records it, so that `pipesim merge` refuses to mix
// the results of two different sweeps left in the same directory.
std::string sweep_id(const std::vector<Job>& jobs, uint64_t max_cycles, bool check,
                     double run_timeout = 0);

// The result file of job number `number` (1-based): RESULTS_DIR/run-NUMBER.json.
std::string result_file(const std::string& results_dir, std::size_t number);

// What a sweep command line names, expanded: the programs (each file), the configs, the --set
// dimensions. A packed job's command names it all.
struct SweepSpec {
  std::vector<std::string> programs;
  std::vector<std::string> configs;
  std::vector<SetDimension> dimensions;
};

// The number of jobs when each runs `per_job` of `runs` runs (the last may run fewer).
std::size_t packed_job_count(std::size_t runs, std::size_t per_job);

// --emit-jobs --per-job N (N > 1): job `number` (1-based) runs the runs (number - 1) * N ...
// number * N - 1 of the sweep in one process, which saves a process start per run:
// cd DIR && PIPESIM sweep --programs P1 P2... --configs C1,C2 [--set PATH=V1,V2]... --max-cycles N
//   [--check] [--engine E] [--run-timeout S] --job K/COUNT --per-job N --sweep-id ID -o RESULT
// Each program is named exactly (escaped), so the job plans the same sweep wherever it runs.
std::string packed_job_command(const SweepSpec& spec, std::size_t number, std::size_t per_job,
                               const JobCommandOptions& o);

// cd DIR && PIPESIM sweep --programs P --configs C [--set S]... --max-cycles N [--check]
//   [--engine E] [--run-timeout S] --job K/COUNT --sweep-id ID -o RESULT   (one line, no newline; K
//   = job.index + 1)
std::string job_command(const Job& job, const JobCommandOptions& o);

}  // namespace pipesim::sweep
