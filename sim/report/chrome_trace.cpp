// The Chrome trace event (Perfetto) trace.
#include "sim/report/chrome_trace.hpp"

#include <algorithm>

#include "isa/disasm.hpp"
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {
ChromeTraceWriter::ChromeTraceWriter(ByteSink& out, const std::string& program,
                                     const PipelineConfig& config)
    : TraceWriter(config), out_(out), layout_(config) {
  auto& b = out_.buf;
  put(b, "[\n{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":1,\"args\":{\"name\":");
  put_json_string(b, fmt::format("pipesim: {} on {}", program, config.name));
  put(b, "}}");
  // Track p + 1 is position p (stages, then lanes), sorted in pipeline order.
  for (std::size_t p = 0; p < layout_.slot_indices(); ++p) {
    put(b, ",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":1,\"tid\":");
    put_u64(b, p + 1);
    put(b, ",\"args\":{\"name\":");
    put_json_string(b, layout_.track_name(p));
    put(b, "}},\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":1,\"tid\":");
    put_u64(b, p + 1);
    put(b, ",\"args\":{\"sort_index\":");
    put_u64(b, p + 1);
    put(b, "}}");
  }
}

void ChromeTraceWriter::begin_event() {
  put(out_.buf, ",\n{");
}

void ChromeTraceWriter::write_cycle(const CycleRecord& rec) {
  const std::size_t stages = rec.stages.size();
  const std::size_t n = std::min(layout_.slot_indices(), stages + rec.lanes.size());
  for (std::size_t p = 0; p < n; ++p) {
    const SlotView& v = p < stages ? rec.stages[p] : rec.lanes[p - stages];
    if (!v.occupied()) continue;
    std::vector<Stay>& stays = insns_.at(v.seq).stays;
    bool extended = false;
    for (Stay& s : stays)
      if (s.position == p && s.last + 1 == rec.cycle) {
        s.last = rec.cycle;
        extended = true;
        break;
      }
    if (!extended) stays.push_back(Stay{static_cast<uint32_t>(p), rec.cycle, rec.cycle});
  }
}

void ChromeTraceWriter::put_track(uint64_t tid, uint64_t ts) {
  auto& b = out_.buf;
  put(b, "\"pid\":1,\"tid\":");
  put_u64(b, tid);
  put(b, ",\"ts\":");
  put_u64(b, ts);
}

void ChromeTraceWriter::put_insn_args(const InsnRecord& rec) {
  auto& b = out_.buf;
  put(b, ",\"args\":{\"seq\":");
  put_u64(b, rec.seq);
  put(b, ",\"pc\":\"");
  put_hex32(b, rec.pc);
  put(b, '"');
}

// A stall span as a complete event nested in the stage's slice on track `tid`.
void ChromeTraceWriter::write_stall(const StallSpan& s, uint64_t tid, const InsnRecord& rec,
                                    std::string_view text) {
  auto& b = out_.buf;
  begin_event();
  put(b, "\"name\":\"stall: ");
  put(b, cause_name(s.cause));
  put(b, "\",\"cat\":\"stall\",\"ph\":\"X\",");
  put_track(tid, s.first_cycle - 1);
  put(b, ",\"dur\":");
  put_u64(b, s.cycles);
  put_insn_args(rec);
  put(b, ",\"insn\":");
  put(b, text);
  if (s.producer != kNoSeq) {
    put(b, ",\"producer\":");
    put_u64(b, s.producer);
  }
  if (s.reg != 0) {
    put(b, ",\"reg\":\"");
    put(b, isa::abi_name(s.reg));
    put(b, '"');
  }
  if (s.cause == StallCause::Issue && s.reason != IssueReason::None) {
    put(b, ",\"reason\":\"");
    put(b, issue_reason_name(s.reason));
    put(b, '"');
  }
  put(b, "}}");
}

void ChromeTraceWriter::write_instruction(const InsnRecord& rec,
                                          std::span<const StallSpan> stalls) {
  auto& b = out_.buf;
  // The disassembly as a JSON string and the pieces of a slice, made once per address.
  const InsnText& t = texts_.get(rec.pc, rec.word, [](uint32_t pc, uint32_t word) {
    const std::string name = json_string(disasm_short(word, pc));
    return InsnText{
        Snippet(name),
        Snippet(",\n{\"name\":" + name + ",\"cat\":\"stage\",\"ph\":\"X\",\"pid\":1,\"tid\":"),
        Snippet(fmt::format(",\"pc\":\"0x{:08x}\"", pc))};
  });
  const std::string_view text = t.name.view();
  Insn& k = insns_.at(rec.seq);
  // Squashed in a cycle it is not shown in (see last_entered_stage): it spent that cycle in the
  // stage it entered then, or else in the one it was last seen in.
  if (!rec.committed && rec.last_cycle > 0 &&
      (k.stays.empty() || k.stays.back().last < rec.last_cycle)) {
    const uint32_t stage = last_entered_stage(rec, layout_.stages.size());
    if (rec.enter[stage] == rec.last_cycle || k.stays.empty())
      k.stays.push_back(Stay{stage * layout_.width, rec.last_cycle, rec.last_cycle});
    else
      k.stays.back().last = rec.last_cycle;
  }
  uint64_t last_tid = 1;  // never in a stage: the first track
  auto tid_of = [&](const Stay& s) { return layout_.track_of(s.position, rec.lane) + 1; };
  {
    TextCursor c(b);  // the slices: what write_stall and the flush event write put() after it
    for (const Stay& s : k.stays) {
      last_tid = tid_of(s);
      c.put(t.slice_head);
      c.put_u64(last_tid);
      c.put(",\"ts\":");
      c.put_u64(s.first - 1, numbers_);
      c.put(",\"dur\":");
      c.put_u64(s.last - s.first + 1);
      c.put(",\"args\":{\"seq\":");
      c.put_u64(rec.seq, numbers_);
      c.put(t.pc);
      if (rec.committed)
        c.put(",\"outcome\":\"retired\"}}");
      else
        c.put(",\"outcome\":\"flushed\"}}");
    }
  }
  for (const StallSpan& whole : stalls) {
    // On a superscalar machine an instruction can move between the positions of the stage it is
    // held in: the stall is drawn within each of its stays there, on that stay's track.
    if (layout_.width == 1) {
      write_stall(whole, whole.stage + 1, rec, text);
      continue;
    }
    for (const Stay& st : k.stays) {
      const uint64_t first = std::max(st.first, whole.first_cycle);
      const uint64_t last = std::min(st.last, whole.first_cycle + whole.cycles - 1);
      if (st.position / layout_.width != whole.stage || first > last) continue;
      StallSpan part = whole;
      part.first_cycle = first;
      part.cycles = last - first + 1;
      write_stall(part, tid_of(st), rec, text);
    }
  }
  if (!rec.committed) {
    // At the end of the cycle that squashed it, on the track it was last in.
    TextCursor c(b);
    c.put(",\n{\"name\":\"flushed\",\"cat\":\"flush\",\"ph\":\"i\",\"s\":\"t\",\"pid\":1,\"tid\":");
    c.put_u64(last_tid);
    c.put(",\"ts\":");
    c.put_u64(rec.last_cycle, numbers_);
    c.put(",\"args\":{\"seq\":");
    c.put_u64(rec.seq, numbers_);
    c.put(t.pc);
    c.put(",\"insn\":");
    c.put(t.name);
    if (rec.flushed_by != kNoSeq) {
      c.put(",\"by\":");
      c.put_u64(rec.flushed_by, numbers_);
    }
    c.put("}}");
  }
  insns_.erase(rec.seq);
  out_.flush_if_full();
}

void ChromeTraceWriter::finish_with_summary(const nlohmann::ordered_json&) {
  put(out_.buf, "\n]\n");
  out_.flush();
}

}  // namespace pipesim::report
