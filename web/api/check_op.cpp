// check: grades a student's hand-drawn diagram of the program on the machine, replying exactly
// what `pipesim check PROGRAM --config M --answer FILE [--format json]` prints (the same
// classroom functions grade and word it). The exercise's settings come from "exercise", the
// text of its .md (front matter), when given. "mode": "key" and "template" reply what
// `check --key` and `check --template` print instead.
#include "isa/error.hpp"
#include "sim/classroom/exercise_settings.hpp"
#include "sim/classroom/grading_machine.hpp"
#include "sim/json/json_text.hpp"
#include "sim/pipe/run_defaults.hpp"
#include "web/api/ops.hpp"
#include "web/api/request_args.hpp"

namespace pipesim::web {

Json check_op(const Json& request) {
  LoadedProgram loaded = program_arg(request);
  const std::string program = loaded.program.path;
  const PipelineConfig config = request_machine(request);
  const std::string format = string_arg(request, "format", "text");
  if (format != "text" && format != "json") throw Error("\"format\" is \"text\" or \"json\"");
  const std::string answer_file = string_arg(request, "answer_file", "answer.txt");
  const uint64_t max_cycles =
      count_arg(request, "max_cycles", classroom::kDefaultMaxCycles, kWholeRunOutputCapCycles,
                "for check, which holds every cycle in memory");
  classroom::ExerciseSettings settings;
  if (request.contains("exercise"))
    settings = classroom::parse_exercise_settings(
        string_arg(request, "exercise", ""), string_arg(request, "exercise_file", "exercise.md"));

  auto m = classroom::prepare_grading(program, std::move(loaded), config, max_cycles);
  classroom::apply_settings(*m, settings);
  // `check --key` and `check --template` (piped: no width, no colour).
  const std::string mode = string_arg(request, "mode", "grade");
  if (mode == "key") return {{"text", m->key.text}};
  if (mode == "template")
    return {{"text", classroom::answer_template(m->key, classroom::template_options(settings))}};
  if (mode != "grade") throw Error("\"mode\" is \"grade\", \"key\" or \"template\"");
  const auto answer = request.find("answer");
  if (answer == request.end() || !answer->is_string())
    throw Error("\"answer\" (the text of the student's diagram) is required");
  classroom::GradeRecord r = classroom::blank_record(*m, "answer", answer_file);
  classroom::grade_answer_text(*m, answer->get<std::string>(), answer_file, r);
  const std::string text = format == "json" ? json_text(r.detail, 2) + "\n" : r.feedback;
  return {{"text", text},
          {"first_line", text.substr(0, text.find('\n'))},
          {"score", r.grade->score},
          {"passed", r.grade->score == 100},
          {"detail", r.detail}};
}

}  // namespace pipesim::web
