// JSON objects of the JSON and JSONL traces, written with fmt (docs/trace-format.md).
#include "sim/report/trace_json_records.hpp"

#include "isa/disasm.hpp"
#include "sim/config/config_load.hpp"
#include "sim/report/summary.hpp"
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {
namespace {

const char* event_kind_name(EventKind k) {
  switch (k) {
    case EventKind::Stall:
      return "stall";
    case EventKind::Flush:
      return "flush";
    case EventKind::Forward:
      return "forward";
    case EventKind::Redirect:
      return "redirect";
    case EventKind::Commit:
      return "commit";
    case EventKind::CacheMiss:
      return "cache_miss";
  }
  return "?";
}

void put_reg(TextBuffer& b, uint8_t reg) {
  put(b, '"');
  put(b, isa::abi_name(reg));
  put(b, '"');
}

// A stall of cause issue names the pairing rule that emptied the slot.
void put_reason(TextBuffer& b, StallCause cause, IssueReason reason) {
  if (cause != StallCause::Issue || reason == IssueReason::None) return;
  put(b, ",\"reason\":\"");
  put(b, issue_reason_name(reason));
  put(b, '"');
}

}  // namespace

TraceJsonEncoder::TraceJsonEncoder(const TraceLayout& layout) : layout_(layout) {
  for (std::size_t p = 0; p < layout.positions(); ++p) {
    TextBuffer k;
    put_json_string(k, layout.position_name(p));
    keys_.push_back(std::string(k.view()) + ":");
  }
}

void TraceJsonEncoder::put_position_key(TextBuffer& b, std::size_t position) const {
  put(b, keys_[position]);
}

// An occupied slot is its instruction's sequence number; a bubble is its cause.
void TraceJsonEncoder::put_slot(TextBuffer& b, const SlotView& v) const {
  if (v.occupied()) {
    put_u64(b, v.seq);
  } else {
    put(b, '"');
    put(b, cause_name(v.cause));
    put(b, '"');
  }
}

void TraceJsonEncoder::put_event(TextBuffer& b, const Event& e) const {
  put(b, "{\"kind\":\"");
  put(b, event_kind_name(e.kind));
  put(b, '"');
  if (e.kind == EventKind::CacheMiss) {
    put(b, ",\"cache\":");
    put(b, e.reg == 0 ? "\"icache\"" : "\"dcache\"");
    put(b, ",\"address\":");
    put_u64(b, e.target);
    put(b, ",\"penalty\":");
    put_u64(b, e.other);
  } else {
    put(b, ",\"stage\":");
    put(b, '"');
    put(b, layout_.stage_name(e.stage));
    put(b, '"');
  }
  if (e.seq != kNoSeq) {
    put(b, ",\"seq\":");
    put_u64(b, e.seq);
  }
  switch (e.kind) {
    case EventKind::Stall:
    case EventKind::Flush:
      put(b, ",\"cause\":\"");
      put(b, cause_name(e.cause));
      put(b, '"');
      if (e.other != kNoSeq && e.other != e.seq) {  // a stall on its own work has no producer
        put(b, e.kind == EventKind::Stall ? ",\"producer\":" : ",\"by\":");
        put_u64(b, e.other);
      }
      if (e.reg != 0) {
        put(b, ",\"reg\":");
        put_reg(b, e.reg);
      }
      put_reason(b, e.cause, e.reason);
      break;
    case EventKind::Redirect:
      put(b, ",\"target\":");
      put_u64(b, e.target);
      break;
    default:
      break;
  }
  put(b, '}');
}

// Each stage's occupant; on a superscalar machine an array of its `width` positions.
void TraceJsonEncoder::put_stages(TextBuffer& b, const CycleRecord& rec) const {
  put(b, ",\"stages\":{");
  for (uint32_t i = 0; i < rec.num_stages(); ++i) {
    if (i) put(b, ',');
    put_position_key(b, i);
    if (rec.width == 1) {
      put_slot(b, rec.at(i));
      continue;
    }
    put(b, '[');
    for (uint32_t p = 0; p < rec.width; ++p) {
      if (p) put(b, ',');
      put_slot(b, rec.at(i, p));
    }
    put(b, ']');
  }
  put(b, '}');
}

// The stages (then lanes) with an instruction that stays there next cycle, each named once.
void TraceJsonEncoder::put_held(TextBuffer& b, const CycleRecord& rec) const {
  put(b, ",\"held\":[");
  bool first = true;
  auto held = [&](std::size_t position) {
    if (!first) put(b, ',');
    first = false;
    put(b, '"');
    put(b, layout_.position_name(position));
    put(b, '"');
  };
  for (uint32_t i = 0; i < rec.num_stages(); ++i)
    for (uint32_t p = 0; p < rec.width; ++p)
      if (rec.at(i, p).occupied() && rec.at(i, p).stalled) {
        held(i);
        break;
      }
  for (std::size_t l = 0; l < rec.lanes.size(); ++l)
    if (rec.lanes[l].occupied() && rec.lanes[l].stalled) held(rec.num_stages() + l);
  put(b, ']');
}

void TraceJsonEncoder::cycle(TextBuffer& b, const CycleRecord& rec, bool type) const {
  put(b, type ? "{\"type\":\"cycle\",\"cycle\":" : "{\"cycle\":");
  put_u64(b, rec.cycle);
  put_stages(b, rec);
  put_held(b, rec);
  if (!layout_.lanes.empty()) {
    put(b, ",\"lanes\":{");
    for (std::size_t l = 0; l < rec.lanes.size(); ++l) {
      if (l) put(b, ',');
      put_position_key(b, rec.num_stages() + l);
      if (rec.lanes[l].occupied())
        put_u64(b, rec.lanes[l].seq);
      else
        put(b, "null");
    }
    put(b, '}');
  }
  put(b, ",\"forwards\":[");
  bool first = true;
  for (const Event& e : rec.events) {
    if (e.kind != EventKind::Forward) continue;
    if (!first) put(b, ',');
    first = false;
    put(b, "{\"seq\":");
    put_u64(b, e.seq);
    put(b, ",\"producer\":");
    put_u64(b, e.other);
    put(b, ",\"reg\":");
    put_reg(b, e.reg);
    put(b, ",\"from\":\"");
    put(b, layout_.stage_name(e.from_stage));
    put(b, "\",\"to\":\"");
    put(b, layout_.stage_name(e.stage));
    put(b, "\"}");
  }
  put(b, "],\"events\":[");
  first = true;
  for (const Event& e : rec.events) {
    if (e.kind == EventKind::Forward) continue;
    if (!first) put(b, ',');
    first = false;
    put_event(b, e);
  }
  put(b, "]}");
}

void TraceJsonEncoder::instruction(TextBuffer& b, const InsnRecord& rec,
                                   std::span<const StallSpan> stalls, bool type) const {
  put(b, type ? "{\"type\":\"instruction\",\"seq\":" : "{\"seq\":");
  put_u64(b, rec.seq);
  put(b, ",\"pc\":");
  put_u64(b, rec.pc);
  put(b, ",\"word\":");
  put_u64(b, rec.word);
  put(b, ",\"disasm\":");
  put_json_string(b, disasm_.text(rec.pc, rec.word));
  // Stages never entered are left out of "enter" and "busy".
  for (const char* field : {",\"enter\":{", "},\"busy\":{"}) {
    put(b, field);
    bool first = true;
    for (std::size_t i = 0; i < layout_.stages.size() && i < kMaxStages; ++i) {
      if (rec.enter[i] == 0) continue;
      if (!first) put(b, ',');
      first = false;
      put_position_key(b, i);
      put_u64(b, field[2] == 'e' ? rec.enter[i] : rec.busy[i]);
    }
  }
  put(b, "},\"stalls\":[");
  for (std::size_t i = 0; i < stalls.size(); ++i) {
    const StallSpan& s = stalls[i];
    if (i) put(b, ',');
    put(b, "{\"stage\":\"");
    put(b, layout_.stage_name(s.stage));
    put(b, "\",\"cause\":\"");
    put(b, cause_name(s.cause));
    put(b, "\",\"first_cycle\":");
    put_u64(b, s.first_cycle);
    put(b, ",\"cycles\":");
    put_u64(b, s.cycles);
    if (s.producer != kNoSeq) {
      put(b, ",\"producer\":");
      put_u64(b, s.producer);
    }
    if (s.reg != 0) {
      put(b, ",\"reg\":");
      put_reg(b, s.reg);
    }
    put_reason(b, s.cause, s.reason);
    put(b, '}');
  }
  put(b, "],\"retired\":");
  put(b, rec.committed ? "true" : "false");
  put(b, ",\"flushed_by\":");
  if (rec.flushed_by == kNoSeq)
    put(b, "null");
  else
    put_u64(b, rec.flushed_by);
  put(b, ",\"unit\":");
  if (rec.unit < layout_.units.size()) {
    put_json_string(b, layout_.units[rec.unit]);
    put(b, ",\"unit_instance\":");
    put_u64(b, rec.unit_instance);
  } else {
    put(b, "null");
  }
  put(b, ",\"last_cycle\":");
  put_u64(b, rec.last_cycle);
  if (layout_.width > 1) {  // the issue slot (superscalar machines only)
    put(b, ",\"lane\":");
    put_u64(b, rec.lane);
  }
  put(b, '}');
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
