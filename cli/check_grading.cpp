// Grading answers into records, and writing records, for every mode of `pipesim check`.
#include "cli/check_grading.hpp"

#include "cli/command.hpp"
#include "isa/error.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grade_report.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/config/config_load.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim::cli {

namespace fs = std::filesystem;

classroom::ExerciseSettings with_options(classroom::ExerciseSettings s, const CheckOptions& o) {
  if (!o.flushed_rows.empty()) s.flushed_rows = classroom::flushed_rows_from_name(o.flushed_rows);
  if (o.flushed_row_points >= 0) s.flushed_row_points = unsigned(o.flushed_row_points);
  for (const std::string& item : o.hide)
    (item == "cycles" ? s.template_cycles : s.template_flushed) = false;
  for (const std::string& item : o.show)
    (item == "cycles" ? s.template_cycles : s.template_flushed) = true;
  return s;
}

classroom::ExerciseSettings read_settings(const std::string& md, const CheckOptions& o) {
  if (md.empty()) return with_options({}, o);
  return with_options(classroom::parse_exercise_settings(read_user_file(md, kExerciseFile), md), o);
}

std::string exercise_file(const CheckOptions& o) {
  if (!o.exercise.empty()) return o.exercise;
  fs::path md = o.machine.program;
  md.replace_extension(".md");
  std::error_code ec;
  return fs::is_regular_file(md, ec) ? md.string() : "";
}

std::unique_ptr<GradingMachine> prepare_program(const CheckOptions& o,
                                                const classroom::ExerciseSettings& settings) {
  LoadedProgram loaded = load_program_file(o.machine.program);
  print_warnings(loaded.warnings);
  std::unique_ptr<GradingMachine> m = prepare_machine(
      o.machine.program, std::move(loaded), o.machine.config, o.machine.sets, o.machine.max_cycles);
  classroom::apply_settings(*m, settings);
  return m;
}

std::unique_ptr<GradingMachine> prepare_machine(const std::string& program, LoadedProgram loaded,
                                                const std::string& config,
                                                const std::vector<std::string>& sets,
                                                uint64_t max_cycles) {
  return classroom::prepare_grading(program, std::move(loaded), load_config(config, sets),
                                    max_cycles);
}

classroom::GradeRecord grade_record(const GradingMachine& m, const std::string& student,
                                    const fs::path& answer, bool throw_errors,
                                    const UserFileKind& kind) {
  classroom::GradeRecord r = classroom::blank_record(m, student, answer.string());
  try {
    classroom::grade_answer_text(m, read_user_file(answer.string(), kind), answer.string(), r);
  } catch (const SourceError& e) {
    if (throw_errors) throw;
    r.error = e.what();
    r.line = e.line;
    r.column = e.column;
  } catch (const Error& e) {
    if (throw_errors) throw;
    r.error = e.what();
  }
  return r;
}

classroom::GradeRecord missing_record(const GradingMachine& m, const std::string& student,
                                      const std::string& expected) {
  classroom::GradeRecord r = classroom::blank_record(m, student, "");
  r.error =
      "no answer for " + m.exercise + " on " + m.run.config.name + " (expected " + expected + ")";
  return r;
}

std::string render_records(const std::vector<classroom::GradeRecord>& records,
                           const std::string& format) {
  if (format == "json") return json_text(classroom::records_json(records), 2) + "\n";
  if (format == "gradescope") {
    // One student's results.json: refuse several, whose scores would be added up.
    for (const classroom::GradeRecord& r : records)
      if (r.student != records.front().student)
        throw Error(
            "--format gradescope writes one student's results: grade one folder with "
            "--course DIR --student DIR (found '" +
            records.front().student + "' and '" + r.student + "')");
    return json_text(classroom::gradescope_results(records), 2) + "\n";
  }
  if (format == "moodle") return classroom::moodle_csv(records);
  if (format == "canvas") return classroom::canvas_csv(records);
  if (format == "text") {
    std::string out;
    for (const classroom::GradeRecord& r : records) {
      if (!out.empty()) out += "\n";
      out += r.grade ? r.feedback
                     : r.student + ": " + r.exercise + " on " + r.machine + ": " +
                           (r.file.empty() ? "" : r.file + ": ") + r.error + "\n";
    }
    return out;
  }
  std::string csv = classroom::csv_header();
  for (const classroom::GradeRecord& r : records) csv += classroom::csv_row(r);
  return csv;
}

}  // namespace pipesim::cli
