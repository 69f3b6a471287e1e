// The fast timing model: the pipeline's timing computed per instruction with recurrences
// (docs/timing-model.md), for runs nobody watches cycle by cycle. Values come from the functional
// model (sim/iss), which is valid because with hazard detection on the pipeline computes what
// sequential execution computes. It reproduces every number PipelineModel reports, for the
// configurations timing_model_supports() accepts; anything else runs on PipelineModel.
#pragma once

#include <optional>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/run_result.hpp"

namespace pipesim {

// The one place that says which machines the fast model handles: pipelined, blocking execute,
// hazard detection on, functional units as deep as the execute stages, branch policy not-taken,
// 1-bit or 2-bit, branches and jumps resolved in or after the (last) decode stage and no later
// than the end stage. Memory that holds a stage (caches, latencies above 1, the shared port) on
// one-issue machines shaped like 5-stage (timing_memory.cpp, timing::memory_timing_supported).
// Wide: two-issue machines like 2-wide and 2-wide-any (timing_wide.cpp, timing::wide_supported).
bool timing_model_supports(const PipelineConfig& config);

// Runs `program` on a supported config. nullopt when the run meets something the recurrences do
// not model (a store into code, a wrong-path store reaching memory, a wrong-path branch resolving
// before its flush, the cycle limit): then nothing has been written to `io` and the caller runs
// the cycle model instead. Guest output is held back until the run ends for that reason.
std::optional<MachineResult> run_timing_model(const PipelineConfig& config, const Program& program,
                                              HostIo& io, const RunLimits& limits);

}  // namespace pipesim
