// `pipesim schedule PROGRAM --config C`: the program with each basic block list-scheduled for
// the machine, as assembly (pipesim and GNU as both accept it), the cycles before and after in
// its header comment.
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "sim/classroom/scheduler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/load/load.hpp"

namespace pipesim::cli {
namespace {

struct ScheduleOptions {
  std::string program;
  std::string config;
  std::vector<std::string> sets;
  std::string output = "-";
  uint64_t max_cycles = kDefaultMaxCycles;
};

int schedule(const ScheduleOptions& o) {
  std::vector<NamedFile> inputs = {{"program", o.program}};
  for (NamedFile& f : config_inputs("--config file", o.config)) inputs.push_back(std::move(f));
  refuse_overwriting_inputs({{"-o", o.output}}, inputs);
  const std::string source = read_text_file(o.program);
  const PipelineConfig config = load_config(o.config, o.sets);
  const classroom::ScheduleResult r =
      classroom::schedule_program(source, o.program, config, o.max_cycles);
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
  app->add_option("program", o->program, "Assembly source (.s)")->required();
  app->add_option("-c,--config", o->config, "Machine to schedule for: preset or JSON file")
      ->required();
  app->add_option("--set", o->sets, "Override a config option: PATH=VALUE (repeatable)")
      ->type_name("PATH=VALUE");
  app->add_option("-o,--output", o->output, "Write the program here instead of stdout")
      ->check(file_name());
  app->add_option("--max-cycles", o->max_cycles, "Cycle limit of each run");
  return {app, [o] { return schedule(*o); }};
}

}  // namespace pipesim::cli
