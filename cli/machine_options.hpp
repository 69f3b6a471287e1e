// The options of the commands that run a program on a machine (run, compare, check, explain,
// deps, schedule): which program, which machine (--config, --set) and how it runs (--max-cycles,
// and for run and compare --timeout, --check and --engine). Declared here once; each command says
// only what differs (its help texts, whether --config is required).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/output_file.hpp"

namespace pipesim {
struct PipelineConfig;
enum class EngineChoice : uint8_t;
}  // namespace pipesim

namespace pipesim::cli {

struct MachineOptions {
  std::string program;
  std::string config;             // preset name or JSON file
  std::vector<std::string> sets;  // --set PATH=VALUE
  uint64_t max_cycles = kDefaultMaxCycles;
  double timeout = 0;  // seconds of wall-clock time; 0: none
  bool check = false;
  std::string engine = "auto";  // --engine: auto, cycle or timing (EngineChoice)
};

// What differs between the commands' PROGRAM, --config and --set.
struct MachineOptionTexts {
  const char* program = "Program: RISC-V assembly (.s), ELF or .bin";
  const char* config_flags = "-c,--config";
  const char* config = "Machine: a preset name or a JSON file";
  bool config_required = true;
  bool program_required = true;  // check --course grades a folder of exercises instead
};
// Adds PROGRAM (required unless texts say not), --config and --set; returns the --config option.
CLI::Option* add_machine_options(CLI::App* app, MachineOptions& m,
                                 const MachineOptionTexts& texts = {});

// What differs between the commands' --max-cycles; `run_controls` adds --timeout, --check and
// --engine (run and compare).
struct RunOptionTexts {
  std::string max_cycles;          // the help text
  bool max_cycles_checked = true;  // refuse anything but a whole number of at least 1
  bool run_controls = false;
};
void add_run_options(CLI::App* app, MachineOptions& m, const RunOptionTexts& texts);

// The files a run reads: the program and the config (with the files it extends), so that no
// output is written over one of them.
std::vector<NamedFile> machine_inputs(const MachineOptions& m);

// --engine auto|cycle|timing (docs/cli.md#engines): the option, and its value as an EngineChoice.
void add_engine_option(CLI::App* app, std::string& engine);
EngineChoice engine_choice(const std::string& engine);
// Throws pipesim::Error with engine_refusal()'s message when `engine` cannot run `config`
// (`watched`: the run has trace sinks or --check; `check`: --check): before any output file is
// opened or any run.
void refuse_engine(const PipelineConfig& config, const std::string& engine, bool watched,
                   bool check);

}  // namespace pipesim::cli
