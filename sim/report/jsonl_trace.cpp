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
  cursor_.put(json_text(head));
  cursor_.put('\n');
}

void JsonlTraceWriter::write_cycle(const CycleRecord& rec) {
  if (lean_) {
    lean_encoder_.cycle(cursor_, rec);
  } else {
    encoder_.cycle(cursor_, rec, true);
    cursor_.put('\n');
  }
  line_done();
}

void JsonlTraceWriter::write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) {
  if (lean_) {
    lean_encoder_.instruction(cursor_, rec, stalls);
  } else {
    encoder_.instruction(cursor_, rec, stalls, true);
    cursor_.put('\n');
  }
  line_done();
}

void JsonlTraceWriter::finish_with_summary(const nlohmann::ordered_json& summary) {
  nlohmann::ordered_json s;
  s["type"] = "summary";
  s.update(summary);
  cursor_.put(json_text(s));
  cursor_.put('\n');
  flush();
}

void JsonlTraceWriter::flush() {
  cursor_.commit();
  out_.flush();
  cursor_.resume();
}

}  // namespace pipesim::report
