// The binary trace: decoding (BinaryTraceReader), the mirror of the encoding in binary_trace.cpp
// (docs/trace-format.md "Binary trace").
#include "sim/report/binary_trace.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <unordered_set>

#include "isa/error.hpp"
#include "isa/source_errors.hpp"
#include "sim/config/config_load.hpp"
#include "sim/json/json_source.hpp"
#include "sim/report/binary_trace_format.hpp"

namespace pipesim::report {

using namespace binary_format;

// ---------------------------------------------------------------------------------------------
// Reading

std::size_t StringSource::read(char* to, std::size_t max) {
  const std::size_t n = std::min(max, bytes_.size());
  std::memcpy(to, bytes_.data(), n);
  bytes_.remove_prefix(n);
  return n;
}

// Bytes from the source through a buffer, with their offset for messages.
class BinaryTraceReader::Decoder {
 public:
  Decoder(ByteSource& in, std::string name) : in_(in), name_(std::move(name)), buf_(1 << 16) {}

  [[noreturn]] void damaged(const std::string& what) const {
    throw Error(fmt::format("{}: damaged binary trace at byte {}: {}", name_, offset(), what));
  }
  const std::string& name() const { return name_; }
  uint64_t offset() const { return consumed_ + pos_; }

  bool at_end() { return pos_ == end_ && !fill(); }
  uint8_t byte() {
    if (pos_ == end_ && !fill())
      throw Error(
          fmt::format("{}: the binary trace ends early, at byte {} (cut short?)", name_, offset()));
    return static_cast<uint8_t>(buf_[pos_++]);
  }
  uint64_t varint() {
    uint64_t v = 0;
    for (unsigned shift = 0; shift < 64; shift += 7) {
      const uint8_t b = byte();
      if (shift == 63 && b > 1) damaged("a number too large");
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    damaged("a number too large");
  }
  uint64_t at_most(uint64_t limit, const char* what) {
    const uint64_t v = varint();
    if (v > limit) damaged(fmt::format("{} {} (at most {})", what, v, limit));
    return v;
  }
  std::string text(std::size_t n) {
    std::string s;
    s.reserve(n);
    while (s.size() < n) s.push_back(static_cast<char>(byte()));
    return s;
  }
  std::string blob(const char* what) { return text(at_most(kMaxJsonBytes, what)); }

 private:
  bool fill() {
    consumed_ += end_;
    pos_ = end_ = 0;
    end_ = in_.read(buf_.data(), buf_.size());
    return end_ > 0;
  }
  ByteSource& in_;
  std::string name_;
  std::vector<char> buf_;
  std::size_t pos_ = 0, end_ = 0;
  uint64_t consumed_ = 0;
};

BinaryTraceReader::BinaryTraceReader(ByteSource& in, std::string name)
    : in_(std::make_unique<Decoder>(in, std::move(name))) {
  Decoder& d = *in_;
  std::string magic;
  for (std::size_t i = 0; i < kBinaryTraceMagic.size() && !d.at_end(); ++i)
    magic.push_back(static_cast<char>(d.byte()));
  if (magic != kBinaryTraceMagic) {
    if (magic.starts_with("pipesim.btrace/"))
      throw Error(
          fmt::format("{}: a binary trace of another version ({}); this pipesim reads "
                      "pipesim.btrace/1",
                      d.name(), printable_message(magic.substr(0, magic.size() - 1))));
    throw Error(
        fmt::format("{}: not a pipesim binary trace (written by run --trace-bin)", d.name()));
  }
  const std::string text = d.blob("a header of length");
  nlohmann::json header;
  try {
    header = parse_json_source<nlohmann::json>(text, d.name() + " (header)", false);
    if (!header.is_object() || !header.contains("program") || !header["program"].is_string() ||
        !header.contains("config"))
      d.damaged("the header has no program or machine");
    program_ = header["program"].get<std::string>();
    config_ = config_from_json(header["config"], d.name() + " (header)");
  } catch (const Error& e) {
    d.damaged(fmt::format("its header: {}", e.what()));
  }
}

BinaryTraceReader::~BinaryTraceReader() = default;

// The decoding of the records, with what the encoder's deltas are relative to, and the checks
// of the sink contract: a forged file cannot grow a writer's state without bound, because the
// instructions seen in a stage (or held) and not yet left must stay few.
class BinaryTraceReader::Replay {
 public:
  Replay(Decoder& d, const PipelineConfig& config, std::span<TraceWriter* const> writers)
      : d_(d),
        layout_(config),
        writers_(writers),
        stage_slots_(layout_.stages.size() * layout_.width),
        slots_(layout_.slot_indices()),
        positions_(std::max<std::size_t>(layout_.positions(), kMaxStages)),
        max_in_flight_(4 * slots_ + 64),
        views_(slots_),
        slot_seq_(slots_, 0),
        words_(kWordTable, {1, 0}) {}

  void run() {
    for (bool ended = false;;) {
      if (d_.at_end())
        throw Error(fmt::format("{}: the binary trace ends early, at byte {} (cut short?)",
                                d_.name(), d_.offset()));
      const char tag = static_cast<char>(d_.byte());
      if (ended && tag != kSummary) d_.damaged("a record after the end");
      if (tag == kCycle) {
        cycle_record();
      } else if (tag == kInsn) {
        instruction_record();
      } else if (tag == kEnd) {
        ended = true;
        for (TraceWriter* w : writers_) w->on_end();
      } else if (tag == kSummary) {
        if (!ended) d_.damaged("the summary before the end");
        return summary();
      } else {
        d_.damaged("an unknown record");
      }
    }
  }

 private:
  void seen(uint64_t seq) {
    if (in_flight_.insert(seq).second && in_flight_.size() > max_in_flight_)
      d_.damaged(fmt::format("more than {} instructions in flight", max_in_flight_));
  }
  IssueReason reason() {
    const uint8_t r = d_.byte();
    if (r == 0 || r >= kNumIssueReasons) d_.damaged("an issue rule");
    return static_cast<IssueReason>(r);
  }

  void slot(std::size_t i) {
    const uint8_t b = d_.byte();
    if (b & 0x80) d_.damaged("a stage's flags");
    SlotView& v = views_[i];
    v.cause = static_cast<StallCause>((b >> 3) & 7);
    v.stalled = b & 4;
    uint64_t& last = slot_seq_[i];
    switch (b & 3) {
      case kBubble:
        v.seq = kNoSeq;
        break;
      case kSame:
        v.seq = last;
        break;
      case kNext:
        v.seq = last + 1;
        break;
      default:
        v.seq = unzigzag(last, d_.varint());
    }
    if ((b & 3) != kBubble) {
      if (v.seq == kNoSeq) d_.damaged("a stage's instruction");
      seen(v.seq);
      last = v.seq;
    }
    v.reason = (b & 64) ? reason() : IssueReason::None;
  }

  void event(Event& e, uint64_t& near) {
    const uint8_t kind = d_.byte(), fields = d_.byte();
    if ((kind & 7) > static_cast<unsigned>(EventKind::CacheMiss) || kind >= 64 || fields >= 64)
      d_.damaged("an event's kind");
    e = Event{};
    e.kind = static_cast<EventKind>(kind & 7);
    e.cause = static_cast<StallCause>(kind >> 3);
    e.stage = static_cast<uint32_t>(d_.at_most(positions_, "an event in stage"));
    if (fields & kHasSeq) near = e.seq = unzigzag(near, d_.varint());
    if (fields & kHasOther) e.other = unzigzag(near, d_.varint());
    if (fields & kHasFrom) e.from_stage = static_cast<uint32_t>(d_.at_most(positions_, "a stage"));
    if (fields & kHasReg) e.reg = d_.byte();
    if (fields & kHasTarget) e.target = static_cast<uint32_t>(d_.at_most(UINT32_MAX, "address"));
    if (fields & kHasReason) e.reason = reason();
    if (e.kind == EventKind::Stall && e.seq != kNoSeq) seen(e.seq);
  }

  void cycle_record() {
    const uint64_t delta = d_.varint();
    if (delta == 0 || cycle_ + delta < cycle_) d_.damaged("cycles out of order");
    cycle_ += delta;
    for (std::size_t i = 0; i < slots_; ++i) slot(i);
    events_.resize(d_.at_most(4 * positions_ + 64, "a cycle with events:"));
    uint64_t near = insn_seq_;
    for (Event& e : events_) event(e, near);
    CycleRecord rec;
    rec.cycle = cycle_;
    rec.width = layout_.width;
    rec.stages = std::span<const SlotView>(views_.data(), stage_slots_);
    rec.lanes = std::span<const SlotView>(views_.data() + stage_slots_, slots_ - stage_slots_);
    rec.events = events_;
    for (TraceWriter* w : writers_) w->on_cycle(rec);
  }

  void instruction_record() {
    InsnRecord rec;
    rec.seq = insn_seq_ = unzigzag(insn_seq_, d_.varint());
    rec.pc = insn_pc_ = static_cast<uint32_t>(unzigzag(insn_pc_, d_.varint()));
    const uint8_t fields = d_.byte();
    if (fields >= 128) d_.damaged("an instruction's flags");
    std::pair<uint32_t, uint32_t>& known = words_[word_index(rec.pc)];
    if (fields & kWordKnown) {
      if (known.first != rec.pc) d_.damaged("an instruction word it never gave");
      rec.word = known.second;
    } else {
      rec.word = static_cast<uint32_t>(d_.at_most(UINT32_MAX, "an instruction word"));
      known = {rec.pc, rec.word};
    }
    const uint8_t op = d_.byte();
    if (op > isa::kNumOps) d_.damaged("an operation");
    rec.op = static_cast<isa::Op>(op);
    rec.committed = fields & kCommitted;
    if (fields & kFlushedBy) {
      if (rec.committed) d_.damaged("an instruction both retired and flushed");
      rec.flushed_by = unzigzag(rec.seq, d_.varint());
    }
    rec.last_cycle = unzigzag(cycle_, d_.varint());
    if (rec.last_cycle == 0 || rec.last_cycle > cycle_)
      d_.damaged("an instruction leaving in a cycle not yet written");
    stages(rec, fields & kBusyOne);
    if ((fields & kHasUnit) && layout_.units.empty()) d_.damaged("a unit on a machine without");
    if (fields & kHasUnit)
      rec.unit = static_cast<uint32_t>(d_.at_most(layout_.units.size() - 1, "unit"));
    if (fields & kHasInstance)
      rec.unit_instance = static_cast<uint32_t>(d_.at_most(UINT32_MAX, "unit instance"));
    if (fields & kHasLane) rec.lane = static_cast<uint32_t>(d_.at_most(layout_.width - 1, "lane"));
    in_flight_.erase(rec.seq);
    for (TraceWriter* w : writers_) w->on_instruction(rec);
  }

  void stages(InsnRecord& rec, bool busy_one) {
    const uint8_t stages = d_.byte();
    if (stages > std::min<std::size_t>(layout_.stages.size(), kMaxStages))
      d_.damaged("an instruction in too many stages");
    for (std::size_t s = 0; s < stages; ++s) {
      const uint64_t enter = d_.varint();
      if (enter != 0) {
        rec.enter[s] = unzigzag(rec.last_cycle, enter - 1);
        if (rec.enter[s] == 0 || rec.enter[s] > rec.last_cycle)
          d_.damaged("an instruction entering a stage after it left");
      }
      rec.busy[s] = busy_one ? rec.enter[s] != 0
                             : static_cast<uint32_t>(d_.at_most(UINT32_MAX, "busy cycles"));
    }
  }

  void summary() {
    nlohmann::ordered_json summary;
    try {
      summary = parse_json_source<nlohmann::ordered_json>(d_.blob("a summary of length"),
                                                          d_.name() + " (summary)", false);
    } catch (const Error& e) {
      d_.damaged(fmt::format("its summary: {}", e.what()));
    }
    if (!summary.is_object()) d_.damaged("its summary");
    if (!d_.at_end()) d_.damaged("bytes after the summary");
    for (TraceWriter* w : writers_) w->finish_with_summary(summary);
  }

  Decoder& d_;
  const TraceLayout layout_;
  std::span<TraceWriter* const> writers_;
  const std::size_t stage_slots_, slots_, positions_, max_in_flight_;
  std::vector<SlotView> views_;
  std::vector<uint64_t> slot_seq_;  // per position: the sequence number it last held
  std::vector<Event> events_;
  std::vector<std::pair<uint32_t, uint32_t>> words_;
  std::unordered_set<uint64_t> in_flight_;
  uint64_t cycle_ = 0, insn_seq_ = 0;
  uint32_t insn_pc_ = 0;
};

void BinaryTraceReader::replay(std::span<TraceWriter* const> writers) {
  Replay(*in_, config_, writers).run();
}

}  // namespace pipesim::report
