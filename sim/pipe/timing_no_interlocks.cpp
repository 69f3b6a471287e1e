// Machines without interlocks on the timing model (docs/timing-model.md "Without interlocks").
// Each step names the rule of the cycle model (sim/pipe/pipeline*.cpp) it reproduces.
#include "sim/pipe/timing_no_interlocks.hpp"

#include <algorithm>

#include "isa/semantics.hpp"
#include "sim/machine/guest_env.hpp"
#include "sim/machine/mem_access.hpp"

namespace pipesim::timing {

using isa::Op;
using isa::Unit;

NoInterlocksEngine::NoInterlocksEngine(Engine& e, const Program& program)
    : e_(e), rules_(e.rules_) {
  load_program_into(state_, program);
  n_ = rules_.num_stages;
  d_ = rules_.last_decode;
  fe_ = rules_.first_execute;
  m_ = rules_.first_memory;
  end_ = rules_.end_stage;
  split_ = e.cfg_.split_phase_regfile;
  forwarded_ = e.cfg_.forwarded_operands;
  misaligned_ = e.cfg_.memory.misaligned;
  redirect_taken_ = e.cfg_.branches.redirect_taken;
  last_memory_ = rules_.last_memory;
  ecall_ = e.cfg_.ecall_stage() < end_ ? e.cfg_.ecall_stage() : kMaxStages;
  statics_.resize(e.fetch_cache_.size());
  writer_.fill(kNoWriter);
  for (uint32_t in_decode = 0; in_decode < 2; ++in_decode)
    for (uint32_t where = 1; where < n_; ++where) {
      const uint32_t to = in_decode ? d_ : fe_;
      paths_[in_decode][where] = !rules_.any_path_from_stage(where, to)  ? kNoPath
                                 : rules_.forwards_from_stage(where, to) ? kForwards
                                                                         : kPathElsewhere;
    }
}

// Engine::fetch, with the instruction's Static (kept for the pcs Engine keeps its answer for,
// whose Fetched stays where it is); null when fetch declines the run (only a new pc can).
[[gnu::always_inline]] inline const NoInterlocksEngine::Static* NoInterlocksEngine::look_up(
    uint32_t pc) {
  const uint32_t offset = pc - e_.code_base_;
  Static* st = &scratch_;
  if (offset < e_.code_size_ && (pc & 3) == 0) [[likely]] {
    st = &statics_[offset >> 2];
    if (st->in != nullptr) [[likely]]
      return st;
  }
  *st = describe(e_.fetch(pc, state_.mem));
  return e_.ok_ ? st : nullptr;
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

// write() for a write-back in the end stage of a register other than x0: later than every
// write kept (the older instructions' write-backs and ecalls are in earlier cycles, the younger
// ones have not run yet), so it goes last without looking.
[[gnu::always_inline]] inline void NoInterlocksEngine::write_back(uint64_t cycle, uint64_t order,
                                                                  uint8_t reg, uint32_t value) {
  if (writes_end_ - writes_first_ > kWriteMask) return e_.decline("too many register writes");
  ++pending_[reg];
  writes_[writes_end_++ & kWriteMask] = Write{cycle, order, reg, value};
}

// Every later reader reads in `cycle` or after: the writes of earlier cycles go into the file.
[[gnu::always_inline]] inline void NoInterlocksEngine::settle(uint64_t cycle) {
  for (; writes_first_ != writes_end_; ++writes_first_) {
    const Write& w = writes_[writes_first_ & kWriteMask];
    if (w.cycle >= cycle) return;
    state_.regs.x[w.reg] = w.value;  // (never x0: write() leaves it out)
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
    return where - 1 >= last_memory_ ? p.loaded : p.result;
  };
  const uint64_t youngest = writer_[reg];
  if (count_ - youngest > kMask) return read_value;  // none, or long gone
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

// The stages' work is inlined into run(): as calls they cost a quarter more host instructions.

// The operand stage (decode for a branch or jalr resolved there, else the first execute
// stage): PipelineModel::decode_stage reads the register file (no hazard unit); execute, with
// the forwarding unit's operands. False when the run is declined.
[[gnu::always_inline]] inline bool NoInterlocksEngine::execute(Step& s) {
  const Fetched& in = *s.in;
  const Static& st = *s.st;
  const uint32_t operand_stage = st.operand_stage;
  if (operand_stage >= s.stages || s.faulted) return true;
  if (st.declined) [[unlikely]] {
    e_.decline("a CSR access or fence.i");
    return false;
  }
  const uint64_t read_at = s.me->f + d_, c = s.me->f + operand_stage;
  uint32_t a = 0;
  if (st.read1) {
    a = read(in.src[0], read_at, split_);
    if (st.forward1) a = operand(in.src[0], a, operand_stage, c, s.forwards);
  }
  if (st.read2) {
    s.rs2 = read(in.src[1], read_at, split_);
    if (st.forward2) s.rs2 = operand(in.src[1], s.rs2, operand_stage, c, s.forwards);
  }
  const uint32_t b = st.b_is_rs2 ? s.rs2 : static_cast<uint32_t>(in.insn.imm);
  s.me->result = isa::compute(in.insn, a, b, s.pc);
  if (st.resolve_stage != kNoStage &&
      (in.kind == Unit::Jump || (in.kind == Unit::Branch && s.me->result)))
    s.next_pc = isa::jump_target(in.insn, a, s.pc);
  s.executed = true;
  return true;
}

// PipelineModel::resolve, in the branch's or jump's resolve stage (a jal's target is known
// without executing).
[[gnu::always_inline]] inline void NoInterlocksEngine::resolve(Step& s) {
  const Fetched& in = *s.in;
  const Op op = in.insn.op;
  const uint32_t stage = s.st->resolve_stage;  // kNoStage: not a branch or jump
  if (stage >= s.stages || s.faulted || !(s.executed || op == Op::Jal)) return;
  const uint64_t r = s.me->f + stage;
  if (op == Op::Jal) s.next_pc = s.pc + static_cast<uint32_t>(in.insn.imm);
  if (s.next_pc & 3) {
    fail(s, Fault{FaultKind::FetchMisaligned, s.pc, in.insn.raw, s.next_pc});
    s.me->fault_at = r;
    push_kill(r, 0, true);
    return;
  }
  e_.queue_update(r, s.pc, in.kind == Unit::Jump, s.next_pc);
  const bool taken = in.kind == Unit::Jump || s.me->result != 0;
  if (s.next_pc != s.predicted || (redirect_taken_ && taken)) {
    s.mispredicted = true;
    push_kill(r, s.next_pc, false);
  }
}

// PipelineModel::memory_access in the first memory stage. False when the run is declined.
[[gnu::always_inline]] inline bool NoInterlocksEngine::memory(Step& s) {
  const Fetched& in = *s.in;
  const Static& st = *s.st;
  if (st.mem == isa::Mem::None || s.faulted || m_ >= s.stages) return true;
  const Misaligned misaligned = misaligned_;
  const uint64_t c = s.me->f + m_;
  const uint32_t addr = s.me->result, size = st.size;
  if (st.load) {
    const LoadResult r = guest_load(state_.mem, st.mem, addr, misaligned);
    if (r.fault != FaultKind::None) {
      fail(s, Fault{r.fault, s.pc, in.insn.raw, addr});
      s.me->fault_at = c;
    }
    s.me->loaded = r.value;
    return true;
  }
  if (trap_ahead(c)) return true;
  // A store into the code would change what fetch sees: the cycle model has that.
  if (e_.in_code(addr, size)) {
    e_.decline("a store into the code pages");
    return false;
  }
  const uint32_t old = state_.mem.load(addr, size).value_or(0);
  const FaultKind k = guest_store(state_.mem, st.mem, addr, s.rs2, misaligned);
  if (k != FaultKind::None) {
    fail(s, Fault{k, s.pc, in.insn.raw, addr});
    s.me->fault_at = c;
  } else if (ecall_ < m_) {
    if (stores_count_ == stores_.size()) {
      e_.decline("too many stores ahead of an ecall");
      return false;
    }
    stores_[stores_count_++] = Store{c, addr, size, old, s.rs2};
  }
  return true;
}

// PipelineModel::early_ecall (Ripes): the call, in its stage, on the registers before that
// cycle's write-back and the memory before the stores still ahead of it.
[[gnu::always_inline]] inline void NoInterlocksEngine::early_ecall(Step& s) {
  if (s.in->insn.op != Op::Ecall || s.faulted || ecall_ >= s.stages) return;
  const uint64_t c = s.me->f + ecall_;
  const bool taken_back = stores_count_ > 0 && take_back_stores(c, false);
  const EcallResult r = do_ecall(registers_before(c), state_.mem, held_);
  if (taken_back) take_back_stores(c, true);
  if (held_.overflowed()) e_.decline("more guest output than is held back");
  s.ecall_done = true;
  s.me->trap_until = c;
  if (r.fault != FaultKind::None) {
    fail(s, Fault{r.fault, s.pc, s.in->insn.raw, r.fault_addr});
    s.me->fault_at = c;
    push_kill(c, 0, true);
    return;
  }
  if (r.a0) write(c, count_ - 1, 10, *r.a0);
  s.ecall_exit = r.exit;
  s.exit_code = r.exit_code;
  if (r.exit)
    push_kill(c, 0, true);
  else if (e_.cfg_.ecall.flush)
    push_kill(c, s.pc + 4, false);
}

// PipelineModel::commit in the end stage, then the write-back in the same stage.
[[gnu::always_inline]] inline void NoInterlocksEngine::commit(Step& s, Ending& end) {
  if (end_ >= s.stages) return;
  const Fetched& in = *s.in;
  const Op op = in.insn.op;
  const uint64_t c = s.me->f + end_;
  Halt ends = Halt::None;
  if (!s.faulted && op == Op::Ecall && s.ecall_done) {
    if (s.ecall_exit) ends = Halt::Exit;
  } else if (!s.faulted && op == Op::Ecall) {
    const EcallResult r = do_ecall(registers_before(c + 1), state_.mem, held_);
    if (held_.overflowed()) e_.decline("more guest output than is held back");
    if (r.fault != FaultKind::None) {
      fail(s, Fault{r.fault, s.pc, in.insn.raw, r.fault_addr});
    } else {
      if (r.a0) write(c, count_ - 1, 10, *r.a0);
      s.exit_code = r.exit_code;
      if (r.exit)
        ends = Halt::Exit;
      else
        push_kill(c, s.pc + 4, false);  // a trap: everything behind it is flushed
    }
  }
  if (s.faulted) {
    end.at = c;
    end.halt = Halt::Fault;
    end.fault = fault_;
    return;
  }
  PipelineStats& st = e_.st_;
  if (op == Op::Ebreak) ends = Halt::Ebreak;
  ++st.instructions;
  if (s.st->resolve_stage != kNoStage) {  // a branch or jump
    if (in.kind == Unit::Branch) {
      ++st.branches;
      if (s.next_pc != s.pc + 4) ++st.taken_branches;
    }
    if (in.kind == Unit::Jump) ++st.jumps;
    if (s.mispredicted) ++st.mispredictions;
  }
  st.forwards += s.forwards;
  end.next_commit_pc = s.next_pc;
  end.last_commit = c;
  if (ends == Halt::None && e_.runs_off_code(s.next_pc, state_.mem)) {
    ends = Halt::Exit;  // program_end: drain (exit code 0)
    s.exit_code = 0;
  }
  if (in.dst != 0) write_back(c, count_ - 1, in.dst, s.me->load ? s.me->loaded : s.me->result);
  if (ends != Halt::None) {
    end.at = c;
    end.halt = ends;
    end.code = s.exit_code;
    end.pc = s.pc;
  }
}

std::optional<MachineResult> NoInterlocksEngine::run(HostIo& io, const RunLimits& limits) {
  PipelineStats& st = e_.st_;
  uint64_t f = 1;  // the cycle the next instruction is fetched for
  uint32_t fetch_pc = state_.pc;
  bool fetching = true;
  Ending end;
  end.next_commit_pc = state_.pc;
  // The cycle limit: stages work in cycles up to it, fetch fills stage 0 for the cycle after it
  // (PipelineModel::advance), and the run ends there with what those cycles did.
  const uint64_t limit = limits.max_cycles;
  const uint64_t after_limit = limit == kNever ? kNever : limit + 1;
  for (;;) {
    // Flushes whose cycle has passed: fetch restarts where the flushing instruction sends it
    // (or stays stopped until an older flush).
    while (kills_count_ > 0 && (!fetching || f > kills_[kills_count_ - 1].at)) {
      const Kill k = kills_[--kills_count_];
      f = std::max(f, k.at + 1);
      fetch_pc = k.pc;
      fetching = !k.stop;
    }
    if (!fetching || f > end.at) break;  // (fetch fills stage 0 for the last cycle too)
    if (f > after_limit) break;
    // The instruction fetched for cycle f, run until it is flushed or the run ends. (A flush
    // in the cycle the run ends is the halting instruction's own: a trap or the drain.) The
    // limit ends the run after its cycle unless the run ends before.
    const uint64_t last = std::min(end.at, limit);
    const bool flushed = kills_count_ > 0 && kills_[kills_count_ - 1].at <= last;
    const uint64_t cut = flushed ? kills_[kills_count_ - 1].at : std::min(end.at, after_limit);
    const uint32_t pc = fetch_pc;
    const Static* looked_up = look_up(pc);
    if (looked_up == nullptr) return std::nullopt;
    const Static& known = *looked_up;
    const Fetched& in = *known.in;
    Flight& me = flights_[count_ & kMask];
    // An ecall or ebreak is a trap ahead of a store in the memory stage until it is performed.
    const uint64_t trap_until = known.trap == Static::kNoTrap           ? 0
                                : known.trap == Static::kTrapUntilEcall ? f + ecall_
                                                                        : kNever;
    me = Flight{f, std::min(cut, f + n_), kNever, trap_until, 0, 0, in.dst, in.kind == Unit::Load};
    Step s{pc,    0,     pc + 4, &in,   &known, &me, std::min<uint64_t>(end_ + 1, cut - f), 0, 0,
           false, false, false,  false, false,  0};
    ++count_;
    ++st.fetched;
    if (flushed) ++st.flushed;
    // The predictor as fetch sees it for cycle f: trained by the branches resolved before f, in
    // cycle order (Engine::predict; the updates wait in Engine::queue_update).
    s.predicted = e_.predict(s.pc, me.f);
    fetch_pc = s.predicted;
    ++f;
    settle(me.f + d_);  // every later reader reads in decode or after
    while (stores_count_ > 0 && stores_[0].cycle <= me.f + d_) {
      std::copy(stores_.begin() + 1, stores_.begin() + stores_count_, stores_.begin());
      --stores_count_;
    }
    if (in.fault) {
      fail(s, fetch_and_decode(e_.decode_cache_, state_.mem, s.pc).fault);
      me.fault_at = me.f;
    }
    // Stage s does its work if the instruction is still there: s < stages. PipelineModel's
    // order within an instruction (decode, execute, then the resolve stage, the memory stage
    // or the ecall's, then the end stage) is the order of the stages; the three in the middle
    // are of different instructions.
    if (!execute(s)) return std::nullopt;
    resolve(s);
    if (!memory(s)) return std::nullopt;
    early_ecall(s);
    commit(s, end);
    if (in.dst != 0) writer_[in.dst] = count_;
    if (!e_.ok_) return std::nullopt;
    if ((count_ & (RunLimits::kStopCheckCycles - 1)) == 0 && end.at == kNever) {
      if (limits.progress) limits.progress->store(end.last_commit, std::memory_order_relaxed);
      if (limits.stop && limits.stop->load(std::memory_order_relaxed)) {
        // Ends as of the last committed instruction: its writes are done, younger ones' not.
        end.at = end.last_commit;
        end.halt = Halt::Limit;
        end.pc = end.next_commit_pc;
        break;
      }
    }
  }
  if (end.at == kNever && limit != kNever) {
    // Not ended by the limit: the cycle model's run after `limit` cycles, with the writes done
    // in them and the next instruction to commit. (Every instruction did its stages up to it.)
    settle(after_limit);
    MachineResult result = e_.at_limit(limit, end.next_commit_pc, state_.regs);
    held_.release(io);
    return result;
  }
  if (end.at == kNever) {
    e_.decline("the run stopped fetching without an end");
    return std::nullopt;
  }
  settle(end.at + 1);
  MachineResult result = end.halt == Halt::Fault   ? e_.faulted(end.at, end.fault)
                         : end.halt == Halt::Limit ? e_.stopped(end.at, end.pc)
                                                   : e_.ended(end.at, end.halt, end.code, end.pc);
  held_.release(io);
  result.regs = state_.regs;
  return result;
}

}  // namespace pipesim::timing
