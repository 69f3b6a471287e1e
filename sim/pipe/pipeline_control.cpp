// PipelineModel's control: branches and jumps resolve, fetch is redirected, younger
// instructions are flushed; stores that would hit a trap or an instruction already fetched.
#include "sim/pipe/pipeline.hpp"

namespace pipesim {

using isa::Op;
using isa::Unit;

// Decides a branch or jump where the config says its outcome is known, and repairs fetch if
// the prediction made at fetch (or decode) was wrong.
void PipelineModel::resolve(uint32_t stage, DynInsn& d) {
  const isa::Insn& in = d.insn;
  // Only branches and jumps get here (the others are resolved from fetch on).
  if (stage != rules_.resolve_stage(in.op)) return;
  uint32_t actual = 0;
  if (in.op == Op::Jal) {
    actual = d.pc + static_cast<uint32_t>(in.imm);  // known without executing
  } else if (d.executed) {
    actual = d.next_pc;
  } else {
    return;
  }
  if (d.fault) return;
  d.resolved = true;
  d.next_pc = actual;
  if (actual & 3) {
    // The jump itself faults when it commits (RISC-V raises the misalignment on the jump).
    d.fault = Fault{FaultKind::FetchMisaligned, d.pc, in.raw, actual};
    flush_younger(stage, d.seq);
    fetch_stopped_by_ = d.seq;
    return;
  }
  predictor_.update(d.pc, d.kind == Unit::Jump, actual != d.pc + 4, actual);
  if (fetch_blocked_by_ == d.seq) {
    fetch_blocked_by_ = kNoSeq;  // stall policy: nothing was fetched behind it
    fetch_pc_ = actual;
    d.pred_next = actual;
  } else if (actual != d.pred_next ||
             (cfg_.branches.redirect_taken && (d.kind == Unit::Jump || d.condition()))) {
    // (`redirect_taken`: a taken one redirects even to the address fetch went on to.)
    d.mispredicted = true;
    d.pred_next = actual;
    redirect(stage, d, actual);
  }
}

void PipelineModel::redirect(uint32_t stage, DynInsn& d, uint32_t target) {
  flush_younger(stage, d.seq);
  fetch_pc_ = target;
  emit(Event{EventKind::Redirect, StallCause::Control, stage, 0, d.seq, kNoSeq, 0, target});
}

// The trace record of an instruction squashed now, published after this cycle's record.
void PipelineModel::record_squash(const DynInsn& y, uint64_t by_seq) {
  rec(y).flushed_by = by_seq;
  rec(y).last_cycle = cycle_;
  squashed_records_.push_back(y.idx);
}

// Squashes every instruction younger than `by_seq`: those in the stages before `stage` and, in
// parallel execute mode, those issued into functional units.
void PipelineModel::flush_younger(uint32_t stage, uint64_t by_seq) {
  auto squash = [&](Slot& s, uint32_t where) {
    DynInsn& y = at(s);
    if (tracing_) record_squash(y, by_seq);
    if (fetch_blocked_by_ == y.seq) fetch_blocked_by_ = kNoSeq;
    if (fetch_stopped_by_ == y.seq) fetch_stopped_by_ = kNoSeq;  // its jump never happens
    if (parallel_ && y.mem_entry != 0 && mem_reserved_[y.mem_entry % kRing] == y.seq + 1) {
      // Issued into a unit: the memory-stage slot it reserved is lost to the flush.
      mem_reserved_[y.mem_entry % kRing] = 0;
      gap_cycle_[y.mem_entry % kRing] = y.mem_entry;
      gap_cause_[y.mem_entry % kRing] = StallCause::Control;
    }
    ++result_.stats.flushed;
    emit(Event{EventKind::Flush, StallCause::Control, where, 0, y.seq, by_seq, 0, 0});
    release(s);
  };
  for (uint32_t j = 0; j < stage; ++j) {
    for (uint32_t p = 0; p < width_; ++p) {
      Slot& s = slots_[j][p];
      // Parallel mode completes out of order: an older operation that left its unit after this
      // instruction can be in a stage behind it (a mul in MEM behind a faulting store in WB).
      if (s.occupied() && s.seq < by_seq) continue;
      if (s.occupied()) squash(s, j);
      // Everything younger than a redirect is a slot lost to control flow.
      s = Slot{kNoSeq, StallCause::Control};
    }
    holds_[j] = Hold{};
  }
  // A superscalar stage also holds the instructions issued (or fetched) with it, after it.
  for (uint32_t p = 1; p < width_ && stage < rules_.num_stages; ++p) {
    Slot& s = slots_[stage][p];
    if (!s.occupied() || s.seq <= by_seq) continue;
    squash(s, stage);
    s = Slot{kNoSeq, StallCause::Control};
  }
  for (Slot& l : lanes_) {
    if (!l.occupied() || l.seq <= by_seq) continue;
    squash(l, rules_.first_execute);
    l = Slot{};
  }
}

// Will an instruction older than `seq`, still in flight and not yet committed, trap: an ecall
// (every ecall flushes what is behind it or ends the run), an ebreak, or one that carries a
// fault? Everything younger than it then never commits. The end stage has already committed
// this cycle (it is evaluated first), so only the stages between the memory stage and it, and
// in parallel mode the functional units, can hold one.
bool PipelineModel::trap_ahead(uint64_t seq) const {
  auto traps = [&](const Slot& s) {
    if (!s.occupied() || s.seq >= seq) return false;
    const DynInsn& o = at(s);
    // (An ecall that performed its call before the end stage has no trap left: cfg_.ecall.)
    return static_cast<bool>(o.fault) || (o.insn.op == Op::Ecall && !o.ecall_done) ||
           o.insn.op == Op::Ebreak;
  };
  // (On a superscalar machine an older instruction can be in the same stage as the store.)
  for (uint32_t p = rules_.first_memory + (width_ > 1 ? 0 : 1); p < cfg_.end_stage; ++p)
    for (uint32_t q = 0; q < width_; ++q)
      if (traps(slots_[p][q])) return true;
  for (const Slot& l : lanes_)
    if (traps(l)) return true;
  return false;
}

// Store-to-fetch snoop (self-modifying code): a younger instruction already fetched from the
// bytes this store wrote is stale. Everything younger is flushed and fetch restarts behind the
// store, so the pipeline runs the new instruction, as sequential execution does (docs/model.md).
void PipelineModel::snoop_fetched(DynInsn& store, uint32_t addr, uint32_t size) {
  auto stale = [&](const Slot& s) {
    if (!s.occupied() || s.seq <= store.seq) return false;
    const uint32_t pc = at(s).pc;
    return pc < addr + size && addr < pc + 4;
  };
  bool hit = false;
  // (On a superscalar machine a younger one can be in the store's own stage.)
  for (uint32_t p = 0; p < rules_.first_memory + (width_ > 1 ? 1 : 0); ++p)
    for (uint32_t q = 0; q < width_; ++q) hit = hit || stale(slots_[p][q]);
  for (const Slot& l : lanes_) hit = hit || stale(l);
  if (hit) redirect(rules_.first_memory, store, store.pc + 4);
}

}  // namespace pipesim
