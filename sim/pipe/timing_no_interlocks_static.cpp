// What follows from the machine and the instruction alone, for the no-interlocks engine
// (docs/timing-model.md "Without interlocks"): which machines it runs, and each instruction's
// Static, worked out once per pc so the loop in timing_no_interlocks.cpp does not ask again.
#include "isa/semantics.hpp"
#include "sim/config/forwarded_operands.hpp"
#include "sim/pipe/timing_no_interlocks.hpp"

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

NoInterlocksEngine::Static NoInterlocksEngine::describe(const Fetched& in) const {
  const Op op = in.insn.op;
  const isa::OpInfo& row = isa::info(op);
  Static st;
  st.in = &in;
  st.operand_stage = static_cast<uint8_t>(in.in_decode ? d_ : fe_);
  st.resolve_stage =
      is_control(in.kind) ? static_cast<uint8_t>(rules_.resolve_stage(op)) : kNoStage;
  st.mem = row.mem;
  st.size = row.mem == isa::Mem::None ? 0 : static_cast<uint8_t>(isa::mem_size(row.mem));
  st.load = row.mem != isa::Mem::None && row.unit == Unit::Load;
  st.store = row.mem != isa::Mem::None && row.unit != Unit::Load;
  st.read1 = in.src[0] != 0;
  st.read2 = in.src[1] != 0;
  st.forward1 = st.read1 && forwards_rs1(forwarded_, in.kind);
  st.forward2 = st.read2 && forwards_rs2(forwarded_, in.kind);
  st.b_is_rs2 = isa::operand_b_is_rs2(in.insn.fmt());
  st.declined = isa::is_csr(op) || op == Op::FenceI;
  st.trap = op == Op::Ebreak || (op == Op::Ecall && ecall_ >= n_) ? Static::kTrapForever
            : op == Op::Ecall                                     ? Static::kTrapUntilEcall
                                                                  : Static::kNoTrap;
  return st;
}

}  // namespace pipesim::timing
