#include "sim/pipe/machine.hpp"

#include "sim/pipe/pipeline.hpp"
#include "sim/pipe/sequential.hpp"
#include "sim/pipe/timing_model.hpp"

namespace pipesim {

MachineResult run_machine(const PipelineConfig& config, const Program& program, HostIo& io,
                          std::span<TraceSink* const> sinks, const RunLimits& limits, bool check) {
  if (config.kind != MachineKind::Pipelined)
    return run_sequential(config, program, io, sinks, limits);
  // Nobody watches individual cycles: the per-instruction timing model gives the same result
  // (docs/timing-model.md). It declines runs it cannot reproduce exactly, before any output.
  if (sinks.empty() && !check && timing_model_supports(config)) {
    if (std::optional<MachineResult> r = run_timing_model(config, program, io, limits)) return *r;
  }
  return run_cycle_model(config, program, io, sinks, limits, check);
}

MachineResult run_cycle_model(const PipelineConfig& config, const Program& program, HostIo& io,
                              std::span<TraceSink* const> sinks, const RunLimits& limits,
                              bool check) {
  PipelineModel model(config, program, io, sinks, check);
  return model.run(limits);
}

}  // namespace pipesim
