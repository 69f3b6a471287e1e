// `pipesim check --course EXERCISES --submissions DIR` (or `--student DIR`): grades every
// student's answers to every exercise of a course in one run, for a course's CI or Gradescope's
// autograder container (docs/classroom.md, "Grading a course").
//   EXERCISES/NAME.s + NAME.md   an exercise; the .md's front matter names its machines
//   DIR/STUDENT/NAME.MACHINE.txt the answer (NAME.txt when the exercise has one machine)
// Every (student, exercise, machine) is one record; a missing answer is a record with an error.
#include <algorithm>
#include <filesystem>

#include "cli/check_grading.hpp"
#include "cli/command.hpp"
#include "isa/error.hpp"

namespace pipesim::cli {

namespace fs = std::filesystem;

namespace {

struct CourseExercise {
  fs::path program;
  std::string md;  // "" when it has none
  classroom::ExerciseSettings settings;
  std::vector<std::string> machines;
};

struct Student {
  std::string name;
  fs::path folder;
};

// The entries of a folder, sorted, hidden ones left out.
std::vector<fs::path> folder_entries(const std::string& option, const std::string& dir) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw Error(option + ": '" + dir + "' is not a directory");
  std::vector<fs::path> out;
  for (const fs::directory_entry& e : fs::directory_iterator(dir, ec))
    if (e.path().filename().string().front() != '.') out.push_back(e.path());
  if (ec) throw Error(option + ": cannot list '" + dir + "': " + ec.message());
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<CourseExercise> course_exercises(const CheckOptions& o) {
  std::vector<CourseExercise> out;
  for (const fs::path& p : folder_entries("--course", o.course)) {
    std::error_code ec;
    if (p.extension() != ".s" || !fs::is_regular_file(p, ec)) continue;
    CourseExercise e{p, "", {}, {}};
    fs::path md = p;
    md.replace_extension(".md");
    if (fs::is_regular_file(md, ec)) e.md = md.string();
    e.settings = read_settings(e.md, o);
    e.machines =
        o.machine.config.empty() ? e.settings.machines : std::vector<std::string>{o.machine.config};
    if (e.machines.empty())
      throw Error("--course: '" + p.string() + "' names no machine: add `machines: …` to the " +
                  "front matter of " + (e.md.empty() ? md.string() + " (not there)" : e.md) +
                  ", or give --config");
    out.push_back(std::move(e));
  }
  if (out.empty()) throw Error("--course: no exercise (NAME.s) in '" + o.course + "'");
  return out;
}

std::vector<Student> course_students(const CheckOptions& o) {
  if (o.submissions.empty() == o.student.empty())
    throw Error("--course needs one of --submissions DIR (a folder per student) or --student DIR");
  if (!o.student.empty()) {
    std::error_code ec;
    if (!fs::is_directory(o.student, ec))
      throw Error("--student: '" + o.student + "' is not a directory");
    fs::path folder = fs::path(o.student).lexically_normal();
    if (folder.filename().empty()) folder = folder.parent_path();  // "submission/"
    return {{folder.filename().string(), o.student}};
  }
  std::vector<Student> out;
  for (const fs::path& p : folder_entries("--submissions", o.submissions)) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) out.push_back({p.filename().string(), p});
  }
  return out;
}

// The answer file of one exercise on one machine in a student's folder, or "" if none.
fs::path answer_file(const Student& s, const CourseExercise& e, const std::string& machine) {
  const std::string name = e.program.stem().string();
  std::error_code ec;
  const fs::path full = s.folder / (name + "." + machine + ".txt");
  if (fs::exists(full, ec)) return full;
  const fs::path short_name = s.folder / (name + ".txt");
  if (e.machines.size() == 1 && fs::exists(short_name, ec)) return short_name;
  return {};
}

std::string expected_names(const CourseExercise& e, const std::string& machine) {
  const std::string name = e.program.stem().string();
  return name + "." + machine + ".txt" + (e.machines.size() == 1 ? " or " + name + ".txt" : "");
}

}  // namespace

int check_course(const CheckOptions& o) {
  if (!o.machine.program.empty())
    throw Error("--course grades the exercises of its folder: give no PROGRAM");
  const std::vector<CourseExercise> exercises = course_exercises(o);
  const std::vector<Student> students = course_students(o);
  if (o.format == "gradescope" && students.size() != 1)
    throw Error("--format gradescope writes one student's results: use --student DIR");
  // Every file read is an input: -o must name none of them.
  std::vector<NamedFile> inputs;
  for (const CourseExercise& e : exercises) {
    inputs.push_back({"exercise", e.program.string()});
    if (!e.md.empty()) inputs.push_back({"exercise file", e.md});
    for (const Student& s : students)
      for (const std::string& machine : e.machines)
        if (fs::path a = answer_file(s, e, machine); !a.empty())
          inputs.push_back({"answer", a.string()});
  }
  check_outputs({{"-o", o.output}}, inputs);

  struct Graded {
    const CourseExercise* exercise;
    std::string machine;
    std::unique_ptr<GradingMachine> m;
  };
  std::vector<Graded> machines;
  for (const CourseExercise& e : exercises) {
    for (const std::string& machine : e.machines) {
      LoadedProgram loaded = load_program_file(e.program.string());
      print_warnings(loaded.warnings);
      auto m = prepare_machine(e.program.string(), std::move(loaded), machine, o.machine.sets,
                               o.machine.max_cycles);
      m->policy = classroom::grade_policy(e.settings);
      if (e.settings.points) m->max_points = *e.settings.points;
      machines.push_back({&e, machine, std::move(m)});
    }
  }
  std::vector<classroom::GradeRecord> records;
  for (const Student& s : students) {
    for (const Graded& g : machines) {
      const fs::path a = answer_file(s, *g.exercise, g.machine);
      records.push_back(a.empty()
                            ? missing_record(*g.m, s.name, expected_names(*g.exercise, g.machine))
                            : grade_record(*g.m, s.name, a));
    }
  }
  write_output(o.output, render_records(records, o.format.empty() ? "csv" : o.format));
  int status = 0;
  for (const Graded& g : machines)
    if (const int fault = report_guest_fault(g.m->run.result); fault != 0) status = fault;
  return status;
}

}  // namespace pipesim::cli
