// An exercise on one machine, run once and ready to grade any number of answers: what
// `pipesim check` (cli/check_grading.cpp) and the playground's check op (web/api/) share, so that
// both grade and word a grade the same way.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/exercise_settings.hpp"
#include "sim/classroom/grade_exports.hpp"
#include "sim/classroom/grade_policy.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config.hpp"
#include "sim/load/load.hpp"
#include "sim/report/hazard_events.hpp"

namespace pipesim::classroom {

struct GradingMachine {
  std::string program;   // the program's path, as given
  std::string exercise;  // its stem: "load_use"
  LoadedProgram loaded;
  RecordedRun run;
  AnswerKey key;
  std::unique_ptr<report::HazardEvents> events;  // reads `run`: built once `run` has its place
  GradePolicy policy;
  unsigned max_points = 100;
};

// Runs `loaded` (named `program`) on `config`, recording at most `max_cycles` cycles, and makes
// its answer key (with the source's lines, so answers may label rows as the program reads).
std::unique_ptr<GradingMachine> prepare_grading(const std::string& program, LoadedProgram loaded,
                                                const PipelineConfig& config, uint64_t max_cycles);

// The exercise's grading policy and points (its .md front matter, the command line's options).
void apply_settings(GradingMachine& m, const ExerciseSettings& settings);

// A record of `student`'s answer `file` with no grade yet: its names and the exercise's points.
GradeRecord blank_record(const GradingMachine& m, const std::string& student,
                         const std::string& file);

// Grades the answer `text` (named `file` in messages) into `r` (from blank_record): its grade,
// feedback text (`pipesim check --answer`) and JSON detail. Throws pipesim::Error (SourceError
// at the place) for an answer that cannot be parsed.
void grade_answer_text(const GradingMachine& m, std::string_view text, const std::string& file,
                       GradeRecord& r);

}  // namespace pipesim::classroom
