// `pipesim tasks FILE [--set RES=N] [--iterations N] [--json F] [--trace-chrome F] [--html F]`
// and `pipesim tasks --from PROGRAM.s`: a task graph (the morning routine itself, in minutes;
// docs/tasks.md) scheduled one task at a time, overlapped, pipelined over iterations and with
// more of a resource, each with its length and Gantt diagram, and its critical path and dataflow
// limit. Not `pipesim task` (cli/task_command.cpp): those are optimisation challenges for programs.
#include <memory>

#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "cli/terminal.hpp"
#include "sim/classroom/deps_tasks.hpp"
#include "sim/config/config_load.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/load.hpp"
#include "sim/tasks/gantt_text.hpp"
#include "sim/tasks/task_graph_json.hpp"
#include "sim/tasks/tasks_analysis.hpp"
#include "sim/tasks/tasks_chrome.hpp"
#include "sim/tasks/tasks_html.hpp"
#include "sim/tasks/tasks_json.hpp"

namespace pipesim::cli {
namespace {

struct TasksCommandOptions {
  std::string file;
  std::string from;  // --from PROGRAM
  std::string config = "5-stage";
  std::size_t block = 0;
  std::vector<std::string> sets;
  uint64_t iterations = 0;
  std::string json, html, trace_chrome, graph_out;
  std::string output = "-";
  DisplayOptions display;  // --width, --color
};

tasks::TaskGraph load_graph(const TasksCommandOptions& o) {
  if (o.from.empty()) return tasks::load_task_graph(o.file);
  const LoadedProgram loaded = load_program_file(o.from);
  print_warnings(loaded.warnings);
  return classroom::program_task_graph(loaded.program, o.from, load_config(o.config), o.block);
}

int run_tasks(const TasksCommandOptions& o) {
  if (o.file.empty() == o.from.empty())
    throw Error("give a task graph FILE or --from PROGRAM (one of them)");
  std::vector<NamedFile> inputs;
  if (!o.file.empty()) inputs.push_back({"task graph", o.file});
  if (!o.from.empty()) {
    inputs.push_back({"--from program", o.from});
    for (NamedFile& f : config_inputs("--config file", o.config)) inputs.push_back(f);
  }
  check_outputs({{"-o", o.output},
                 {"--json", o.json},
                 {"--html", o.html},
                 {"--trace-chrome", o.trace_chrome},
                 {"--save-graph", o.graph_out}},
                inputs);
  const tasks::TaskGraph graph = load_graph(o);
  tasks::TasksOptions options;
  options.iterations = o.iterations;
  options.sets = tasks::parse_capacity_sets(graph, o.sets);
  const tasks::TasksAnalysis a = tasks::analyse_tasks(graph, options);
  if (!o.graph_out.empty())
    write_output(o.graph_out, json_text(tasks::graph_json(graph), 2) + "\n");
  if (!o.json.empty()) write_output(o.json, json_text(tasks::tasks_json(a), 2) + "\n");
  if (!o.trace_chrome.empty()) write_output(o.trace_chrome, tasks::tasks_chrome_trace(a));
  if (!o.html.empty()) write_output(o.html, tasks::tasks_html(a));
  const Display display = resolve_display(o.display, o.output == "-");
  write_output(o.output, tasks::tasks_text(a, {display.width, display.colour}));
  return 0;
}

}  // namespace

Command add_tasks_command(CLI::App& parent) {
  auto o = std::make_shared<TasksCommandOptions>();
  CLI::App* app = parent.add_subcommand(
      "tasks",
      "Task graphs (the morning routine in minutes): schedules, critical path, Gantt diagrams "
      "(not `task`: optimisation challenges)");
  app->add_option("file", o->file, "Task graph (JSON, docs/tasks.md)");
  CLI::Option* from = app->add_option(
      "--from", o->from, "Make the graph from a program's basic block instead (as `deps` sees it)");
  app->add_option("-c,--config", o->config,
                  "With --from: machine whose latencies count (default 5-stage)")
      ->needs(from);
  app->add_option("--block", o->block,
                  "With --from: basic block number, as `deps` lists them (default: the largest)")
      ->check(CLI::Range(std::size_t{1}, std::size_t{1'000'000}))
      ->needs(from);
  app->add_option("--set", o->sets,
                  "More (or less) of a resource: RES=N, e.g. kettle=2 (repeatable)")
      ->take_all();
  app->add_option("--iterations", o->iterations,
                  "Repeat the graph N times for the pipelined schedule (default: the file's)")
      ->check(CLI::Range(uint64_t{1}, tasks::kMaxIterations));
  app->add_option("--json", o->json, "Write the schedules as JSON")->check(file_name());
  app->add_option("--html", o->html, "Write the Gantt diagrams as an HTML page")
      ->check(file_name());
  app->add_option("--trace-chrome", o->trace_chrome,
                  "Write the schedules in the Chrome trace format (Perfetto, chrome://tracing)")
      ->check(file_name());
  app->add_option("--save-graph", o->graph_out,
                  "Write the graph in the task graph format (for --from: to edit it)")
      ->check(file_name());
  app->add_option("-o,--output", o->output, "Write the text here instead of stdout")
      ->check(file_name());
  add_display_options(app, o->display);
  return {app, [o] { return run_tasks(*o); }};
}

}  // namespace pipesim::cli
