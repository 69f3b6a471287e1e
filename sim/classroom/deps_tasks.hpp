// The bridge from instructions to task graphs (`pipesim tasks --from PROGRAM.s`): a basic block's
// instructions become tasks, its true (RAW) dependences from `pipesim deps` their `after`, each
// instruction's result latency on the machine its duration in cycles, and its functional-unit
// class (alu, load, mul, div...) the resource it holds, one of each unless --set says more. So a
// student sees the same pictures (critical path, overlap, a second "kettle") for instructions as
// for the morning routine. It is a picture of the dependences, not of the pipeline: a unit is
// held for the whole latency (as an unpipelined divider is) and nothing models fetch or issue
// order; `pipesim run --diagram` shows the pipeline itself.
#pragma once

#include <cstddef>
#include <string>

#include "isa/program.hpp"
#include "sim/classroom/deps.hpp"
#include "sim/config/config.hpp"
#include "sim/tasks/task_graph.hpp"

namespace pipesim::classroom {

// One block's graph. Task names are "i3 divu t0, a1, a2" (the index as `deps` prints it).
tasks::TaskGraph block_task_graph(const BasicBlock& block, const std::string& file);

// The graph of static basic block `block` (1-based, as `deps` numbers them; 0: the one with the
// most instructions, the first of those) of `program` under `config`'s latencies. Throws
// pipesim::Error when there is no such block or the block is beyond tasks::kMaxTasks.
tasks::TaskGraph program_task_graph(const Program& program, const std::string& file,
                                    const PipelineConfig& config, std::size_t block);

}  // namespace pipesim::classroom
