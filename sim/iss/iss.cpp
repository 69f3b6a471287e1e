#include "sim/iss/iss.hpp"

#include <algorithm>

#include "isa/semantics.hpp"
#include "sim/guest_env.hpp"
#include "sim/mem_access.hpp"

namespace pipesim {

using isa::Fmt;
using isa::Op;
using isa::Unit;

const char* halt_name(Halt h) {
  switch (h) {
    case Halt::None:
      return "none";
    case Halt::Exit:
      return "exit";
    case Halt::Ebreak:
      return "ebreak";
    case Halt::Fault:
      return "fault";
    case Halt::Limit:
      return "limit";
  }
  return "?";
}

Iss::Iss(const Program& program, HostIo& io) : icache_(program), io_(io) {
  load_program_into(state_, program);
}

void Iss::stop_with(FaultKind kind, uint32_t word, uint32_t addr) {
  fault_ = Fault{kind, state_.pc, word, addr};
  halt_ = Halt::Fault;
}

const Retired& Iss::step() {
  if (halted()) return last_;
  const uint32_t pc = state_.pc;
  if (pc & 3) {
    stop_with(FaultKind::FetchMisaligned, 0, pc);
    return last_;
  }
  const isa::Insn* fetched = icache_.fetch(state_.mem, pc);
  if (!fetched) {
    stop_with(FaultKind::FetchAccess, 0, pc);
    return last_;
  }
  const isa::Insn& in = *fetched;
  if (in.op == Op::Illegal) {
    stop_with(FaultKind::IllegalInstruction, in.raw, 0);
    return last_;
  }

  RegFile& x = state_.regs;
  const isa::OpInfo& row = isa::info(in.op);
  const uint32_t a = x[in.rs1];
  const uint32_t b = isa::operand_b_is_rs2(row.fmt) ? x[in.rs2] : static_cast<uint32_t>(in.imm);
  const uint32_t value = isa::compute(in, a, b, pc);

  Retired r;
  r.pc = pc;
  r.insn = in;
  r.next_pc = pc + 4;
  uint32_t rd_value = value;
  switch (row.unit) {
    case Unit::Branch:
      if (value) r.next_pc = isa::jump_target(in, a, pc);
      break;
    case Unit::Jump:
      r.next_pc = isa::jump_target(in, a, pc);
      break;
    default:
      break;
  }
  if (r.next_pc & 3) {
    // A taken branch or jump to a misaligned target faults before it writes anything.
    stop_with(FaultKind::FetchMisaligned, in.raw, r.next_pc);
    return last_;
  }
  switch (row.unit) {
    case Unit::Branch:
    case Unit::Jump:
      break;
    case Unit::Load: {
      const LoadResult ld = guest_load(state_.mem, row.mem, value);
      if (ld.fault != FaultKind::None) {
        stop_with(ld.fault, in.raw, value);
        return last_;
      }
      r.is_load = true;
      r.mem_addr = value;
      r.mem_value = rd_value = ld.value;
      break;
    }
    case Unit::Store: {
      const FaultKind f = guest_store(state_.mem, row.mem, value, x[in.rs2]);
      if (f != FaultKind::None) {
        stop_with(f, in.raw, value);
        return last_;
      }
      icache_.invalidate(value, isa::mem_size(row.mem));
      r.is_store = true;
      r.mem_addr = value;
      r.mem_value = x[in.rs2];
      break;
    }
    case Unit::System:
      if (in.op == Op::Ebreak) {
        halt_ = Halt::Ebreak;
      } else if (in.op == Op::Ecall) {
        const EcallResult e = do_ecall(x, state_.mem, io_);
        if (e.unsupported) {
          stop_with(FaultKind::UnsupportedSyscall, in.raw, x[17]);
          return last_;
        }
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
      break;
    case Unit::Alu:
    case Unit::Mul:
    case Unit::Div:
      break;
  }
  if (isa::writes_rd(row.fmt) && in.rd != 0) {
    r.wrote_rd = true;
    r.rd = in.rd;
    r.rd_value = rd_value;
    x.write(in.rd, rd_value);
  }
  state_.pc = r.next_pc;
  ++instret_;
  last_ = r;
  return last_;
}

void Iss::run(uint64_t max_instructions) {
  while (!halted()) {
    if (instret_ >= max_instructions) {
      halt_ = Halt::Limit;
      break;
    }
    step();
  }
}

void Iss::run(uint64_t max_instructions, const std::atomic<bool>* stop) {
  // In chunks, so the instruction loop above stays as it is: a chunk that ends early for its own
  // limit resumes unless the flag is set or the real limit is reached.
  while (!halted()) {
    run(std::min(max_instructions, instret_ + kStopCheckInstructions));
    if (halt_ != Halt::Limit || instret_ >= max_instructions ||
        (stop && stop->load(std::memory_order_relaxed)))
      break;
    halt_ = Halt::None;
  }
}

}  // namespace pipesim
