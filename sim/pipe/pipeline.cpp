#include "sim/pipe/pipeline.hpp"

#include <fmt/format.h>

#include <optional>
#include <stdexcept>

#include "isa/error.hpp"
#include "isa/semantics.hpp"
#include "sim/guest_env.hpp"
#include "sim/iss/iss.hpp"
#include "sim/mem_access.hpp"

namespace pipesim {

using isa::Fmt;
using isa::Op;
using isa::Unit;

namespace {

bool writes_reg(const DynInsn& p, unsigned reg) {
  return reg != 0 && isa::writes_rd(p.insn.fmt()) && p.insn.rd == reg;
}
bool is_control(const isa::Insn& in) {
  return in.unit() == Unit::Branch || in.unit() == Unit::Jump;
}
unsigned predictor_bits(BranchPolicy p) {
  return p == BranchPolicy::OneBit ? 1 : p == BranchPolicy::TwoBit ? 2 : 0;
}

}  // namespace

PipelineModel::PipelineModel(const PipelineConfig& config, const Program& program, HostIo& io,
                             std::span<TraceSink* const> sinks, bool check)
    : cfg_(config),
      io_(io),
      sinks_(sinks.begin(), sinks.end()),
      tracing_(!sinks.empty()),
      icache_(program),
      predictor_(predictor_bits(config.branches.policy), config.branches.bht_entries,
                 config.branches.btb_entries, config.branches.bht_initial),
      num_stages_(static_cast<uint32_t>(config.stages.size())) {
  if (num_stages_ == 0 || num_stages_ > kMaxStages)
    throw Error(fmt::format("config '{}': a pipeline has 1 to {} stages", config.name, kMaxStages));
  last_decode_ = cfg_.last_of(StageRole::Decode);
  first_execute_ = cfg_.first_of(StageRole::Execute);
  last_execute_ = cfg_.last_of(StageRole::Execute);
  first_memory_ = cfg_.first_of(StageRole::Memory);
  last_memory_ = cfg_.last_of(StageRole::Memory);
  wb_stage_ = cfg_.first_of(StageRole::Writeback);
  load_program_into(state_, program);
  fetch_pc_ = state_.pc;
  if (check) golden_ = std::make_unique<Iss>(program, null_io_);
  events_.reserve(64);
  result_.stats.clock_period_ps = cfg_.clock_period_ps();
}

PipelineModel::~PipelineModel() = default;

// ---------------------------------------------------------------------------------------------
// Fetch

void PipelineModel::fetch_into_stage0(uint64_t enter_cycle) {
  Slot& s = slots_[0];
  if (fetch_blocked_by_ != kNoSeq || fetch_stopped_) {
    s = Slot{kNoSeq, StallCause::Control};
    return;
  }
  const uint64_t seq = next_seq_++;
  DynInsn& d = insn(seq);
  d = DynInsn{};
  d.seq = seq;
  d.pc = fetch_pc_;
  if (d.pc & 3) {
    d.fault = Fault{FaultKind::FetchMisaligned, d.pc, 0, d.pc};
  } else if (const isa::Insn* in = icache_.fetch(state_.mem, d.pc)) {
    d.insn = *in;
    if (in->op == Op::Illegal) d.fault = Fault{FaultKind::IllegalInstruction, d.pc, in->raw, 0};
  } else {
    d.fault = Fault{FaultKind::FetchAccess, d.pc, 0, d.pc};
  }
  // Branches and jumps consume their operands where they are decided if that is decode;
  // everything else in the first execute stage.
  const BranchConfig& b = cfg_.branches;
  d.operand_stage = first_execute_;
  if ((d.insn.unit() == Unit::Branch && b.resolve_stage <= last_decode_) ||
      (d.insn.op == Op::Jalr && b.jalr_stage <= last_decode_))
    d.operand_stage = last_decode_;
  d.result_stage = d.insn.unit() == Unit::Load ? last_memory_ : last_execute_;
  d.pred_next = predictor_.predict(d.pc);
  if (b.policy == BranchPolicy::Stall && is_control(d.insn)) fetch_blocked_by_ = seq;
  fetch_pc_ = d.pred_next;
  d.record.seq = seq;
  d.record.pc = d.pc;
  d.record.word = d.insn.raw;
  d.record.op = d.insn.op;
  d.record.enter[0] = enter_cycle;
  ++result_.stats.fetched;
  s = Slot{seq, StallCause::Fill};
}

// ---------------------------------------------------------------------------------------------
// Stage evaluation

void PipelineModel::evaluate(uint32_t stage, DynInsn& d) {
  const bool first_cycle = d.record.enter[stage] == cycle_;
  const StageRole role = cfg_.stages[stage].role;
  if (stage == last_decode_) decode_stage(stage, d);
  if (stage == first_execute_ && first_cycle && !d.executed) execute(stage, d);
  if (stage == first_memory_ && first_cycle) memory_access(d);
  if (!d.resolved && first_cycle && role != StageRole::Decode) resolve(stage, d);
  if (stage == cfg_.end_stage && first_cycle) {
    commit(stage, d);
    if (result_.halt != Halt::None) return;
  }
  if (stage == wb_stage_ && first_cycle) writeback(d);
}

void PipelineModel::decode_stage(uint32_t stage, DynInsn& d) {
  const Fmt f = d.insn.fmt();
  // The register file is read every cycle the instruction sits in decode; the last read counts.
  if (isa::reads_rs1(f)) d.rs1_read = read_register(d.insn.rs1);
  if (isa::reads_rs2(f)) d.rs2_read = read_register(d.insn.rs2);

  const bool first_cycle = d.record.enter[stage] == cycle_;
  const BranchConfig& b = cfg_.branches;
  // Static prediction needs the target, which the decode stage computes.
  if (first_cycle && d.insn.unit() == Unit::Branch && b.resolve_stage > stage &&
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
  if (d.operand_stage == stage && !d.executed) execute(stage, d);
  if (!d.resolved) resolve(stage, d);
}

// Can `d`, in the last decode stage this cycle, have every source operand by the time it
// consumes it (this cycle if it consumes them in decode, next cycle in execute)?
PipelineModel::Hold PipelineModel::find_data_hazard(uint32_t stage, const DynInsn& d) const {
  const Fmt f = d.insn.fmt();
  const unsigned sources[2] = {isa::reads_rs1(f) ? d.insn.rs1 : 0u,
                               isa::reads_rs2(f) ? d.insn.rs2 : 0u};
  const uint32_t k = d.operand_stage - stage;  // cycles until the operands are consumed
  for (unsigned reg : sources) {
    if (reg == 0) continue;  // x0 is a constant, never a dependence
    // The producer is the youngest older instruction that writes reg: the nearest one ahead.
    for (uint32_t p = stage + 1; p < num_stages_; ++p) {
      if (!slots_[p].occupied()) continue;
      const DynInsn& prod = pool_[slots_[p].seq % pool_.size()];
      if (!writes_reg(prod, reg)) continue;
      if (p > wb_stage_) break;  // already written: the register file has it
      if (p == wb_stage_ && cfg_.split_phase_regfile) break;  // written in this cycle's 1st half
      // Otherwise the value must come over a forwarding path when it is consumed: then the
      // producer is in stage q and its value sits in the latch at the end of stage q - 1.
      const uint32_t q = p + k;
      const bool forwardable =
          q < num_stages_ && q - 1 >= prod.result_stage && cfg_.forwards(q - 1, d.operand_stage);
      if (forwardable) break;
      const StallCause cause =
          prod.insn.unit() == Unit::Load ? StallCause::LoadUse : StallCause::Raw;
      return Hold{true, cause, prod.seq, static_cast<uint8_t>(reg)};
    }
  }
  return Hold{};
}

uint32_t PipelineModel::read_register(unsigned reg) const {
  // Without a split-phase register file, decode reads before this cycle's write lands.
  if (!cfg_.split_phase_regfile && reg != 0 && reg == wb_written_.reg) return wb_written_.old;
  return state_.regs[reg];
}

// The value a producer's pipeline register holds at the end of `end_of_stage`: what the
// forwarding multiplexer really sees (for a load before its last memory stage: the address).
uint32_t PipelineModel::latch_value(const DynInsn& p, uint32_t end_of_stage) const {
  if (p.insn.unit() == Unit::Load && end_of_stage >= last_memory_) return p.loaded;
  return p.alu;
}

// The forwarding unit: the nearest older instruction writing `reg` whose latch has a path into
// the consumer's stage supplies the value; otherwise the register-file read stands.
uint32_t PipelineModel::operand(uint32_t consumer_stage, DynInsn& d, unsigned reg,
                                uint32_t read_value) {
  if (reg == 0) return 0;
  for (uint32_t p = consumer_stage + 1; p < num_stages_; ++p) {
    if (!slots_[p].occupied()) continue;
    const DynInsn& prod = insn(slots_[p].seq);
    if (!writes_reg(prod, reg) || !cfg_.forwards(p - 1, consumer_stage)) continue;
    ++d.forwards;
    emit(Event{EventKind::Forward, StallCause::Fill, consumer_stage, p - 1, d.seq, prod.seq,
               static_cast<uint8_t>(reg), 0});
    return latch_value(prod, p - 1);
  }
  return read_value;
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
  if (in.unit() == Unit::Jump || (in.unit() == Unit::Branch && d.alu))
    d.next_pc = isa::jump_target(in, a, d.pc);
  d.executed = true;
}

void PipelineModel::memory_access(DynInsn& d) {
  const isa::OpInfo& row = isa::info(d.insn.op);
  if (d.fault || row.mem == isa::Mem::None) return;
  if (row.unit == Unit::Load) {
    const LoadResult r = guest_load(state_.mem, row.mem, d.alu);
    if (r.fault != FaultKind::None) d.fault = Fault{r.fault, d.pc, d.insn.raw, d.alu};
    d.loaded = r.value;
  } else {
    const FaultKind f = guest_store(state_.mem, row.mem, d.alu, d.store_data);
    if (f != FaultKind::None) {
      d.fault = Fault{f, d.pc, d.insn.raw, d.alu};
    } else {
      icache_.invalidate(d.alu, isa::mem_size(row.mem));
    }
  }
}

// Decides a branch or jump where the config says its outcome is known, and repairs fetch if
// the prediction made at fetch (or decode) was wrong.
void PipelineModel::resolve(uint32_t stage, DynInsn& d) {
  const isa::Insn& in = d.insn;
  const BranchConfig& b = cfg_.branches;
  uint32_t actual = 0;
  if (in.op == Op::Jal && stage == b.jal_stage) {
    actual = d.pc + static_cast<uint32_t>(in.imm);
  } else if (in.op == Op::Jalr && stage == b.jalr_stage && d.executed) {
    actual = d.next_pc;
  } else if (in.unit() == Unit::Branch && stage == b.resolve_stage && d.executed) {
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
    fetch_stopped_ = true;
    return;
  }
  predictor_.update(d.pc, in.unit() == Unit::Jump, actual != d.pc + 4, actual);
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

void PipelineModel::flush_younger(uint32_t stage, uint64_t by_seq) {
  for (uint32_t j = 0; j < stage; ++j) {
    Slot& s = slots_[j];
    if (s.occupied()) {
      DynInsn& y = insn(s.seq);
      y.record.flushed_by = by_seq;
      y.record.last_cycle = cycle_;
      if (fetch_blocked_by_ == y.seq) fetch_blocked_by_ = kNoSeq;
      ++result_.stats.flushed;
      emit(Event{EventKind::Flush, StallCause::Control, j, 0, y.seq, by_seq, 0, 0});
      for (TraceSink* sink : sinks_) sink->on_instruction(y.record);
    }
    // Everything younger than a redirect is a slot lost to control flow.
    s = Slot{kNoSeq, StallCause::Control};
    holds_[j] = Hold{};
  }
}

void PipelineModel::commit(uint32_t stage, DynInsn& d) {
  PipelineStats& st = result_.stats;
  std::optional<EcallResult> ecall;
  if (!d.fault && d.insn.op == Op::Ecall) {
    ecall = do_ecall(state_.regs, state_.mem, io_);
    if (ecall->unsupported)
      d.fault = Fault{FaultKind::UnsupportedSyscall, d.pc, d.insn.raw, state_.regs[17]};
  }
  if (d.fault) {
    result_.halt = Halt::Fault;
    result_.fault = d.fault;
    result_.pc = d.pc;
    check_commit(d);
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
  if (d.insn.unit() == Unit::Branch) {
    ++st.branches;
    if (d.next_pc != d.pc + 4) ++st.taken_branches;
  }
  if (d.insn.unit() == Unit::Jump) ++st.jumps;
  if (d.mispredicted) ++st.mispredictions;
  st.forwards += d.forwards;
  d.record.committed = true;
  emit(Event{EventKind::Commit, StallCause::Fill, stage, 0, d.seq, kNoSeq, 0, 0});
  if (result_.halt != Halt::None) result_.pc = d.pc;
  check_commit(d);
}

void PipelineModel::writeback(DynInsn& d) {
  wb_written_ = {};
  if (d.fault || !isa::writes_rd(d.insn.fmt()) || d.insn.rd == 0) return;
  const uint32_t value = d.insn.unit() == Unit::Load ? d.loaded : d.alu;
  wb_written_ = {d.insn.rd, state_.regs[d.insn.rd]};
  state_.regs.write(d.insn.rd, value);
}

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
  } else if (isa::writes_rd(d.insn.fmt()) && d.insn.rd != 0) {
    actual = d.insn.unit() == Unit::Load ? d.loaded : d.alu;
    expected = r.rd_value;
    if (actual != expected) {
      reg = d.insn.rd;
      problem = fmt::format("{} = 0x{:08x}, sequential execution gives 0x{:08x}",
                            isa::abi_name(reg), actual, expected);
    }
  } else if (d.insn.unit() == Unit::Store && (r.mem_addr != d.alu || r.mem_value != d.store_data)) {
    problem =
        fmt::format("stores 0x{:08x} to 0x{:08x}, sequential execution stores 0x{:08x} to 0x{:08x}",
                    d.store_data, d.alu, r.mem_value, r.mem_addr);
  }
  if (problem.empty()) return;
  if (cfg_.hazard_detection) {
    throw std::logic_error(fmt::format(
        "pipeline model disagrees with the functional model at cycle {}, instruction #{} at pc "
        "0x{:08x} (word 0x{:08x}): {}",
        cycle_, d.seq, d.pc, d.insn.raw, problem));
  }
  result_.divergence = Divergence{d.seq, cycle_, d.pc, d.insn.raw, reg, expected, actual, problem};
}

// ---------------------------------------------------------------------------------------------
// The cycle

void PipelineModel::retire_from_machine(DynInsn& d) {
  d.record.last_cycle = cycle_;
  for (TraceSink* sink : sinks_) sink->on_instruction(d.record);
}

void PipelineModel::advance() {
  // Oldest first: the last stage always empties; a stage moves on when the one ahead is free.
  bool ahead_free = true;  // is stage i + 1 vacated this cycle?
  for (uint32_t i = num_stages_; i-- > 0;) {
    Slot& s = slots_[i];
    const bool last = i + 1 == num_stages_;
    if (s.occupied()) {
      if (last) {
        retire_from_machine(insn(s.seq));
        s = Slot{kNoSeq, StallCause::Fill};
        ahead_free = true;
        continue;
      }
      if (ahead_free && !holds_[i].held) {
        DynInsn& d = insn(s.seq);
        d.record.enter[i + 1] = cycle_ + 1;
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
  holds_ = {};
}

// Every cycle the end stage either holds an instruction for its first cycle (one instruction
// executed) or a bubble, whose cause is charged one stall cycle (fill at the start).
void PipelineModel::count_end_stage() {
  const Slot& s = slots_[cfg_.end_stage];
  PipelineStats& st = result_.stats;
  if (s.occupied()) {
    if (insn(s.seq).record.enter[cfg_.end_stage] != cycle_)
      ++st.stall_cycles[static_cast<std::size_t>(s.cause)];
  } else if (s.cause == StallCause::Fill) {
    ++st.fill_cycles;
  } else {
    ++st.stall_cycles[static_cast<std::size_t>(s.cause)];
  }
}

void PipelineModel::publish_cycle() {
  if (!tracing_) return;
  for (uint32_t i = 0; i < num_stages_; ++i) {
    const Slot& s = slots_[i];
    views_[i] = SlotView{s.seq, s.occupied() ? holds_[i].cause : s.cause, holds_[i].held};
  }
  const CycleRecord rec{cycle_, std::span<const SlotView>(views_.data(), num_stages_), events_, {}};
  for (TraceSink* sink : sinks_) sink->on_cycle(rec);
  events_.clear();
}

MachineResult PipelineModel::run(const RunLimits& limits) {
  fetch_into_stage0(1);
  while (result_.halt == Halt::None) {
    if (cycle_ >= limits.max_cycles || limits.should_stop(cycle_)) {
      result_.halt = Halt::Limit;
      result_.stopped = cycle_ < limits.max_cycles;
      break;
    }
    ++cycle_;
    wb_written_ = {};
    for (uint32_t i = num_stages_; i-- > 0;) {
      if (!slots_[i].occupied()) continue;
      evaluate(i, insn(slots_[i].seq));
      if (result_.halt != Halt::None) break;
    }
    count_end_stage();
    if (result_.halt != Halt::None) {
      // The run ends with this cycle: older instructions have finished, younger ones never will.
      publish_cycle();
      for (uint32_t i = num_stages_; i-- > 0;) {
        if (!slots_[i].occupied()) continue;
        DynInsn& d = insn(slots_[i].seq);
        if (i < cfg_.end_stage) d.record.flushed_by = insn(slots_[cfg_.end_stage].seq).seq;
        retire_from_machine(d);
      }
      break;
    }
    publish_cycle();
    advance();
  }
  result_.stats.cycles = cycle_;
  result_.regs = state_.regs;
  if (result_.halt == Halt::Limit) result_.pc = fetch_pc_;
  for (TraceSink* sink : sinks_) sink->on_end();
  return result_;
}

}  // namespace pipesim
