// TraceWriter, the base of the trace writers (JSON, JSONL, Konata, Chrome): hands each writer the
// cycle records as they come and each instruction record with its stalls gathered (StallLog). The
// model publishes in time order (the sink contract in sim/pipe/events.hpp): an instruction's record
// arrives after every cycle it was in, so its stalls are complete then.
#pragma once

#include <span>

#include "sim/pipe/events.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/stall_log.hpp"
#include "sim/report/trace_json_records.hpp"

namespace pipesim::report {

class TraceWriter : public TraceSink {
 public:
  // `stalls`: the writer uses the stall spans (the Kanata writer draws stalls from the cycles
  // themselves and is handed none).
  explicit TraceWriter(const PipelineConfig& config, bool stalls = true)
      : config_(config), gather_stalls_(stalls) {}
  void on_cycle(const CycleRecord& rec) final {
    if (gather_stalls_) stalls_.on_cycle(rec);
    write_cycle(rec);
  }
  void on_instruction(const InsnRecord& rec) final {
    write_instruction(rec, gather_stalls_ ? stalls_.take(rec.seq) : std::span<const StallSpan>{});
  }
  void on_end() final { write_end(); }
  // After the run: writes what only the result knows (the summary) and the rest of the output.
  void finish(const MachineResult& result) {
    finish_with_summary(trace_summary_json(result, config_));
  }
  // The same from the summary itself (trace_summary_json), which is all a writer needs of the
  // result: a binary trace stores it, and its conversion (binary_trace.hpp) hands it back.
  virtual void finish_with_summary(const nlohmann::ordered_json& summary) = 0;

 protected:
  virtual void write_cycle(const CycleRecord& rec) = 0;
  virtual void write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) = 0;
  virtual void write_end() {}

 private:
  const PipelineConfig& config_;
  bool gather_stalls_;
  StallLog stalls_;
};

}  // namespace pipesim::report
