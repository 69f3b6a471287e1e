// `pipesim explain PROGRAM --config C`: every stall and flush of the run in plain language,
// grouped and counted, with what would remove it.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "sim/classroom/explainer.hpp"
#include "sim/config/config_load.hpp"
#include "sim/load/load.hpp"

namespace pipesim::cli {
namespace {

struct ExplainOptions {
  std::string program;
  std::string config;
  std::vector<std::string> sets;
  uint64_t max_cycles = classroom::kDefaultMaxCycles;
};

int explain(const ExplainOptions& o) {
  LoadedProgram loaded = load_program_file(o.program);
  print_warnings(loaded.warnings);
  const PipelineConfig config = load_config(o.config, o.sets);
  const classroom::RecordedRun run = classroom::record_run(config, loaded.program, o.max_cycles);
  std::cout << classroom::render_explanation(o.program, run, classroom::explain_run(run));
  return report_guest_fault(run.result);
}

}  // namespace

Command add_explain_command(CLI::App& parent) {
  auto o = std::make_shared<ExplainOptions>();
  CLI::App* app = parent.add_subcommand(
      "explain", "Explain every stall and flush of a run in plain language, grouped and counted");
  app->add_option("program", o->program, "Program: RISC-V assembly (.s), ELF or .bin")->required();
  app->add_option("-c,--config", o->config, "Machine: a preset name or a JSON file")->required();
  app->add_option("--set", o->sets, "Override a config option: PATH=VALUE (repeatable)")
      ->type_name("PATH=VALUE");
  app->add_option("--max-cycles", o->max_cycles, "Stop after this many cycles (default 100000)")
      ->check(positive_count());
  return {app, [o] { return explain(*o); }};
}

}  // namespace pipesim::cli
