// A grade as text (for the student) and as JSON (for a course system); many grades at once:
// grade_exports.hpp. Strings only: the command line prints them.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "isa/program.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/grader.hpp"

namespace pipesim::classroom {

struct GradeContext {
  std::string program, config, answer;  // names, as given by the user
  // The program's C source lines: a wrong cell's row then names its C line too.
  const SourceMap* source = nullptr;
};

// "score 87/100 (26 of 30 cells right)" and one line per wrong cell, then the notes.
std::string render_grade_text(const GradeContext& ctx, const AnswerKey& key, const Grade& g);

// {"schema": "pipesim.check/1", "program", "config", "answer", "score", "cells", "correct",
//  "wrong": [{"row", "cycle", "instruction", "expected", "given", "reason"}], "notes": [...]}
nlohmann::ordered_json grade_json(const GradeContext& ctx, const AnswerKey& key, const Grade& g);

}  // namespace pipesim::classroom
