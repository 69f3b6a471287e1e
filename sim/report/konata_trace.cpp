// The Kanata (Konata viewer) trace.
#include "sim/report/konata_trace.hpp"

#include "isa/disasm.hpp"
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {

KonataTraceWriter::KonataTraceWriter(ByteSink& out, const PipelineConfig& config)
    : TraceWriter(config, /*stalls=*/false), out_(out), layout_(config) {
  put(out_.buf, "Kanata\t0004\nC=\t0\n");
  for (std::size_t p = 0; p < layout_.positions(); ++p)
    enter_.emplace_back("\t0\t" + layout_.position_name(p) + "\n");
  for (std::size_t c = 0; c < kNumStallCauses; ++c) {
    const std::string name = cause_name(static_cast<StallCause>(c));
    stall_.emplace_back("\t1\t" + name + "\n");
  }
}

void KonataTraceWriter::advance_to(uint64_t time) {
  if (time <= time_) return;
  TextCursor c(out_.buf);
  c.put("C\t1\n");
  ++time_;
  c.put(ending_.view());
  ending_.clear();
  if (time > time_) {
    c.put("C\t");
    c.put_u64(time - time_);
    c.put('\n');
    time_ = time;
  }
}

void KonataTraceWriter::introduce(Insn& k, uint64_t seq) {
  k.id = next_id_++;
  TextCursor c(out_.buf);
  c.put("I\t");
  c.put_u64(k.id, numbers_);
  c.put('\t');
  c.put_u64(seq, numbers_);
  c.put("\t0\n");
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
  // Each position's instruction is found once, here.
  here_.assign(n, nullptr);
  const std::size_t capacity = insns_.capacity();
  for (std::size_t s = (n + w - 1) / w; s-- > 0;) {
    const std::size_t end = std::min(n, s * w + w);
    for (std::size_t p = s * w; p < end; ++p)
      if (view(p).occupied()) here_[p] = &begin(view(p).seq);
  }
  if (insns_.capacity() != capacity)  // a new entry moved the others: find them again
    for (std::size_t p = 0; p < n; ++p)
      if (view(p).occupied()) here_[p] = insns_.find(view(p).seq);
  {
    TextCursor c(out_.buf);
    // Stages in pipeline order, so an instruction in every stage at once (single-cycle machine)
    // ends up drawn in the last one. An instruction enters a stage when it was not there in the
    // previous cycle (on a superscalar machine it may move to another position of its stage).
    for (std::size_t p = 0; p < n; ++p) {
      if (!here_[p]) continue;
      Insn& k = *here_[p];
      const uint32_t place = static_cast<uint32_t>(p < stages ? p / w : p - stages + stages / w);
      const bool was_here = k.place_seen != 0 && k.place_seen + 1 == rec.cycle && k.place == place;
      k.last_seen = rec.cycle;
      if (!was_here) {
        put_line(c, 'S', k.id, enter_[place]);
      } else if (k.held) {
        // Held here from the previous cycle: a stall cycle, on lane 1.
        const Snippet* cause = &stall_[static_cast<std::size_t>(k.held_cause)];
        if (k.stall != cause) {
          if (k.stall) put_line(c, 'E', k.id, *k.stall);
          put_line(c, 'S', k.id, *cause);
          k.stall = cause;
        }
        k.stall_seen = rec.cycle;
      }
    }
    // What each instruction holds at the end of this cycle, for the next one.
    for (std::size_t p = 0; p < n; ++p) {
      if (!here_[p]) continue;
      Insn& k = *here_[p];
      const SlotView& v = view(p);
      k.place = static_cast<uint32_t>(p < stages ? p / w : p - stages + stages / w);
      k.place_seen = rec.cycle;
      k.held = v.stalled;
      k.held_cause = v.cause;
    }
    insns_.for_each([&](uint64_t, Insn& k) {
      if (k.stall && k.stall_seen != rec.cycle) {
        put_line(c, 'E', k.id, *k.stall);
        k.stall = nullptr;
      }
    });
    for (const Event& e : rec.events) {
      if (e.kind != EventKind::Forward) continue;
      const Insn* consumer = insns_.find(e.seq);
      const Insn* producer = insns_.find(e.other);
      if (!consumer || !producer || consumer->id == kNoSeq || producer->id == kNoSeq) continue;
      c.put("W\t");
      c.put_u64(consumer->id, numbers_);
      c.put('\t');
      c.put_u64(producer->id, numbers_);
      c.put("\t0\n");
    }
  }
  out_.flush_if_full();
}

void KonataTraceWriter::write_instruction(const InsnRecord& rec, std::span<const StallSpan>) {
  // "0001000c: li a1, 0\nL\t": the label's text and the start of the next line.
  const Snippet& label = labels_.get(rec.pc, rec.word, [](uint32_t pc, uint32_t word) {
    return Snippet(fmt::format("{:08x}: {}\nL\t", pc, disasm_short(word, pc)));
  });
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
      TextCursor c(out_.buf);
      put_line(c, 'S', k.id, enter_[stage]);
    }
  }
  {
    TextCursor c(rec.last_cycle > time_ ? ending_ : out_.buf);
    const uint64_t id = k.id;
    if (k.stall) put_line(c, 'E', id, *k.stall);
    // The fixed pieces below, five numbers, the label.
    char* p = c.room(64 + 5 * kNumberRoom + label.padded_size());
    p = put_literal(p, "L\t");
    p = put_number(p, id, numbers_);
    p = put_literal(p, "\t0\t");
    p = put_snippet(p, label);
    p = put_number(p, id, numbers_);
    p = put_literal(p, "\t1\t#");
    p = put_number(p, rec.seq, numbers_);
    if (rec.flushed_by != kNoSeq) {
      p = put_literal(p, " flushed by #");
      p = put_number(p, rec.flushed_by, numbers_);
    } else if (rec.committed) {
      p = put_literal(p, " retired");
    } else {
      p = put_literal(p, " squashed");
    }
    c.set_end(p);
    if (layout_.width > 1) {
      c.put(", issue slot ");
      c.put_u64(rec.lane);
    }
    p = c.room(16 + 2 * kNumberRoom);
    p = put_literal(p, "\nR\t");
    p = put_number(p, id, numbers_);
    p = put_char(p, '\t');
    p = put_number(p, rec.committed ? retired_++ : retired_, numbers_);
    p = rec.committed ? put_literal(p, "\t0\n") : put_literal(p, "\t1\n");
    c.set_end(p);
  }
  insns_.erase(rec.seq);
  out_.flush_if_full();
}

void KonataTraceWriter::finish_with_summary(const nlohmann::ordered_json&) {
  advance_to(time_ + 1);
  out_.flush();
}

}  // namespace pipesim::report
