// The binary trace: encoding (BinaryTraceWriter). The layout of every record is in
// docs/trace-format.md "Binary trace"; the decoding (binary_trace_reader.cpp) mirrors it.
#include "sim/report/binary_trace.hpp"

#include <algorithm>
#include <array>

#include "sim/json/json_text.hpp"
#include "sim/report/binary_trace_format.hpp"
#include "sim/report/trace_json_records.hpp"
#include "sim/report/trace_layout.hpp"

namespace pipesim::report {

namespace {

using namespace binary_format;

inline char* put_varint(char* p, uint64_t v) {
  while (v >= 0x80) {
    *p++ = static_cast<char>(v | 0x80);
    v >>= 7;
  }
  *p++ = static_cast<char>(v);
  return p;
}
void put_blob(TextBuffer& b, std::string_view text) {
  char* p = b.reserve(10);
  b.set_end(put_varint(p, text.size()));
  b.append(text.data(), text.data() + text.size());
}

// The slots' bytes (docs/trace-format.md "Binary trace"): a flags byte each, then the sequence
// number's delta when it is neither the slot's last one nor the next, then the pairing rule.
// `last`: per slot, the sequence number it last held. The stages and the lanes are each a plain
// array here, so the loop does not ask for every slot which of the two it is in.
char* put_slots(char* p, std::span<const SlotView> views, uint64_t* last) {
  for (const SlotView& v : views) {
    const bool reason = v.reason != IssueReason::None;
    unsigned flags =
        (v.stalled ? 4u : 0u) | (static_cast<unsigned>(v.cause) << 3) | (reason ? 64u : 0u);
    char* const at = p++;
    if (v.occupied()) {
      const uint64_t was = *last;
      *last = v.seq;
      if (v.seq == was + 1) {
        flags |= kNext;
      } else if (v.seq == was) {
        flags |= kSame;
      } else {
        flags |= kDelta;
        p = put_varint(p, zigzag(v.seq, was));
      }
    }
    *at = static_cast<char>(flags);
    if (reason) *p++ = static_cast<char>(v.reason);
    ++last;
  }
  return p;
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Writing

BinaryTraceWriter::BinaryTraceWriter(ByteSink& out, const std::string& program,
                                     const PipelineConfig& config)
    : TraceWriter(config, /*stalls=*/false),
      out_(out),
      stages_(std::min<std::size_t>(config.stages.size(), kMaxStages)),
      slot_seq_(TraceLayout(config).slot_indices(), 0),
      words_(kWordTable, {1, 0}) {  // pc 1 is never an instruction's: no entry matches at first
  out_.buf.append(kBinaryTraceMagic.data(), kBinaryTraceMagic.data() + kBinaryTraceMagic.size());
  put_blob(out_.buf, json_text(trace_header_json(program, config)));
}

void BinaryTraceWriter::write_cycle(const CycleRecord& rec) {
  const std::size_t staged = rec.stages.size(), slots = staged + rec.lanes.size();
  if (slots > slot_seq_.size()) slot_seq_.resize(slots, 0);
  char* p = out_.buf.reserve(1 + 10 + slots * 12 + 10 + rec.events.size() * 48);
  *p++ = kCycle;
  p = put_varint(p, rec.cycle - cycle_);
  cycle_ = rec.cycle;
  p = put_slots(p, rec.stages, slot_seq_.data());
  if (!rec.lanes.empty()) p = put_slots(p, rec.lanes, slot_seq_.data() + staged);
  p = put_varint(p, rec.events.size());
  uint64_t near = insn_seq_;  // sequence numbers of events are written from the last one
  for (const Event& e : rec.events) {
    // Flags as sums of comparisons rather than six branches.
    const unsigned fields =
        (e.seq != kNoSeq ? +kHasSeq : 0u) | (e.other != kNoSeq ? +kHasOther : 0u) |
        (e.from_stage != 0 ? +kHasFrom : 0u) | (e.reg != 0 ? +kHasReg : 0u) |
        (e.target != 0 ? +kHasTarget : 0u) | (e.reason != IssueReason::None ? +kHasReason : 0u);
    *p++ = static_cast<char>(static_cast<unsigned>(e.kind) | (static_cast<unsigned>(e.cause) << 3));
    *p++ = static_cast<char>(fields);
    p = put_varint(p, e.stage);
    if (fields & kHasSeq) {
      p = put_varint(p, zigzag(e.seq, near));
      near = e.seq;
    }
    if (fields & kHasOther) p = put_varint(p, zigzag(e.other, near));
    if (fields & kHasFrom) p = put_varint(p, e.from_stage);
    if (fields & kHasReg) *p++ = static_cast<char>(e.reg);
    if (fields & kHasTarget) p = put_varint(p, e.target);
    if (fields & kHasReason) *p++ = static_cast<char>(e.reason);
  }
  out_.buf.set_end(p);
  out_.flush_if_full();
}

void BinaryTraceWriter::write_instruction(const InsnRecord& rec, std::span<const StallSpan>) {
  // The stages up to the last one entered (or busy in): those of the machine at most, beyond
  // which a record is all zeros (the reader refuses more).
  std::size_t stages = stages_;
  while (stages > 0 && rec.enter[stages - 1] == 0 && rec.busy[stages - 1] == 0) --stages;
  bool busy_one = true;
  for (std::size_t s = 0; s < stages; ++s) busy_one &= rec.busy[s] == (rec.enter[s] != 0);
  std::pair<uint32_t, uint32_t>& known = words_[word_index(rec.pc)];
  uint8_t fields = 0;
  if (rec.committed) fields |= kCommitted;
  if (rec.flushed_by != kNoSeq) fields |= kFlushedBy;
  if (known == std::pair{rec.pc, rec.word}) fields |= kWordKnown;
  if (rec.unit != kNoUnit) fields |= kHasUnit;
  if (rec.unit_instance != 0) fields |= kHasInstance;
  if (rec.lane != 0) fields |= kHasLane;
  if (busy_one) fields |= kBusyOne;

  char* p = out_.buf.reserve(64 + kMaxStages * 20);
  *p++ = kInsn;
  p = put_varint(p, zigzag(rec.seq, insn_seq_));
  insn_seq_ = rec.seq;
  p = put_varint(p, zigzag(rec.pc, insn_pc_));
  insn_pc_ = rec.pc;
  *p++ = static_cast<char>(fields);
  if (!(fields & kWordKnown)) {
    p = put_varint(p, rec.word);
    known = {rec.pc, rec.word};
  }
  *p++ = static_cast<char>(rec.op);
  if (fields & kFlushedBy) p = put_varint(p, zigzag(rec.flushed_by, rec.seq));
  p = put_varint(p, zigzag(rec.last_cycle, cycle_));
  *p++ = static_cast<char>(stages);
  for (std::size_t s = 0; s < stages; ++s) {
    p = put_varint(p, rec.enter[s] == 0 ? 0 : zigzag(rec.enter[s], rec.last_cycle) + 1);
    if (!busy_one) p = put_varint(p, rec.busy[s]);
  }
  if (fields & kHasUnit) p = put_varint(p, rec.unit);
  if (fields & kHasInstance) p = put_varint(p, rec.unit_instance);
  if (fields & kHasLane) p = put_varint(p, rec.lane);
  out_.buf.set_end(p);
  out_.flush_if_full();
}

void BinaryTraceWriter::write_end() {
  out_.buf.push_back(kEnd);
}

void BinaryTraceWriter::finish_with_summary(const nlohmann::ordered_json& summary) {
  out_.buf.push_back(kSummary);
  put_blob(out_.buf, json_text(summary));
  out_.flush();
}

}  // namespace pipesim::report
