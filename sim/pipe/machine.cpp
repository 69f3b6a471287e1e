#include "sim/pipe/machine.hpp"

#include "sim/pipe/pipeline.hpp"
#include "sim/pipe/sequential.hpp"

namespace pipesim {

MachineResult run_machine(const PipelineConfig& config, const Program& program, HostIo& io,
                          std::span<TraceSink* const> sinks, const RunLimits& limits, bool check) {
  if (config.kind != MachineKind::Pipelined)
    return run_sequential(config, program, io, sinks, limits);
  PipelineModel model(config, program, io, sinks, check);
  return model.run(limits);
}

}  // namespace pipesim
