// The streaming JSONL trace.
#include "sim/report/jsonl_trace.hpp"

#include "sim/json/json_text.hpp"
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {

JsonlTraceWriter::JsonlTraceWriter(ByteSink& out, const std::string& program,
                                   const PipelineConfig& config, JsonlSchema schema)
    : TraceWriter(config),
      out_(out),
      layout_(config),
      encoder_(layout_),
      lean_encoder_(layout_),
      lean_(schema == JsonlSchema::Lean) {
  nlohmann::ordered_json head;
  head["type"] = "header";
  head.update(trace_header_json(program, config));
  if (lean_) head["schema"] = kTraceSchemaLean;
  put(out_.buf, json_text(head));
  put(out_.buf, '\n');
}

void JsonlTraceWriter::write_cycle(const CycleRecord& rec) {
  if (lean_) {
    lean_encoder_.cycle(out_.buf, rec);
  } else {
    encoder_.cycle(out_.buf, rec, true);
    put(out_.buf, '\n');
  }
  out_.flush_if_full();
}

void JsonlTraceWriter::write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) {
  if (lean_) {
    lean_encoder_.instruction(out_.buf, rec, stalls);
  } else {
    encoder_.instruction(out_.buf, rec, stalls, true);
    put(out_.buf, '\n');
  }
  out_.flush_if_full();
}

void JsonlTraceWriter::finish_with_summary(const nlohmann::ordered_json& summary) {
  nlohmann::ordered_json s;
  s["type"] = "summary";
  s.update(summary);
  put(out_.buf, json_text(s));
  put(out_.buf, '\n');
  out_.flush();
}

}  // namespace pipesim::report
