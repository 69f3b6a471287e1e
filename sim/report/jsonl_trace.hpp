// --trace-jsonl: the JSON trace as a stream of JSON objects, one per line, written as the run
// goes: a "header" line, then "cycle" and "instruction" lines in time order (an instruction's
// line follows the cycle it left the machine in), then a "summary" line. Nothing accumulates:
// memory stays flat however long the run (docs/trace-format.md). The records are the lean ones
// (pipesim.trace/3, less than half the bytes) or the full ones of the JSON trace.
#pragma once

#include <string>

#include "sim/config/config.hpp"
#include "sim/report/byte_sink.hpp"
#include "sim/report/trace_json_records.hpp"
#include "sim/report/trace_lean_records.hpp"
#include "sim/report/trace_text_out.hpp"
#include "sim/report/trace_writer.hpp"

namespace pipesim::report {

enum class JsonlSchema {
  Full,  // the records of --trace-json, one a line (pipesim.trace/1, /2)
  Lean,  // pipesim.trace/3
};

class JsonlTraceWriter : public TraceWriter {
 public:
  JsonlTraceWriter(ByteSink& out, const std::string& program, const PipelineConfig& config,
                   JsonlSchema schema = JsonlSchema::Full);
  void finish_with_summary(const nlohmann::ordered_json& summary) override;

 protected:
  void write_cycle(const CycleRecord& rec) override;
  void write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) override;

 private:
  // After each line: hands a full buffer to the sink.
  void line_done() {
    if (cursor_.size() >= BufferedOut::kBlock) [[unlikely]]
      flush();
  }
  void flush();
  BufferedOut out_;
  // Every line is written through this one cursor, kept for the whole run: a line costs no
  // cursor of its own (a reserve and a commit); the buffer is written through it alone.
  TextCursor cursor_{out_.buf};
  TraceLayout layout_;
  TraceJsonEncoder encoder_;
  TraceLeanEncoder lean_encoder_;
  bool lean_;
};

}  // namespace pipesim::report
