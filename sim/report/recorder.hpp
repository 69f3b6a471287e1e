// A TraceSink that remembers what the model published, for the renderers (pipeline diagram,
// occupancy table) to read after the run. It copies every cycle's stage occupancy and events
// (the model reuses its buffers) and keeps every instruction record; a cycle window keeps long
// runs from growing memory without bound.
#pragma once

#include <cstdint>
#include <limits>
#include <vector>

#include "sim/pipe/events.hpp"

namespace pipesim::report {

// One published cycle, copied.
struct RecordedCycle {
  uint64_t cycle = 0;
  std::vector<SlotView> stages;  // `width` positions per stage, stage-major (CycleRecord::stages)
  std::vector<Event> events;
  uint32_t width = 1;  // the machine's issue width
  const SlotView& at(std::size_t stage, std::size_t position = 0) const {
    return stages[stage * width + position];
  }
  std::size_t num_stages() const { return stages.size() / width; }
};

struct RecorderOptions {
  // Keep only cycles in [from_cycle, to_cycle], and only instructions that were in the machine
  // during some cycle of that window.
  uint64_t from_cycle = 1;
  uint64_t to_cycle = std::numeric_limits<uint64_t>::max();
  bool keep_cycles = true;        // stage occupancy and events (the occupancy table needs them)
  bool keep_instructions = true;  // instruction records (the diagram needs them)
};

class Recorder : public TraceSink {
 public:
  Recorder() = default;
  explicit Recorder(const RecorderOptions& options) : options_(options) {}

  void on_cycle(const CycleRecord& rec) override;
  void on_instruction(const InsnRecord& rec) override;
  void on_end() override { ended_ = true; }

  const RecorderOptions& options() const { return options_; }
  // Kept cycles, in cycle order.
  const std::vector<RecordedCycle>& cycles() const { return cycles_; }
  // Kept instruction records, sorted by seq.
  const std::vector<InsnRecord>& instructions() const;
  // The record of one instruction, or nullptr if it was not kept (or has not left the machine).
  const InsnRecord* find(uint64_t seq) const;
  // The last cycle of the run seen so far (whether kept or not): the largest published cycle
  // number or instruction last_cycle.
  uint64_t final_cycle() const { return final_cycle_; }
  bool ended() const { return ended_; }

 private:
  bool in_window(uint64_t first, uint64_t last) const {
    return first <= options_.to_cycle && last >= options_.from_cycle;
  }

  RecorderOptions options_;
  std::vector<RecordedCycle> cycles_;
  mutable std::vector<InsnRecord> insns_;
  mutable bool sorted_ = true;
  uint64_t final_cycle_ = 0;
  bool ended_ = false;
};

// The first cycle an instruction occupied a stage (0 if it never entered one).
uint64_t first_cycle(const InsnRecord& rec);

}  // namespace pipesim::report
