// pipesim's command line: parses arguments, runs one subcommand, and turns errors into
// messages and exit statuses. The only place (with the other cli/ files) that prints.
#include <CLI/CLI.hpp>
#include <exception>
#include <iostream>
#include <new>
#include <string>
#include <vector>

#include "cli/command.hpp"
#include "cli/run_control.hpp"
#include "isa/error.hpp"
#include "isa/source_errors.hpp"

int main(int argc, char** argv) {
  using namespace pipesim;
  CLI::App app{"pipesim: a cycle-level simulator of in-order pipelined RISC-V (RV32IM) CPUs"};
  app.set_version_flag("--version", std::string("pipesim ") + PIPESIM_VERSION);
  app.require_subcommand(1);
  bool quiet = false, verbose = false;
  auto* quiet_flag =
      app.add_flag("-q,--quiet", quiet, "Print only the program's output and error messages");
  app.add_flag("-v,--verbose", verbose,
               "Also print what was loaded, the limits in force and the time taken (stderr)")
      ->excludes(quiet_flag);
  app.fallthrough();  // the global flags may also follow the subcommand
  std::vector<cli::Command> commands = {cli::add_run_command(app), cli::add_compare_command(app),
                                        cli::add_configs_command(app), cli::add_asm_command(app),
                                        cli::add_disasm_command(app)};
  commands.push_back(cli::add_check_command(app));
  commands.push_back(cli::add_explain_command(app));
  commands.push_back(cli::add_deps_command(app));
  commands.push_back(cli::add_schedule_command(app));
  commands.push_back(cli::add_exercise_command(app));
  commands.push_back(cli::add_task_command(app));
  commands.push_back(cli::add_tasks_command(app));
  commands.push_back(cli::add_sweep_command(app));
  commands.push_back(cli::add_merge_command(app));
  commands.push_back(cli::add_summarize_command(app));
  commands.push_back(cli::add_convert_command(app));
  // CLI11 would say only "A subcommand is required" for a misspelt command.
  if (argc > 1 && argv[1][0] != '-') {
    std::string names;
    bool known = false;
    for (const cli::Command& c : commands) {
      known = known || c.app->get_name() == argv[1];
      names += (names.empty() ? "" : ", ") + c.app->get_name();
    }
    if (!known) {
      std::cerr << "error: unknown command '" << argv[1] << "' (commands: " << names << ")\n"
                << "Run with --help for more information.\n";
      return cli::kExitUserError;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    std::cerr << "error: " << e.what() << "\n"
              << "Run with --help for more information.\n";
    return cli::kExitUserError;
  }
  cli::set_verbosity(quiet     ? cli::Verbosity::Quiet
                     : verbose ? cli::Verbosity::Verbose
                               : cli::Verbosity::Normal);
  cli::install_signal_handlers();
  cli::install_standard_output();
  int status = cli::kExitUserError;
  try {
    for (const cli::Command& c : commands)
      if (c.app->parsed()) {
        status = c.run();
        break;
      }
  } catch (const SourceError& e) {
    std::cerr << format_diagnostics(e);  // every error of an assembly source
    status = cli::kExitUserError;
  } catch (const Error& e) {
    std::cerr << "error: " << e.what() << "\n";
    status = cli::kExitUserError;
  } catch (const std::bad_alloc&) {
    // The host's memory (or a ulimit -v) is a limit like --max-cycles: exit 4, and say what
    // makes a run hold more.
    std::cerr << "error: out of memory (the host gave pipesim no more): lower --max-cycles "
                 "(--html, --trace-json and check keep every cycle in memory), -j (a sweep's "
                 "runs at a time) or the size of the program and input files\n";
    status = cli::kExitLimit;
  } catch (const std::exception& e) {
    std::cerr << "internal error: " << e.what() << "\n"
              << "This is a bug in pipesim; please report it with the input that caused it.\n";
    status = cli::kExitInternal;
  }
  return cli::finish_standard_output(status);
}
