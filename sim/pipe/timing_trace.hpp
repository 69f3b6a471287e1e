// The timing model's trace (internal to sim/pipe/timing_model.cpp and timing_wrong_path.cpp):
// the cycle and instruction records the cycle model publishes (sim/pipe/events.hpp), rebuilt from
// what the engine computes per instruction (docs/timing-model.md, "Traces").
//
// The engine hands over each instruction, in fetch order, with everything about it: the cycle it
// entered each stage, its cycles held in decode, its events, how it leaves the machine. A cycle
// is complete once the engine has moved past it (the next instruction enters stage 0 after it),
// and is then published. What the engine does not hand over, the bubbles, follows from the
// previous cycle the way the cycle model's advance step (PipelineModel::advance_scalar) moves them:
// on the plain scalar machines (timing_trace_supported) only decode holds an instruction, so a
// bubble moves one stage a cycle, except in the stages behind a held decode, and a held decode
// sends one with its cause ahead.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <vector>

#include "sim/pipe/events.hpp"
#include "sim/pipe/pipeline_rules.hpp"

namespace pipesim::timing {

class TraceBuilder {
 public:
  // How an instruction leaves the machine.
  enum class End : uint8_t {
    Retired,  // from the last stage, at the end of its last cycle
    Flushed,  // squashed in its last cycle by an older instruction's flush
    Halted,   // still in flight when the run halts (squash_at_halt)
  };

  TraceBuilder(const PipelineRules& rules, std::span<TraceSink* const> sinks);

  // The record of the next instruction in fetch order, to fill in: its seq is set, the rest is
  // cleared (the stages of this machine); with `every_stage` the caller sets the cycle it enters
  // each of them, and they are left as they are.
  InsnRecord& start(bool every_stage = false);
  // The instruction start() gave, its record complete but for last_cycle and busy (filled
  // here); it entered stage 0 in rec.enter[0], so every cycle before that is complete and is
  // published now. Its cycles held in decode come with hold(), its events with event() and
  // flush(), before the next instruction is started.
  void add(uint64_t last_cycle, End end);
  // Cycle c: the instruction in decode is held, waiting for `stall` (its Stall event, published
  // with cycle c + 1, where the cycle model's advance step emits it).
  void hold(uint64_t c, const Event& stall);
  // An event of cycle c, after those of the older instructions.
  void event(uint64_t c, const Event& e) { at(c).events.push_back(e); }
  // In cycle c the instruction `by` in `stage` squashes everything in the stages before it: a
  // Flush event for each (at this point of the cycle's events) and their records.
  void flush(uint64_t c, uint32_t stage, uint64_t by);
  // The run ended with cycle `end`: halted by instruction `halting` (the rest still in flight is
  // squashed), or stopped by the caller (nothing in flight is published).
  void finish_halted(uint64_t end, uint64_t halting);
  void finish_stopped(uint64_t end);
  // The run is stopped with cycle `end`: the instructions the engine still adds (until the cycles
  // up to `end` are complete) publish no cycle after it.
  void stop_at(uint64_t end) { limit_ = end; }

 private:
  static constexpr uint64_t kCycles = 512, kRecords = 256;  // rings (powers of 2)
  struct Cycle {
    bool held = false;                        // decode holds its instruction (only decode holds)
    StallCause held_cause = StallCause::Raw;  // of that hold
    bool has_stall = false;
    Event stall;                 // the Stall event the previous cycle's advance emitted
    std::vector<Event> events;   // in the order the cycle model emits them
    uint32_t flush_stage = 0;    // a flush squashed the stages before it (0: none)
    size_t flush_at = 0;         // where its Flush events go among `events`
    uint64_t flush_by = kNoSeq;  // the instruction that flushed
    uint64_t fetched = kNoSeq;   // the instruction entering stage 0 (one at most: one issue)
    // Leaving from the last stage at the end of the cycle: one at most (one issue).
    uint64_t retired = kNoSeq;
  };
  struct Pending {
    InsnRecord rec;
    End end = End::Retired;
    bool published = false;
  };
  Cycle& at(uint64_t c) {
    // (Never seen: an instruction's cycles reach a few stages' worth past the one fetched.)
    if (c < next_cycle_ || c >= next_cycle_ + kCycles) [[unlikely]]
      outside_window();
    return cycles_[c & (kCycles - 1)];
  }
  [[noreturn]] static void outside_window();
  Pending& pending(uint64_t seq) { return records_[seq & (kRecords - 1)]; }
  void forget_published();
  void publish_until(uint64_t c);  // every cycle before c
  void publish(uint64_t c, bool last);
  void send(const InsnRecord& rec);

  const uint32_t n_, d_;
  std::vector<TraceSink*> sinks_;
  std::vector<Cycle> cycles_;
  std::vector<Pending> records_;
  uint64_t next_cycle_ = 1;            // the first cycle not yet published
  uint64_t limit_ = ~uint64_t{0} - 1;  // the last cycle that may be published
  uint64_t first_seq_ = 0;             // every older instruction's record is published
  uint64_t next_seq_ = 0;              // the next instruction add() expects
  // The cycles' stages as published, in a buffer that slides down one entry a cycle: stage s of
  // cycle c is at base_ + s, where stage s - 1 of cycle c - 1 was, so the usual cycle of a
  // scalar machine (the advance step: every stage moves on, bubbles with their causes too) writes
  // only stage 0; a held decode stage, a flush and a hold rewrite the stages they concern. Once
  // at the bottom, the stages go back to the top (every kSlide cycles).
  static constexpr uint32_t kSlide = 1024;
  std::vector<SlotView> views_;
  uint32_t base_ = kSlide;
  // Whether decode held its instruction in the cycle published last (and why).
  bool prev_held_ = false;
  StallCause prev_cause_ = StallCause::Raw;
  std::vector<Event> events_;                    // the cycle's events as published
  std::array<uint64_t, kMaxStages> squashed_{};  // by the cycle's flush, in its order
  std::array<uint32_t, kMaxStages> busy_all_{};  // a record's busy with every stage seen
};

}  // namespace pipesim::timing
