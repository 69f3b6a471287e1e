// run: the program on a machine, replying what `pipesim run P --config M --json -` writes (the
// same library calls make it), the text summary, and on request the HTML view's data and the
// --trace-json document. Without view and trace the run takes the fast engine and is timed.
#include <chrono>
#include <memory>
#include <vector>

#include "isa/error.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/pipe/run_defaults.hpp"
#include "sim/report/byte_sink.hpp"
#include "sim/report/guest_output.hpp"
#include "sim/report/html_view.hpp"
#include "sim/report/json_trace.hpp"
#include "sim/report/limit_text.hpp"
#include "sim/report/result_json.hpp"
#include "sim/report/summary.hpp"
#include "web/api/ops.hpp"
#include "web/api/request_args.hpp"

namespace pipesim::web {

Json run_op(const Json& request) {
  const LoadedProgram loaded = program_arg(request);
  const Program& program = loaded.program;
  const PipelineConfig config = request_machine(request);
  const bool view = bool_arg(request, "view", true);
  const bool check = bool_arg(request, "check", false);
  const std::string trace = string_arg(request, "trace", "none");
  if (trace != "none" && trace != "json") throw Error("\"trace\" is \"none\" or \"json\"");
  // The view and the trace hold every cycle in memory: the CLI's --html limits (run_command.cpp).
  const bool whole_run = view || trace == "json";
  const uint64_t max_cycles =
      whole_run
          ? count_arg(request, "max_cycles", kWholeRunOutputMaxCycles, kWholeRunOutputCapCycles,
                      "with \"view\" or \"trace\", which hold every cycle in memory")
          : count_arg(request, "max_cycles", kDefaultMaxCycles, kDefaultMaxCycles);

  const std::string& name = program.path;
  report::HtmlView html;
  report::StringSink trace_text;
  std::unique_ptr<report::JsonTraceWriter> trace_writer;
  std::vector<TraceSink*> sinks;
  if (view) sinks.push_back(&html);
  if (trace == "json") {
    trace_writer = std::make_unique<report::JsonTraceWriter>(trace_text, name, config);
    sinks.push_back(trace_writer.get());
  }
  GuestOutput io;
  const auto start = std::chrono::steady_clock::now();
  const MachineResult r = run_machine(config, program, io, sinks, RunLimits{max_cycles}, check);
  const double host =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();

  RunSummary s = machine_run_summary(name, r);
  io.hand_over(s);
  if (r.halt == Halt::Limit) s.limit = "max-cycles";
  s.host_seconds = host;
  const std::string summary = report::render_summary(name, config, r);
  Json reply = {{"result_text", result_json_text(result_json(s, config, r))},
                {"summary", summary},
                {"cycles", r.stats.cycles},
                {"instructions", r.stats.instructions},
                {"engine", engine_name(r.engine)},
                {"cycles_per_second", host > 0 ? Json(double(r.stats.cycles) / host) : Json()}};
  if (view) {
    const std::string limit =
        r.halt == Halt::Limit ? report::count_limit_message(
                                    "--max-cycles", max_cycles, r.pc,
                                    report::machine_progress(r.stats.cycles, r.stats.instructions))
                              : std::string();
    reply["view"] = html.run_json(config, program, r, summary, limit);
  }
  if (trace_writer) {
    trace_writer->finish(r);
    reply["trace"] = Json::parse(trace_text.text);
  }
  return reply;
}

}  // namespace pipesim::web
