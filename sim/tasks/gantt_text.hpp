// `pipesim tasks` as text: the graph's summary, its critical path and dataflow limit, then each
// schedule's length and Gantt diagram in the pipeline diagram's visual language (one row per task
// instance, one column per time unit or bucket of units, the header giving each column's start
// time, a cell naming the resource the task holds as a pipeline diagram's cell names the stage).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "sim/tasks/tasks_analysis.hpp"

namespace pipesim::tasks {

// A Gantt diagram is at most this many columns (a bucket is then several time units) and rows
// (the JSON output has every instance).
inline constexpr uint64_t kMaxGanttColumns = 60;
inline constexpr std::size_t kMaxGanttRows = 60;

// The time units one column stands for: the greatest common divisor of every start and end
// (so that a cell is all or nothing), times the least factor that keeps the columns within
// kMaxGanttColumns.
uint64_t gantt_bucket(const Schedule& s, uint64_t max_columns = kMaxGanttColumns);

// How the text is drawn for a terminal (cli/terminal.hpp decides): fitted to `width` columns
// (0: at most kMaxGanttColumns time columns) and in colour (a colour per resource, as the
// pipeline diagram has one per stage: sim/report/colour.hpp); widths are those of the plain text.
struct GanttOptions {
  std::size_t width = 0;
  bool colour = false;
};

// Short labels of the resources for the cells ("ket" for kettle): the first three characters of
// the name as printed (control characters as \xNN), or two and a digit when those are taken.
std::vector<std::string> resource_cells(const TaskGraph& g);

// One schedule's diagram, lines ended by '\n'.
std::string render_gantt(const TaskGraph& g, const Schedule& s, const GanttOptions& o = {});

// Everything, as `pipesim tasks` prints it.
std::string tasks_text(const TasksAnalysis& a, const GanttOptions& o = {});

}  // namespace pipesim::tasks
