// The fast timing model: the pipeline's timing computed per instruction with recurrences
// (docs/timing-model.md), for runs nobody watches cycle by cycle. Values come from the functional
// model (sim/iss), which is valid because with hazard detection on the pipeline computes what
// sequential execution computes. It reproduces every number PipelineModel reports, for the
// configurations timing_model_supports() accepts; anything else runs on PipelineModel.
#pragma once

#include <cstdint>
#include <optional>
#include <span>

#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/events.hpp"
#include "sim/pipe/run_result.hpp"

namespace pipesim {

// The one place that says which machines the fast model handles: pipelined, blocking execute,
// hazard detection on, every stage one cycle but the first execute stage, which a multi-cycle
// unit holds, and memory; branch policy not-taken, 1-bit or 2-bit, branches and jumps resolved in
// or after the (last) decode stage and no later than the end stage; pipesim's ecall, or Ripes'
// in the first execute stage waiting for the register writers; either program end
// (docs/timing-model.md).
// Memory that holds a stage (caches, latencies above 1, the shared port) on one-issue machines
// shaped like 5-stage (timing_memory.cpp, timing::memory_timing_supported), with one-cycle
// units and pipesim's ecall, either program end.
// Wide: two-issue machines like 2-wide, 2-wide-any and ripes-6s-dual (timing_wide.cpp,
// timing::wide_supported), with functional units as deep as the execute stages.
// Parallel execute: such machines with functional units of any latency in parallel
// (timing_parallel.cpp, timing::parallel_supported).
bool timing_model_supports(const PipelineConfig& config);

// Runs `program` on a supported config. nullopt when the run meets something the recurrences do
// not model (a store into code, a wrong-path store reaching memory, a wrong-path branch resolving
// before its flush, the cycle limit): then nothing has been written to `io` and the caller runs
// the cycle model instead. Guest output is held back until the run ends for that reason.
std::optional<MachineResult> run_timing_model(const PipelineConfig& config, const Program& program,
                                              HostIo& io, const RunLimits& limits);

// The machines whose runs the timing model also traces (docs/timing-model.md, "Traces"): the
// plain scalar ones (one issue, blocking execute, functional units as deep as the execute
// stages, memory that never holds a stage, pipesim's ecall, program_end: fault), 5-stage and its
// kind. Their traced runs give the sinks exactly what the cycle model gives them.
bool timing_trace_supported(const PipelineConfig& config);

// Runs `program` on such a machine publishing every cycle and instruction to `sinks`, on_end()
// included. Stopped (RunLimits::stop, or after `stop_after` instructions: tests pin a stop with
// it), it publishes the cycles up to the one it stopped in, complete. nullopt if it declines: the
// sinks then hold the trace up to somewhere in the run, and nothing has been written to `io` (as
// run_timing_model(); run_machine starts the sinks over, or ran run_timing_model() first, which
// rules a decline out: the same run completes again).
std::optional<MachineResult> run_timing_model_traced(const PipelineConfig& config,
                                                     const Program& program, HostIo& io,
                                                     std::span<TraceSink* const> sinks,
                                                     const RunLimits& limits,
                                                     uint64_t stop_after = ~uint64_t{0});

}  // namespace pipesim
