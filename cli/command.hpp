// The pieces every subcommand shares: registration, output files and exit statuses.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "sim/pipe/run_defaults.hpp"

namespace pipesim {
struct MachineResult;
}  // namespace pipesim

namespace pipesim::cli {

// Exit statuses (docs/cli.md). A guest that exits normally gives its own exit code instead.
inline constexpr int kExitUserError = 2;      // bad command line, program, config or answer file
inline constexpr int kExitGuestFault = 3;     // the simulated program faulted
inline constexpr int kExitLimit = 4;          // a --max-* limit stopped the run
inline constexpr int kExitInternal = 70;      // a bug in pipesim (EX_SOFTWARE)
inline constexpr int kExitInterrupted = 130;  // stopped by SIGINT or SIGTERM (128 + SIGINT)

// Default limits: sim/pipe/run_defaults.hpp (kDefaultMaxCycles, kWholeRunOutputMaxCycles…).
// Throws pipesim::Error if `max_cycles` is more than `option` (--html, --trace-json) can hold.
void refuse_whole_run_limit(const char* option, uint64_t max_cycles);

// Option checks with plain messages (validators.cpp): a count of at least 1 (--max-cycles…),
// a number of seconds (--timeout, at most kMaxTimeoutSeconds).
inline constexpr double kMaxTimeoutSeconds = 1e9;
CLI::Validator positive_count();
CLI::Validator positive_seconds();
// An output file's name (--json, -o, …): not empty (an empty one would mean "not given").
CLI::Validator file_name();
// A comma-separated list (--configs a,b): comma_list() refuses empty items ("a,,b", "a,"), which
// CLI11's delimiter would drop silently (so such options take the text whole and split_list()
// splits each occurrence), and an item given twice.
CLI::Validator comma_list();
std::vector<std::string> split_list(const std::vector<std::string>& args);

// --quiet: only the program's output and errors; --verbose: also what was loaded, the limits in
// force and the host time (set once by main.cpp).
enum class Verbosity { Quiet, Normal, Verbose };
Verbosity verbosity();
void set_verbosity(Verbosity v);
// Prints "pipesim: LINE" on stderr under --verbose.
void verbose_note(const std::string& line);

struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;  // called after parsing when this subcommand was chosen
};

Command add_run_command(CLI::App& parent);
Command add_compare_command(CLI::App& parent);
Command add_configs_command(CLI::App& parent);
Command add_asm_command(CLI::App& parent);
Command add_disasm_command(CLI::App& parent);
Command add_check_command(CLI::App& parent);  // classroom (sim/classroom/)
Command add_explain_command(CLI::App& parent);
Command add_deps_command(CLI::App& parent);
Command add_schedule_command(CLI::App& parent);
Command add_exercise_command(CLI::App& parent);
Command add_task_command(CLI::App& parent);
Command add_tasks_command(CLI::App& parent);  // task graphs (sim/tasks/), not challenges
Command add_sweep_command(CLI::App& parent);
Command add_merge_command(CLI::App& parent);
Command add_summarize_command(CLI::App& parent);
Command add_convert_command(CLI::App& parent);  // binary traces into the text formats

// Writes `content` to `path` ("-" is stdout) all at once: to a temporary file in the same
// directory, renamed into place only when complete, so a failure never leaves a truncated file.
void write_output(const std::string& path, const std::string& content);

// Flushes and closes standard output once the command is done: if anything written to it was lost
// (a full disk, /dev/full, an I/O error) says "error: cannot write standard output: REASON" and
// returns kExitUserError instead of `status`.
int finish_standard_output(int status);
// Gives std::cout a buffer that keeps the errno of a failed write (main.cpp, before a command
// runs); standard_output_error() is that errno, 0 while all is well.
void install_standard_output();
int standard_output_error();
// Throws pipesim::Error "cannot write standard output: REASON" for errno `err` (and remembers it
// was said, so finish_standard_output does not say it again).
[[noreturn]] void throw_standard_output_error(int err);
// A run that ended in a guest fault: prints `error: guest fault at pc …, cycle N: …` on stderr
// and returns kExitGuestFault; any other run: 0. For the commands that report on a run (explain,
// check) after their output, as `run` does.
int report_guest_fault(const pipesim::MachineResult& result);

// Prints assembler warnings (already formatted) to stderr, unless --quiet.
void print_warnings(const std::vector<std::string>& warnings);

}  // namespace pipesim::cli
