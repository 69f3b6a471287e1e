// PipelineModel, stage by stage: fetch into stage 0, decode, execute, the memory access and the
// write-back (evaluate(), in pipeline.cpp, calls them).
#include "sim/pipe/pipeline.hpp"

#include <algorithm>

#include "isa/semantics.hpp"
#include "sim/machine/mem_access.hpp"

namespace pipesim {

using isa::Unit;

void PipelineModel::fetch_into_stage0(uint64_t enter_cycle) {
  Slot& s = slots_[0][0];
  if (fetch_blocked_by_ != kNoSeq || fetch_stopped_by_ != kNoSeq) {
    s = Slot{kNoSeq, StallCause::Control};
    return;
  }
  if (cfg_.memory.unified_memory_port && data_port_busy(enter_cycle)) {
    // One memory port: the data access in the memory stage has it, fetch waits (fetch loses).
    s = Slot{kNoSeq, StallCause::Structural};
    const Slot& m = slots_[rules_.first_memory][0];
    emit(Event{EventKind::Stall, StallCause::Structural, 0, 0, kNoSeq, m.seq, 0, 0});
    ++result_.stats.stall_events[static_cast<std::size_t>(StallCause::Structural)];
    return;
  }
  fetch_one(s, enter_cycle);
}

// Fetches the instruction at fetch_pc_ into `s` and moves fetch_pc_ on to its predicted
// successor. Returns whether fetch goes on sequentially behind it in the same cycle (a
// superscalar fetch packet): not after a predicted-taken branch or jump, nor under the stall
// policy after any branch or jump.
bool PipelineModel::fetch_one(Slot& s, uint64_t enter_cycle) {
  if (free_.empty())
    throw std::logic_error("pipeline model: more instructions in flight than stages");
  const uint64_t seq = next_seq_++;
  const uint16_t idx = free_.back();
  free_.pop_back();
  DynInsn& d = pool_[idx];
  const uint32_t pc = fetch_pc_;
  // What the instruction alone decides comes from its pc's template (prepare_fetch()).
  const uint32_t word = (pc - icache_.base()) >> 2;
  if ((pc & 3) == 0 && icache_.covers(pc) && (template_of_[word] & kTemplateValid)) {
    d = templates_[(template_of_[word] & ~kTemplateValid) - 1];
  } else {
    prepare_fetch(d, pc, seq);
  }
  d.seq = seq;
  d.idx = idx;
  d.entered = enter_cycle;
  d.retired_before = seq - result_.stats.flushed;
  if (l1i_ && d.insn_fetched) {
    const Cache::Access a = l1i_->access(pc, false);
    d.fetch_cycles = a.cycles;
    if (!a.hit)
      emit(Event{EventKind::CacheMiss, StallCause::Memory, 0, 0, seq,
                 a.cycles - cfg_.memory.icache.hit_latency, 0, pc});
  }
  d.pred_next = predictor_.predict(pc);
  if (cfg_.branches.policy == BranchPolicy::Stall && is_control(d.kind)) fetch_blocked_by_ = seq;
  fetch_pc_ = d.pred_next;
  if (tracing_) {
    // Field by field: `r = InsnRecord{}` built the record on the stack and copied it over.
    InsnRecord& r = rec(d);
    r.seq = seq;
    r.pc = d.pc;
    r.word = d.insn.raw;
    r.op = d.insn.op;
    r.committed = false;
    r.flushed_by = kNoSeq;
    r.enter = {};  // fixed sizes: a few vector stores, no call to memset
    r.busy = {};
    r.enter[0] = enter_cycle;
    r.last_cycle = 0;
    r.unit = kNoUnit;
    r.unit_instance = 0;
    r.lane = 0;
  }
  ++result_.stats.fetched;
  s = Slot{seq, StallCause::Fill, idx};
  return d.pred_next == d.pc + 4 && fetch_blocked_by_ == kNoSeq;
}

// The fields of a fresh DynInsn that the instruction at pc alone decides (its decoded word, its
// class, registers, stages and unit, the fault it carries), through the decode cache. For a pc
// the decode cache covers they are kept as the pc's template, which holds as long as the decode
// cache's entry does: a store that drops the entry drops the template (memory_access).
void PipelineModel::prepare_fetch(DynInsn& d, uint32_t pc, uint64_t seq) {
  static const DynInsn kFresh{};  // copied, not value-initialised: GCC emits a slow `rep stos`
  d = kFresh;
  d.pc = pc;
  d.fetch_cycles = cfg_.memory.instruction_latency;
  const FetchOutcome fetched = fetch_and_decode(icache_, state_.mem, pc);
  if (fetched.fault) d.fault = fetched.fault;  // (d is fresh: no fault)
  if (const isa::Insn* in = fetched.insn) {
    if (!icache_.covers(pc)) outside_fetch_seq_ = seq;  // code placed in data (snoop_fetched)
    d.insn_fetched = true;
    d.insn = *in;
    d.kind = in->unit();
    d.dst = dest_reg(*in);
    d.src = {source_reg1(*in), source_reg2(*in)};
  }
  d.src_forwarded =
      static_cast<uint8_t>((forwarded_rs1(d.kind) ? 1 : 0) | (forwarded_rs2(d.kind) ? 2 : 0));
  d.operand_stage = rules_.operand_stage(d.kind, d.insn.op);
  d.result_stage = rules_.result_stage(d.kind);
  d.fu = fu_of_class_[static_cast<size_t>(d.kind)];
  d.fu_latency = cfg_.functional_units[d.fu].latency;
  d.resolved = !is_control(d.kind);  // only branches and jumps have an outcome to decide
  if (fetched.insn && icache_.covers(pc)) {
    // (A pc whose template was dropped reuses its entry: self-modifying code does not grow it.)
    uint32_t& t = template_of_[(pc - icache_.base()) >> 2];
    if (t == 0) {
      templates_.push_back(d);
      t = static_cast<uint32_t>(templates_.size());
    } else {
      templates_[(t & ~kTemplateValid) - 1] = d;
    }
    t |= kTemplateValid;
  }
}

void PipelineModel::decode_stage(uint32_t stage, DynInsn& d) {
  const isa::Fmt f = d.insn.fmt();
  // The register file is read every cycle the instruction sits in decode; the last read counts.
  if (isa::reads_rs1(f)) d.rs1_read = read_register(d.insn.rs1);
  if (isa::reads_rs2(f)) d.rs2_read = read_register(d.insn.rs2);
  // Frozen behind a stage that is held: nothing is decided until it can move.
  if (!parallel_ && !vacates_[stage + 1]) return;

  const bool first_cycle = d.entered == cycle_;
  const BranchConfig& b = cfg_.branches;
  // Static prediction needs the target, which the decode stage computes.
  if (first_cycle && d.kind == Unit::Branch && b.resolve_stage > stage &&
      (b.policy == BranchPolicy::Taken || (b.policy == BranchPolicy::Btfn && d.insn.imm < 0))) {
    const uint32_t target = d.pc + static_cast<uint32_t>(d.insn.imm);
    if (d.pred_next != target) {
      d.pred_next = target;
      redirect(stage, d, target);
    }
  }

  if (width_ > 1) {
    // An older instruction in this stage does not issue: neither does this one (in order).
    if (holds_[stage].held) return;
    // The slot it would take: forwarding paths may join only some slots (pair_check checks
    // again if placing it gives it another one).
    d.lane = first_free_slot(d, issue_.slots_used);
  }
  if (cfg_.hazard_detection) {
    const Hold h = scalar_ ? scalar_data_hazard(stage, d) : find_data_hazard(stage, d);
    if (h.held) {
      holds_[stage] = h;
      held_stages_ |= 1u << stage;
      return;  // nothing is decided on operands that are not there yet
    }
  }
  if (width_ > 1 && !pair_check(stage, d)) return;
  if (parallel_ && !issue_check(stage, d)) return;
  if (d.operand_stage == stage && !d.executed) execute(stage, d);
  if (!d.resolved) resolve(stage, d);
}

void PipelineModel::execute(uint32_t stage, DynInsn& d) {
  if (d.fault) return;
  const isa::Insn& in = d.insn;
  const isa::Fmt f = in.fmt();
  // (A source register that is x0 reads 0 whichever way it comes.)
  const uint32_t a = d.src[0] == 0                ? 0
                     : (d.src_forwarded & 1) != 0 ? forwarded_operand(stage, d, 0, d.rs1_read)
                                                  : d.rs1_read;
  const uint32_t rs2 = d.src[1] == 0                ? 0
                       : (d.src_forwarded & 2) != 0 ? forwarded_operand(stage, d, 1, d.rs2_read)
                                                    : d.rs2_read;
  const uint32_t b = isa::operand_b_is_rs2(f) ? rs2 : static_cast<uint32_t>(in.imm);
  d.exec_result = isa::compute(in, a, b, d.pc);
  if (isa::is_csr(in.op)) {
    // The counter rule (docs/isa.md): cycle is the number of the cycle it executes in.
    d.counter_cycle = cycle_;
    d.exec_result = isa::counter_value(in, cycle_, d.retired_before);
  }
  d.store_data = rs2;
  d.next_pc = d.pc + 4;
  if (d.kind == Unit::Jump || (d.kind == Unit::Branch && d.condition()))
    d.next_pc = isa::jump_target(in, a, d.pc);
  d.executed = true;
}

// The access in the first memory stage: memory itself (the data always lives there) and, for
// timing, the data cache. Leaves the cycles it takes in d.busy_until (0 when not an access).
void PipelineModel::start_memory_access(DynInsn& d) {
  d.busy_until = 0;
  if (d.kind != Unit::Load && d.kind != Unit::Store) return;
  memory_access(d);
  const isa::OpInfo& row = isa::info(d.insn.op);
  if (d.fault || row.mem == isa::Mem::None) return;
  uint32_t cycles = cfg_.memory.data_latency;
  if (l1d_) {
    const Cache::Access a =
        l1d_->access(d.mem_addr(), isa::mem_size(row.mem), row.unit == Unit::Store);
    cycles = a.cycles;
    if (!a.hit)
      emit(Event{EventKind::CacheMiss, StallCause::Memory, rules_.first_memory, 0, d.seq,
                 a.cycles - cfg_.memory.dcache.hit_latency, 1, d.mem_addr()});
  }
  d.busy_until = cycles;
}

void PipelineModel::memory_access(DynInsn& d) {
  const isa::OpInfo& row = isa::info(d.insn.op);
  if (d.fault || row.mem == isa::Mem::None) return;
  if (row.unit == Unit::Load) {
    const LoadResult r = guest_load(state_.mem, row.mem, d.mem_addr(), cfg_.memory.misaligned);
    if (r.fault != FaultKind::None) d.fault = Fault{r.fault, d.pc, d.insn.raw, d.mem_addr()};
    d.loaded = r.value;
  } else if (trap_ahead(d.seq)) {
    // An older instruction still in flight traps (ecall, ebreak, a fault): this store is
    // squashed before it commits, so it must not write memory (docs/model.md, "Side effects in
    // program order"). It still takes its cycles: the trap is not known to the memory stage.
  } else {
    const FaultKind f =
        guest_store(state_.mem, row.mem, d.mem_addr(), d.store_data, cfg_.memory.misaligned);
    if (f != FaultKind::None) {
      d.fault = Fault{f, d.pc, d.insn.raw, d.mem_addr()};
    } else {
      const uint32_t size = isa::mem_size(row.mem);
      const bool over_decoded = icache_.invalidate(d.mem_addr(), size);
      if (over_decoded) drop_templates(d.mem_addr(), size);
      if (golden_) effects_.performed(SideEffect::store(d.mem_addr(), size, d.store_data));
      // Only a store over bytes fetched since they were last written can hit an instruction in
      // flight: one the decode cache had decoded, or, outside the executable segments (code
      // placed in data and jumped to), while an instruction younger than the store was fetched
      // from there. Every other store (nearly all) skips the scan.
      if (over_decoded || (outside_fetch_seq_ != kNoSeq && outside_fetch_seq_ > d.seq))
        snoop_fetched(d, d.mem_addr(), size);
    }
  }
}

}  // namespace pipesim
