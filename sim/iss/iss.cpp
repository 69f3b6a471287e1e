#include "sim/iss/iss.hpp"

#include <algorithm>

#include "isa/csr.hpp"
#include "isa/semantics.hpp"
#include "sim/machine/guest_env.hpp"
#include "sim/machine/mem_access.hpp"

namespace pipesim {

using isa::Fmt;
using isa::Op;
using isa::Unit;

Iss::Iss(const Program& program, HostIo& io, Misaligned misaligned)
    : icache_(program), blocks_(icache_), io_(io), misaligned_(misaligned) {
  load_program_into(state_, program);
}

void Iss::stop_with(FaultKind kind, uint32_t word, uint32_t addr) {
  fault_ = Fault{kind, state_.pc, word, addr};
  halt_ = Halt::Fault;
}

void Iss::stop_fetching(FaultKind kind, uint32_t word) {
  stop_with(kind, word, kind == FaultKind::FetchAccess ? state_.pc : 0);
  fault_.past_code = fetch_past_code(fault_, icache_);
}

// Fetches and dispatches on the opcode: each case is execute<Op> for one row of the table, so
// the semantics and every format and unit test fold to constants at compile time.
template <bool kRecord>
[[gnu::always_inline]] inline void Iss::step_impl() {
  const uint32_t pc = state_.pc;
  if (pc & 3) [[unlikely]]
    return stop_with(FaultKind::FetchMisaligned, 0, pc);
  const isa::Insn* fetched = icache_.fetch(state_.mem, pc);
  if (!fetched) [[unlikely]]
    return stop_fetching(FaultKind::FetchAccess, 0);
  switch (fetched->op) {
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) \
  case Op::name:                                             \
    return execute<Op::name, kRecord>(*fetched, pc);
#include "isa/rv32im.def"
#undef INSN
    case Op::Illegal:
      break;
  }
  stop_fetching(FaultKind::IllegalInstruction, fetched->raw);
}

template <Op kOp, bool kRecord>
[[gnu::always_inline]] inline void Iss::execute(const isa::Insn& in, uint32_t pc) {
  constexpr isa::OpInfo row = isa::info(kOp);
  RegFile& x = state_.regs;
  const uint32_t a = x[in.rs1];
  const uint32_t b = isa::operand_b_is_rs2(row.fmt) ? x[in.rs2] : static_cast<uint32_t>(in.imm);
  const uint32_t value = isa::compute<kOp>(a, b, static_cast<uint32_t>(in.imm), pc);

  Retired r;  // filled only when kRecord; the compiler drops it otherwise
  uint32_t next_pc = pc + 4;
  uint32_t rd_value = value;
  if constexpr (row.unit == Unit::Branch || row.unit == Unit::Jump) {
    if (row.unit == Unit::Jump || value) next_pc = isa::jump_target(in, a, pc);
    // A taken branch or jump to a misaligned target faults before it writes anything.
    if (next_pc & 3) [[unlikely]]
      return stop_with(FaultKind::FetchMisaligned, in.raw, next_pc);
  } else if constexpr (row.unit == Unit::Load) {
    const LoadResult ld = guest_load(state_.mem, row.mem, value, misaligned_);
    if (ld.fault != FaultKind::None) [[unlikely]]
      return stop_with(ld.fault, in.raw, value);
    rd_value = ld.value;
    if constexpr (kRecord) {
      r.is_load = true;
      r.mem_addr = value;
      r.mem_value = ld.value;
    }
  } else if constexpr (row.unit == Unit::Store) {
    const FaultKind f = guest_store(state_.mem, row.mem, value, x[in.rs2], misaligned_);
    if (f != FaultKind::None) [[unlikely]]
      return stop_with(f, in.raw, value);
    if (icache_.invalidate(value, isa::mem_size(row.mem))) code_overwritten();
    if constexpr (kRecord) {
      r.is_store = true;
      r.mem_addr = value;
      r.mem_value = x[in.rs2];
    }
  } else if constexpr (isa::is_csr(kOp)) {
    if (!isa::csr_access_ok(in)) [[unlikely]]
      return stop_with(FaultKind::IllegalInstruction, in.raw, 0);
    rd_value = isa::counter_value(in, has_cycle_ ? cycle_ : instret_ + 1, instret_);
  } else if constexpr (kOp == Op::Ebreak) {
    halt_ = Halt::Ebreak;
  } else if constexpr (kOp == Op::Ecall) {
    const EcallResult e = do_ecall(x, state_.mem, io_);
    if (e.fault != FaultKind::None) return stop_with(e.fault, in.raw, e.fault_addr);
    if (e.exit) {
      halt_ = Halt::Exit;
      exit_code_ = e.exit_code;
    }
    if (e.a0) {
      r.wrote_rd = true;
      r.rd = 10;
      r.rd_value = *e.a0;
      x.write(10, *e.a0);
    }
  }
  if constexpr (isa::writes_rd(row.fmt)) {
    if (in.rd != 0) {
      x.write(in.rd, rd_value);
      if constexpr (kRecord) {
        r.wrote_rd = true;
        r.rd = in.rd;
        r.rd_value = rd_value;
      }
    }
  }
  state_.pc = next_pc;
  ++instret_;
  if constexpr (kRecord) {
    r.pc = pc;
    r.insn = in;
    r.next_pc = next_pc;
    last_ = r;
  }
}

void Iss::step_quietly() {
  if (!halted()) step_impl<false>();
}

const Retired& Iss::step() {
  if (!halted()) step_impl<true>();
  return last_;
}

template <Op kOp>
void Iss::execute_quietly(Iss& iss, const isa::Insn& in, uint32_t pc) {
  iss.execute<kOp, false>(in, pc);
}

// What step_impl() does with an illegal word.
void Iss::execute_illegal(Iss& iss, const isa::Insn& in, uint32_t) {
  iss.stop_fetching(FaultKind::IllegalInstruction, in.raw);
}

// Makes `d` the handle of the instruction at the pc, through the decode cache (so a later store
// over it bumps code_version_); false where step_impl() must run it (see step_decoded()).
bool Iss::redecode(Decoded& d) {
  static constexpr Executor kExecutors[] = {
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) &execute_quietly<Op::name>,
#include "isa/rv32im.def"
#undef INSN
      &execute_illegal};
  static_assert(std::size(kExecutors) == isa::kNumOps + 1, "one per Op, in the enum's order");
  const uint32_t pc = state_.pc;
  if ((pc & 3) || !icache_.covers(pc)) return false;
  const isa::Insn* in = icache_.fetch(state_.mem, pc);
  if (!in) return false;
  d = Decoded{in, kExecutors[static_cast<std::size_t>(in->op)], code_version_, pc};
  return true;
}

// The common case of execute(), for an instruction of a block in one of its forms (Form): anything
// that would fault, and every misaligned access (allowed or not), is left to execute()
// (InBlock::Exact) before it changes anything. A branch or jump, always a block's last
// instruction, sets the pc, except a loop branch that is taken (InBlock::Again: the caller runs
// the block again; its first instruction is the target, so it is aligned).
template <Op kOp, Form kForm>
[[gnu::always_inline]] inline Iss::InBlock Iss::execute_in_block(const BlockInsn& in) {
  constexpr isa::OpInfo row = isa::info(kOp);
  constexpr bool kWrite = isa::writes_rd(row.fmt) && kForm == Form::Plain;  // rd is not x0
  RegFile& x = state_.regs;
  const uint32_t imm = static_cast<uint32_t>(in.imm);
  const uint32_t a = x[in.rs1];
  const uint32_t b = isa::operand_b_is_rs2(row.fmt) ? x[in.rs2] : imm;
  const uint32_t value = isa::compute<kOp>(a, b, imm, in.pc);
  if constexpr (kForm == Form::LoopBranch) {
    if (value) return InBlock::Again;
    state_.pc = in.pc + 4;
  } else if constexpr (row.unit == Unit::Branch || row.unit == Unit::Jump) {
    const uint32_t next_pc =
        row.unit == Unit::Jump || value ? isa::jump_target(kOp, a, imm, in.pc) : in.pc + 4;
    if (next_pc & 3) [[unlikely]]
      return InBlock::Exact;
    if constexpr (kWrite) x.x[in.rd] = value;
    state_.pc = next_pc;
  } else if constexpr (row.unit == Unit::Load) {
    constexpr unsigned size = isa::mem_size(row.mem);
    if (value & (size - 1)) [[unlikely]]
      return InBlock::Exact;
    const auto raw = state_.mem.load(value, size);
    if (!raw) [[unlikely]]
      return InBlock::Exact;
    if constexpr (kWrite) x.x[in.rd] = isa::extend_load(row.mem, *raw);
  } else if constexpr (row.unit == Unit::Store) {
    constexpr unsigned size = isa::mem_size(row.mem);
    if (value & (size - 1)) [[unlikely]]
      return InBlock::Exact;
    if (!state_.mem.store(value, size, b)) [[unlikely]]
      return InBlock::Exact;
    if (icache_.invalidate(value, size)) [[unlikely]]
      return InBlock::StoredIntoCode;
  } else if constexpr (row.unit == Unit::System) {
    return InBlock::Exact;  // never in a block (BlockCache)
  } else if constexpr (kWrite) {
    x.x[in.rd] = value;
  }
  return InBlock::Next;
}

// Whether BlockCache makes instructions of this kind: Plain is every row (the system ones are
// never in a block), NoRd the rows with a destination, LoopBranch the conditional branches.
static constexpr bool kind_exists(Op op, Form form) {
  if (form == Form::NoRd) return op != Op::Illegal && isa::writes_rd(isa::info(op).fmt);
  if (form == Form::LoopBranch) return isa::info(op).unit == Unit::Branch;
  return true;
}

// The instruction `in` of the block did nothing (Exact) or overwrote code (StoredIntoCode).
void Iss::leave_block(const Block& block, const BlockInsn* in, InBlock how) {
  state_.pc = in->pc;
  instret_ += static_cast<uint64_t>(in - block.insns);
  if (how == InBlock::Exact) return step_impl<false>();
  state_.pc += 4;
  ++instret_;
  code_overwritten();
}

// Runs block after block. Within a block, each label runs execute_in_block<Op, Form> for one kind
// (BlockInsn::kind: a row of the table in one form), until the block's branch or jump or its end
// marker (Illegal). Threaded code (a computed goto at the end of each instruction, GNU C's labels
// as values, which GCC and clang both have) rather than a switch in a loop: each instruction's
// indirect jump is predicted from the one before it, and there is no bounds check (measured in
// docs/performance.md). A taken loop branch runs its block again without looking it up.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpedantic"
void Iss::run(uint64_t max_instructions) {
  static void* const kLabels[] = {
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) &&plain_##name,
#include "isa/rv32im.def"
#undef INSN
      &&end_marker,
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) &&no_rd_##name,
#include "isa/rv32im.def"
#undef INSN
      &&end_marker,
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) &&loop_##name,
#include "isa/rv32im.def"
#undef INSN
      &&end_marker};
  static_assert(std::size(kLabels) == kNumKinds, "one label per kind, in block_kind()'s order");
  blocks_.prepare();
  const Block* block = nullptr;
  const BlockInsn* in = nullptr;
  bool taken = false;
  while (!halted() && instret_ < max_instructions) {
  next_block:
    block = blocks_.find(state_.pc, state_.mem, icache_);
  have_block:
    if (block->count > max_instructions - instret_) {  // no block here (kNoBlock), or too long
      step_impl<false>();
      continue;
    }
    in = block->insns;
    goto* kLabels[in->kind];
#define KIND(name, unit, form, label)                                       \
  label:                                                                    \
  if constexpr (kind_exists(Op::name, form)) {                              \
    const InBlock how = execute_in_block<Op::name, form>(*in);              \
    if constexpr (form == Form::LoopBranch) {                               \
      if (how == InBlock::Again) {                                          \
        instret_ += block->count;                                           \
        if (block->count <= max_instructions - instret_) {                  \
          in = block->insns;                                                \
          goto* kLabels[in->kind];                                          \
        }                                                                   \
        state_.pc = block->insns->pc;                                       \
        continue;                                                           \
      }                                                                     \
    }                                                                       \
    if (how != InBlock::Next) [[unlikely]] {                                \
      leave_block(*block, in, how);                                         \
      continue;                                                             \
    }                                                                       \
    if constexpr (Unit::unit == Unit::Branch || Unit::unit == Unit::Jump) { \
      instret_ += block->count; /* a branch never halts: straight on */     \
      if (instret_ >= max_instructions) break;                              \
      if constexpr (Op::name == Op::Jalr) goto next_block;                  \
      taken = Unit::unit == Unit::Jump || state_.pc != in->pc + 4;          \
      goto follow_link;                                                     \
    }                                                                       \
    ++in;                                                                   \
    goto* kLabels[in->kind];                                                \
  } else                                                                    \
    __builtin_unreachable();
#define INSN(name, mnem, fmt, match, mask, unit, mem, value) \
  KIND(name, unit, Form::Plain, plain_##name)                \
  KIND(name, unit, Form::NoRd, no_rd_##name)                 \
  KIND(name, unit, Form::LoopBranch, loop_##name)
#include "isa/rv32im.def"
#undef INSN
#undef KIND
  follow_link : {  // after a branch or jal: the block it led to last time, if it ran before
    const Block* next = block->link[taken];
    if (!next) [[unlikely]] {
      const uint64_t clears = blocks_.clears();
      next = blocks_.find(state_.pc, state_.mem, icache_);
      if (blocks_.clears() == clears) block->link[taken] = next;
    }
    block = next;
    goto have_block;
  }
  end_marker:
    state_.pc = in->pc;
    instret_ += block->count;
  }
  if (!halted()) halt_ = Halt::Limit;
}
#pragma GCC diagnostic pop

void Iss::run(uint64_t max_instructions, const std::atomic<bool>* stop,
              std::atomic<uint64_t>* progress) {
  // In chunks, so the instruction loop above stays as it is: a chunk that ends early for its own
  // limit resumes unless the flag is set or the real limit is reached.
  while (!halted()) {
    run(std::min(max_instructions, instret_ + kStopCheckInstructions));
    if (progress) progress->store(instret_, std::memory_order_relaxed);
    if (halt_ != Halt::Limit || instret_ >= max_instructions ||
        (stop && stop->load(std::memory_order_relaxed)))
      break;
    halt_ = Halt::None;
  }
}

}  // namespace pipesim
