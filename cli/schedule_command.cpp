// `pipesim schedule PROGRAM --config C`: the program with each basic block list-scheduled for
// the machine, as assembly (pipesim and GNU as both accept it), the cycles before and after in
// its header comment.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/machine_options.hpp"
#include "cli/output_file.hpp"
#include "sim/classroom/scheduler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/load/load.hpp"

namespace pipesim::cli {
namespace {

struct ScheduleOptions {
  MachineOptions machine;
  std::string output = "-";
};

int schedule(const ScheduleOptions& o) {
  check_outputs({{"-o", o.output}}, machine_inputs(o.machine));
  const std::string source = read_text_file(o.machine.program);
  const PipelineConfig config = load_config(o.machine.config, o.machine.sets);
  const classroom::ScheduleResult r =
      classroom::schedule_program(source, o.machine.program, config, o.machine.max_cycles);
  write_output(o.output, r.source);
  if (verbosity() != Verbosity::Quiet && o.output != "-")
    std::cerr << "pipesim: " << r.cycles_before << " cycles before, " << r.cycles_after
              << " after on " << config.name << " (" << r.reordered << " of " << r.blocks
              << " blocks reordered)\n";
  return 0;
}

}  // namespace

Command add_schedule_command(CLI::App& parent) {
  auto o = std::make_shared<ScheduleOptions>();
  CLI::App* app = parent.add_subcommand(
      "schedule", "Reorder each basic block of an assembly program to remove stalls");
  MachineOptionTexts texts;
  texts.program = "Assembly source (.s)";
  texts.config = "Machine to schedule for: preset or JSON file";
  add_machine_options(app, o->machine, texts);
  app->add_option("-o,--output", o->output, "Write the program here instead of stdout")
      ->check(file_name());
  add_run_options(app, o->machine, {"Cycle limit of each run", false});
  return {app, [o] { return schedule(*o); }};
}

}  // namespace pipesim::cli
