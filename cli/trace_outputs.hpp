// The trace options of `pipesim run` (--trace-json, --trace-jsonl, --trace-konata,
// --trace-chrome, --trace-bin) and `pipesim convert`: opens every requested file before the run (so
// a bad path fails before any simulation), attaches one writer per file as a trace sink, and after
// the run finishes and commits them. No option given: no writer, no sink, the model builds no trace
// records.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cli/output_file.hpp"
#include "cli/stream_output.hpp"
#include "sim/config/config.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/trace_writer.hpp"

namespace pipesim::cli {

struct TraceOptions {
  std::string json, jsonl, konata, chrome, bin;  // FILE, "-" for stdout, "" when not asked for
  std::string jsonl_schema = "lean";             // --trace-jsonl-schema: lean or full
  bool any() const { return !files().empty(); }
  bool to_stdout() const;
  // Role and path of every requested file ("--trace-json", path), for the overwrite check.
  std::vector<NamedFile> files() const;
};

// `streams_only`: only the formats written as the run goes (--trace-jsonl, --trace-konata,
// --trace-chrome), for `convert`.
void add_trace_options(CLI::App* app, TraceOptions& t, bool streams_only = false);

class TraceOutputs {
 public:
  // Throws pipesim::Error for a file that cannot be created or two options naming stdout.
  TraceOutputs(const TraceOptions& options, const std::string& program,
               const PipelineConfig& config);
  // The writers, to pass to run_machine.
  std::vector<TraceSink*> sinks() const;
  std::vector<report::TraceWriter*> writers() const;
  // Whether every file can start over (StreamOutput::can_start_over): then run_machine may run a
  // traced timing model once, and call restart() if it declines part-way.
  bool can_restart() const;
  // Starts every file over with a new writer on it, and returns the new writers (as sinks()).
  std::vector<TraceSink*> restart();
  // Writes the end of every trace and renames the files into place.
  void finish(const MachineResult& result);
  // Renames the files into place (their writers finished otherwise: `convert`).
  void commit();

 private:
  using MakeWriter = std::function<std::unique_ptr<report::TraceWriter>(report::ByteSink&)>;
  struct Output {     // members destroyed in reverse: the writer before the file it writes to
    MakeWriter make;  // (again for restart())
    std::unique_ptr<StreamOutput> file;
    std::unique_ptr<report::TraceWriter> writer;
  };
  std::vector<Output> outputs_;
};

}  // namespace pipesim::cli
