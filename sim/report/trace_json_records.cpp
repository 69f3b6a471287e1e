// JSON objects of the JSON and JSONL traces, written with fmt (docs/trace-format.md).
#include "sim/report/trace_json_records.hpp"

#include "isa/disasm.hpp"
#include "sim/config/config_load.hpp"
#include "sim/report/summary.hpp"
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {
namespace {

// `{"kind":"stall"` ... : how every event object starts.
// `{"kind":"flush"` at p, in room for kEventStartRoom bytes; returns the end.
constexpr std::size_t kEventStartRoom = sizeof("{\"kind\":\"cache_miss\"");
char* put_event_start(char* p, EventKind k) {
  switch (k) {
    case EventKind::Stall:
      return put_literal(p, "{\"kind\":\"stall\"");
    case EventKind::Flush:
      return put_literal(p, "{\"kind\":\"flush\"");
    case EventKind::Forward:
      return put_literal(p, "{\"kind\":\"forward\"");
    case EventKind::Redirect:
      return put_literal(p, "{\"kind\":\"redirect\"");
    case EventKind::Commit:
      return put_literal(p, "{\"kind\":\"commit\"");
    case EventKind::CacheMiss:
      return put_literal(p, "{\"kind\":\"cache_miss\"");
  }
  return put_literal(p, "{\"kind\":\"?\"");
}

}  // namespace

TraceJsonEncoder::TraceJsonEncoder(const TraceLayout& layout)
    : layout_(layout), unknown_stage_(json_string("?")) {
  for (std::size_t p = 0; p < layout.positions(); ++p) {
    const std::string name = json_string(layout.position_name(p));
    keys_.emplace_back(name + ":");
    names_.emplace_back(name);
  }
  for (const std::string& u : layout.units)
    units_.emplace_back(json_string(u) + ",\"unit_instance\":");
  for (std::size_t c = 0; c < kNumStallCauses; ++c)
    causes_[c] = Snippet(json_string(cause_name(static_cast<StallCause>(c))));
  for (std::size_t r = 0; r < kNumIssueReasons; ++r)
    reasons_[r] =
        Snippet(",\"reason\":" + json_string(issue_reason_name(static_cast<IssueReason>(r))));
  for (uint8_t r = 0; r < 32; ++r) regs_[r] = Snippet(json_string(isa::abi_name(r)));
  for (std::size_t p = 0; p < layout.positions(); ++p) {
    const std::string key(keys_[p].view());
    short_keys_ &= ShortText::fits("," + key);
    key_.emplace_back(key);
    comma_key_.emplace_back("," + key);
  }
  for (std::size_t c = 0; c < kNumStallCauses; ++c) {
    short_keys_ &= ShortText::fits(causes_[c].view());
    short_causes_[c] = ShortText(causes_[c].view());
  }
  std::string busy = "},\"busy\":{";
  const std::size_t stages = std::min<std::size_t>(layout.stages.size(), kMaxStages);
  for (std::size_t i = 0; i < stages; ++i) {
    if (i) busy += ',';
    busy += keys_[i].view();
    busy += '1';
  }
  busy_all_one_ = Snippet(busy + "},\"stalls\":[");
  for (uint8_t r = 0; r < 32; ++r)
    for (std::size_t from = 0; from < layout.stages.size(); ++from)
      for (std::size_t to = 0; to < layout.stages.size(); ++to)
        forward_tails_.emplace_back(",\"reg\":" + std::string(regs_[r].view()) +
                                    ",\"from\":" + std::string(names_[from].view()) +
                                    ",\"to\":" + std::string(names_[to].view()) + "}");
  // The openings of the events but cache misses, by kind and stage (the last: out of range).
  for (std::size_t k = 0; k <= static_cast<std::size_t>(EventKind::CacheMiss); ++k) {
    for (std::size_t st = 0; st <= layout.stages.size(); ++st) {
      char start[kEventStartRoom + Snippet::kBlock];
      const std::size_t n =
          static_cast<std::size_t>(put_event_start(start, static_cast<EventKind>(k)) - start);
      event_opens_.emplace_back(std::string(start, n) + ",\"stage\":" +
                                std::string(stage(static_cast<uint32_t>(st)).view()));
    }
  }
  // The room an event needs beyond its opening: each field at its longest.
  std::size_t longest_cause = 0, longest_reg = 0, longest_reason = 0;
  for (const Snippet& c : causes_) longest_cause = std::max(longest_cause, c.padded_size());
  for (const Snippet& r : regs_) longest_reg = std::max(longest_reg, r.padded_size());
  for (const Snippet& r : reasons_) longest_reason = std::max(longest_reason, r.padded_size());
  event_room_ = sizeof(",\"seq\":") + kNumberRoom + sizeof(",\"cause\":") + longest_cause +
                sizeof(",\"producer\":") + kNumberRoom + sizeof(",\"reg\":") + longest_reg +
                longest_reason + sizeof(",\"target\":") + kNumberRoom + 1;
  for (const std::string& u : layout.units)
    retired_on_.emplace_back("],\"retired\":true,\"flushed_by\":null,\"unit\":" + json_string(u) +
                             ",\"unit_instance\":0,\"last_cycle\":");
}

const Snippet& TraceJsonEncoder::stage(uint32_t s) const {
  return s < layout_.stages.size() ? names_[s] : unknown_stage_;
}

// A stall of cause issue names the pairing rule that emptied the slot.
void TraceJsonEncoder::put_reason(TextCursor& c, StallCause cause, IssueReason reason) const {
  if (cause != StallCause::Issue || reason == IssueReason::None) return;
  c.put(reasons_[static_cast<std::size_t>(reason)]);
}

// An occupied slot is its instruction's sequence number; a bubble is its cause.
void TraceJsonEncoder::put_slot(TextCursor& c, const SlotView& v) const {
  if (v.occupied())
    c.put_u64(v.seq, numbers_);
  else
    c.put(causes_[static_cast<std::size_t>(v.cause)]);
}

void TraceJsonEncoder::put_event(TextCursor& c, const Event& e) const {
  if (e.kind == EventKind::CacheMiss) {
    c.set_end(put_event_start(c.room(kEventStartRoom), e.kind));
    c.put(e.reg == 0 ? ",\"cache\":\"icache\",\"address\":" : ",\"cache\":\"dcache\",\"address\":");
    c.put_u64(e.target, addresses_);
    c.put(",\"penalty\":");
    c.put_u64(e.other, numbers_);
    if (e.seq != kNoSeq) {
      c.put(",\"seq\":");
      c.put_u64(e.seq, numbers_);
    }
    c.put('}');
    return;
  }
  // Every other event in one room: its opening ({"kind":..,"stage":..) made once per kind and
  // stage, then the fields it has.
  const std::size_t stages = layout_.stages.size();
  const Snippet& open = event_opens_[static_cast<std::size_t>(e.kind) * (stages + 1) +
                                     std::min<std::size_t>(e.stage, stages)];
  char* p = c.room(open.padded_size() + event_room_);
  p = put_snippet(p, open);
  if (e.seq != kNoSeq) {
    p = put_literal(p, ",\"seq\":");
    p = put_number(p, e.seq, numbers_);
  }
  switch (e.kind) {
    case EventKind::Stall:
    case EventKind::Flush:
      p = put_literal(p, ",\"cause\":");
      p = put_snippet(p, causes_[static_cast<std::size_t>(e.cause)]);
      if (e.other != kNoSeq && e.other != e.seq) {  // a stall on its own work has no producer
        p = e.kind == EventKind::Stall ? put_literal(p, ",\"producer\":")
                                       : put_literal(p, ",\"by\":");
        p = put_number(p, e.other, numbers_);
      }
      if (e.reg != 0) {
        p = put_literal(p, ",\"reg\":");
        p = put_snippet(p, regs_[e.reg & 31]);
      }
      // A stall of cause issue names the pairing rule that emptied the slot.
      if (e.cause == StallCause::Issue && e.reason != IssueReason::None)
        p = put_snippet(p, reasons_[static_cast<std::size_t>(e.reason)]);
      break;
    case EventKind::Redirect:
      p = put_literal(p, ",\"target\":");
      p = put_number(p, e.target, addresses_);
      break;
    default:
      break;
  }
  c.set_end(put_char(p, '}'));
}

// Each stage's occupant; on a superscalar machine an array of its `width` positions. The record's
// sizes are read into locals first: the bytes written could alias them, as far as the compiler
// knows, and it would otherwise reload them (and divide again) for every piece.
bool TraceJsonEncoder::put_stages(TextCursor& c, const CycleRecord& rec) const {
  const uint32_t stages = rec.num_stages();
  const uint32_t width = rec.width;
  const SlotView* slots = rec.stages.data();
  c.put(",\"stages\":{");
  if (width == 1 && short_keys_) {  // every piece a fixed-size copy
    bool held = false;
    char* p = c.room(stages * (ShortText::kRoom + std::max(kNumberRoom, ShortText::kRoom)));
    for (uint32_t i = 0; i < stages; ++i) {
      const SlotView& v = slots[i];
      p = (i == 0 ? key_[0] : comma_key_[i]).put(p);
      p = v.occupied() ? put_number(p, v.seq, numbers_)
                       : short_causes_[static_cast<std::size_t>(v.cause)].put(p);
      held |= v.occupied() && v.stalled;
    }
    c.set_end(p);
    c.put('}');
    return held;
  }
  if (width == 1) {
    bool held = false;
    for (uint32_t i = 0; i < stages; ++i) {  // one piece of room for the key and the occupant
      const SlotView& v = slots[i];
      const Snippet& bubble = causes_[static_cast<std::size_t>(v.cause)];
      char* p = c.room(1 + keys_[i].padded_size() + std::max(kNumberRoom, bubble.padded_size()));
      *p = ',';
      p = put_snippet(p + (i != 0), keys_[i]);
      c.set_end(v.occupied() ? put_number(p, v.seq, numbers_) : put_snippet(p, bubble));
      held |= v.occupied() && v.stalled;
    }
    c.put('}');
    return held;
  }
  for (uint32_t i = 0; i < stages; ++i) {
    if (i) c.put(',');
    c.put(keys_[i]);
    c.put('[');
    for (uint32_t p = 0; p < width; ++p) {
      if (p) c.put(',');
      put_slot(c, slots[i * width + p]);
    }
    c.put(']');
  }
  c.put('}');
  return true;
}

// The stages (then lanes) with an instruction that stays there next cycle, each named once.
void TraceJsonEncoder::put_held(TextCursor& c, const CycleRecord& rec) const {
  const uint32_t stages = rec.num_stages();
  const uint32_t width = rec.width;
  const SlotView* slots = rec.stages.data();
  const std::size_t lanes = rec.lanes.size();
  c.put(",\"held\":[");
  bool first = true;
  auto held = [&](std::size_t position) {
    if (!first) c.put(',');
    first = false;
    c.put(names_[position]);
  };
  for (uint32_t i = 0; i < stages; ++i)
    for (uint32_t p = 0; p < width; ++p)
      if (slots[i * width + p].occupied() && slots[i * width + p].stalled) {
        held(i);
        break;
      }
  for (std::size_t l = 0; l < lanes; ++l)
    if (rec.lanes[l].occupied() && rec.lanes[l].stalled) held(stages + l);
  c.put(']');
}

void TraceJsonEncoder::cycle(TextCursor& c, const CycleRecord& rec, bool type) const {
  if (type)
    c.put("{\"type\":\"cycle\",\"cycle\":");
  else
    c.put("{\"cycle\":");
  c.put_u64(rec.cycle, numbers_);
  // Most cycles hold no instruction back: their "held" is empty, known from the stages' pass.
  if (put_stages(c, rec) || !rec.lanes.empty())
    put_held(c, rec);
  else
    c.put(",\"held\":[]");
  if (!layout_.lanes.empty()) {
    c.put(",\"lanes\":{");
    for (std::size_t l = 0; l < rec.lanes.size(); ++l) {
      if (l) c.put(',');
      c.put(keys_[rec.num_stages() + l]);
      if (rec.lanes[l].occupied())
        c.put_u64(rec.lanes[l].seq, numbers_);
      else
        c.put("null");
    }
    c.put('}');
  }
  c.put(",\"forwards\":[");
  bool first = true;
  for (const Event& e : rec.events) {
    if (e.kind != EventKind::Forward) continue;
    if (!first) c.put(',');
    first = false;
    put_forward(c, e);
  }
  c.put("],\"events\":[");
  first = true;
  for (const Event& e : rec.events) {
    if (e.kind == EventKind::Forward) continue;
    if (!first) c.put(',');
    first = false;
    put_event(c, e);
  }
  c.put("]}");
}

void TraceJsonEncoder::put_forward(TextCursor& c, const Event& e) const {
  c.put("{\"seq\":");
  c.put_u64(e.seq, numbers_);
  c.put(",\"producer\":");
  c.put_u64(e.other, numbers_);
  const std::size_t stages = layout_.stages.size();
  if (e.stage < stages && e.from_stage < stages) {  // the rest made once per register and path
    c.put(forward_tails_[((e.reg & 31) * stages + e.from_stage) * stages + e.stage]);
    return;
  }
  c.put(",\"reg\":");
  c.put(regs_[e.reg & 31]);
  c.put(",\"from\":");
  c.put(stage(e.from_stage));
  c.put(",\"to\":");
  c.put(stage(e.stage));
  c.put('}');
}

void TraceJsonEncoder::put_stall(TextCursor& c, const StallSpan& s) const {
  c.put("{\"stage\":");
  c.put(stage(s.stage));
  c.put(",\"cause\":");
  c.put(causes_[static_cast<std::size_t>(s.cause)]);
  c.put(",\"first_cycle\":");
  c.put_u64(s.first_cycle, numbers_);
  c.put(",\"cycles\":");
  c.put_u64(s.cycles);
  if (s.producer != kNoSeq) {
    c.put(",\"producer\":");
    c.put_u64(s.producer, numbers_);
  }
  if (s.reg != 0) {
    c.put(",\"reg\":");
    c.put(regs_[s.reg & 31]);
  }
  put_reason(c, s.cause, s.reason);
  c.put('}');
}

void TraceJsonEncoder::instruction(TextCursor& c, const InsnRecord& rec,
                                   std::span<const StallSpan> stalls, bool type) const {
  const Snippet& text = insn_text_.get(rec.pc, rec.word, [](uint32_t pc, uint32_t word) {
    return Snippet(fmt::format(",\"pc\":{},\"word\":{},\"disasm\":{}", pc, word,
                               json_string(disasm_short(word, pc))));
  });
  if (type)
    c.put("{\"type\":\"instruction\",\"seq\":");
  else
    c.put("{\"seq\":");
  c.put_u64(rec.seq, numbers_);
  c.put(text);
  // Stages never entered are left out of "enter" and "busy".
  const std::size_t stages = std::min<std::size_t>(layout_.stages.size(), kMaxStages);
  // One object of the entered stages: "stage":value for each.
  auto put_per_stage = [&](const auto& values) {
    bool first = true;  // a comma before every entry but the first
    if (short_keys_) {
      char* p = c.room(stages * (ShortText::kRoom + kNumberRoom));
      for (std::size_t i = 0; i < stages; ++i) {
        if (rec.enter[i] == 0) continue;
        p = (first ? key_[i] : comma_key_[i]).put(p);
        first = false;
        p = put_number(p, values[i], numbers_);
      }
      c.set_end(p);
      return;
    }
    for (std::size_t i = 0; i < stages; ++i) {
      if (rec.enter[i] == 0) continue;
      char* p = c.room(1 + keys_[i].padded_size() + kNumberRoom);
      *p = ',';
      p = put_snippet(p + !first, keys_[i]);
      first = false;
      c.set_end(put_number(p, values[i], numbers_));
    }
  };
  c.put(",\"enter\":{");
  put_per_stage(rec.enter);
  // An instruction that went through every stage, one working cycle in each (most of them):
  // its "busy" is the same text every time.
  bool every_stage_once = true;
  for (std::size_t i = 0; i < stages; ++i)
    every_stage_once &= rec.enter[i] != 0 && rec.busy[i] == 1;
  if (every_stage_once) {
    c.put(busy_all_one_);
  } else {
    c.put("},\"busy\":{");
    put_per_stage(rec.busy);
    c.put("},\"stalls\":[");
  }
  for (std::size_t i = 0; i < stalls.size(); ++i) {
    if (i) c.put(',');
    put_stall(c, stalls[i]);
  }
  // And the fields up to its last cycle, when it retired on a unit's first instance.
  if (rec.committed && rec.flushed_by == kNoSeq && rec.unit < retired_on_.size() &&
      rec.unit_instance == 0) {
    c.put(retired_on_[rec.unit]);
  } else {
    put_ending(c, rec);
  }
  c.put_u64(rec.last_cycle, numbers_);
  if (layout_.width > 1) {  // the issue slot (superscalar machines only)
    c.put(",\"lane\":");
    c.put_u64(rec.lane);
  }
  c.put('}');
}

// `],"retired":...,"last_cycle":`: the fields between the stalls and the last cycle.
void TraceJsonEncoder::put_ending(TextCursor& c, const InsnRecord& rec) const {
  if (rec.committed)
    c.put("],\"retired\":true,\"flushed_by\":");
  else
    c.put("],\"retired\":false,\"flushed_by\":");
  if (rec.flushed_by == kNoSeq)
    c.put("null");
  else
    c.put_u64(rec.flushed_by, numbers_);
  c.put(",\"unit\":");
  if (rec.unit < units_.size()) {
    c.put(units_[rec.unit]);
    c.put_u64(rec.unit_instance);
  } else {
    c.put("null");
  }
  c.put(",\"last_cycle\":");
}

nlohmann::ordered_json trace_header_json(const std::string& program, const PipelineConfig& config) {
  const TraceLayout layout(config);
  nlohmann::ordered_json j;
  j["schema"] = layout.width > 1 ? kTraceSchemaWide : kTraceSchema;
  j["program"] = program;
  j["stages"] = layout.stages;
  j["lanes"] = layout.lanes;
  j["units"] = layout.units;
  if (layout.width > 1) j["issue_width"] = layout.width;
  j["config"] = config_to_json(config);
  return j;
}

nlohmann::ordered_json trace_summary_json(const MachineResult& r, const PipelineConfig& config) {
  nlohmann::ordered_json j;
  j["halt"] = halt_name(r.halt);
  j["exit_code"] = r.exit_code;
  j["pc"] = r.pc;
  j["stats"] = stats_json(r.stats, &config);
  nlohmann::ordered_json regs = nlohmann::ordered_json::object();
  for (unsigned i = 0; i < 32; ++i) regs[fmt::format("x{}", i)] = r.regs[i];
  j["registers"] = std::move(regs);
  return j;
}

}  // namespace pipesim::report
