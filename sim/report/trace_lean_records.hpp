// The lean JSONL records (schema pipesim.trace/3, docs/trace-format.md "The lean JSONL schema"):
// the same information as the full records of TraceJsonEncoder in less than half the bytes.
// A field at its usual value is left out, stages are arrays in the header's order, and an
// instruction address's word and disassembly are written once, in a "code" line, not in every
// instruction. A reader rebuilds every full record from these and the header (the rules are in
// the docs; tests/golden/lean_trace_test.cpp expands them back and compares).
#pragma once

#include <span>
#include <vector>

#include "sim/pipe/events.hpp"
#include "sim/report/disasm_cache.hpp"
#include "sim/report/stall_log.hpp"
#include "sim/report/text_buffer.hpp"
#include "sim/report/trace_json_records.hpp"
#include "sim/report/trace_layout.hpp"
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {

class TraceLeanEncoder {
 public:
  explicit TraceLeanEncoder(const TraceLayout& layout);

  // One line each, with its newline; an instruction's line may follow a "code" line.
  void cycle(TextCursor& c, const CycleRecord& rec) const;
  void instruction(TextCursor& c, const InsnRecord& rec, std::span<const StallSpan> stalls) const;

 private:
  void put_events(TextCursor& c, const CycleRecord& rec) const;
  // A commit that goes in "commit" (when it leads the cycle's events other than forwards).
  bool is_lean_commit(const Event& e) const {
    return e.kind == EventKind::Commit && e.stage == last_stage_ && e.seq != kNoSeq;
  }
  template <class T>
  char* put_per_stage(char* p, const std::array<T, kMaxStages>& values, const InsnRecord& rec,
                      bool entered_only) const;
  std::size_t per_stage_room() const { return stages_ * (1 + kNumberRoom) + 2; }
  const TraceLayout& layout_;
  TraceJsonEncoder full_;            // its quoted names, causes and registers, events and stalls
  uint32_t last_stage_;              // the stage whose commits go in "commit"
  std::size_t stages_;               // entries of InsnRecord::enter in use
  std::vector<Snippet> unit_names_;  // "\"ALU\"" per functional unit
  std::size_t ending_room_;          // the most an instruction's fields after its stalls take
  struct Code {
    Snippet line;  // {"type":"code","pc":65628,"word":41243955,"disasm":"divu a0, a0, t2"}\n
    Snippet pc;    // ,"pc":65628
  };
  mutable PcCache<Code> code_;
};

}  // namespace pipesim::report
