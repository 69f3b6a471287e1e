// Base of the trace writers: delivers cycle and instruction records in time order, each
// instruction with its stalls complete.
//
// Why: the model publishes an instruction squashed by a flush in cycle N while it evaluates N,
// before it publishes cycle N itself, whose events may still include a stall of that instruction.
// Such records (last_cycle > the last published cycle) wait for the next cycle record here, so a
// writer sees cycle N, then the instructions flushed in N, then those that left the machine at
// the end of N. At most a pipeline's worth of records waits at any time.
#pragma once

#include <span>
#include <vector>

#include "sim/pipe/events.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/stall_log.hpp"

namespace pipesim::report {

class OrderedTraceSink : public TraceSink {
 public:
  void on_cycle(const CycleRecord& rec) final {
    stalls_.on_cycle(rec);
    published_ = rec.cycle;
    write_cycle(rec);
    for (const InsnRecord& r : waiting_) write_instruction(r, stalls_.take(r.seq));
    waiting_.clear();
  }
  void on_instruction(const InsnRecord& rec) final {
    if (rec.last_cycle > published_)
      waiting_.push_back(rec);
    else
      write_instruction(rec, stalls_.take(rec.seq));
  }
  void on_end() final {
    for (const InsnRecord& r : waiting_) write_instruction(r, stalls_.take(r.seq));
    waiting_.clear();
    write_end();
  }
  // After the run: writes what only the result knows (the summary) and the rest of the output.
  virtual void finish(const MachineResult& result) = 0;

 protected:
  virtual void write_cycle(const CycleRecord& rec) = 0;
  virtual void write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) = 0;
  virtual void write_end() {}
  uint64_t published_cycle() const { return published_; }

 private:
  StallLog stalls_;
  std::vector<InsnRecord> waiting_;
  uint64_t published_ = 0;
};

}  // namespace pipesim::report
