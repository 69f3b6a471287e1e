// `pipesim tasks --html FILE`: one self-contained page (no script, nothing fetched) with the
// summary and each schedule's Gantt diagram as a table in the HTML view's colours: one row per
// task instance, one column per time unit or bucket (gantt_bucket), a cell coloured by the
// resource the task holds, its times in the cell's tooltip.
#pragma once

#include <string>

#include "sim/tasks/tasks_analysis.hpp"

namespace pipesim::tasks {

std::string tasks_html(const TasksAnalysis& a);

}  // namespace pipesim::tasks
