// Shares its rules with the timing model (sim/pipe/timing_model.cpp) through
// sim/pipe/pipeline_rules.hpp; the contract is in docs/CONTRIBUTING.md (engine contract).
#include "sim/pipe/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

#include "isa/error.hpp"
#include "isa/semantics.hpp"
#include "sim/iss/iss.hpp"
#include "sim/machine/guest_env.hpp"
#include "sim/machine/mem_access.hpp"

namespace pipesim {

using isa::Fmt;
using isa::Op;
using isa::Unit;

namespace {

bool writes_reg(const DynInsn& p, unsigned reg) {
  return reg != 0 && p.dst == reg;
}

}  // namespace

PipelineModel::PipelineModel(const PipelineConfig& config, const Program& program, HostIo& io,
                             std::span<TraceSink* const> sinks, bool check)
    : cfg_(config),
      io_(io),
      sinks_(sinks.begin(), sinks.end()),
      tracing_(!sinks.empty()),
      icache_(program),
      rules_(config),
      predictor_(make_predictor(config.branches)) {
  if (rules_.num_stages == 0 || rules_.num_stages > kMaxStages)
    throw Error(fmt::format("config '{}': a pipeline has 1 to {} stages", config.name, kMaxStages));
  exec_stages_ = rules_.last_execute - rules_.first_execute + 1;
  parallel_ = cfg_.execute == ExecuteMode::Parallel;
  fill_default_units(cfg_);
  if (cfg_.memory.icache.enabled) l1i_.emplace(cfg_.memory.icache);
  if (cfg_.memory.dcache.enabled) l1d_.emplace(cfg_.memory.dcache);
  if (parallel_) {
    // Validation guarantees these; the model relies on them (docs/model.md).
    if (exec_stages_ != 1 || cfg_.memory.data_latency != 1 || l1d_)
      throw Error(
          fmt::format("config '{}': parallel execute needs one execute stage and a "
                      "one-cycle data memory",
                      config.name));
    const std::vector<UnitLane> lanes = cfg_.unit_lanes();
    if (lanes.size() > kMaxUnitLanes)
      throw Error(fmt::format("config '{}': too many functional-unit positions", config.name));
    lanes_.assign(lanes.size(), Slot{});
    lane_held_.assign(lanes.size(), 0);
    lane_views_.resize(lanes.size());
    unit_first_.assign(cfg_.functional_units.size(), 0);
    min_latency_ = ~0u;
    for (uint32_t u = 0; u < cfg_.functional_units.size(); ++u)
      min_latency_ = std::min(min_latency_, cfg_.functional_units[u].latency);
    for (size_t i = 0; i < lanes.size(); ++i) {
      const FunctionalUnit& f = cfg_.functional_units[lanes[i].unit];
      const uint32_t positions = f.pipelined ? f.latency : 1;
      LaneInfo info{lanes[i].unit, lanes[i].position == 0, lanes[i].position + 1 == positions};
      lane_info_.push_back(info);
      if (info.entry) {
        if (lanes[i].instance == 0)
          unit_first_[lanes[i].unit] = static_cast<uint32_t>(unit_entries_.size());
        unit_entries_.push_back(static_cast<uint32_t>(i));
      }
    }
    if (min_latency_ + 2 >= kRing)
      throw Error(fmt::format("config '{}': unit latency too large", config.name));
  }
  for (uint32_t u = 0; u < unit_of_.size(); ++u)
    unit_of_[u] = cfg_.unit_for(static_cast<isa::Unit>(u));
  if (tracing_) records_.resize(pool_.size());
  free_.reserve(pool_.size());
  for (size_t i = pool_.size(); i-- > 0;) free_.push_back(static_cast<uint16_t>(i));
  pending_.reserve(64);
  load_program_into(state_, program);
  fetch_pc_ = state_.pc;
  next_commit_pc_ = state_.pc;
  ecall_io_ = &io_;
  if (check) {
    golden_ = std::make_unique<Iss>(program, golden_out_);
    checked_io_.emplace(io_, effects_);
    ecall_io_ = &*checked_io_;
  }
  events_.reserve(64);
  result_.stats.clock_period_ps = cfg_.clock_period_ps();
}

PipelineModel::~PipelineModel() = default;

// ---------------------------------------------------------------------------------------------
// Fetch

void PipelineModel::fetch_into_stage0(uint64_t enter_cycle) {
  Slot& s = slots_[0];
  if (fetch_blocked_by_ != kNoSeq || fetch_stopped_by_ != kNoSeq) {
    s = Slot{kNoSeq, StallCause::Control};
    return;
  }
  if (cfg_.memory.unified_memory_port && data_port_busy(enter_cycle)) {
    // One memory port: the data access in the memory stage has it, fetch waits (fetch loses).
    s = Slot{kNoSeq, StallCause::Structural};
    const Slot& m = slots_[rules_.first_memory];
    emit(Event{EventKind::Stall, StallCause::Structural, 0, 0, kNoSeq, m.seq, 0, 0});
    ++result_.stats.stall_events[static_cast<std::size_t>(StallCause::Structural)];
    return;
  }
  if (free_.empty())
    throw std::logic_error("pipeline model: more instructions in flight than stages");
  const uint64_t seq = next_seq_++;
  const uint16_t idx = free_.back();
  free_.pop_back();
  DynInsn& d = pool_[idx];
  static const DynInsn kFresh{};  // copied, not value-initialised: GCC emits a slow `rep stos`
  d = kFresh;
  d.seq = seq;
  d.idx = idx;
  d.entered = enter_cycle;
  d.pc = fetch_pc_;
  d.fetch_cycles = cfg_.memory.instruction_latency;
  const FetchOutcome fetched = fetch_and_decode(icache_, state_.mem, d.pc);
  d.fault = fetched.fault;
  if (const isa::Insn* in = fetched.insn) {
    if (!icache_.covers(d.pc)) outside_fetch_seq_ = seq;  // code placed in data (snoop_fetched)
    d.insn = *in;
    d.kind = in->unit();
    d.dst = dest_reg(*in);
    if (l1i_) {
      const Cache::Access a = l1i_->access(d.pc, false);
      d.fetch_cycles = a.cycles;
      if (!a.hit)
        emit(Event{EventKind::CacheMiss, StallCause::Memory, 0, 0, seq,
                   a.cycles - cfg_.memory.icache.hit_latency, 0, d.pc});
    }
  }
  d.operand_stage = rules_.operand_stage(d.kind, d.insn.op);
  d.result_stage = rules_.result_stage(d.kind);
  d.unit = unit_of_[static_cast<size_t>(d.kind)];
  d.unit_latency = cfg_.functional_units[d.unit].latency;
  d.pred_next = predictor_.predict(d.pc);
  d.resolved = !is_control(d.kind);  // only branches and jumps have an outcome to decide
  if (cfg_.branches.policy == BranchPolicy::Stall && is_control(d.kind)) fetch_blocked_by_ = seq;
  fetch_pc_ = d.pred_next;
  if (tracing_) {
    InsnRecord& r = rec(d);
    r = InsnRecord{};
    r.seq = seq;
    r.pc = d.pc;
    r.word = d.insn.raw;
    r.op = d.insn.op;
    r.enter[0] = enter_cycle;
  }
  ++result_.stats.fetched;
  s = Slot{seq, StallCause::Fill, idx};
}

// Does a load or store use the (unified) memory port in `cycle`? Its access occupies the first
// memory stage from the cycle it enters until its work there is done.
bool PipelineModel::data_port_busy(uint64_t cycle) const {
  const Slot& m = slots_[rules_.first_memory];
  if (!m.occupied()) return false;
  const DynInsn& d = at(m);
  if (d.kind != Unit::Load && d.kind != Unit::Store) return false;
  return d.entered == cycle || d.busy_until >= cycle;
}

// ---------------------------------------------------------------------------------------------
// Stage evaluation

// Cycles of work `d` does in `stage`, from its first cycle there: the slow parts of the machine
// hold an instruction in the first stage of their role (docs/model.md).
uint32_t PipelineModel::work_cycles(uint32_t stage, DynInsn& d) {
  if (stage == 0) return d.fetch_cycles;
  if (stage == rules_.first_execute && !parallel_) return d.unit_latency - (exec_stages_ - 1);
  if (stage == rules_.first_memory) {
    start_memory_access(d);
    return d.busy_until == 0 ? 1 : static_cast<uint32_t>(d.busy_until);
  }
  return 1;
}

void PipelineModel::evaluate(uint32_t stage, DynInsn& d) {
  const bool first_cycle = d.entered == cycle_;
  if (first_cycle) {
    const uint32_t work = work_cycles(stage, d);
    d.busy_until = cycle_ + work - 1;
    if (tracing_) {
      if (stage == rules_.first_execute) rec(d).unit = d.unit;
      rec(d).busy[stage] = work;
    }
  }
  if (stage == rules_.last_decode) decode_stage(stage, d);
  if (stage == rules_.first_execute && first_cycle && !d.executed) execute(stage, d);
  if (!d.resolved && first_cycle && cfg_.stages[stage].role != StageRole::Decode) resolve(stage, d);
  if (stage == cfg_.end_stage && first_cycle) {
    commit(stage, d);
    if (result_.halt != Halt::None) return;
  }
  if (stage == rules_.writeback && first_cycle) writeback(d);
  // A slow fetch makes no progress in a cycle the data access has the port, its last cycle
  // included (its first was granted when it was fetched: fetch_into_stage0).
  if (stage == 0 && !first_cycle && cycle_ <= d.busy_until && cfg_.memory.unified_memory_port &&
      data_port_busy(cycle_)) {
    ++d.busy_until;
    if (tracing_) ++rec(d).busy[0];
    hold(stage, StallCause::Structural, slots_[rules_.first_memory].seq);
  } else if (cycle_ < d.busy_until) {
    hold(stage, stage == rules_.first_execute ? StallCause::Structural : StallCause::Memory, d.seq);
  }
}

void PipelineModel::decode_stage(uint32_t stage, DynInsn& d) {
  const Fmt f = d.insn.fmt();
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

  if (cfg_.hazard_detection) {
    const Hold h = find_data_hazard(stage, d);
    if (h.held) {
      holds_[stage] = h;
      return;  // nothing is decided on operands that are not there yet
    }
  }
  if (parallel_ && !issue_check(stage, d)) return;
  if (d.operand_stage == stage && !d.executed) execute(stage, d);
  if (!d.resolved) resolve(stage, d);
}

// The youngest instruction older than `consumer` (which is in `stage`) still in the machine
// that writes `reg`, and where it is: a stage index, or rules_.num_stages + lane.
const DynInsn* PipelineModel::producer_of(unsigned reg, uint32_t stage, const DynInsn& consumer,
                                          uint32_t* where) const {
  const DynInsn* best = nullptr;
  for (uint32_t p = stage + 1; p < rules_.num_stages; ++p) {
    if (!slots_[p].occupied()) continue;
    const DynInsn& prod = at(slots_[p]);
    if (writes_reg(prod, reg)) {
      best = &prod;  // nearer stages hold younger instructions: the first one found wins
      *where = p;
      break;
    }
  }
  for (uint32_t l = 0; l < lanes_.size(); ++l) {
    if (!lanes_[l].occupied()) continue;
    const DynInsn& prod = at(lanes_[l]);
    if (prod.seq < consumer.seq && writes_reg(prod, reg) && (!best || prod.seq > best->seq)) {
      best = &prod;
      *where = rules_.num_stages + l;
    }
  }
  return best;
}

// Can `d`, in the last decode stage this cycle, have every source operand by the time it
// consumes it (this cycle if it consumes them in decode, next cycle in execute)?
PipelineModel::Hold PipelineModel::find_data_hazard(uint32_t stage, const DynInsn& d) const {
  const unsigned sources[2] = {source_reg1(d.insn), source_reg2(d.insn)};
  const uint32_t k = d.operand_stage - stage;  // cycles until the operands are consumed
  for (unsigned reg : sources) {
    if (reg == 0) continue;  // x0 is a constant, never a dependence
    uint32_t where = 0;
    const DynInsn* prod = producer_of(reg, stage, d, &where);
    if (!prod) continue;
    bool available = false;
    if (where >= rules_.num_stages) {
      // In a functional unit: its result is in the unit's output latch from the end of the
      // cycle it is done.
      available = prod->done_cycle < cycle_ + k && prod->result_stage <= rules_.first_execute &&
                  rules_.forwards(rules_.first_execute, d.operand_stage);
    } else {
      // When it is consumed the producer is in stage `then` (further on if it moves this cycle).
      const uint32_t then = where + (k > 0 && vacates_[where] ? k : 0);
      available = rules_.value_available(where, then, prod->result_stage, d.operand_stage);
    }
    if (available) continue;
    const StallCause cause = data_hazard_cause(prod->kind == Unit::Load);
    return Hold{true, cause, prod->seq, static_cast<uint8_t>(reg)};
  }
  return Hold{};
}

// Parallel execute: may `d` issue from decode into its functional unit this cycle? (Hennessy &
// Patterson C.5: a free unit, the write-back port free when it finishes, no WAW; plus ecall and
// ebreak wait until they would complete after everything older.)
bool PipelineModel::issue_check(uint32_t stage, DynInsn& d) {
  const FunctionalUnit& unit = cfg_.functional_units[d.unit];
  // A unit instance whose first position is free next cycle.
  uint64_t busy_with = kNoSeq;
  issue_lane_ = ~0u;
  const uint32_t first = unit_first_[d.unit];
  for (uint32_t i = 0; i < unit.count; ++i) {
    const uint32_t lane = unit_entries_[first + i];
    const Slot& l = lanes_[lane];
    // A pipelined unit's first position always moves on; a busy-until-done unit frees when its
    // operation leaves for the memory stage, at the end of its done cycle.
    if (!l.occupied() || unit.pipelined || at(l).done_cycle <= cycle_) {
      issue_lane_ = lane;
      break;
    }
    if (busy_with == kNoSeq) busy_with = l.seq;
  }
  if (issue_lane_ == ~0u) {
    hold(stage, StallCause::Structural, busy_with);
    return false;
  }
  // The memory stage (and so the write-back port) in the cycle it would leave the unit.
  const uint64_t entry = cycle_ + 1 + unit.latency;
  const uint64_t reserved = mem_reserved_[entry % kRing];
  if (reserved != 0) {
    hold(stage, StallCause::Structural, reserved - 1);
    return false;
  }
  // ecall and ebreak complete after everything older: they see, and end with, the state of
  // sequential execution.
  if (d.insn.op == Op::Ecall || d.insn.op == Op::Ebreak) {
    for (const Slot& l : lanes_) {
      if (!l.occupied() || at(l).mem_entry < entry) continue;
      hold(stage, StallCause::Structural, l.seq);
      return false;
    }
  }
  // WAW: an older write to the same register still in a unit must not complete after this one.
  if (cfg_.hazard_detection && d.dst != 0) {
    for (const Slot& l : lanes_) {
      if (!l.occupied()) continue;
      const DynInsn& p = at(l);
      if (writes_reg(p, d.insn.rd) && p.mem_entry > entry) {
        hold(stage, StallCause::Waw, p.seq, d.insn.rd);
        return false;
      }
    }
  }
  d.done_cycle = entry - 1;
  d.mem_entry = entry;
  return true;
}

uint32_t PipelineModel::read_register(unsigned reg) const {
  // Without a split-phase register file, decode reads before this cycle's write lands.
  if (!cfg_.split_phase_regfile && reg != 0 && reg == wb_written_.reg) return wb_written_.old;
  return state_.regs[reg];
}

// The value a producer's pipeline register holds at the end of `end_of_stage`: what the
// forwarding multiplexer really sees (for a load before its last memory stage: the address).
uint32_t PipelineModel::latch_value(const DynInsn& p, uint32_t end_of_stage) const {
  if (p.kind == Unit::Load && end_of_stage >= rules_.last_memory) return p.loaded;
  return p.alu;
}

// The forwarding unit: the nearest older instruction writing `reg` whose latch has a path into
// the consumer's stage supplies the value; otherwise the register-file read stands. A producer
// in a functional unit offers its result from the cycle after it is done.
uint32_t PipelineModel::operand(uint32_t consumer_stage, DynInsn& d, unsigned reg,
                                uint32_t read_value) {
  if (reg == 0) return 0;
  const DynInsn* best = nullptr;
  uint32_t best_latch = 0;
  for (uint32_t p = consumer_stage + 1; p < rules_.num_stages; ++p) {
    if (!slots_[p].occupied()) continue;
    const DynInsn& prod = at(slots_[p]);
    if (!writes_reg(prod, reg) || !rules_.forwards_from_stage(p, consumer_stage)) continue;
    best = &prod;
    best_latch = p - 1;
    break;
  }
  if (rules_.forwards(rules_.first_execute, consumer_stage)) {
    for (const Slot& l : lanes_) {
      if (!l.occupied()) continue;
      const DynInsn& prod = at(l);
      if (prod.seq < d.seq && writes_reg(prod, reg) && prod.done_cycle < cycle_ &&
          (!best || prod.seq > best->seq)) {
        best = &prod;
        best_latch = rules_.first_execute;
      }
    }
  }
  if (!best) return read_value;
  ++d.forwards;
  emit(Event{EventKind::Forward, StallCause::Fill, consumer_stage, best_latch, d.seq, best->seq,
             static_cast<uint8_t>(reg), 0});
  return latch_value(*best, best_latch);
}

void PipelineModel::execute(uint32_t stage, DynInsn& d) {
  if (d.fault) return;
  const isa::Insn& in = d.insn;
  const Fmt f = in.fmt();
  const uint32_t a = isa::reads_rs1(f) ? operand(stage, d, in.rs1, d.rs1_read) : 0;
  const uint32_t rs2 = isa::reads_rs2(f) ? operand(stage, d, in.rs2, d.rs2_read) : 0;
  const uint32_t b = isa::operand_b_is_rs2(f) ? rs2 : static_cast<uint32_t>(in.imm);
  d.alu = isa::compute(in, a, b, d.pc);
  d.store_data = rs2;
  d.next_pc = d.pc + 4;
  if (d.kind == Unit::Jump || (d.kind == Unit::Branch && d.alu))
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
    const Cache::Access a = l1d_->access(d.alu, row.unit == Unit::Store);
    cycles = a.cycles;
    if (!a.hit)
      emit(Event{EventKind::CacheMiss, StallCause::Memory, rules_.first_memory, 0, d.seq,
                 a.cycles - cfg_.memory.dcache.hit_latency, 1, d.alu});
  }
  d.busy_until = cycles;
}

void PipelineModel::memory_access(DynInsn& d) {
  const isa::OpInfo& row = isa::info(d.insn.op);
  if (d.fault || row.mem == isa::Mem::None) return;
  if (row.unit == Unit::Load) {
    const LoadResult r = guest_load(state_.mem, row.mem, d.alu);
    if (r.fault != FaultKind::None) d.fault = Fault{r.fault, d.pc, d.insn.raw, d.alu};
    d.loaded = r.value;
  } else if (trap_ahead(d.seq)) {
    // An older instruction still in flight traps (ecall, ebreak, a fault): this store is
    // squashed before it commits, so it must not write memory (docs/model.md, "Side effects in
    // program order"). It still takes its cycles: the trap is not known to the memory stage.
  } else {
    const FaultKind f = guest_store(state_.mem, row.mem, d.alu, d.store_data);
    if (f != FaultKind::None) {
      d.fault = Fault{f, d.pc, d.insn.raw, d.alu};
    } else {
      const uint32_t size = isa::mem_size(row.mem);
      const bool over_decoded = icache_.invalidate(d.alu, size);
      if (golden_) effects_.performed(SideEffect::store(d.alu, size, d.store_data));
      // Only a store over bytes fetched since they were last written can hit an instruction in
      // flight: one the decode cache had decoded, or, outside the executable segments (code
      // placed in data and jumped to), while an instruction younger than the store was fetched
      // from there. Every other store (nearly all) skips the scan.
      if (over_decoded || (outside_fetch_seq_ != kNoSeq && outside_fetch_seq_ > d.seq))
        snoop_fetched(d, d.alu, size);
    }
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
    return static_cast<bool>(o.fault) || o.insn.op == Op::Ecall || o.insn.op == Op::Ebreak;
  };
  for (uint32_t p = rules_.first_memory + 1; p < cfg_.end_stage; ++p)
    if (traps(slots_[p])) return true;
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
  for (uint32_t p = 0; p < rules_.first_memory; ++p) hit = hit || stale(slots_[p]);
  for (const Slot& l : lanes_) hit = hit || stale(l);
  if (hit) redirect(rules_.first_memory, store, store.pc + 4);
}

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
  } else if (actual != d.pred_next) {
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

// Squashes every instruction younger than `by_seq`: those in the stages before `stage` and, in
// parallel execute mode, those issued into functional units.
void PipelineModel::flush_younger(uint32_t stage, uint64_t by_seq) {
  auto squash = [&](Slot& s, uint32_t where) {
    DynInsn& y = at(s);
    if (tracing_) {
      rec(y).flushed_by = by_seq;
      rec(y).last_cycle = cycle_;
      for (TraceSink* sink : sinks_) sink->on_instruction(rec(y));
    }
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
    Slot& s = slots_[j];
    // Parallel mode completes out of order: an older operation that left its unit after this
    // instruction can be in a stage behind it (a mul in MEM behind a faulting store in WB).
    if (s.occupied() && s.seq < by_seq) continue;
    if (s.occupied()) squash(s, j);
    // Everything younger than a redirect is a slot lost to control flow.
    s = Slot{kNoSeq, StallCause::Control};
    holds_[j] = Hold{};
  }
  for (Slot& l : lanes_) {
    if (!l.occupied() || l.seq <= by_seq) continue;
    squash(l, rules_.first_execute);
    l = Slot{};
  }
}

void PipelineModel::commit(uint32_t stage, DynInsn& d) {
  PipelineStats& st = result_.stats;
  std::optional<EcallResult> ecall;
  if (!d.fault && d.insn.op == Op::Ecall) {
    ecall = do_ecall(state_.regs, state_.mem, *ecall_io_);
    if (ecall->fault != FaultKind::None)
      d.fault = Fault{ecall->fault, d.pc, d.insn.raw, ecall->fault_addr};
  }
  if (d.fault) {
    // pending_ may also hold older instructions that completed but are not yet compared with
    // the functional model (--check): the fault must be compared after them, in program order
    // (found by the whole-run fuzzer, tests/fuzz/corpus/run/random-1.bin).
    if (older_in_flight(d.seq) || !pending_.empty()) {
      // Precise exception in parallel mode: older instructions still in a functional unit
      // complete first; nothing younger may change the state meanwhile.
      flush_younger(stage, d.seq);
      fetch_stopped_by_ = d.seq;
      draining_ = true;
      pending_.push_back(Pending{d.seq, d});
      return;
    }
    finish_fault(d);
    return;
  }
  if (ecall) {
    if (ecall->a0) state_.regs.write(10, *ecall->a0);
    if (ecall->exit) {
      result_.halt = Halt::Exit;
      result_.exit_code = ecall->exit_code;
    } else {
      // An environment call is a trap: everything fetched behind it is squashed.
      redirect(stage, d, d.pc + 4);
    }
  } else if (d.insn.op == Op::Ebreak) {
    result_.halt = Halt::Ebreak;
  }
  ++st.instructions;
  next_commit_pc_ = d.next_pc;
  if (d.kind == Unit::Branch) {
    ++st.branches;
    if (d.next_pc != d.pc + 4) ++st.taken_branches;
  }
  if (d.kind == Unit::Jump) ++st.jumps;
  if (d.mispredicted) ++st.mispredictions;
  st.forwards += d.forwards;
  if (tracing_) rec(d).committed = true;
  emit(Event{EventKind::Commit, StallCause::Fill, stage, 0, d.seq, kNoSeq, 0, 0});
  if (result_.halt != Halt::None) result_.pc = d.pc;
  if (parallel_ && golden_)
    pending_.push_back(Pending{d.seq, d});  // checked in program order by retire_pending()
  else
    check_commit(d);
}

void PipelineModel::finish_fault(const DynInsn& d) {
  result_.halt = Halt::Fault;
  result_.fault = d.fault;
  result_.pc = d.pc;
  check_commit(d);
}

// Is an instruction older than `seq` still executing (parallel mode: in a unit or behind)?
bool PipelineModel::older_in_flight(uint64_t seq) const {
  if (!parallel_) return false;
  for (const Slot& l : lanes_)
    if (l.occupied() && l.seq < seq) return true;
  // From the end stage on, instructions have committed (this cycle, or before).
  for (uint32_t p = 0; p < cfg_.end_stage; ++p)
    if (slots_[p].occupied() && slots_[p].seq < seq) return true;
  return false;
}

// Parallel mode: instructions complete out of order; they are compared with the functional
// model, and a held-back fault is raised, in program order once nothing older is in flight.
void PipelineModel::retire_pending() {
  while (!pending_.empty()) {
    auto oldest =
        std::min_element(pending_.begin(), pending_.end(),
                         [](const Pending& a, const Pending& b) { return a.seq < b.seq; });
    if (older_in_flight(oldest->seq)) return;
    const Pending p = *oldest;
    pending_.erase(oldest);
    if (p.insn.fault) {
      finish_fault(p.insn);
      return;
    }
    check_commit(p.insn);
  }
}

void PipelineModel::writeback(DynInsn& d) {
  wb_written_ = {};
  if (d.fault || d.dst == 0) return;
  const uint32_t value = d.kind == Unit::Load ? d.loaded : d.alu;
  wb_written_ = {d.insn.rd, state_.regs[d.insn.rd]};
  state_.regs.write(d.insn.rd, value);
}

// ---------------------------------------------------------------------------------------------
// Parallel execute: functional-unit lanes

// Instructions in their first cycle in a unit execute (and branches resolve there).
void PipelineModel::evaluate_lanes() {
  std::fill(lane_held_.begin(), lane_held_.end(), 0);
  for (Slot& l : lanes_) {
    if (!l.occupied()) continue;
    DynInsn& d = at(l);
    if (d.entered != cycle_) continue;
    execute(rules_.first_execute, d);
    if (!d.resolved) resolve(rules_.first_execute, d);
  }
}

// Moves instructions through the units: the one that reserved the memory stage for next cycle
// enters it; operations in pipelined units move one position; decode's instruction, if it
// issues, enters its unit's first position. `mem_free`: the memory stage is vacated.
void PipelineModel::advance_lanes(bool mem_free) {
  const uint64_t next = cycle_ + 1;
  const uint32_t mem = rules_.first_execute + 1;
  uint64_t& reserved = mem_reserved_[next % kRing];
  if (mem_free) {
    bool entered = false;
    if (reserved != 0) {
      for (Slot& l : lanes_) {
        if (l.seq + 1 != reserved) continue;
        at(l).entered = next;
        if (tracing_) rec(at(l)).enter[mem] = next;
        slots_[mem] = l;
        l = Slot{};
        entered = true;
        break;
      }
    }
    if (!entered) {
      // Nothing finishes: the slot was lost where decode issued nothing that would arrive now.
      const bool known = gap_cycle_[next % kRing] == next;
      slots_[mem] = Slot{kNoSeq, known ? gap_cause_[next % kRing] : StallCause::Fill};
    }
  }
  reserved = 0;
  // Pipelined units: the last position emptied above (or earlier); shift from the back.
  for (size_t i = lanes_.size(); i-- > 0;) {
    if (!lanes_[i].occupied() || lane_info_[i].exit) continue;
    lanes_[i + 1] = lanes_[i];
    lanes_[i] = Slot{};
  }
  // A busy-until-done unit whose operation is done has already passed it to the memory stage.
}

// ---------------------------------------------------------------------------------------------
// Compares a committed instruction with the functional model executing the same instruction.
void PipelineModel::check_commit(const DynInsn& d) {
  if (!golden_ || result_.divergence) return;
  Iss& iss = *golden_;
  const Retired& r = iss.step();
  std::string problem;
  uint8_t reg = 0;
  uint32_t expected = 0, actual = 0;
  if (iss.halt() == Halt::Fault) {
    if (!d.fault || d.fault.kind != iss.fault().kind || d.pc != iss.fault().pc)
      problem = fmt::format("sequential execution faults here ({}), the pipeline does not",
                            describe(iss.fault()));
  } else if (d.fault) {
    problem = fmt::format("the pipeline faults here ({}), sequential execution does not",
                          describe(d.fault));
  } else if (r.pc != d.pc) {
    problem = fmt::format("sequential execution runs 0x{:08x} here instead", r.pc);
  } else if (d.dst != 0) {
    actual = d.kind == Unit::Load ? d.loaded : d.alu;
    expected = r.rd_value;
    if (actual != expected) {
      reg = d.insn.rd;
      problem = fmt::format("{} = 0x{:08x}, sequential execution gives 0x{:08x}",
                            isa::abi_name(reg), actual, expected);
    }
  } else if (d.kind == Unit::Store && (r.mem_addr != d.alu || r.mem_value != d.store_data)) {
    problem =
        fmt::format("stores 0x{:08x} to 0x{:08x}, sequential execution stores 0x{:08x} to 0x{:08x}",
                    d.store_data, d.alu, r.mem_value, r.mem_addr);
  }
  if (problem.empty()) {
    if (std::optional<std::string> p = check_side_effects(r)) problem = std::move(*p);
  }
  if (problem.empty()) return;
  report_mismatch(&d, reg, expected, actual, problem);
}

// The stores and guest output of the instruction the functional model just executed must be the
// next ones the pipeline performed (docs/reliability.md, "Side effects in program order").
std::optional<std::string> PipelineModel::check_side_effects(const Retired& r) {
  // Its output (an ecall's) was compared as it was written (ExpectedIo).
  std::optional<std::string> problem = std::move(golden_out_.problem);
  golden_out_.problem.reset();
  if (!problem && golden_->halt() != Halt::Fault && r.is_store)
    problem = effects_.expected(
        SideEffect::store(r.mem_addr, isa::mem_size(isa::info(r.insn.op).mem), r.mem_value));
  return problem;
}

// With interlocks a mismatch is a bug in pipesim; without them it is the run's divergence.
void PipelineModel::report_mismatch(const DynInsn* d, uint8_t reg, uint32_t expected,
                                    uint32_t actual, const std::string& problem) {
  if (cfg_.hazard_detection) {
    if (!d)
      throw std::logic_error(fmt::format(
          "pipeline model disagrees with the functional model at the end of the run (cycle {}): "
          "{}",
          cycle_, problem));
    throw std::logic_error(fmt::format(
        "pipeline model disagrees with the functional model at cycle {}, instruction #{} at pc "
        "0x{:08x} (word 0x{:08x}): {}",
        cycle_, d->seq, d->pc, d->insn.raw, problem));
  }
  result_.divergence =
      d ? Divergence{d->seq, cycle_, d->pc, d->insn.raw, reg, expected, actual, problem}
        : Divergence{0, cycle_, result_.pc, 0, 0, 0, 0, problem};
}

// ---------------------------------------------------------------------------------------------
// The cycle

void PipelineModel::retire_from_machine(DynInsn& d) {
  if (!tracing_) return;
  rec(d).last_cycle = cycle_;
  for (TraceSink* sink : sinks_) sink->on_instruction(rec(d));
}

void PipelineModel::advance() {
  // Oldest first: the last stage always empties; a stage moves on when the one ahead is free.
  bool ahead_free = true;  // is stage i + 1 vacated this cycle?
  for (uint32_t i = rules_.num_stages; i-- > 0;) {
    Slot& s = slots_[i];
    const bool last = i + 1 == rules_.num_stages;
    if (parallel_ && i == rules_.first_execute) {
      if (!ahead_free && mem_reserved_[(cycle_ + 1) % kRing] != 0)
        throw std::logic_error("parallel execute: the memory stage is not free when reserved");
      advance_lanes(ahead_free);
      continue;
    }
    if (parallel_ && i == rules_.last_decode) {
      bool issued_fastest = false;
      // Decode issues into a unit, or the issue slot is lost for a reason that reaches the
      // memory stage when an instruction of the fastest unit would have.
      const uint64_t gap = cycle_ + 1 + min_latency_;
      StallCause lost = s.cause;  // a bubble in decode passes its cause on
      bool issued = !s.occupied();
      if (s.occupied() && !holds_[i].held) {
        DynInsn& d = at(s);
        d.entered = cycle_ + 1;
        if (tracing_) {
          InsnRecord& r = rec(d);
          r.enter[i + 1] = cycle_ + 1;
          r.busy[i + 1] = d.unit_latency;
          r.unit = d.unit;
          r.unit_instance = static_cast<uint32_t>(
              std::find(unit_entries_.begin(), unit_entries_.end(), issue_lane_) -
              unit_entries_.begin() - unit_first_[d.unit]);
        }
        mem_reserved_[d.mem_entry % kRing] = d.seq + 1;
        lost = StallCause::Structural;  // unless its unit is a fastest one: the slot goes to a
                                        // multi-cycle operation
        lanes_[issue_lane_] = s;
        s = Slot{kNoSeq, StallCause::Fill};
        issued = true;
        if (d.unit_latency == min_latency_) issued_fastest = true;
      } else if (s.occupied()) {
        const Hold& h = holds_[i];
        lost = h.cause;
        ++result_.stats.stall_events[static_cast<std::size_t>(h.cause)];
        emit(Event{EventKind::Stall, h.cause, i, 0, s.seq, h.producer, h.reg, 0});
      }
      if (!issued_fastest) {
        gap_cycle_[gap % kRing] = gap;
        gap_cause_[gap % kRing] = lost;
      }
      ahead_free = issued;
      continue;
    }
    if (s.occupied()) {
      if (last) {
        DynInsn& d = at(s);
        retire_from_machine(d);
        release(s);
        s = Slot{kNoSeq, StallCause::Fill};
        ahead_free = true;
        continue;
      }
      if (ahead_free && !holds_[i].held) {
        DynInsn& d = at(s);
        d.entered = cycle_ + 1;
        if (tracing_) rec(d).enter[i + 1] = cycle_ + 1;
        slots_[i + 1] = s;
        s = Slot{kNoSeq, StallCause::Fill};
        ahead_free = true;
      } else {
        if (ahead_free) {
          // Held here: the stage ahead receives a bubble that carries the reason.
          const Hold& h = holds_[i];
          slots_[i + 1] = Slot{kNoSeq, h.cause};
          ++result_.stats.stall_events[static_cast<std::size_t>(h.cause)];
          emit(Event{EventKind::Stall, h.cause, i, 0, s.seq, h.producer, h.reg, 0});
        }
        ahead_free = false;
      }
    } else if (last || ahead_free) {
      if (!last) slots_[i + 1] = s;  // the bubble moves on like an instruction
      ahead_free = true;
    } else {
      ahead_free = false;  // stuck behind a held stage; stalls freeze everything behind them
    }
  }
  if (ahead_free) fetch_into_stage0(cycle_ + 1);
  std::fill_n(holds_.begin(), rules_.num_stages, Hold{});
}

// Every cycle the end stage either holds an instruction for its first cycle (one instruction
// executed) or a bubble, whose cause is charged one stall cycle (fill at the start).
void PipelineModel::count_end_stage() {
  const Slot& s = slots_[cfg_.end_stage];
  PipelineStats& st = result_.stats;
  if (s.occupied()) {
    if (at(s).entered != cycle_) ++st.stall_cycles[static_cast<std::size_t>(s.cause)];
  } else if (s.cause == StallCause::Fill) {
    ++st.fill_cycles;
  } else {
    ++st.stall_cycles[static_cast<std::size_t>(s.cause)];
  }
}

void PipelineModel::publish_cycle() {
  if (!tracing_) return;
  for (uint32_t i = 0; i < rules_.num_stages; ++i) {
    const Slot& s = slots_[i];
    views_[i] = SlotView{s.seq, s.occupied() ? holds_[i].cause : s.cause, holds_[i].held};
  }
  for (size_t l = 0; l < lanes_.size(); ++l)
    lane_views_[l] = SlotView{lanes_[l].seq, StallCause::Fill, lane_held_[l] != 0};
  const CycleRecord rec{cycle_, std::span<const SlotView>(views_.data(), rules_.num_stages),
                        events_, lane_views_};
  for (TraceSink* sink : sinks_) sink->on_cycle(rec);
  events_.clear();
}

MachineResult PipelineModel::run(const RunLimits& limits) {
  fetch_into_stage0(1);
  vacates_[rules_.num_stages] = true;
  while (result_.halt == Halt::None) {
    if (cycle_ >= limits.max_cycles || limits.should_stop(cycle_)) {
      result_.halt = Halt::Limit;
      result_.stopped = cycle_ < limits.max_cycles;
      break;
    }
    ++cycle_;
    wb_written_ = {};
    for (uint32_t i = rules_.num_stages; i-- > 0;) {
      if (parallel_ && i == rules_.first_execute) {
        evaluate_lanes();
        vacates_[i] = true;
        continue;
      }
      if (slots_[i].occupied()) {
        evaluate(i, at(slots_[i]));
        if (result_.halt != Halt::None) break;
      }
      vacates_[i] = !(slots_[i].occupied() && holds_[i].held) && vacates_[i + 1];
    }
    if (!pending_.empty() && result_.halt == Halt::None) retire_pending();
    count_end_stage();
    if (result_.halt != Halt::None) {
      // The run ends with this cycle: older instructions have finished, younger ones never will.
      publish_cycle();
      const uint64_t halting = slots_[cfg_.end_stage].seq;
      auto squash_at_halt = [&](Slot& s) {
        DynInsn& d = at(s);
        if (tracing_ && (d.seq > halting || !slots_[cfg_.end_stage].occupied()))
          rec(d).flushed_by = halting;
        retire_from_machine(d);
      };
      for (uint32_t i = rules_.num_stages; i-- > 0;)
        if (slots_[i].occupied()) squash_at_halt(slots_[i]);
      for (Slot& l : lanes_)
        if (l.occupied()) squash_at_halt(l);
      break;
    }
    publish_cycle();
    advance();
  }
  // A completed run has no side effect left that sequential execution did not have.
  if (golden_ && !result_.divergence && result_.halt != Halt::Limit) {
    if (std::optional<std::string> p = effects_.finish()) report_mismatch(nullptr, 0, 0, 0, *p);
  }
  result_.stats.cycles = cycle_;
  if (l1i_) result_.stats.icache = l1i_->stats();
  if (l1d_) result_.stats.dcache = l1d_->stats();
  result_.regs = state_.regs;
  if (result_.halt == Halt::Limit) result_.pc = next_commit_pc_;
  for (TraceSink* sink : sinks_) sink->on_end();
  return result_;
}

}  // namespace pipesim
