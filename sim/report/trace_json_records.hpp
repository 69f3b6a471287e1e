// The JSON objects of the JSON trace (--trace-json) and the JSONL stream (--trace-jsonl): one
// encoder for both, so the two formats carry exactly the same information (docs/trace-format.md,
// docs/trace.schema.json). Written through a TextCursor, not built as nlohmann objects: the JSONL
// stream formats one object per cycle and must keep up with the model. Every name, key and
// cause is quoted once (Snippets); so is each instruction address's pc, word and disassembly.
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
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {

inline constexpr const char* kTraceSchema = "pipesim.trace/1";
// Superscalar machines (issue_width > 1): a cycle's "stages" holds an array of occupants per stage
// (docs/trace-format.md "Superscalar machines"), which a /1 reader cannot read.
inline constexpr const char* kTraceSchemaWide = "pipesim.trace/2";
// The lean JSONL records of either width (sim/report/trace_lean_records.hpp).
inline constexpr const char* kTraceSchemaLean = "pipesim.trace/3";

class TraceJsonEncoder {
 public:
  explicit TraceJsonEncoder(const TraceLayout& layout);

  // `type`: start the object with "type": "cycle" / "instruction" (the JSONL lines).
  void cycle(TextCursor& c, const CycleRecord& rec, bool type) const;
  void instruction(TextCursor& c, const InsnRecord& rec, std::span<const StallSpan> stalls,
                   bool type) const;
  void cycle(TextBuffer& b, const CycleRecord& rec, bool type) const {
    TextCursor c(b);
    cycle(c, rec, type);
  }
  void instruction(TextBuffer& b, const InsnRecord& rec, std::span<const StallSpan> stalls,
                   bool type) const {
    TextCursor c(b);
    instruction(c, rec, stalls, type);
  }

 private:
  friend class TraceLeanEncoder;  // writes its records with these pieces
  void put_slot(TextCursor& c, const SlotView& v) const;
  void put_event(TextCursor& c, const Event& e) const;
  // Returns whether an instruction may be held (false: none is, on a width-1 machine).
  bool put_stages(TextCursor& c, const CycleRecord& rec) const;
  void put_ending(TextCursor& c, const InsnRecord& rec) const;
  void put_held(TextCursor& c, const CycleRecord& rec) const;
  void put_forward(TextCursor& c, const Event& e) const;  // {"seq":..,"producer":..,...}
  void put_stall(TextCursor& c, const StallSpan& s) const;
  void put_reason(TextCursor& c, StallCause cause, IssueReason reason) const;
  const Snippet& stage(uint32_t s) const;  // "\"EX\"", or "\"?\"" out of range
  const TraceLayout& layout_;
  std::vector<Snippet> keys_;                    // "\"IF\":" per position
  std::vector<Snippet> names_;                   // "\"IF\"" per position
  std::vector<Snippet> units_;                   // "\"ALU\",\"unit_instance\":" per functional unit
  std::array<Snippet, kNumStallCauses> causes_;  // "\"raw\"" ...
  std::array<Snippet, kNumIssueReasons> reasons_;  // ",\"reason\":\"dependent\"" ...
  std::array<Snippet, 32> regs_;                   // "\"a0\"" ...
  Snippet unknown_stage_;
  // Text common to most instructions: `},"busy":{"IF":1,...},"stalls":[` (every stage entered,
  // one working cycle each) and, per unit, `],"retired":true,...,"last_cycle":` (retired, on
  // the unit's first instance).
  Snippet busy_all_one_;
  // `,"reg":"t0","from":"EX","to":"EX"}` by register, then source and receiving stage.
  std::vector<Snippet> forward_tails_;
  // The stage keys as ShortText, with and without a leading comma, and the quoted causes, when
  // every one of them fits (short_keys_; long stage names take the Snippet path).
  bool short_keys_ = true;
  std::vector<ShortText> key_, comma_key_;
  std::array<ShortText, kNumStallCauses> short_causes_;
  std::vector<Snippet> retired_on_;
  // `{"kind":"flush","stage":"IF"` by kind (all but cache_miss) and stage (the last entry of
  // each kind: a stage out of range), and the most room an event takes after it.
  std::vector<Snippet> event_opens_;
  std::size_t event_room_ = 0;
  // ",\"pc\":65552,\"word\":3474707,\"disasm\":\"addi a0, a0, 3\"" by instruction address.
  mutable PcCache<Snippet> insn_text_;
  mutable NumberCache numbers_;
  // Addresses (a redirect's target, a cache miss's address) apart: few and repeated in a loop,
  // they would otherwise miss in numbers_ and evict the sequence numbers there.
  mutable NumberCache addresses_;
};

// The parts of the trace that are not per cycle or per instruction.
// {"program", "stages": [...], "lanes": [...], "units": [...], "config": {...}}
nlohmann::ordered_json trace_header_json(const std::string& program, const PipelineConfig& config);
// {"halt", "exit_code", "pc", "stats": {stats_json}, "registers": {...}} after the run.
nlohmann::ordered_json trace_summary_json(const MachineResult& result,
                                          const PipelineConfig& config);

}  // namespace pipesim::report
