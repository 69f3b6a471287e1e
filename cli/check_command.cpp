// `pipesim check PROGRAM --config C --answer FILE`: grades a student's hand-drawn pipeline
// diagram against the one pipesim draws; `--batch DIR` grades a folder into CSV; `--key` and
// `--template` print the answer key and a blank answer sheet.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/machine_options.hpp"
#include "cli/output_file.hpp"
#include "cli/terminal.hpp"
#include "isa/error.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grade_report.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/load.hpp"
#include "sim/load/user_file.hpp"
#include "sim/report/hazard_events.hpp"

namespace pipesim::cli {
namespace {

struct CheckOptions {
  MachineOptions machine;  // --max-cycles defaults to classroom::kDefaultMaxCycles
  std::string answer;
  std::string batch;
  std::string output = "-";
  std::string format = "text";
  bool key = false;
  bool blank = false;
  DisplayOptions display;  // --width, --color (of --key)
};

// The answer files of a --batch folder, sorted: its regular files, hidden ones left out.
std::vector<std::filesystem::path> batch_files(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error("--batch: '" + dir + "' is not a directory");
  std::vector<fs::path> files;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
    if (e.is_regular_file() && e.path().filename().string().front() != '.')
      files.push_back(e.path());
  if (ec) throw Error("--batch: cannot list '" + dir + "': " + ec.message());
  std::sort(files.begin(), files.end());
  return files;
}

int check(const CheckOptions& o) {
  const int modes = !o.answer.empty() + !o.batch.empty() + o.key + o.blank;
  if (modes != 1)
    throw Error("check needs exactly one of --answer FILE, --batch DIR, --key or --template");
  std::vector<NamedFile> inputs = machine_inputs(o.machine);
  inputs.push_back({"--answer file", o.answer});
  // The answers of a --batch folder are inputs too: -o must not name one of them.
  const std::vector<std::filesystem::path> files =
      o.batch.empty() ? std::vector<std::filesystem::path>{} : batch_files(o.batch);
  for (const std::filesystem::path& f : files) inputs.push_back({"--batch answer", f.string()});
  refuse_overwriting_inputs({{"-o", o.output}}, inputs);
  LoadedProgram loaded = load_program_file(o.machine.program);
  print_warnings(loaded.warnings);
  const PipelineConfig config = load_config(o.machine.config, o.machine.sets);
  const classroom::RecordedRun run =
      classroom::record_run(config, loaded.program, o.machine.max_cycles);
  const classroom::AnswerKey key = classroom::make_answer_key(run);
  if (o.key) {
    write_output(o.output, key_text(run, key, resolve_display(o.display, o.output == "-")));
    return report_guest_fault(run.result);
  }
  if (o.blank) {
    write_output(o.output, classroom::answer_template(key));
    return report_guest_fault(run.result);
  }
  const report::HazardEvents events(run.recorder);
  auto grade_file = [&](const std::string& path) {
    const classroom::ParsedAnswer answer =
        classroom::parse_answer(read_user_file(path, kAnswerFile), path, key.words);
    return classroom::grade_answer(run, key, events, answer);
  };

  if (!o.batch.empty()) {
    std::string csv = classroom::csv_header();
    for (const std::filesystem::path& f : files) {
      const std::string name = f.filename().string();
      try {
        const classroom::Grade g = grade_file(f.string());
        csv += classroom::csv_row(name, &g, "");
      } catch (const SourceError& e) {
        csv +=
            classroom::csv_row(name, nullptr, "line " + std::to_string(e.line) + ": " + e.what());
      } catch (const Error& e) {
        csv += classroom::csv_row(name, nullptr, e.what());
      }
    }
    write_output(o.output, csv);
    return report_guest_fault(run.result);
  }

  const classroom::Grade g = grade_file(o.answer);
  const classroom::GradeContext ctx{o.machine.program, config.name, o.answer,
                                    &loaded.program.c_source};
  if (o.format == "json")
    write_output(o.output, json_text(classroom::grade_json(ctx, key, g), 2) + "\n");
  else
    write_output(o.output, classroom::render_grade_text(ctx, key, g));
  return report_guest_fault(run.result);
}

}  // namespace

Command add_check_command(CLI::App& parent) {
  auto o = std::make_shared<CheckOptions>();
  o->machine.max_cycles = classroom::kDefaultMaxCycles;
  CLI::App* app = parent.add_subcommand(
      "check", "Grade a hand-drawn pipeline diagram (text, as --diagram prints it)");
  add_machine_options(app, o->machine);
  app->add_option("--answer", o->answer, "The student's diagram to grade")->type_name("FILE");
  app->add_option("--batch", o->batch, "Grade every file in DIR; one CSV line each")
      ->type_name("DIR");
  app->add_flag("--key", o->key, "Print the answer key (the diagram, no legend)");
  add_display_options(app, o->display);
  app->add_flag("--template", o->blank, "Print a blank answer sheet (header and row labels)");
  app->add_option("--format", o->format, "Grade output: text (default) or json")
      ->check(CLI::IsMember({"text", "json"}));
  app->add_option("-o,--output", o->output, "Write to FILE instead of stdout")
      ->type_name("FILE")
      ->check(file_name());
  add_run_options(app, o->machine, {"Stop after this many cycles (default 100000)"});
  return {app, [o] { return check(*o); }};
}

}  // namespace pipesim::cli
