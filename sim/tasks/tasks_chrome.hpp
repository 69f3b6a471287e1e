// `pipesim tasks --trace-chrome FILE`: the schedules in the Chrome trace event format (JSON array
// form; Perfetto and chrome://tracing open it), as `run --trace-chrome` writes a run: one process
// per schedule, named by its title and length; in it one track (thread) per lane, a lane holding
// task instances that do not overlap (assigned first come, first served); each instance a
// complete ("X") slice named by its task and iteration, with its resources in args.
// 1 time unit of the graph = 1 µs.
#pragma once

#include <string>

#include "sim/tasks/tasks_analysis.hpp"

namespace pipesim::tasks {

std::string tasks_chrome_trace(const TasksAnalysis& a);

}  // namespace pipesim::tasks
