// The JSON objects of the JSON trace (--trace-json) and the JSONL stream (--trace-jsonl): one
// encoder for both, so the two formats carry exactly the same information (docs/trace-format.md,
// docs/trace.schema.json). Written with fmt into a buffer, not built as nlohmann objects: the
// JSONL stream formats one object per cycle and must keep up with the model.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/pipe/events.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/disasm_cache.hpp"
#include "sim/report/stall_log.hpp"
#include "sim/report/text_buffer.hpp"
#include "sim/report/trace_layout.hpp"

namespace pipesim::report {

inline constexpr const char* kTraceSchema = "pipesim.trace/1";
// Superscalar machines (issue_width > 1): a cycle's "stages" holds an array of occupants per stage
// (docs/trace-format.md "Superscalar machines"), which a /1 reader cannot read.
inline constexpr const char* kTraceSchemaWide = "pipesim.trace/2";

class TraceJsonEncoder {
 public:
  explicit TraceJsonEncoder(const TraceLayout& layout);

  // `type`: start the object with "type": "cycle" / "instruction" (the JSONL lines).
  void cycle(TextBuffer& b, const CycleRecord& rec, bool type) const;
  void instruction(TextBuffer& b, const InsnRecord& rec, std::span<const StallSpan> stalls,
                   bool type) const;

 private:
  void put_position_key(TextBuffer& b, std::size_t position) const;
  void put_slot(TextBuffer& b, const SlotView& v) const;
  void put_event(TextBuffer& b, const Event& e) const;
  void put_stages(TextBuffer& b, const CycleRecord& rec) const;
  void put_held(TextBuffer& b, const CycleRecord& rec) const;
  const TraceLayout& layout_;
  std::vector<std::string> keys_;  // "\"IF\":" per position
  mutable DisasmCache disasm_;
};

// The parts of the trace that are not per cycle or per instruction.
// {"program", "stages": [...], "lanes": [...], "units": [...], "config": {...}}
nlohmann::ordered_json trace_header_json(const std::string& program, const PipelineConfig& config);
// {"halt", "exit_code", "pc", "stats": {stats_json}, "registers": {...}} after the run.
nlohmann::ordered_json trace_summary_json(const MachineResult& result,
                                          const PipelineConfig& config);

}  // namespace pipesim::report
