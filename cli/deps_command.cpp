// `pipesim deps PROGRAM [--config C] [--window N] [--format text|dot|json]`: the RAW, WAR and
// WAW dependences (static per basic block and over the first N executed instructions), the
// critical path under the config's latencies, and the dataflow limit next to the cycles the
// pipeline takes.
#include <memory>

#include "cli/command.hpp"
#include "cli/machine_options.hpp"
#include "cli/output_file.hpp"
#include "sim/classroom/deps.hpp"
#include "sim/classroom/deps_render.hpp"
#include "sim/config/config_load.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/load.hpp"

namespace pipesim::cli {
namespace {

struct DepsOptions {
  MachineOptions machine;  // --config defaults to 5-stage
  uint64_t window = 32;
  std::string format = "text";
  std::string output = "-";
  uint64_t max_instructions = 10'000'000;
};

int deps(const DepsOptions& o) {
  check_outputs({{"-o", o.output}}, machine_inputs(o.machine));
  LoadedProgram loaded = load_program_file(o.machine.program);
  print_warnings(loaded.warnings);
  const PipelineConfig config = load_config(o.machine.config, o.machine.sets);
  const classroom::DepsAnalysis a = classroom::analyse_deps(
      loaded.program, config, o.window, o.max_instructions, o.machine.max_cycles);
  if (o.format == "dot")
    write_output(o.output, classroom::deps_dot(o.machine.program, a));
  else if (o.format == "json")
    write_output(o.output, json_text(classroom::deps_json(o.machine.program, config, a), 2) + "\n");
  else
    write_output(o.output, classroom::deps_text(o.machine.program, config, a));
  return 0;
}

}  // namespace

Command add_deps_command(CLI::App& parent) {
  auto o = std::make_shared<DepsOptions>();
  o->machine.config = "5-stage";
  CLI::App* app = parent.add_subcommand(
      "deps", "Dependences (RAW/WAR/WAW), critical path and dataflow limit of a program");
  MachineOptionTexts texts;
  texts.config = "Machine whose latencies count (default 5-stage)";
  texts.config_required = false;
  add_machine_options(app, o->machine, texts);
  app->add_option("--window", o->window,
                  "Dynamic instructions to list and draw (default 32, at most 10000)")
      ->check(CLI::Range(uint64_t{0}, uint64_t{10000}));
  app->add_option("--format", o->format, "text (default), dot (Graphviz) or json")
      ->check(CLI::IsMember({"text", "dot", "json"}));
  app->add_option("-o,--output", o->output, "Write here instead of stdout")->check(file_name());
  app->add_option("--max-instructions", o->max_instructions,
                  "Functional-model instructions for the dataflow limit (default 10000000)");
  add_run_options(app, o->machine, {"Cycle limit of the pipelined run", false});
  return {app, [o] { return deps(*o); }};
}

}  // namespace pipesim::cli
