// `pipesim task run TASK.json SOLUTION [--format text|json]`: checks a solution of an
// optimisation challenge on the given and hidden inputs and reports its cycles for ranking.
// Exit status 0 when correct on every case, 1 when wrong, 2 for a bad task file or program.
#include <memory>

#include "cli/command.hpp"
#include "cli/output_file.hpp"
#include "sim/classroom/task.hpp"
#include "sim/classroom/task_runner.hpp"
#include "sim/config/config_load.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/load.hpp"

namespace pipesim::cli {
namespace {

inline constexpr int kExitWrongSolution = 1;

struct TaskOptions {
  std::string task;
  std::string solution;
  std::string format = "text";
  std::string output = "-";
};

int run_task(const TaskOptions& o) {
  check_outputs({{"-o", o.output}}, {{"task file", o.task}, {"solution", o.solution}});
  const classroom::Task task = classroom::load_task(o.task);
  check_outputs({{"-o", o.output}}, config_inputs("task's config file", task.config));
  LoadedProgram loaded = load_program_file(o.solution);
  print_warnings(loaded.warnings);
  const PipelineConfig config = load_config(task.config);
  const classroom::TaskReport r = classroom::run_task(task, config, loaded.program);
  write_output(o.output, o.format == "json" ? json_text(classroom::task_report_json(r), 2) + "\n"
                                            : classroom::task_report_text(task, r));
  return r.correct ? 0 : kExitWrongSolution;
}

}  // namespace

Command add_task_command(CLI::App& parent) {
  auto o = std::make_shared<TaskOptions>();
  CLI::App* app = parent.add_subcommand(
      "task", "Optimisation challenges for programs (not `tasks`: task graphs)");
  app->require_subcommand(1);
  CLI::App* run = app->add_subcommand(
      "run", "Check a solution on the task's given and hidden inputs; report its cycles");
  run->add_option("task", o->task, "Task file (JSON, docs/classroom.md)")->required();
  run->add_option("solution", o->solution, "The solution: assembly (.s) or ELF")->required();
  run->add_option("--format", o->format, "text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  run->add_option("-o,--output", o->output, "Write the report here instead of stdout")
      ->check(file_name());
  return {app, [o] { return run_task(*o); }};
}

}  // namespace pipesim::cli
