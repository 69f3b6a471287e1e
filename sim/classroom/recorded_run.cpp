// record_run: one checked run with a Recorder attached.
#include "sim/classroom/recorded_run.hpp"

#include <fmt/format.h>

#include "isa/error.hpp"

namespace pipesim::classroom {
namespace {

// The guest's output is no part of what the classroom tools report: dropped, not kept (a program
// may write gigabytes).
class DiscardIo : public HostIo {
 public:
  void write(int, std::string_view) override {}
};

}  // namespace

RecordedRun record_run(const PipelineConfig& config, const Program& program, uint64_t max_cycles) {
  RecordedRun run{config, {}, report::Recorder{}};
  DiscardIo io;
  TraceSink* sinks[] = {&run.recorder};
  run.result = run_machine(config, program, io, sinks, RunLimits{max_cycles}, true);
  if (run.result.halt == Halt::Limit)
    throw Error(fmt::format("'{}' did not end within {} cycles on {} (raise --max-cycles)",
                            program.path, max_cycles, config.name));
  return run;
}

}  // namespace pipesim::classroom
