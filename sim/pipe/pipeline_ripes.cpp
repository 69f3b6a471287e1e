// PipelineModel: Ripes' conventions (docs/config.md, "Ecall" and `program_end`). An ecall may
// perform its system call before the end stage, optionally waiting there for the older register
// writers to leave the machine; a program may end by running off the end of its code.
#include "sim/pipe/pipeline.hpp"

#include "sim/machine/guest_env.hpp"

namespace pipesim {

// The ecall `d` is in cfg_.ecall.stage, before the end stage: it performs its system call here
// (once). With wait_for_writers it is held while a later stage holds an instruction that writes
// a register, x0 included (Ripes' hazard unit looks at the write enable, so a nop counts). An
// exit squashes everything younger and stops fetch; the run ends when the ecall reaches the end
// stage (commit). A non-exit ecall squashes what is behind it only when ecall.flush is set.
void PipelineModel::early_ecall(uint32_t stage, DynInsn& d) {
  if (d.ecall_done || d.fault) return;
  if (cfg_.ecall.wait_for_writers) {
    for (uint32_t p = stage + 1; p < rules_.num_stages; ++p)
      for (uint32_t q = 0; q < width_; ++q) {
        const Slot& s = slots_[p][q];
        if (!s.occupied()) continue;
        const DynInsn& w = at(s);
        // Charged as a data hazard: the call reads its arguments from the registers.
        if (!w.fault && isa::writes_rd(w.insn.fmt())) return hold(stage, StallCause::Raw, w.seq);
      }
  }
  // The call reads the register file as it is before this cycle's write-back (Ripes traps
  // during the cycle; a write lands at the clock edge that ends it).
  RegFile regs = state_.regs;
  for (uint32_t w = wb_count_; w-- > 0;) regs.write(wb_written_[w].reg, wb_written_[w].old);
  const EcallResult r = do_ecall(regs, state_.mem, *ecall_io_);
  d.ecall_done = true;
  if (r.fault != FaultKind::None) {
    d.fault = Fault{r.fault, d.pc, d.insn.raw, r.fault_addr};  // raised when it commits
    flush_younger(stage, d.seq);
    fetch_stopped_by_ = d.seq;
    return;
  }
  if (r.a0) state_.regs.write(10, *r.a0);
  d.ecall_exit = r.exit;
  d.exit_code = r.exit_code;
  if (r.exit) {
    flush_younger(stage, d.seq);
    fetch_stopped_by_ = d.seq;
  } else if (cfg_.ecall.flush) {
    redirect(stage, d, d.pc + 4);
  }
}

// program_end: drain. Does the program run off the end of its code at `next_pc`: the word there
// is the one right after its last instruction, and fetching it faults (nothing, or zero)?
bool PipelineModel::runs_off_code(uint32_t next_pc) {
  if (next_pc != icache_.code_end()) return false;
  return fetch_and_decode(icache_, state_.mem, next_pc).fault.past_code;
}

}  // namespace pipesim
