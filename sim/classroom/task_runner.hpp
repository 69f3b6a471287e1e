// Runs a solution of a task (task.hpp) on every case: the inputs are written into the
// program's memory at the task's symbols, the functional model decides whether the output is
// right, and the pipeline model on the task's machine counts the cycles used for ranking.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "isa/program.hpp"
#include "sim/classroom/task.hpp"
#include "sim/config/config.hpp"

namespace pipesim::classroom {

struct CaseResult {
  std::string name;  // "given 1", "hidden 2"
  bool hidden = false;
  std::size_t values = 0;
  bool correct = false;
  std::string message;  // why it is wrong ("" when correct)
  uint64_t cycles = 0;  // on the task's machine (0 if the run did not end)
  uint64_t instructions = 0;
};

struct TaskReport {
  std::string task, config, solution;
  std::vector<CaseResult> cases;
  bool correct = false;       // every case
  uint64_t cycles = 0;        // the ranking figure: cycles over every case
  uint64_t given_cycles = 0;  // over the given cases only
};

// Throws pipesim::Error when the solution lacks a symbol the task needs, or reserves too little
// room for the input.
TaskReport run_task(const Task& task, const PipelineConfig& config, const Program& solution);

std::string task_report_text(const Task& task, const TaskReport& r);
nlohmann::ordered_json task_report_json(const TaskReport& r);

}  // namespace pipesim::classroom
