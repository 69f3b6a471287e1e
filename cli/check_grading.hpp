// The parts of `pipesim check` its modes share (check_command.cpp: one answer, the key and the
// sheet; check_batch.cpp: a folder of answers to one exercise; check_course.cpp: a folder of
// students' folders over several exercises): the options, an exercise made ready to grade, and
// the writers of many grades.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "cli/machine_options.hpp"
#include "cli/output_file.hpp"
#include "cli/terminal.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/exercise_settings.hpp"
#include "sim/classroom/grade_exports.hpp"
#include "sim/classroom/grading_machine.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/load/load.hpp"
#include "sim/load/user_file.hpp"
#include "sim/report/hazard_events.hpp"

namespace pipesim::cli {

struct CheckOptions {
  MachineOptions machine;  // --max-cycles defaults to classroom::kDefaultMaxCycles
  std::string answer, batch, course, submissions, student;
  std::string exercise;  // --exercise FILE.md (default: PROGRAM's sibling .md, when there)
  std::string output = "-";
  std::string format;  // "" = the mode's default: text for --answer, csv for many answers
  std::string flushed_rows;
  int flushed_row_points = -1;          // -1: not given
  std::vector<std::string> hide, show;  // --template: cycles, flushed
  bool key = false;
  bool blank = false;
  DisplayOptions display;  // --width, --color (of --key)
};

// The exercise settings with the command line's options over them.
classroom::ExerciseSettings with_options(classroom::ExerciseSettings s, const CheckOptions& o);
// The settings of an exercise .md ("" for none: the defaults), with the options over them.
classroom::ExerciseSettings read_settings(const std::string& md, const CheckOptions& o);
// PROGRAM's exercise .md: --exercise, or PROGRAM's sibling NAME.md when there is one, or "".
std::string exercise_file(const CheckOptions& o);

// An exercise on one machine, run once and ready to grade any number of answers.
using classroom::GradingMachine;
std::unique_ptr<GradingMachine> prepare_machine(const std::string& program, LoadedProgram loaded,
                                                const std::string& config,
                                                const std::vector<std::string>& sets,
                                                uint64_t max_cycles);

// PROGRAM on --config, ready to grade with the settings' policy and points.
std::unique_ptr<GradingMachine> prepare_program(const CheckOptions& o,
                                                const classroom::ExerciseSettings& settings);

// Grades one answer file into a record; an answer that cannot be read or parsed gives a record
// with its error (or, with `throw_errors`, throws it: one answer's error is the command's).
// Answers found in a folder are read as kSubmittedAnswerFile (no FIFOs); `--answer FILE` may be
// a pipe, as every input given by name (kAnswerFile).
classroom::GradeRecord grade_record(const GradingMachine& m, const std::string& student,
                                    const std::filesystem::path& answer, bool throw_errors = false,
                                    const UserFileKind& kind = kSubmittedAnswerFile);

// A record without an answer: "no answer for load_use on 5-stage (expected …)".
classroom::GradeRecord missing_record(const GradingMachine& m, const std::string& student,
                                      const std::string& expected);

// Many records as --format asks: csv, json, text (the feedback one after another), gradescope
// (one student only), moodle or canvas.
std::string render_records(const std::vector<classroom::GradeRecord>& records,
                           const std::string& format);

// The modes of many answers. Each returns the exit status.
int check_batch(const CheckOptions& o);
int check_course(const CheckOptions& o);

}  // namespace pipesim::cli
