// The Kanata (Konata viewer) trace.
#include "sim/report/konata_trace.hpp"

#include "isa/disasm.hpp"
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {

KonataTraceWriter::KonataTraceWriter(ByteSink& out, const PipelineConfig& config)
    : out_(out), layout_(config) {
  put(out_.buf, "Kanata\t0004\nC=\t0\n");
}

void KonataTraceWriter::advance_to(uint64_t time) {
  if (time <= time_) return;
  put(out_.buf, "C\t1\n");
  ++time_;
  out_.buf.append(ending_.data(), ending_.data() + ending_.size());
  ending_.clear();
  if (time > time_) {
    put(out_.buf, "C\t");
    put_u64(out_.buf, time - time_);
    put(out_.buf, '\n');
    time_ = time;
  }
}

KonataTraceWriter::Insn& KonataTraceWriter::begin(uint64_t seq) {
  Insn& k = insns_.at(seq);
  if (k.id == kNoSeq) {
    k.id = next_id_++;
    put(out_.buf, "I\t");
    put_u64(out_.buf, k.id);
    put(out_.buf, '\t');
    put_u64(out_.buf, seq);
    put(out_.buf, "\t0\n");
  }
  return k;
}

void KonataTraceWriter::write_cycle(const CycleRecord& rec) {
  advance_to(rec.cycle - 1);
  const std::size_t stages = rec.stages.size();  // every position of every stage
  auto view = [&](std::size_t p) -> const SlotView& {
    return p < stages ? rec.stages[p] : rec.lanes[p - stages];
  };
  const std::size_t n = std::min(layout_.slot_indices(), stages + rec.lanes.size());
  const uint32_t w = layout_.width;
  // Instructions new to the file get their I line oldest first (later stages hold older ones;
  // within a stage of a superscalar machine the first position holds the oldest).
  for (std::size_t s = (n + w - 1) / w; s-- > 0;)
    for (std::size_t p = s * w; p < std::min(n, s * w + w); ++p)
      if (view(p).occupied()) begin(view(p).seq);
  auto line = [&](char cmd, uint64_t id, char lane, std::string_view name) {
    put(out_.buf, cmd);
    put(out_.buf, '\t');
    put_u64(out_.buf, id);
    put(out_.buf, '\t');
    put(out_.buf, lane);
    put(out_.buf, '\t');
    put(out_.buf, name);
    put(out_.buf, '\n');
  };
  // Stages in pipeline order, so an instruction in every stage at once (single-cycle machine)
  // ends up drawn in the last one. An instruction enters a stage when it was not there in the
  // previous cycle (on a superscalar machine it may move to another position of its stage).
  for (std::size_t p = 0; p < n; ++p) {
    const SlotView& v = view(p);
    if (!v.occupied()) continue;
    Insn& k = insns_.at(v.seq);
    const uint32_t place = static_cast<uint32_t>(p < stages ? p / w : p - stages + stages / w);
    const bool was_here = k.place_seen != 0 && k.place_seen + 1 == rec.cycle && k.place == place;
    k.last_seen = rec.cycle;
    if (!was_here) {
      line('S', k.id, '0', layout_.position_name(place));
    } else if (k.held) {
      // Held here from the previous cycle: a stall cycle, on lane 1.
      const char* cause = cause_name(k.held_cause);
      if (k.stall != cause) {
        if (k.stall) line('E', k.id, '1', k.stall);
        line('S', k.id, '1', cause);
        k.stall = cause;
      }
      k.stall_seen = rec.cycle;
    }
  }
  // What each instruction holds at the end of this cycle, for the next one.
  for (std::size_t p = 0; p < n; ++p) {
    const SlotView& v = view(p);
    if (!v.occupied()) continue;
    Insn& k = insns_.at(v.seq);
    k.place = static_cast<uint32_t>(p < stages ? p / w : p - stages + stages / w);
    k.place_seen = rec.cycle;
    k.held = v.stalled;
    k.held_cause = v.cause;
  }
  insns_.for_each([&](uint64_t, Insn& k) {
    if (k.stall && k.stall_seen != rec.cycle) {
      line('E', k.id, '1', k.stall);
      k.stall = nullptr;
    }
  });
  for (const Event& e : rec.events) {
    if (e.kind != EventKind::Forward) continue;
    const Insn* consumer = insns_.find(e.seq);
    const Insn* producer = insns_.find(e.other);
    if (!consumer || !producer || consumer->id == kNoSeq || producer->id == kNoSeq) continue;
    put(out_.buf, "W\t");
    put_u64(out_.buf, consumer->id);
    put(out_.buf, '\t');
    put_u64(out_.buf, producer->id);
    put(out_.buf, "\t0\n");
  }
  out_.flush_if_full();
}

void KonataTraceWriter::write_instruction(const InsnRecord& rec, std::span<const StallSpan>) {
  Insn& k = begin(rec.seq);
  // It leaves at the end of its last cycle, which is normally the cycle being written (time_ is
  // its start): its end lines wait in ending_ for the next time step, so that the instructions
  // still to come for this cycle can be written at its start.
  if (rec.last_cycle > time_ + 1) advance_to(rec.last_cycle - 1);
  if (!rec.committed && k.last_seen < rec.last_cycle && rec.last_cycle == time_ + 1) {
    // Squashed in a cycle it is not shown in (see last_entered_stage): if it entered a stage in
    // that cycle, show it there.
    const uint32_t stage = last_entered_stage(rec, layout_.stages.size());
    if (rec.enter[stage] == rec.last_cycle) {
      put(out_.buf, "S\t");
      put_u64(out_.buf, k.id);
      put(out_.buf, "\t0\t");
      put(out_.buf, layout_.stages[stage]);
      put(out_.buf, '\n');
    }
  }
  TextBuffer& b = rec.last_cycle > time_ ? ending_ : out_.buf;
  const uint64_t id = k.id;
  if (k.stall) {
    put(b, "E\t");
    put_u64(b, id);
    put(b, "\t1\t");
    put(b, k.stall);
    put(b, '\n');
  }
  put(b, "L\t");
  put_u64(b, id);
  put(b, "\t0\t");
  put_hex32(b, rec.pc, false);
  put(b, ": ");
  put(b, disasm_.text(rec.pc, rec.word));
  put(b, "\nL\t");
  put_u64(b, id);
  put(b, "\t1\t");
  if (rec.flushed_by != kNoSeq)
    put(b, fmt::format("#{} flushed by #{}", rec.seq, rec.flushed_by));
  else
    put(b, fmt::format("#{} {}", rec.seq, rec.committed ? "retired" : "squashed"));
  if (layout_.width > 1) put(b, fmt::format(", issue slot {}", rec.lane));
  put(b, "\nR\t");
  put_u64(b, id);
  put(b, '\t');
  put_u64(b, rec.committed ? retired_++ : retired_);
  put(b, rec.committed ? "\t0\n" : "\t1\n");
  insns_.erase(rec.seq);
  out_.flush_if_full();
}

void KonataTraceWriter::finish(const MachineResult&) {
  advance_to(time_ + 1);
  out_.flush();
}

}  // namespace pipesim::report
