// A grade as text (for the student), as JSON (for a course system) and as a CSV row (batch
// grading). Strings only: the command line prints them.
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

// Batch grading: one CSV line per answer file ("file,score,cells,correct,wrong,error").
std::string csv_header();
std::string csv_row(const std::string& file, const Grade* g, const std::string& error);

}  // namespace pipesim::classroom
