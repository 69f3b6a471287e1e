// compare: the program on several machines, the table exactly as `pipesim compare` prints it
// (with its notes), and the same table as `compare --format json` gives it.
#include <vector>

#include "isa/error.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/pipe/run_defaults.hpp"
#include "sim/report/compare.hpp"
#include "web/api/ops.hpp"
#include "web/api/request_args.hpp"

namespace pipesim::web {
namespace {

// "machines": [machine, ...] (the first is the baseline), or "machine": one machine against its
// own sequential baselines, as `compare --config X`.
std::vector<PipelineConfig> compared_machines(const Json& request) {
  if (request.contains("machine") && !request.contains("machines")) {
    const PipelineConfig c = request_machine(request);
    return {sequential_baseline(c, MachineKind::SingleCycle),
            sequential_baseline(c, MachineKind::MultiCycle), c};
  }
  const auto it = request.find("machines");
  if (it == request.end() || !it->is_array() || it->empty())
    throw Error("\"machines\" must be a non-empty list of machines (or give one \"machine\")");
  if (it->size() > kMaxComparedMachines)
    throw Error("\"machines\" lists at most " + std::to_string(kMaxComparedMachines) + " machines");
  std::vector<PipelineConfig> configs;
  for (const Json& m : *it) configs.push_back(machine_arg(m));
  return configs;
}

}  // namespace

Json compare_op(const Json& request) {
  const LoadedProgram loaded = program_arg(request);
  const std::vector<PipelineConfig> configs = compared_machines(request);
  const uint64_t max_cycles =
      count_arg(request, "max_cycles", kDefaultMaxCycles, kDefaultMaxCycles);
  std::vector<report::CompareRow> rows;
  std::vector<std::string> notes;
  for (const PipelineConfig& config : configs) {
    DiscardIo io;
    const MachineResult r = run_machine(config, loaded.program, io, {}, RunLimits{max_cycles},
                                        /*check=*/false);
    rows.push_back(report::compare_row(config, r.stats));
    for (std::string& n : report::compare_notes(config, r, max_cycles, false))
      notes.push_back(std::move(n));
  }
  return {{"text", report::render_compare(rows) + report::render_compare_notes(notes)},
          {"table", Json::parse(report::render_compare(rows, report::TableFormat::Json))},
          {"notes", notes}};
}

}  // namespace pipesim::web
