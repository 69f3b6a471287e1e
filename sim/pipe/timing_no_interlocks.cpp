// Machines without interlocks on the timing model (docs/timing-model.md "Without interlocks").
// Each step names the rule of the cycle model (sim/pipe/pipeline*.cpp) it reproduces.
#include "sim/pipe/timing_no_interlocks.hpp"

#include <algorithm>

#include "isa/semantics.hpp"
#include "sim/config/forwarded_operands.hpp"
#include "sim/machine/guest_env.hpp"
#include "sim/machine/mem_access.hpp"

namespace pipesim::timing {

using isa::Op;
using isa::Unit;

// One issue slot, blocking execute, every stage one cycle (one-cycle units and memory), the
// usual order of roles with write-back last and the end stage there; branch policy not-taken,
// 1-bit or 2-bit (no prediction in decode); branches and jumps resolved from the last decode
// stage on; pipesim's ecall or one performed, without waiting, from decode on. Any
// forwarding paths, register file, `forwarded_operands`, `program_end`, `redirect_taken`.
bool no_interlocks_supported(const PipelineConfig& c) {
  if (c.kind != MachineKind::Pipelined || c.execute != ExecuteMode::Blocking ||
      c.hazard_detection || c.issue.width != 1)
    return false;
  const PipelineRules r(c);
  const uint32_t n = r.num_stages;
  if (n < 3 || n > kMaxStages || c.first_of(StageRole::Fetch) != 0 || r.last_decode >= n ||
      r.first_execute != r.last_decode + 1 || r.last_execute >= n ||
      r.first_memory != r.last_execute + 1 || r.last_memory >= n ||
      r.writeback != r.last_memory + 1 || r.writeback != n - 1 || c.end_stage != r.writeback)
    return false;
  PipelineConfig units = c;
  fill_default_units(units);
  for (const FunctionalUnit& u : units.functional_units)
    if (u.latency != r.last_execute - r.first_execute + 1) return false;
  if (memory_can_hold(c.memory)) return false;
  const BranchConfig& b = c.branches;
  if (b.policy != BranchPolicy::NotTaken && b.policy != BranchPolicy::OneBit &&
      b.policy != BranchPolicy::TwoBit)
    return false;
  for (uint32_t s : {b.resolve_stage, b.jal_stage, b.jalr_stage})
    if (s < r.last_decode || s > c.end_stage) return false;
  const uint32_t ecall = c.ecall_stage();
  if (ecall < c.end_stage && (ecall < r.last_decode || c.ecall.wait_for_writers)) return false;
  return true;
}

NoInterlocksEngine::NoInterlocksEngine(Engine& e, const Program& program)
    : e_(e), rules_(e.rules_) {
  load_program_into(state_, program);
  n_ = rules_.num_stages;
  d_ = rules_.last_decode;
  fe_ = rules_.first_execute;
  m_ = rules_.first_memory;
  end_ = rules_.end_stage;
  split_ = e.cfg_.split_phase_regfile;
  ecall_ = e.cfg_.ecall_stage() < end_ ? e.cfg_.ecall_stage() : kMaxStages;
  for (uint32_t in_decode = 0; in_decode < 2; ++in_decode)
    for (uint32_t where = 1; where < n_; ++where) {
      const uint32_t to = in_decode ? d_ : fe_;
      paths_[in_decode][where] = !rules_.any_path_from_stage(where, to)  ? kNoPath
                                 : rules_.forwards_from_stage(where, to) ? kForwards
                                                                         : kPathElsewhere;
    }
}

// The register file as a reader in `cycle` sees it: the writes of earlier cycles and, when
// `same_cycle` (decode's read of a split-phase register file), those of this cycle, which the
// older instructions in later stages do first.
[[gnu::always_inline]] inline uint32_t NoInterlocksEngine::read(uint8_t reg, uint64_t cycle,
                                                                bool same_cycle) const {
  uint32_t v = state_.regs[reg];
  if (pending_[reg] == 0) return v;
  for (uint32_t i = writes_first_; i != writes_end_; ++i) {
    const Write& w = writes_[i & kWriteMask];
    if (w.cycle > cycle || (w.cycle == cycle && !same_cycle)) break;
    if (w.reg == reg) v = w.value;
  }
  return v;
}

// Kept in (cycle, fetch order): the order PipelineModel does them in.
[[gnu::always_inline]] inline void NoInterlocksEngine::write(uint64_t cycle, uint64_t order,
                                                             uint8_t reg, uint32_t value) {
  if (reg == 0) return;
  if (writes_end_ - writes_first_ > kWriteMask) return e_.decline("too many register writes");
  ++pending_[reg];
  uint32_t i = writes_end_++;
  for (; i != writes_first_; --i) {
    const Write& w = writes_[(i - 1) & kWriteMask];
    if (w.cycle < cycle || (w.cycle == cycle && w.order < order)) break;
    writes_[i & kWriteMask] = w;
  }
  writes_[i & kWriteMask] = Write{cycle, order, reg, value};
}

// Every later reader reads in `cycle` or after: the writes of earlier cycles go into the file.
[[gnu::always_inline]] inline void NoInterlocksEngine::settle(uint64_t cycle) {
  for (; writes_first_ != writes_end_; ++writes_first_) {
    const Write& w = writes_[writes_first_ & kWriteMask];
    if (w.cycle >= cycle) return;
    state_.regs.write(w.reg, w.value);
    --pending_[w.reg];
  }
}

// PipelineModel::operand: the nearest older instruction in a later stage that writes `reg`
// and whose latch has some path into `stage` decides; it supplies its latch's value (a load's
// address before its last memory stage) if that path is there, else the register-file read
// stands. The youngest writer fetched decides at once when it is still there with a path; else
// the older ones are looked at. (`count_` - 1 is the consumer itself.)
[[gnu::always_inline]] inline uint32_t NoInterlocksEngine::operand(uint8_t reg, uint32_t read_value,
                                                                   uint32_t stage, uint64_t cycle,
                                                                   uint32_t& forwards) const {
  const uint8_t* paths = paths_[stage == d_].data();
  const auto supply = [&](const Flight& p, uint64_t where) {
    if (paths[where] == kPathElsewhere) return read_value;
    ++forwards;
    if (!p.load) return p.result;
    return where - 1 >= rules_.last_memory ? p.loaded : p.result;
  };
  const uint64_t youngest = writer_[reg];
  if (youngest == 0 || count_ - youngest > kMask) return read_value;  // none, or long gone
  const Flight& y = flights_[(youngest - 1) & kMask];
  if (cycle - y.f >= n_) return read_value;  // it and every older one have left
  if (y.gone > cycle && paths[cycle - y.f] != kNoPath) return supply(y, cycle - y.f);
  for (uint64_t k = youngest - 1; k > 0; --k) {
    const Flight& p = flights_[(k - 1) & kMask];
    const uint64_t where = cycle - p.f;
    if (where >= n_) break;
    if (p.gone <= cycle || p.dst != reg || paths[where] == kNoPath) continue;
    return supply(p, where);
  }
  return read_value;
}

// PipelineModel::trap_ahead, for the store in the memory stage in `cycle`.
bool NoInterlocksEngine::trap_ahead(uint64_t cycle) const {
  for (uint64_t k = count_ - 1; k > 0; --k) {
    const Flight& p = flights_[(k - 1) & kMask];
    const uint64_t where = cycle - p.f;
    if (where >= end_) break;
    if (where <= m_ || p.gone <= cycle) continue;
    if (p.fault_at <= cycle || cycle < p.trap_until) return true;
  }
  return false;
}

// What an ecall performed in `cycle` before the end stage reads: the file as it is before this
// cycle's write-back (PipelineModel::early_ecall).
RegFile NoInterlocksEngine::registers_before(uint64_t cycle) const {
  RegFile regs = state_.regs;
  for (uint32_t i = writes_first_; i != writes_end_; ++i) {
    const Write& w = writes_[i & kWriteMask];
    if (w.cycle >= cycle) break;
    regs.write(w.reg, w.value);
  }
  return regs;
}

// Stores of older instructions done in the memory stage after `cycle` (an ecall performed in
// an earlier stage reads memory before them): taken back (youngest first) or, with `redo`,
// done again. Returns whether there were any.
bool NoInterlocksEngine::take_back_stores(uint64_t cycle, bool redo) {
  bool any = false;
  for (uint32_t k = stores_count_; k-- > 0;) {
    const uint32_t i = redo ? stores_count_ - 1 - k : k;
    const Store& s = stores_[i];
    if (s.cycle <= cycle) continue;
    any = true;
    state_.mem.store(s.addr, s.size, redo ? s.value : s.old);
  }
  return any;
}

// A flush in cycle `at` by the instruction being run: the younger ones, fetched up to `at`,
// are run only up to it. A flush decided later than one already pending cannot happen (its
// instruction is gone by then): run() never asks for one.
void NoInterlocksEngine::push_kill(uint64_t at, uint32_t pc, bool stop) {
  if (kills_count_ == kills_.size()) return e_.decline("too many flushes pending");
  kills_[kills_count_++] = Kill{at, pc, stop};
}

std::optional<MachineResult> NoInterlocksEngine::run(HostIo& io, const RunLimits& limits) {
  PipelineStats& st = e_.st_;
  const PipelineConfig& cfg = e_.cfg_;
  const bool redirect_taken = cfg.branches.redirect_taken;
  const Misaligned misaligned = cfg.memory.misaligned;
  uint64_t f = 1;  // the cycle the next instruction is fetched for
  uint32_t fetch_pc = state_.pc;
  bool fetching = true;
  // How the run ends, once known: in cycle halt_at, by the instruction at halt_pc.
  uint64_t halt_at = kNever;
  Halt halt = Halt::None;
  Fault halt_fault;
  int halt_code = 0;
  uint32_t halt_pc = 0;
  uint32_t next_commit_pc = state_.pc;
  uint64_t last_commit = 0;  // the end-stage cycle of the last committed instruction
  for (;;) {
    // Flushes whose cycle has passed: fetch restarts where the flushing instruction sends it
    // (or stays stopped until an older flush).
    while (kills_count_ > 0 && (!fetching || f > kills_[kills_count_ - 1].at)) {
      const Kill k = kills_[--kills_count_];
      f = std::max(f, k.at + 1);
      fetch_pc = k.pc;
      fetching = !k.stop;
    }
    if (!fetching || f > halt_at) break;  // (fetch fills stage 0 for the last cycle too)
    if (f > limits.max_cycles) {
      e_.decline("the cycle limit");
      return std::nullopt;
    }
    // The instruction fetched for cycle f, run until it is flushed or the run ends. (A flush
    // in the cycle the run ends is the halting instruction's own: a trap or the drain.)
    const bool flushed = kills_count_ > 0 && kills_[kills_count_ - 1].at <= halt_at;
    const uint64_t cut = flushed ? kills_[kills_count_ - 1].at : halt_at;
    const uint32_t pc = fetch_pc;
    const Fetched& in = e_.fetch(pc, state_.mem);
    if (!e_.ok_) return std::nullopt;
    const uint64_t order = count_;
    Flight& me = flights_[count_++ & kMask];
    me = Flight{};
    me.f = f;
    me.gone = std::min(cut, f + n_);
    me.dst = in.dst;
    me.load = in.kind == Unit::Load;
    ++st.fetched;
    if (flushed) ++st.flushed;
    // The predictor as fetch sees it for cycle f: trained by the branches resolved before f, in
    // cycle order (Engine::predict; the updates wait in Engine::queue_update).
    const uint32_t predicted = e_.predict(pc, me.f);
    fetch_pc = predicted;
    ++f;
    settle(me.f + d_);  // every later reader reads in decode or after
    while (stores_count_ > 0 && stores_[0].cycle <= me.f + d_) {
      std::copy(stores_.begin() + 1, stores_.begin() + stores_count_, stores_.begin());
      --stores_count_;
    }

    Fault fault;
    if (in.fault) {
      fault = fetch_and_decode(e_.decode_cache_, state_.mem, pc).fault;
      me.fault_at = me.f;
    }
    const Op op = in.insn.op;
    if (op == Op::Ebreak || (op == Op::Ecall && ecall_ >= n_)) me.trap_until = kNever;
    if (op == Op::Ecall && ecall_ < n_) me.trap_until = me.f + ecall_;
    uint32_t rs2 = 0, next_pc = pc + 4, forwards = 0;
    bool executed = false, mispredicted = false, ecall_done = false, ecall_exit = false;
    int exit_code = 0;
    // Stage s does its work if the instruction is still there: s < stages. PipelineModel's
    // order within an instruction (decode, execute, then the resolve stage, the memory stage
    // or the ecall's, then the end stage) is the order of the stages; the three in the middle
    // are of different instructions.
    const uint64_t stages = std::min<uint64_t>(end_ + 1, cut - me.f);
    const uint32_t operand_stage = in.in_decode ? d_ : fe_;
    if (operand_stage < stages && !fault) {
      // PipelineModel::decode_stage reads the register file (no hazard unit); execute, with
      // the forwarding unit's operands, in the operand stage.
      if (isa::is_csr(op) || op == Op::FenceI) {
        e_.decline("a CSR access or fence.i");
        return std::nullopt;
      }
      const uint64_t read_at = me.f + d_, c = me.f + operand_stage;
      uint32_t a = 0;
      if (in.src[0] != 0) {
        a = read(in.src[0], read_at, split_);
        if (forwards_rs1(cfg.forwarded_operands, in.kind))
          a = operand(in.src[0], a, operand_stage, c, forwards);
      }
      if (in.src[1] != 0) {
        rs2 = read(in.src[1], read_at, split_);
        if (forwards_rs2(cfg.forwarded_operands, in.kind))
          rs2 = operand(in.src[1], rs2, operand_stage, c, forwards);
      }
      const uint32_t b =
          isa::operand_b_is_rs2(in.insn.fmt()) ? rs2 : static_cast<uint32_t>(in.insn.imm);
      me.result = isa::compute(in.insn, a, b, pc);
      if (in.kind == Unit::Jump || (in.kind == Unit::Branch && me.result))
        next_pc = isa::jump_target(in.insn, a, pc);
      executed = true;
    }
    if (is_control(in.kind) && rules_.resolve_stage(op) < stages && !fault &&
        (executed || op == Op::Jal)) {
      // PipelineModel::resolve (a jal's target is known without executing).
      const uint64_t r = me.f + rules_.resolve_stage(op);
      if (op == Op::Jal) next_pc = pc + static_cast<uint32_t>(in.insn.imm);
      if (next_pc & 3) {
        fault = Fault{FaultKind::FetchMisaligned, pc, in.insn.raw, next_pc};
        me.fault_at = r;
        push_kill(r, 0, true);
      } else {
        e_.queue_update(r, pc, in.kind == Unit::Jump, next_pc);
        if (next_pc != predicted || (redirect_taken && (in.kind == Unit::Jump || me.result != 0))) {
          mispredicted = true;
          push_kill(r, next_pc, false);
        }
      }
    }
    if (!fault && isa::info(op).mem != isa::Mem::None && m_ < stages) {
      // PipelineModel::memory_access in the first memory stage.
      const uint64_t c = me.f + m_;
      const isa::OpInfo& row = isa::info(op);
      const uint32_t addr = me.result, size = isa::mem_size(row.mem);
      if (row.unit == Unit::Load) {
        const LoadResult r = guest_load(state_.mem, row.mem, addr, misaligned);
        if (r.fault != FaultKind::None) {
          fault = Fault{r.fault, pc, in.insn.raw, addr};
          me.fault_at = c;
        }
        me.loaded = r.value;
      } else if (!trap_ahead(c)) {
        // A store into the code would change what fetch sees: the cycle model has that.
        if (e_.in_code(addr, size)) {
          e_.decline("a store into the code pages");
          return std::nullopt;
        }
        const uint32_t old = state_.mem.load(addr, size).value_or(0);
        const FaultKind k = guest_store(state_.mem, row.mem, addr, rs2, misaligned);
        if (k != FaultKind::None) {
          fault = Fault{k, pc, in.insn.raw, addr};
          me.fault_at = c;
        } else if (ecall_ < m_) {
          if (stores_count_ == stores_.size()) {
            e_.decline("too many stores ahead of an ecall");
            return std::nullopt;
          }
          stores_[stores_count_++] = Store{c, addr, size, old, rs2};
        }
      }
    }
    if (op == Op::Ecall && !fault && ecall_ < stages) {
      // PipelineModel::early_ecall (Ripes): the call, in its stage, on the registers before
      // that cycle's write-back and the memory before the stores still ahead of it.
      const uint64_t c = me.f + ecall_;
      const bool taken_back = stores_count_ > 0 && take_back_stores(c, false);
      const EcallResult r = do_ecall(registers_before(c), state_.mem, held_);
      if (taken_back) take_back_stores(c, true);
      if (held_.overflowed()) e_.decline("more guest output than is held back");
      ecall_done = true;
      me.trap_until = c;
      if (r.fault != FaultKind::None) {
        fault = Fault{r.fault, pc, in.insn.raw, r.fault_addr};
        me.fault_at = c;
        push_kill(c, 0, true);
      } else {
        if (r.a0) write(c, order, 10, *r.a0);
        ecall_exit = r.exit;
        exit_code = r.exit_code;
        if (r.exit)
          push_kill(c, 0, true);
        else if (cfg.ecall.flush)
          push_kill(c, pc + 4, false);
      }
    }
    if (end_ < stages) {
      // PipelineModel::commit, then the write-back in the same stage.
      const uint64_t c = me.f + end_;
      Halt ends = Halt::None;
      if (!fault && op == Op::Ecall && ecall_done) {
        if (ecall_exit) ends = Halt::Exit;
      } else if (!fault && op == Op::Ecall) {
        const EcallResult r = do_ecall(registers_before(c + 1), state_.mem, held_);
        if (held_.overflowed()) e_.decline("more guest output than is held back");
        if (r.fault != FaultKind::None) {
          fault = Fault{r.fault, pc, in.insn.raw, r.fault_addr};
        } else {
          if (r.a0) write(c, order, 10, *r.a0);
          exit_code = r.exit_code;
          if (r.exit)
            ends = Halt::Exit;
          else
            push_kill(c, pc + 4, false);  // a trap: everything behind it is flushed
        }
      }
      if (fault) {
        halt_at = c;
        halt = Halt::Fault;
        halt_fault = fault;
      } else {
        if (op == Op::Ebreak) ends = Halt::Ebreak;
        ++st.instructions;
        if (in.kind == Unit::Branch) {
          ++st.branches;
          if (next_pc != pc + 4) ++st.taken_branches;
        }
        if (in.kind == Unit::Jump) ++st.jumps;
        if (mispredicted) ++st.mispredictions;
        st.forwards += forwards;
        next_commit_pc = next_pc;
        last_commit = c;
        if (ends == Halt::None && e_.runs_off_code(next_pc, state_.mem)) {
          ends = Halt::Exit;  // program_end: drain (exit code 0)
          exit_code = 0;
        }
        if (in.dst != 0) write(c, order, in.dst, me.load ? me.loaded : me.result);  // write-back
        if (ends != Halt::None) {
          halt_at = c;
          halt = ends;
          halt_code = exit_code;
          halt_pc = pc;
        }
      }
    }
    if (in.dst != 0) writer_[in.dst] = count_;
    if (!e_.ok_) return std::nullopt;
    if (halt_at == kNever && (count_ & (RunLimits::kStopCheckCycles - 1)) == 0) {
      if (limits.progress) limits.progress->store(last_commit, std::memory_order_relaxed);
      if (limits.stop && limits.stop->load(std::memory_order_relaxed)) {
        // Ends as of the last committed instruction: its writes are done, younger ones' not.
        halt_at = last_commit;
        halt = Halt::Limit;
        halt_pc = next_commit_pc;
        break;
      }
    }
  }
  if (halt_at == kNever) {
    e_.decline("the run stopped fetching without an end");
    return std::nullopt;
  }
  if (halt_at > limits.max_cycles) {
    e_.decline("the cycle limit");
    return std::nullopt;
  }
  settle(halt_at + 1);
  MachineResult result = halt == Halt::Fault   ? e_.faulted(halt_at, halt_fault)
                         : halt == Halt::Limit ? e_.stopped(halt_at, halt_pc)
                                               : e_.ended(halt_at, halt, halt_code, halt_pc);
  held_.release(io);
  result.regs = state_.regs;
  return result;
}

}  // namespace pipesim::timing
