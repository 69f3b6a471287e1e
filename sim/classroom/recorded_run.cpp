// record_run: one checked run with a Recorder attached.
#include "sim/classroom/recorded_run.hpp"

#include <fmt/format.h>

#include "isa/error.hpp"
#include "sim/machine/host_io.hpp"

namespace pipesim::classroom {

RecordedRun record_run(const PipelineConfig& config, const Program& program, uint64_t max_cycles) {
  RecordedRun run{config, {}, report::Recorder{}};
  DiscardIo io;  // the output is no part of what the classroom tools report
  TraceSink* sinks[] = {&run.recorder};
  run.result = run_machine(config, program, io, sinks, RunLimits{max_cycles}, true);
  if (run.result.halt == Halt::Limit)
    throw Error(fmt::format("'{}' did not end within {} cycles on {} (raise --max-cycles)",
                            program.path, max_cycles, config.name));
  return run;
}

}  // namespace pipesim::classroom
