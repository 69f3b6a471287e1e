// `pipesim explain PROGRAM --config C`: every stall and flush of the run in plain language,
// grouped and counted, with what would remove it.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/machine_options.hpp"
#include "sim/classroom/explainer.hpp"
#include "sim/config/config_load.hpp"
#include "sim/load/load.hpp"

namespace pipesim::cli {
namespace {

int explain(const MachineOptions& o) {
  LoadedProgram loaded = load_program_file(o.program);
  print_warnings(loaded.warnings);
  const PipelineConfig config = load_config(o.config, o.sets);
  const classroom::RecordedRun run = classroom::record_run(config, loaded.program, o.max_cycles);
  std::cout << classroom::render_explanation(o.program, run, classroom::explain_run(run),
                                             &loaded.program.c_source);
  return report_guest_fault(run.result);
}

}  // namespace

Command add_explain_command(CLI::App& parent) {
  auto o = std::make_shared<MachineOptions>();
  o->max_cycles = classroom::kDefaultMaxCycles;
  CLI::App* app = parent.add_subcommand(
      "explain", "Explain every stall and flush of a run in plain language, grouped and counted");
  add_machine_options(app, *o);
  add_run_options(app, *o, {"Stop after this many cycles (default 100000)"});
  return {app, [o] { return explain(*o); }};
}

}  // namespace pipesim::cli
