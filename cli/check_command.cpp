// `pipesim check PROGRAM --config C --answer FILE`: grades a student's hand-drawn pipeline
// diagram against the one pipesim draws; `--key` and `--template` print the answer key and a
// blank answer sheet. Many answers at once: `--batch DIR` (check_batch.cpp) and `--course DIR`
// (check_course.cpp). The exercise's settings come from its .md front matter
// (`--exercise FILE.md`, or PROGRAM's sibling .md), and the command line overrides them.
#include <filesystem>
#include <memory>

#include "cli/check_grading.hpp"
#include "cli/command.hpp"
#include "cli/terminal.hpp"
#include "isa/error.hpp"
#include "sim/classroom/grade_report.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim::cli {
namespace {

namespace fs = std::filesystem;

void check_mode_options(const CheckOptions& o) {
  // As CLI11 would say it, had it been told: only --course goes without them.
  if (o.course.empty() && o.machine.program.empty()) throw Error("program is required");
  if (o.course.empty() && o.machine.config.empty()) throw Error("--config is required");
  const int modes = !o.answer.empty() + !o.batch.empty() + !o.course.empty() + o.key + o.blank;
  if (modes != 1)
    throw Error(
        "check needs exactly one of --answer FILE, --batch DIR, --course DIR, --key or --template");
  if (o.course.empty() && (!o.submissions.empty() || !o.student.empty()))
    throw Error("--submissions and --student go with --course DIR");
  if ((!o.hide.empty() || !o.show.empty()) && !o.blank)
    throw Error("--hide and --show go with --template");
  if (!o.batch.empty() && o.format == "gradescope")
    throw Error(
        "--format gradescope writes one student's results: use --answer FILE, or "
        "--course DIR --student DIR");
}

int check(const CheckOptions& o) {
  check_mode_options(o);
  if (!o.course.empty()) return check_course(o);
  if (!o.batch.empty()) return check_batch(o);
  const std::string md = exercise_file(o);
  std::vector<NamedFile> inputs = machine_inputs(o.machine);
  inputs.push_back({"--answer file", o.answer});
  if (!md.empty()) inputs.push_back({"exercise file", md});
  check_outputs({{"-o", o.output}}, inputs);
  const classroom::ExerciseSettings settings = read_settings(md, o);
  const std::unique_ptr<GradingMachine> m = prepare_program(o, settings);
  if (o.key) {
    write_output(o.output, key_text(m->run, m->key, resolve_display(o.display, o.output == "-")));
  } else if (o.blank) {
    write_output(o.output,
                 classroom::answer_template(m->key, classroom::template_options(settings)));
  } else if (o.format.empty() || o.format == "text" || o.format == "json") {
    // One answer: a malformed one is an error (exit status 2), as it always was.
    const classroom::GradeRecord r = grade_record(*m, fs::path(o.answer).stem().string(), o.answer,
                                                  /*throw_errors=*/true, kAnswerFile);
    write_output(o.output, o.format == "json" ? json_text(r.detail, 2) + "\n" : r.feedback);
  } else {
    write_output(o.output, render_records({grade_record(*m, fs::path(o.answer).stem().string(),
                                                        o.answer, false, kAnswerFile)},
                                          o.format));
  }
  return report_guest_fault(m->run.result);
}

}  // namespace

Command add_check_command(CLI::App& parent) {
  auto o = std::make_shared<CheckOptions>();
  o->machine.max_cycles = classroom::kDefaultMaxCycles;
  CLI::App* app = parent.add_subcommand(
      "check", "Grade hand-drawn pipeline diagrams (text, as --diagram prints it)");
  MachineOptionTexts texts;
  texts.program_required = false;  // not with --course: check_mode_options says when
  texts.config_required = false;
  add_machine_options(app, o->machine, texts);
  app->add_option("--answer", o->answer, "The student's diagram to grade")->type_name("FILE");
  app->add_option("--batch", o->batch, "Grade every file in DIR; one record each")
      ->type_name("DIR");
  app->add_option("--course", o->course,
                  "Grade every exercise of DIR (NAME.s with NAME.md) for each student")
      ->type_name("DIR");
  app->add_option("--submissions", o->submissions,
                  "With --course: one folder per student, holding NAME[.MACHINE].txt")
      ->type_name("DIR");
  app->add_option("--student", o->student,
                  "With --course: one student's folder (e.g. /autograder/submission)")
      ->type_name("DIR");
  app->add_flag("--key", o->key, "Print the answer key (the diagram, no legend)");
  add_display_options(app, o->display);
  app->add_flag("--template", o->blank, "Print a blank answer sheet (header and row labels)");
  app->add_option("--exercise", o->exercise,
                  "The exercise's settings (front matter); default: PROGRAM's .md, if any")
      ->type_name("FILE.md");
  app->add_option("--flushed-rows", o->flushed_rows,
                  "Wrong-path rows in answers: optional (default), required or forbidden")
      ->check(CLI::IsMember({"optional", "required", "forbidden"}));
  app->add_option("--flushed-row-points", o->flushed_row_points,
                  "Points per missing (required) or drawn (forbidden) flushed row (default 5)")
      ->check(CLI::Range(0, 100));
  app->add_option("--hide", o->hide, "With --template: leave out cycles and/or flushed")
      ->delimiter(',')
      ->check(CLI::IsMember({"cycles", "flushed"}));
  app->add_option("--show", o->show, "With --template: show cycles and/or flushed")
      ->delimiter(',')
      ->check(CLI::IsMember({"cycles", "flushed"}));
  app->add_option("--format", o->format,
                  "Grades as text (default for --answer), json, csv (default for many), "
                  "gradescope, moodle or canvas")
      ->check(CLI::IsMember({"text", "json", "csv", "gradescope", "moodle", "canvas"}));
  app->add_option("-o,--output", o->output, "Write to FILE instead of stdout")
      ->type_name("FILE")
      ->check(file_name());
  add_run_options(app, o->machine, {"Stop after this many cycles (default 100000)"});
  return {app, [o] { return check(*o); }};
}

}  // namespace pipesim::cli
