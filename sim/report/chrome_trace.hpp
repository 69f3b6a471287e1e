// --trace-chrome: the run in the Chrome trace event format (JSON array form), which Perfetto
// (ui.perfetto.dev) and chrome://tracing open. One process; one track (thread) per stage and per
// functional-unit lane; each stay of an instruction in a stage is a complete ("X") slice named by
// its disassembly, each stall (a Stall event: held in a stage) a nested slice "stall: CAUSE", each
// flush an instant event. 1 cycle = 1 µs: cycle c spans [c-1, c) µs. Streamed: an instruction's
// slices are written when it leaves the machine (its disassembly is known then), so only the
// instructions in flight are kept. Events are not in timestamp order; the viewers sort them.
#pragma once

#include <string>
#include <vector>

#include "sim/config/config.hpp"
#include "sim/report/byte_sink.hpp"
#include "sim/report/disasm_cache.hpp"
#include "sim/report/in_flight.hpp"
#include "sim/report/trace_layout.hpp"
#include "sim/report/trace_text_out.hpp"
#include "sim/report/trace_writer.hpp"

namespace pipesim::report {

class ChromeTraceWriter : public TraceWriter {
 public:
  ChromeTraceWriter(ByteSink& out, const std::string& program, const PipelineConfig& config);
  void finish_with_summary(const nlohmann::ordered_json& summary) override;

 protected:
  void write_cycle(const CycleRecord& rec) override;
  void write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) override;

 private:
  struct Stay {
    uint32_t position = 0;
    uint64_t first = 0, last = 0;  // cycles
  };
  struct Insn {
    std::vector<Stay> stays;
    void reset() { stays.clear(); }
  };
  void begin_event();
  // The fields every event of an instruction starts and ends with: its track and start time;
  // the opening of "args" with its seq and pc (the caller adds more and closes it).
  void put_track(uint64_t tid, uint64_t ts);
  void put_insn_args(const InsnRecord& rec);
  // `text`: the instruction's disassembly, quoted and escaped.
  void write_stall(const StallSpan& s, uint64_t tid, const InsnRecord& rec, std::string_view text);

  BufferedOut out_;
  TraceLayout layout_;
  InFlight<Insn> insns_;
  // Per instruction address: its disassembly as a JSON string, and the text a stage slice of it
  // starts with (`,\n{"name":"addi a0, a0, 3","cat":"stage","ph":"X","pid":1,"tid":`) and has
  // after its seq (`,"pc":"0x00010010"`): a slice per stage and instruction is most of the file.
  struct InsnText {
    Snippet name, slice_head, pc;
  };
  PcCache<InsnText> texts_;
  NumberCache numbers_;
};

}  // namespace pipesim::report
