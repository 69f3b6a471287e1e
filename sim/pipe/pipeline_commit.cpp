// PipelineModel's commit (the end stage: counters, ecalls, faults, halts) and the lockstep
// check of every committed instruction against the functional model (--check).
#include "sim/pipe/pipeline.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <stdexcept>
#include <string>

#include "isa/csr.hpp"
#include "isa/semantics.hpp"
#include "sim/iss/iss.hpp"
#include "sim/machine/guest_env.hpp"

namespace pipesim {

using isa::Op;
using isa::Unit;

// A trap (an ecall, an ebreak, a fault) in the end stage sees the registers as sequential
// execution leaves them: when the end stage is before write-back, the older instructions that
// committed but have not written their register yet (in the stages between, and on a
// superscalar machine in the trap's own group) write it now, oldest first. The ecall reads its
// arguments after them, and its a0 result is not overwritten by their later write-back; if the
// run ends here, the final registers hold their results too.
void PipelineModel::write_back_older(const DynInsn& d) {
  for (uint32_t s = rules_.writeback; s-- > cfg_.end_stage;)
    for (uint32_t p = 0; p < width_; ++p) {
      const Slot& slot = slots_[s][p];
      if (!slot.occupied() || slot.seq >= d.seq) continue;
      write_early(at(slot));
    }
}

void PipelineModel::write_early(DynInsn& d) {
  if (d.fault || d.dst == 0 || d.written_early) return;
  state_.regs.write(d.insn.rd, d.kind == Unit::Load ? d.loaded : d.rd_value());
  d.written_early = true;
}

void PipelineModel::commit(uint32_t stage, DynInsn& d) {
  PipelineStats& st = result_.stats;
  std::optional<EcallResult> ecall;
  if (d.fault || (d.insn.op == Op::Ecall && !d.ecall_done) || d.insn.op == Op::Ebreak)
    write_back_older(d);
  if (!d.fault && d.insn.op == Op::Ecall && d.ecall_done) {
    ecall = EcallResult{d.ecall_exit, d.exit_code, std::nullopt};  // performed before (Ripes)
  } else if (!d.fault && d.insn.op == Op::Ecall) {
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
      // Its end-stage slot this cycle holds an instruction that never commits: the halt slot
      // of the accounting identity (stats.hpp), counted here as the run ends cycles later.
      ++st.halt_slots;
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
    } else if (!d.ecall_done) {
      // An environment call is a trap: everything fetched behind it is squashed.
      redirect(stage, d, d.pc + 4);
    }
  } else if (d.insn.op == Op::Ebreak) {
    result_.halt = Halt::Ebreak;
  } else if (d.insn.op == Op::FenceI) {
    // Zifencei: what was fetched before the fence completes may be stale code; it is refetched
    // (docs/isa.md, "Counters and fence.i").
    redirect(stage, d, d.pc + 4);
  }
  ++st.instructions;
  d.committed = true;
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
  if (cfg_.program_end == ProgramEnd::Drain && result_.halt == Halt::None &&
      runs_off_code(d.next_pc)) {
    // Ripes' convention: the program ends when it runs off its code; this was its last
    // instruction, and the run ends in the cycle it leaves the end stage.
    result_.halt = Halt::Exit;
    result_.exit_code = 0;
  }
  if (result_.halt != Halt::None) {
    result_.pc = d.pc;
    halting_seq_ = d.seq;
  }
  if (parallel_ && golden_)
    pending_.push_back(Pending{d.seq, d});  // checked in program order by retire_pending()
  else if (golden_)
    check_commit(d);
}

void PipelineModel::finish_fault(const DynInsn& d) {
  // A fault held back in parallel mode is raised after older instructions committed behind it,
  // in the end stage: those that have not written back yet write now (as for any trap).
  write_back_older(d);
  result_.halt = Halt::Fault;
  halting_seq_ = d.seq;
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
    if (slots_[p][0].occupied() && slots_[p][0].seq < seq) return true;
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

// Compares a committed instruction with the functional model executing the same instruction.
void PipelineModel::check_commit(const DynInsn& d) {
  if (!golden_ || result_.divergence) return;
  Iss& iss = *golden_;
  // A value that depends on timing comes from the pipeline: the functional model reads the
  // cycle counter the pipeline read (instret it computes itself, and is compared).
  if (isa::reads_timed_counter(d.insn)) iss.set_cycle(d.counter_cycle);
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
    actual = d.kind == Unit::Load ? d.loaded : d.rd_value();
    expected = r.rd_value;
    if (actual != expected) {
      reg = d.insn.rd;
      problem = fmt::format("{} = 0x{:08x}, sequential execution gives 0x{:08x}",
                            isa::abi_name(reg), actual, expected);
    }
  } else if (d.kind == Unit::Store && (r.mem_addr != d.mem_addr() || r.mem_value != d.store_data)) {
    problem =
        fmt::format("stores 0x{:08x} to 0x{:08x}, sequential execution stores 0x{:08x} to 0x{:08x}",
                    d.store_data, d.mem_addr(), r.mem_value, r.mem_addr);
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

}  // namespace pipesim
