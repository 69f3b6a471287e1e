#include "sim/classroom/grading_machine.hpp"

#include <filesystem>
#include <utility>

#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grade_report.hpp"
#include "sim/classroom/grader.hpp"

namespace pipesim::classroom {

std::unique_ptr<GradingMachine> prepare_grading(const std::string& program, LoadedProgram loaded,
                                                const PipelineConfig& config, uint64_t max_cycles) {
  RecordedRun run = record_run(config, loaded.program, max_cycles);
  AnswerKey key = make_answer_key(run);
  // Answers may label rows as the program reads (`bnez t0, loop`): the key needs its lines.
  if (!loaded.source.empty()) add_source_text(key, run, loaded.program, loaded.source);
  auto m = std::make_unique<GradingMachine>(
      GradingMachine{program,
                     std::filesystem::path(program).stem().string(),
                     std::move(loaded),
                     std::move(run),
                     std::move(key),
                     nullptr,
                     {},
                     100});
  m->events = std::make_unique<report::HazardEvents>(m->run.recorder);
  return m;
}

void apply_settings(GradingMachine& m, const ExerciseSettings& settings) {
  m.policy = grade_policy(settings);
  if (settings.points) m.max_points = *settings.points;
}

GradeRecord blank_record(const GradingMachine& m, const std::string& student,
                         const std::string& file) {
  GradeRecord r;
  r.student = student;
  r.exercise = m.exercise;
  r.machine = m.run.config.name;
  r.file = file;
  r.max_points = m.max_points;
  return r;
}

void grade_answer_text(const GradingMachine& m, std::string_view text, const std::string& file,
                       GradeRecord& r) {
  const ParsedAnswer parsed = parse_answer(text, file, m.key.words);
  r.grade = grade_answer(m.run, m.key, *m.events, parsed, m.policy);
  // What the reader decided (a cell snapped to its cycle, a Ripes header from 0) comes first.
  r.grade->notes.insert(r.grade->notes.begin(), parsed.notes.begin(), parsed.notes.end());
  const GradeContext ctx{m.program, m.run.config.name, file, &m.loaded.program.c_source};
  r.feedback = render_grade_text(ctx, m.key, *r.grade);
  r.detail = grade_json(ctx, m.key, *r.grade);
}

}  // namespace pipesim::classroom
