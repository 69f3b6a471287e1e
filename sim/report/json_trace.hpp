// --trace-json: the whole run as one JSON document, schema "pipesim.trace/1"
// (docs/trace-format.md, docs/trace.schema.json): the program, the resolved config, the summary,
// every dynamic instruction (in sequence order) and every cycle. The document is assembled in
// memory, so it is meant for runs small enough to read; --trace-jsonl streams the same records.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/config/config.hpp"
#include "sim/report/byte_sink.hpp"
#include "sim/report/text_buffer.hpp"
#include "sim/report/trace_json_records.hpp"
#include "sim/report/trace_writer.hpp"

namespace pipesim::report {

class JsonTraceWriter : public TraceWriter {
 public:
  JsonTraceWriter(ByteSink& out, const std::string& program, const PipelineConfig& config);
  void finish_with_summary(const nlohmann::ordered_json& summary) override;

 protected:
  void write_cycle(const CycleRecord& rec) override;
  void write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) override;

 private:
  ByteSink& out_;
  std::string program_;
  const PipelineConfig& config_;
  TraceLayout layout_;
  TraceJsonEncoder encoder_;
  TextBuffer cycles_;        // ",\n"-separated cycle objects
  TextBuffer instructions_;  // instruction objects, in the order they left
  std::vector<std::pair<uint64_t, std::pair<std::size_t, std::size_t>>> index_;  // seq, span
};

}  // namespace pipesim::report
