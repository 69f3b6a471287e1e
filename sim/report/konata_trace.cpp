// The Kanata (Konata viewer) trace.
#include "sim/report/konata_trace.hpp"

#include "isa/disasm.hpp"
#include "sim/report/trace_text_out.hpp"

namespace pipesim::report {

KonataTraceWriter::KonataTraceWriter(ByteSink& out, const PipelineConfig& config)
    : TraceWriter(config, /*stalls=*/false), out_(out), layout_(config) {
  put(out_.buf, "Kanata\t0004\nC=\t0\n");
  for (std::size_t p = 0; p < layout_.positions(); ++p) {
    enter_.emplace_back("\t0\t" + layout_.position_name(p) + "\n");
    enter_room_ = std::max(enter_room_, enter_.back().padded_size());
    enter_short_ = enter_short_ && ShortText::fits(enter_.back().view());
    enter_tail_.emplace_back(enter_.back().view());
  }
  shifted_ = layout_.width == 1 && layout_.lanes.empty();
  prev_seq_.assign(layout_.stages.size(), kNoSeq);
  // Each slot index's place: its stage, or its lane (after the stages).
  const std::size_t stages = layout_.stages.size();
  for (std::size_t f = 0; f < layout_.slot_indices(); ++f)
    place_of_.push_back(static_cast<uint32_t>(
        f < stages * layout_.width ? f / layout_.width : f - stages * layout_.width + stages));
  here_.resize(layout_.slot_indices());
  for (std::size_t c = 0; c < kNumStallCauses; ++c) {
    const std::string name = cause_name(static_cast<StallCause>(c));
    stall_.emplace_back("\t1\t" + name + "\n");
  }
}

void KonataTraceWriter::advance_to(TextCursor& c, uint64_t time) {
  if (time <= time_) return;
  c.put("C\t1\n");
  ++time_;
  // The lines of the instructions that left: in whole 16-byte blocks (a few lines: cheaper
  // than a call to memcpy), reading into the buffer's spare room past them.
  const std::size_t n = ending_.size();
  const char* from = ending_.data();
  if (n + Snippet::kBlock <= static_cast<std::size_t>(ending_.room_end() - from)) [[likely]] {
    char* p = c.room(n + Snippet::kBlock);
    for (std::size_t i = 0; i < n; i += Snippet::kBlock)
      std::memcpy(p + i, from + i, Snippet::kBlock);
    c.set_end(p + n);
  } else {
    c.put(ending_.view());
  }
  ending_.clear();
  if (time > time_) {
    c.put("C\t");
    c.put_u64(time - time_);
    c.put('\n');
    time_ = time;
  }
}

void KonataTraceWriter::advance_to(uint64_t time) {
  if (time <= time_) return;
  TextCursor c(out_.buf);
  advance_to(c, time);
}

void KonataTraceWriter::introduce(TextCursor& c, Insn& k, uint64_t seq) {
  k.id = next_id_.value();
  std::memcpy(k.id_text, next_id_.text(), sizeof k.id_text);
  k.id_size = static_cast<uint32_t>(next_id_.size());
  next_id_.increment();
  if (seq == k.id) {  // (the usual case: every instruction has an I line, in fetch order)
    std::memcpy(k.seq_text, k.id_text, sizeof k.seq_text);
    k.seq_size = k.id_size;
  } else {
    seq_.go_to(seq);
    std::memcpy(k.seq_text, seq_.text(), sizeof k.seq_text);
    k.seq_size = static_cast<uint32_t>(seq_.size());
  }
  newest_ = std::max(newest_, seq + 1);
  char* p = c.room(8 + 2 * DecimalCounter::kRoom);
  p = put_literal(p, "I\t");
  p = put_text(p, k.id_text, k.id_size);
  p = put_char(p, '\t');
  p = put_text(p, k.seq_text, k.seq_size);
  c.set_end(put_literal(p, "\t0\n"));
}

void KonataTraceWriter::introduce(Insn& k, uint64_t seq) {
  TextCursor c(out_.buf);
  introduce(c, k, seq);
}

// Forwarding: a W line (consumer, producer) per Forward event.
void KonataTraceWriter::write_forwards(TextCursor& c, const CycleRecord& rec) {
  for (const Event& e : rec.events) {
    if (e.kind != EventKind::Forward) continue;
    const Insn* consumer = insns_.find(e.seq);
    const Insn* producer = insns_.find(e.other);
    if (!consumer || !producer || consumer->id == kNoSeq || producer->id == kNoSeq) continue;
    char* p = c.room(8 + 2 * DecimalCounter::kRoom);
    p = put_literal(p, "W\t");
    p = put_text(p, consumer->id_text, consumer->id_size);
    p = put_char(p, '\t');
    p = put_text(p, producer->id_text, producer->id_size);
    c.set_end(put_literal(p, "\t0\n"));
  }
}

// The usual cycle of a scalar machine: every stage took over what the stage before it held (an
// instruction or a bubble, or a bubble in place of an instruction a flush squashed in this cycle),
// stage 0 fetched a new instruction or a bubble, nothing was held in the
// previous cycle and no stall is open. Then every instruction entered its stage this cycle (an S
// line each, in stage order, the one fetched introduced first), exactly what the general path
// below writes, and each is where the previous cycle's stage before left it: here_ shifted by
// one, no lookups. Not taken (false, nothing written but the new instruction's I line, which the
// general path then finds written) when anything differs.
bool KonataTraceWriter::write_shifted_cycle(TextCursor& c, const CycleRecord& rec) {
  const std::size_t n = rec.stages.size();
  if (rec.cycle != prev_cycle_ + 1 || prev_held_ || open_stalls_ != 0 || n != prev_seq_.size() ||
      !rec.lanes.empty() || n == 0)
    return false;
  const SlotView* v = rec.stages.data();
  uint64_t* prev = prev_seq_.data();
  // A stage may also hold a bubble where the stage before held an instruction: a flush squashed
  // it (the general path writes nothing for a bubble either).
  for (std::size_t s = n; --s > 0;)
    if (v[s].seq != prev[s - 1] && v[s].occupied()) return false;
  // (A single-cycle machine's instruction, in every stage at once, is never new in a second
  // cycle: the shift above cannot hold then.)
  if (v[0].occupied() && v[0].seq < newest_) return false;
  Insn* fetched = nullptr;
  if (v[0].occupied()) {  // new to the file (above): no entry to look for
    fetched = &insns_.insert_new(v[0].seq);
    introduce(c, *fetched, v[0].seq);
  }
  // here_ holds the previous cycle's entries; a new entry may have moved them all.
  if (insns_.capacity() != here_capacity_) return false;
  Insn** here = here_.data();
  Insn* carry = fetched;  // here_ moves down one stage as the loop goes
  bool held = false;
  char* p = c.room(n * (2 + DecimalCounter::kRoom + enter_room_));
  for (std::size_t s = 0; s < n; ++s) {
    prev[s] = v[s].seq;
    Insn* k = v[s].occupied() ? carry : nullptr;
    carry = here[s];
    here[s] = k;
    if (!k) continue;
    k->last_seen = rec.cycle;
    k->place = static_cast<uint32_t>(s);
    k->place_seen = rec.cycle;
    k->held = v[s].stalled;
    k->held_cause = v[s].cause;
    held |= v[s].stalled;
    p[0] = 'S';
    p[1] = '\t';
    p = put_text(p + 2, k->id_text, k->id_size);
    p = enter_short_ ? enter_tail_[s].put(p) : put_snippet(p, enter_[s]);
  }
  c.set_end(p);
  write_forwards(c, rec);
  prev_held_ = held;
  prev_cycle_ = rec.cycle;
  return true;
}

// What the fast path needs to know of a cycle the general path wrote.
void KonataTraceWriter::remember_stages(const CycleRecord& rec) {
  prev_cycle_ = rec.cycle;
  prev_held_ = rec.stages.size() != prev_seq_.size() || !rec.lanes.empty();
  if (prev_held_) return;  // (not a cycle of this machine: the fast path waits for the next)
  for (std::size_t s = 0; s < prev_seq_.size(); ++s) {
    prev_seq_[s] = rec.stages[s].seq;
    prev_held_ |= rec.stages[s].occupied() && rec.stages[s].stalled;
  }
}

void KonataTraceWriter::write_cycle(const CycleRecord& rec) {
  if (shifted_) {
    bool written;
    {
      TextCursor c(out_.buf);
      advance_to(c, rec.cycle - 1);
      written = write_shifted_cycle(c, rec);
    }
    if (written) {
      here_capacity_ = insns_.capacity();
      out_.flush_if_full();
      return;
    }
  } else {
    advance_to(rec.cycle - 1);
  }
  const std::size_t stages = rec.stages.size();  // every position of every stage
  auto view = [&](std::size_t p) -> const SlotView& {
    return p < stages ? rec.stages[p] : rec.lanes[p - stages];
  };
  const std::size_t n = std::min(layout_.slot_indices(), stages + rec.lanes.size());
  const uint32_t w = layout_.width;
  // Instructions new to the file get their I line oldest first (later stages hold older ones;
  // within a stage of a superscalar machine the first position holds the oldest).
  // Each position's instruction is found once, here.
  const uint32_t* place_of = place_of_.data();
  const std::size_t capacity = insns_.capacity();
  if (w == 1) {
    for (std::size_t p = n; p-- > 0;) here_[p] = view(p).occupied() ? &begin(view(p).seq) : nullptr;
  } else {
    std::fill_n(here_.begin(), n, nullptr);
    for (std::size_t s = (n + w - 1) / w; s-- > 0;) {
      const std::size_t end = std::min(n, s * w + w);
      for (std::size_t p = s * w; p < end; ++p)
        if (view(p).occupied()) here_[p] = &begin(view(p).seq);
    }
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
      const uint32_t place = place_of[p];
      const bool was_here = k.place_seen != 0 && k.place_seen + 1 == rec.cycle && k.place == place;
      k.last_seen = rec.cycle;
      if (!was_here) {
        put_line(c, 'S', k, enter_[place]);
      } else if (k.held) {
        // Held here from the previous cycle: a stall cycle, on lane 1.
        const Snippet* cause = &stall_[static_cast<std::size_t>(k.held_cause)];
        if (k.stall != cause) {
          if (k.stall)
            put_line(c, 'E', k, *k.stall);
          else
            ++open_stalls_;
          put_line(c, 'S', k, *cause);
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
      k.place = place_of[p];
      k.place_seen = rec.cycle;
      k.held = v.stalled;
      k.held_cause = v.cause;
    }
    // Stalls that did not go on this cycle end (in the entries' order, which the output keeps).
    if (open_stalls_ != 0)
      insns_.for_each([&](uint64_t, Insn& k) {
        if (k.stall && k.stall_seen != rec.cycle) end_stall(c, k);
      });
    write_forwards(c, rec);
  }
  if (shifted_) remember_stages(rec);
  here_capacity_ = insns_.capacity();
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
      put_line(c, 'S', k, enter_[stage]);
    }
  }
  {
    TextCursor c(rec.last_cycle > time_ ? ending_ : out_.buf);
    if (k.stall) end_stall(c, k);
    // The fixed pieces below, five numbers, the label.
    char* p = c.room(64 + 5 * kNumberRoom + label.padded_size());
    p = put_literal(p, "L\t");
    p = put_text(p, k.id_text, k.id_size);
    p = put_literal(p, "\t0\t");
    p = put_snippet(p, label);
    p = put_text(p, k.id_text, k.id_size);
    p = put_literal(p, "\t1\t#");
    p = put_text(p, k.seq_text, k.seq_size);
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
    p = put_text(p, k.id_text, k.id_size);
    p = put_char(p, '\t');
    p = retired_.put(p);
    p = rec.committed ? put_literal(p, "\t0\n") : put_literal(p, "\t1\n");
    c.set_end(p);
    if (rec.committed) retired_.increment();
  }
  insns_.erase(rec.seq);
  out_.flush_if_full();
}

void KonataTraceWriter::finish_with_summary(const nlohmann::ordered_json&) {
  advance_to(time_ + 1);
  out_.flush();
}

}  // namespace pipesim::report
