// --trace-konata: the run in the Kanata log format (version 0004) that the Konata pipeline
// viewer opens (github.com/shioyadan/Konata, docs/kanata-log-format.md there). Streamed as the
// run goes; per-instruction state is kept only while the instruction is in flight.
//
// Mapping (docs/trace-format.md): one Kanata instruction per dynamic instruction (I, with the
// sequence number as the simulator id), stages and functional-unit lanes as stages of lane 0
// (S when it enters one), stalls on lane 1 named by cause ("raw", "load_use", ...) for the cycles
// an instruction is held in a stage, forwarding as W dependencies, the pc and disassembly as its
// label (L type 0), and R type 0 when it retires or R type 1 when it is flushed, at the end of
// its last cycle. Kanata time t is the boundary between cycles t and t+1: cycle c is drawn from
// t = c-1 to t = c.
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

class KonataTraceWriter : public TraceWriter {
 public:
  KonataTraceWriter(ByteSink& out, const PipelineConfig& config);
  void finish_with_summary(const nlohmann::ordered_json& summary) override;

 protected:
  void write_cycle(const CycleRecord& rec) override;
  void write_instruction(const InsnRecord& rec, std::span<const StallSpan> stalls) override;

 private:
  struct Insn {
    uint64_t id = kNoSeq;                 // Kanata file id (kNoSeq until its I line)
    char id_text[DecimalCounter::kRoom];  // the id in decimal (from its I line on)
    uint32_t id_size = 0;
    char seq_text[DecimalCounter::kRoom];  // its sequence number in decimal (from its I line on)
    uint32_t seq_size = 0;
    uint64_t last_seen = 0;          // last cycle it occupied a stage or lane
    const Snippet* stall = nullptr;  // the open lane-1 stall (its line's tail), if any
    uint64_t stall_seen = 0;         // the last cycle that stall was seen
    // Where it was at the end of cycle place_seen: a stage or a lane (index into
    // TraceLayout::position_name), and whether it was held there.
    uint32_t place = 0;
    uint64_t place_seen = 0;
    bool held = false;
    StallCause held_cause = StallCause::Fill;
    // Field by field: `*this = Insn{}` built a temporary on the stack and copied it in pieces of
    // other sizes than it was written in (a store-forwarding stall on every new instruction).
    void reset() {
      id = kNoSeq;
      last_seen = 0;
      stall = nullptr;
      stall_seen = 0;
      place = 0;
      place_seen = 0;
      held = false;
      held_cause = StallCause::Fill;
    }
  };
  // Its entry, with the I line written on first sight (introduce).
  [[gnu::always_inline]] Insn& begin(uint64_t seq) {
    Insn& k = insns_.at(seq);
    if (k.id == kNoSeq) [[unlikely]]
      introduce(k, seq);
    return k;
  }
  void introduce(Insn& k, uint64_t seq);
  // (Through the caller's cursor: the fast path writes a whole cycle through one, and has this
  // inlined.)
  [[gnu::always_inline]] inline void introduce(TextCursor& c, Insn& k, uint64_t seq);
  void advance_to(uint64_t time);
  [[gnu::always_inline]] inline void advance_to(TextCursor& c, uint64_t time);
  // The usual cycle of a scalar machine, written without looking anything up: see the .cpp.
  [[gnu::always_inline]] inline bool write_shifted_cycle(TextCursor& c, const CycleRecord& rec);
  void remember_stages(const CycleRecord& rec);
  // (Inlined into the two cycle paths: through a reference the cursor would live in memory.)
  [[gnu::always_inline]] inline void write_forwards(TextCursor& c, const CycleRecord& rec);
  // "S\t5\t1\traw\n": a line of instruction `k` with a pre-made tail (lane, name, newline).
  static void put_line(TextCursor& c, char cmd, const Insn& k, const Snippet& tail) {
    char* p = c.room(2 + DecimalCounter::kRoom + tail.padded_size());
    p[0] = cmd;
    p[1] = '\t';
    p = put_text(p + 2, k.id_text, k.id_size);
    c.set_end(put_snippet(p, tail));
  }
  // Its open lane-1 stall ends (an E line).
  void end_stall(TextCursor& c, Insn& k) {
    put_line(c, 'E', k, *k.stall);
    k.stall = nullptr;
    --open_stalls_;
  }

  BufferedOut out_;
  TraceLayout layout_;
  InFlight<Insn> insns_;
  std::vector<Insn*> here_;  // write_cycle: the instruction at each slot index
  // Scalar machines without lanes (`shifted_`): the previous cycle written, what each stage held
  // at its end, whether any of them was held there, the entries' count here_ was found with.
  bool shifted_ = false;
  uint64_t prev_cycle_ = 0;
  std::vector<uint64_t> prev_seq_;
  bool prev_held_ = true;
  std::size_t here_capacity_ = 0;
  uint64_t newest_ = 0;                // above every sequence number introduced
  std::size_t enter_room_ = 0;         // the largest padded_size() of enter_
  std::vector<ShortText> enter_tail_;  // enter_ as ShortText, when each fits (enter_short_)
  bool enter_short_ = true;
  std::vector<uint32_t> place_of_;  // each slot index's place (TraceLayout::position_name)
  // Pre-made text: "\t0\tIF\n" per position (S lines), "\t1\traw\n" per cause (lane-1 S and
  // E lines), each instruction address's label (write_instruction).
  std::vector<Snippet> enter_, stall_;
  PcCache<Snippet> labels_;
  NumberCache numbers_;
  uint64_t time_ = 0;  // the Kanata time of the lines being written
  TextBuffer ending_;  // lines for time_ + 1: instructions leaving at its end
  DecimalCounter next_id_;
  DecimalCounter seq_;  // the last sequence number introduced that differed from its id
  DecimalCounter retired_;
  std::size_t open_stalls_ = 0;  // instructions with an open lane-1 stall (most cycles: none)
};

}  // namespace pipesim::report
