// The lean JSONL records (docs/trace-format.md "The lean JSONL schema").
#include "sim/report/trace_lean_records.hpp"

#include "isa/disasm.hpp"

namespace pipesim::report {

TraceLeanEncoder::TraceLeanEncoder(const TraceLayout& layout)
    : layout_(layout),
      full_(layout),
      last_stage_(layout.stages.empty() ? 0 : static_cast<uint32_t>(layout.stages.size() - 1)),
      stages_(std::min<std::size_t>(layout.stages.size(), kMaxStages)) {
  std::size_t longest_unit = 0;
  for (const std::string& u : layout.units) {
    unit_names_.emplace_back(json_string(u));
    longest_unit = std::max(longest_unit, unit_names_.back().padded_size());
  }
  ending_room_ = sizeof(",\"retired\":false") + sizeof(",\"flushed_by\":") + kNumberRoom +
                 sizeof(",\"unit\":null") + longest_unit + sizeof(",\"unit_instance\":") +
                 kNumberRoom + sizeof(",\"last_cycle\":") + kNumberRoom + sizeof(",\"lane\":") +
                 kNumberRoom + sizeof("}\n");
}

// "forwards", then the commits in the last stage that open the cycle's events as "commit" (most
// cycles' only event: a bare list of sequence numbers), then the other events as in the full
// record. A commit after any other event stays in "events", so their order is kept. The forwards
// and the commits are written each in one room, without a check per piece.
void TraceLeanEncoder::put_events(TextCursor& c, const CycleRecord& rec) const {
  const std::size_t stages = layout_.stages.size();
  const std::size_t n = rec.events.size();
  bool first = true;
  // One pass writes the forwards and finds the leading commits (forwards aside) and where the
  // rest starts (the first other event).
  std::size_t commits = 0;
  std::size_t rest = n;
  bool leading = true;
  for (std::size_t i = 0; i < n; ++i) {
    const Event& e = rec.events[i];
    if (e.kind != EventKind::Forward) {
      if (leading) {
        if (is_lean_commit(e)) {
          ++commits;
        } else {
          rest = i;
          leading = false;
        }
      }
      continue;
    }
    if (e.stage >= stages || e.from_stage >= stages) {  // (not from this layout: the long way)
      if (first)  // (not a ?: of the two: that would be a char pointer, measured each time)
        c.put(",\"forwards\":[");
      else
        c.put(',');
      first = false;
      full_.put_forward(c, e);
      continue;
    }
    const Snippet& tail =
        full_.forward_tails_[((e.reg & 31) * stages + e.from_stage) * stages + e.stage];
    char* p = c.room(sizeof(",\"forwards\":[{\"seq\":") + sizeof(",\"producer\":") +
                     2 * kNumberRoom + tail.padded_size());
    p = first ? put_literal(p, ",\"forwards\":[{\"seq\":") : put_literal(p, ",{\"seq\":");
    first = false;
    p = put_number(p, e.seq, full_.numbers_);
    p = put_literal(p, ",\"producer\":");
    p = put_number(p, e.other, full_.numbers_);
    c.set_end(put_snippet(p, tail));
  }
  if (!first) c.put(']');
  if (commits != 0) {
    char* p = c.room(sizeof(",\"commit\":[") + commits * (1 + kNumberRoom) + 1);
    p = put_literal(p, ",\"commit\":[");
    first = true;
    for (std::size_t i = 0; i < rest; ++i) {
      const Event& e = rec.events[i];
      if (e.kind == EventKind::Forward) continue;
      *p = ',';
      p += !first;
      first = false;
      p = put_number(p, e.seq, full_.numbers_);
    }
    c.set_end(put_char(p, ']'));
  }
  first = true;
  for (std::size_t i = rest; i < n; ++i) {
    const Event& e = rec.events[i];
    if (e.kind == EventKind::Forward) continue;
    if (first)
      c.put(",\"events\":[");
    else
      c.put(',');
    first = false;
    full_.put_event(c, e);
  }
  if (!first) c.put(']');
}

void TraceLeanEncoder::cycle(TextCursor& c, const CycleRecord& rec) const {
  const uint32_t stages = rec.num_stages();
  const uint32_t width = rec.width;
  const SlotView* slots = rec.stages.data();
  bool held = false;
  if (width == 1 && full_.short_keys_) {  // every piece a fixed-size copy, all in one room
    char* p =
        c.room(sizeof("{\"type\":\"cycle\",\"cycle\":") + kNumberRoom + sizeof(",\"stages\":[") +
               stages * (1 + std::max(kNumberRoom, ShortText::kRoom)));
    p = put_literal(p, "{\"type\":\"cycle\",\"cycle\":");
    p = put_number(p, rec.cycle, full_.numbers_);
    p = put_literal(p, ",\"stages\":[");
    for (uint32_t i = 0; i < stages; ++i) {
      const SlotView& v = slots[i];
      *p = ',';
      p += i != 0;
      p = v.occupied() ? put_number(p, v.seq, full_.numbers_)
                       : full_.short_causes_[static_cast<std::size_t>(v.cause)].put(p);
      held |= v.occupied() && v.stalled;
    }
    c.set_end(p);
  } else {
    c.put("{\"type\":\"cycle\",\"cycle\":");
    c.put_u64(rec.cycle, full_.numbers_);
    c.put(",\"stages\":[");
    for (uint32_t i = 0; i < stages; ++i) {
      if (i) c.put(',');
      if (width > 1) c.put('[');
      for (uint32_t p = 0; p < width; ++p) {
        const SlotView& v = slots[i * width + p];
        if (p) c.put(',');
        full_.put_slot(c, v);
        held |= v.occupied() && v.stalled;
      }
      if (width > 1) c.put(']');
    }
  }
  c.put(']');
  for (const SlotView& v : rec.lanes) held |= v.occupied() && v.stalled;
  if (held) full_.put_held(c, rec);
  if (!layout_.lanes.empty()) {
    c.put(",\"lanes\":[");
    for (std::size_t l = 0; l < rec.lanes.size(); ++l) {
      if (l) c.put(',');
      if (rec.lanes[l].occupied())
        c.put_u64(rec.lanes[l].seq, full_.numbers_);
      else
        c.put("null");
    }
    c.put(']');
  }
  if (!rec.events.empty()) put_events(c, rec);
  c.put("}\n");
}

namespace {

// A per-stage value: mostly 0 (a stage not entered) or a small count, written as its digit; other
// values through the cache.
char* put_count(char* p, uint64_t v, NumberCache& numbers) {
  if (v < 10) return put_char(p, static_cast<char>('0' + v));
  return put_number(p, v, numbers);
}

}  // namespace

// An array in stage order ([52,53,0,0,0]), in room for per_stage_room() bytes; 0 for a stage the
// instruction never entered (with `entered_only`, also where the value itself is not 0).
template <class T>
char* TraceLeanEncoder::put_per_stage(char* p, const std::array<T, kMaxStages>& values,
                                      const InsnRecord& rec, bool entered_only) const {
  *p++ = '[';
  for (std::size_t i = 0; i < stages_; ++i) {
    *p = ',';
    p += i != 0;
    p = put_count(p, entered_only && rec.enter[i] == 0 ? 0 : values[i], full_.numbers_);
  }
  return put_char(p, ']');
}

void TraceLeanEncoder::instruction(TextCursor& c, const InsnRecord& rec,
                                   std::span<const StallSpan> stalls) const {
  bool fresh = false;
  const Code& code = code_.get(rec.pc, rec.word, [&](uint32_t pc, uint32_t word) {
    fresh = true;
    return Code{Snippet(fmt::format("{{\"type\":\"code\",\"pc\":{},\"word\":{},\"disasm\":{}}}\n",
                                    pc, word, json_string(disasm_short(word, pc)))),
                Snippet(fmt::format(",\"pc\":{}", pc))};
  });
  // "enter" a number when every stage was entered, one a cycle; "busy" when an entered stage took
  // other than one working cycle; "last_cycle" when it is not the last working cycle in the last
  // stage entered. Most instructions went through in step, one working cycle a stage: a
  // branch-free pass (which the compiler can vectorise) finds those; the others take the full one.
  uint64_t off_step = stages_ == 0 || rec.enter[0] == 0;
  uint32_t off_one = 0;
  for (std::size_t i = 0; i < stages_; ++i) {
    off_step |= rec.enter[i] ^ (rec.enter[0] + i);
    off_one |= rec.busy[i] ^ 1U;
  }
  bool in_step = off_step == 0;
  bool busy_all_one = in_step && off_one == 0;
  uint64_t last_working = busy_all_one ? rec.enter[0] + stages_ - 1 : 0;
  if (!busy_all_one) {
    busy_all_one = true;
    for (std::size_t i = 0; i < stages_; ++i) {
      if (rec.enter[i] == 0) continue;
      busy_all_one &= rec.busy[i] == 1;
      last_working = rec.enter[i] + rec.busy[i] - 1;
    }
  }
  if (fresh) c.put(code.line);
  // Most lines: retired in step with no stall, on the first unit, in lane 0, so nothing but
  // seq, pc and one "enter" number; written in one room, without the checks below.
  const bool first_unit = layout_.units.empty() || (rec.unit == 0 && rec.unit_instance == 0);
  if (in_step && busy_all_one && stalls.empty() && rec.committed && rec.flushed_by == kNoSeq &&
      first_unit && rec.last_cycle == last_working && (layout_.width == 1 || rec.lane == 0)) {
    char* p = c.room(sizeof("{\"type\":\"insn\",\"seq\":") + sizeof(",\"enter\":") + sizeof("}\n") +
                     2 * kNumberRoom + code.pc.padded_size());
    p = put_literal(p, "{\"type\":\"insn\",\"seq\":");
    p = put_number(p, rec.seq, full_.numbers_);
    p = put_snippet(p, code.pc);
    p = put_literal(p, ",\"enter\":");
    p = put_number(p, rec.enter[0], full_.numbers_);
    c.set_end(put_literal(p, "}\n"));
    return;
  }
  // The others: the fields up to "busy" in one room, the stalls, the rest in another room.
  char* p = c.room(sizeof("{\"type\":\"insn\",\"seq\":") + kNumberRoom + code.pc.padded_size() +
                   sizeof(",\"enter\":") + sizeof(",\"busy\":") + 2 * per_stage_room());
  p = put_literal(p, "{\"type\":\"insn\",\"seq\":");
  p = put_number(p, rec.seq, full_.numbers_);
  p = put_snippet(p, code.pc);
  p = put_literal(p, ",\"enter\":");
  p = in_step ? put_number(p, rec.enter[0], full_.numbers_)
              : put_per_stage(p, rec.enter, rec, false);
  if (!busy_all_one) p = put_per_stage(put_literal(p, ",\"busy\":"), rec.busy, rec, true);
  c.set_end(p);
  if (!stalls.empty()) {
    c.put(",\"stalls\":[");
    for (std::size_t i = 0; i < stalls.size(); ++i) {
      if (i) c.put(',');
      full_.put_stall(c, stalls[i]);
    }
    c.put(']');
  }
  p = c.room(ending_room_);
  if (!rec.committed) p = put_literal(p, ",\"retired\":false");
  if (rec.flushed_by != kNoSeq) {
    p = put_literal(p, ",\"flushed_by\":");
    p = put_number(p, rec.flushed_by, full_.numbers_);
  }
  // "unit" when not the header's first unit, "unit_instance" when not 0 (a machine without
  // units: neither, the unit is null).
  if (!layout_.units.empty()) {
    const bool known = rec.unit < unit_names_.size();
    if (rec.unit != 0) {
      p = known ? put_snippet(put_literal(p, ",\"unit\":"), unit_names_[rec.unit])
                : put_literal(p, ",\"unit\":null");
    }
    if (known && rec.unit_instance != 0)
      p = put_count(put_literal(p, ",\"unit_instance\":"), rec.unit_instance, full_.numbers_);
  }
  if (last_working == 0 || rec.last_cycle != last_working) {
    p = put_literal(p, ",\"last_cycle\":");
    p = put_number(p, rec.last_cycle, full_.numbers_);
  }
  if (layout_.width > 1 && rec.lane != 0) {
    p = put_literal(p, ",\"lane\":");
    p = put_count(p, rec.lane, full_.numbers_);
  }
  c.set_end(put_literal(p, "}\n"));
}

}  // namespace pipesim::report
