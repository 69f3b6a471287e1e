#include "cli/machine_options.hpp"

#include "isa/error.hpp"
#include "sim/pipe/machine.hpp"

namespace pipesim::cli {

CLI::Option* add_machine_options(CLI::App* app, MachineOptions& m,
                                 const MachineOptionTexts& texts) {
  CLI::Option* program = app->add_option("program", m.program, texts.program);
  if (texts.program_required) program->required();
  CLI::Option* config = app->add_option(texts.config_flags, m.config, texts.config);
  if (texts.config_required) config->required();
  app->add_option("--set", m.sets, "Override a config option: PATH=VALUE (repeatable)")
      ->type_name("PATH=VALUE");
  return config;
}

void add_run_options(CLI::App* app, MachineOptions& m, const RunOptionTexts& texts) {
  CLI::Option* max_cycles = app->add_option("--max-cycles", m.max_cycles, texts.max_cycles);
  if (texts.max_cycles_checked) max_cycles->check(positive_count());
  if (!texts.run_controls) return;
  app->add_option("--timeout", m.timeout,
                  "Stop after this many seconds of wall-clock time (default: none)")
      ->check(positive_seconds());
  app->add_flag("--check", m.check,
                "Compare every committed instruction with the functional model");
  add_engine_option(app, m.engine);
}

std::vector<NamedFile> machine_inputs(const MachineOptions& m) {
  std::vector<NamedFile> inputs = {{"program", m.program}};
  for (NamedFile& f : config_inputs("--config file", m.config)) inputs.push_back(std::move(f));
  return inputs;
}

void add_engine_option(CLI::App* app, std::string& engine) {
  app->add_option("--engine", engine,
                  "Engine of a pipelined machine: auto (default: the fast timing model when no "
                  "cycle is shown and it supports the machine), cycle or timing")
      ->check(CLI::IsMember({"auto", "cycle", "timing"}))
      ->type_name("ENGINE");
}

EngineChoice engine_choice(const std::string& engine) {
  return parse_engine_choice(engine).value_or(EngineChoice::Auto);  // CLI11 checked it
}

void refuse_engine(const PipelineConfig& config, const std::string& engine, bool watched,
                   bool check) {
  const std::string refusal = engine_refusal(config, engine_choice(engine), watched, check);
  if (!refusal.empty()) throw pipesim::Error(refusal);
}

}  // namespace pipesim::cli
