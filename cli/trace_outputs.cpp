// Opening, attaching and committing the trace writers of `pipesim run`.
#include "cli/trace_outputs.hpp"

#include <fmt/format.h>

#include "cli/command.hpp"
#include "isa/error.hpp"
#include "sim/report/binary_trace.hpp"
#include "sim/report/chrome_trace.hpp"
#include "sim/report/json_trace.hpp"
#include "sim/report/jsonl_trace.hpp"
#include "sim/report/konata_trace.hpp"

namespace pipesim::cli {

std::vector<NamedFile> TraceOptions::files() const {
  std::vector<NamedFile> f;
  if (!json.empty()) f.push_back({"--trace-json", json});
  if (!jsonl.empty()) f.push_back({"--trace-jsonl", jsonl});
  if (!konata.empty()) f.push_back({"--trace-konata", konata});
  if (!chrome.empty()) f.push_back({"--trace-chrome", chrome});
  if (!bin.empty()) f.push_back({"--trace-bin", bin});
  return f;
}

bool TraceOptions::to_stdout() const {
  for (const NamedFile& f : files())
    if (f.path == "-") return true;
  return false;
}

void add_trace_options(CLI::App* app, TraceOptions& t, bool streams_only) {
  if (!streams_only)
    app->add_option("--trace-json", t.json,
                    fmt::format("Write the whole run (every instruction and cycle) as one JSON "
                                "document, schema pipesim.trace/1 (docs/trace-format.md); "
                                "--max-cycles defaults to {} then",
                                kWholeRunOutputMaxCycles))
        ->type_name("FILE")
        ->check(file_name());
  app->add_option("--trace-jsonl", t.jsonl,
                  "Stream the same trace as one JSON object per line, in constant memory "
                  "('-' for stdout)")
      ->type_name("FILE")
      ->check(file_name());
  app->add_option("--trace-jsonl-schema", t.jsonl_schema,
                  "Records of --trace-jsonl: lean (pipesim.trace/3, fields at their usual value "
                  "left out) or full (those of --trace-json, one a line)")
      ->type_name("SCHEMA")
      ->check(CLI::IsMember({"lean", "full"}))
      ->default_str("lean");
  app->add_option("--trace-konata", t.konata, "Stream a Kanata log for the Konata pipeline viewer")
      ->type_name("FILE")
      ->check(file_name());
  app->add_option("--trace-chrome", t.chrome,
                  "Stream a Chrome trace event file for Perfetto / chrome://tracing "
                  "(1 cycle = 1 us)")
      ->type_name("FILE")
      ->check(file_name());
  if (!streams_only)
    app->add_option("--trace-bin", t.bin,
                    "Stream a compact binary trace (pipesim.btrace/1), for runs too long for the "
                    "text formats; `pipesim convert` turns it into any of them")
        ->type_name("FILE")
        ->check(file_name());
}

TraceOutputs::TraceOutputs(const TraceOptions& o, const std::string& program,
                           const PipelineConfig& config) {
  int on_stdout = 0;
  for (const NamedFile& f : o.files()) on_stdout += f.path == "-";
  if (on_stdout > 1) throw Error("only one trace option can write to stdout ('-')");
  // The makers keep copies of what they need: restart() calls them again after the run started.
  auto open = [&](const std::string& path, MakeWriter make) {
    if (path.empty()) return;
    Output out;
    out.make = std::move(make);
    out.file = std::make_unique<StreamOutput>(path);
    out.writer = out.make(*out.file);
    outputs_.push_back(std::move(out));
  };
  open(o.json, [program, config](report::ByteSink& s) {
    return std::make_unique<report::JsonTraceWriter>(s, program, config);
  });
  const report::JsonlSchema schema =
      o.jsonl_schema == "full" ? report::JsonlSchema::Full : report::JsonlSchema::Lean;
  open(o.jsonl, [program, config, schema](report::ByteSink& s) {
    return std::make_unique<report::JsonlTraceWriter>(s, program, config, schema);
  });
  open(o.konata, [config](report::ByteSink& s) {
    return std::make_unique<report::KonataTraceWriter>(s, config);
  });
  open(o.chrome, [program, config](report::ByteSink& s) {
    return std::make_unique<report::ChromeTraceWriter>(s, program, config);
  });
  open(o.bin, [program, config](report::ByteSink& s) {
    return std::make_unique<report::BinaryTraceWriter>(s, program, config);
  });
}

bool TraceOutputs::can_restart() const {
  for (const Output& o : outputs_)
    if (!o.file->can_start_over()) return false;
  return true;
}

std::vector<TraceSink*> TraceOutputs::restart() {
  for (Output& o : outputs_) {
    o.writer.reset();  // first: it may still write what it holds back
    o.file->start_over();
    o.writer = o.make(*o.file);
  }
  return sinks();
}

std::vector<TraceSink*> TraceOutputs::sinks() const {
  std::vector<TraceSink*> s;
  for (const Output& o : outputs_) s.push_back(o.writer.get());
  return s;
}

std::vector<report::TraceWriter*> TraceOutputs::writers() const {
  std::vector<report::TraceWriter*> w;
  for (const Output& o : outputs_) w.push_back(o.writer.get());
  return w;
}

void TraceOutputs::finish(const MachineResult& result) {
  for (Output& o : outputs_) o.writer->finish(result);
  commit();
}

void TraceOutputs::commit() {
  for (Output& o : outputs_) o.file->commit();
}

}  // namespace pipesim::cli
