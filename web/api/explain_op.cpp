// explain: every stall and flush of the run in plain language, exactly as `pipesim explain`
// prints it (the same classroom functions make it).
#include "sim/classroom/explainer.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/pipe/run_defaults.hpp"
#include "web/api/ops.hpp"
#include "web/api/request_args.hpp"

namespace pipesim::web {

Json explain_op(const Json& request) {
  const LoadedProgram loaded = program_arg(request);
  const PipelineConfig config = request_machine(request);
  // explain records every cycle, as `pipesim explain` does, with its default limit.
  const uint64_t max_cycles =
      count_arg(request, "max_cycles", classroom::kDefaultMaxCycles, kWholeRunOutputCapCycles,
                "for explain, which holds every cycle in memory");
  const classroom::RecordedRun run = classroom::record_run(config, loaded.program, max_cycles);
  return {
      {"text", classroom::render_explanation(loaded.program.path, run, classroom::explain_run(run),
                                             &loaded.program.c_source)}};
}

}  // namespace pipesim::web
