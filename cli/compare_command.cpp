// `pipesim compare PROGRAM --configs a,b,c`: the same program on several machines, side by side,
// with speedups in cycles and in time against the first.
#include <fmt/format.h>

#include <iostream>
#include <optional>

#include "cli/command.hpp"
#include "cli/machine_options.hpp"
#include "cli/output_file.hpp"
#include "cli/run_control.hpp"
#include "sim/config/config_load.hpp"
#include "sim/load/load.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/compare.hpp"
#include "sim/report/html_view.hpp"
#include "sim/report/summary.hpp"

namespace pipesim::cli {
namespace {

// The first machine's stdout, when shown: echoed as it is written, never kept, as a program may
// write gigabytes (the other machines' output goes to a DiscardIo).
class EchoIo : public HostIo {
 public:
  void write(int fd, std::string_view bytes) override {
    if (fd == 1) std::cout << bytes;
  }
};

struct CompareOptions {
  std::vector<std::string> configs = {"single-cycle", "multi-cycle", "5-stage-no-forwarding",
                                      "5-stage"};
  MachineOptions machine;  // --config X: X's own sequential baselines, then X
  bool show_output = false;
  std::string html;                 // --html FILE: the runs' diagrams side by side
  bool html_default_limit = false;  // --max-cycles lowered to the --html default
  std::string format = "text";
};

int compare(const CompareOptions& o) {
  const std::vector<std::string> config_names = split_list(o.configs);
  std::vector<NamedFile> inputs = {{"program", o.machine.program}};
  for (const std::string& c : config_names)
    for (NamedFile& f : config_inputs("--configs file", c)) inputs.push_back(std::move(f));
  for (NamedFile& f : config_inputs("--config file", o.machine.config))
    inputs.push_back(std::move(f));
  check_outputs({{"--html", o.html}}, inputs);
  LoadedProgram loaded = load_program_file(o.machine.program);
  print_warnings(loaded.warnings);
  // Load every config first, so a typo in the last one is reported before any run.
  std::vector<PipelineConfig> configs;
  if (!o.machine.config.empty()) {
    const PipelineConfig c = load_config(o.machine.config, o.machine.sets);
    configs = {sequential_baseline(c, MachineKind::SingleCycle),
               sequential_baseline(c, MachineKind::MultiCycle), c};
  } else {
    for (const std::string& name : config_names)
      configs.push_back(load_config(name, o.machine.sets));
  }
  for (const PipelineConfig& config : configs)
    refuse_engine(config, o.machine.engine, !o.html.empty() || o.machine.check, o.machine.check);

  std::vector<report::CompareRow> rows;
  std::vector<std::string> notes;
  RunLimits limits{o.machine.max_cycles};
  limits.stop = stop_flag();
  std::optional<LimitHit> stopped;  // the run a signal or --timeout ended; no more runs after it
  nlohmann::json html_runs = nlohmann::json::array();
  {
    RunWatch watch(o.machine.timeout, verbosity() != Verbosity::Quiet,
                   fmt::format("comparing {} on {} machines", o.machine.program, configs.size()));
    limits.progress = watch.counter();
    for (const PipelineConfig& config : configs) {
      EchoIo echo;
      DiscardIo discard;
      HostIo& io = o.show_output && rows.empty() ? static_cast<HostIo&>(echo) : discard;
      report::HtmlView html;
      std::vector<TraceSink*> sinks;
      if (!o.html.empty()) sinks.push_back(&html);
      const MachineResult r = run_machine(config, loaded.program, io, sinks, limits,
                                          o.machine.check, engine_choice(o.machine.engine));
      verbose_note(fmt::format("{}: {} cycles on the {} engine", config.name, r.stats.cycles,
                               engine_name(r.engine)));
      if (!o.html.empty()) {
        std::string limit;
        if (r.halt == Halt::Limit)
          limit = r.stopped ? "stopped early (--timeout): the run so far"
                            : fmt::format("stopped by the cycle limit (--max-cycles {}){}",
                                          o.machine.max_cycles,
                                          o.html_default_limit ? ", the --html default" : "");
        html_runs.push_back(html.run_json(config, loaded.program, r,
                                          report::render_summary(o.machine.program, config, r),
                                          limit));
      }
      rows.push_back(report::compare_row(config, r.stats));
      for (std::string& n :
           report::compare_notes(config, r, o.machine.max_cycles, o.html_default_limit))
        notes.push_back(std::move(n));
      if (r.stopped) {
        LimitHit hit;
        hit.stopped = true;
        hit.timeout_seconds = o.machine.timeout;
        hit.pc = r.pc;
        hit.progress = fmt::format("{} cycles, {} instructions committed on {}", r.stats.cycles,
                                   r.stats.instructions, config.name);
        stopped = hit;
        break;
      }
    }
  }
  std::cout << report::render_compare(
      rows, report::parse_table_format(o.format).value_or(report::TableFormat::Text));
  // Notes follow the text table; they would break a JSON or CSV document, so they go to stderr.
  std::ostream& note_out = o.format == "text" ? std::cout : std::cerr;
  note_out << report::render_compare_notes(notes);
  if (!o.html.empty() && !(stopped && stopped->stopped && stop_reason() == StopReason::Interrupt))
    write_output(o.html, report::render_html_page(fmt::format("{} compared", o.machine.program),
                                                  html_runs, report::render_compare(rows)));
  if (stopped) {
    std::cerr << "error: " << limit_message(*stopped)
              << "; the last row of the table is the partial run\n";
    return limit_status(*stopped);
  }
  return 0;
}

}  // namespace

Command add_compare_command(CLI::App& parent) {
  auto o = std::make_shared<CompareOptions>();
  CLI::App* app = parent.add_subcommand(
      "compare", "Run a program on several machines and compare cycles and time");
  app->add_option("--configs", o->configs,
                  "Comma-separated machines (presets or JSON files); the first is the baseline "
                  "(default single-cycle,multi-cycle,5-stage-no-forwarding,5-stage)")
      ->check(comma_list());
  MachineOptionTexts texts;
  texts.program = "Program: RISC-V assembly (.s), ELF executable, or raw .bin";
  texts.config_flags = "--config";
  texts.config =
      "One machine against its own sequential baselines: the same stages, units and memory as a "
      "single-cycle and a multi-cycle machine";
  texts.config_required = false;
  add_machine_options(app, o->machine, texts)->excludes("--configs");
  add_run_options(
      app, o->machine,
      {fmt::format("Stop after this many cycles (default {})", kDefaultMaxCycles), true, true});
  app->add_flag("--show-output", o->show_output, "Print the program's own output (first run)");
  app->add_option("--html", o->html,
                  fmt::format("Write the runs' pipeline views side by side (one self-contained "
                              "HTML page) to FILE; --max-cycles defaults to {} then",
                              kWholeRunOutputMaxCycles))
      ->type_name("FILE")
      ->check(file_name());
  app->add_option("--format", o->format,
                  "Format of the table: text (aligned, default), json, csv, markdown")
      ->check(CLI::IsMember({"text", "json", "csv", "markdown"}))
      ->type_name("FORMAT");
  return {app, [o, app] {
            if (!o->html.empty() && app->count("--max-cycles") == 0) {
              o->machine.max_cycles = kWholeRunOutputMaxCycles;
              o->html_default_limit = true;
            }
            if (!o->html.empty()) refuse_whole_run_limit("--html", o->machine.max_cycles);
            return compare(*o);
          }};
}

Command add_configs_command(CLI::App& parent) {
  CLI::App* app = parent.add_subcommand("configs", "List the machine presets");
  return {app, [] {
            std::size_t width = 0;
            const auto presets = list_presets();
            for (const PresetInfo& p : presets) width = std::max(width, p.name.size());
            for (const PresetInfo& p : presets)
              std::cout << fmt::format("{:<{}}  {}\n", p.name, width, p.description);
            return 0;
          }};
}

}  // namespace pipesim::cli
