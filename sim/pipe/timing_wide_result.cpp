// What a run of the two-issue timing model returns (sim/pipe/timing_wide.hpp): the result of a
// run that ended, and of one stopped early by RunLimits::stop (Ctrl-C, --timeout).
#include "sim/pipe/timing_wide.hpp"

namespace pipesim::timing {

MachineResult WideEngine::ended() {
  PipelineStats& st = e_.st_;
  st.cycles = end_;
  // Counted here rather than per instruction: every fetch, and every instruction the
  // functional model ran (each committed one, at fetch; stopped() takes back those not issued).
  st.fetched = fetched_next_;
  st.instructions = iss_.instructions();
  st.issue_width = kWidth;
  st.clock_period_ps = e_.cfg_.clock_period_ps();
  MachineResult r;
  r.stats = st;
  r.halt = halt_;
  r.exit_code = drained_ ? 0 : iss_.exit_code();
  r.pc = halt_pc_;
  r.regs = iss_.state().regs;
  return r;
}

// A trap or the halt in fetch or decode has already written its output (the functional model
// ran it at fetch): the run stops once it has issued, which is a few cycles later.
// (Ripes' ecall that returns is no trap, but it too has written its output.)
bool WideEngine::can_stop() const {
  for (const Stage* stage : {&if_, &mid_, &id_})
    for (const WSlot& s : *stage)
      if (s.occupied() && !s.wrong() &&
          (at(s).trap || at(s).halt != Halt::None || fx(s).insn.op == isa::Op::Ecall))
        return false;
  return true;
}

// Stopped at the start of cycle c. Every issue slot up to cycle c - 1 has been counted where it
// reaches the end stage (emit()), so the run is reported as it stands at the end of the cycle
// the last of them commits, c - 1 + to_end_, as the cycle model would report it then. The
// instructions still in fetch and decode have been run by the functional model but not issued:
// they are taken back, youngest first, from the counts and the registers.
MachineResult WideEngine::stopped(uint64_t c) {
  end_ = c - 1 + e_.to_end_;
  MachineResult r = ended();
  r.halt = Halt::Limit;
  r.exit_code = 0;
  r.stopped = true;
  r.pc = iss_.state().pc;
  for (const Stage* stage : {&if_, &mid_, &id_})  // youngest first (mid_: two decode stages)
    for (uint32_t p = kWidth; p-- > 0;) {
      const WSlot& s = (*stage)[p];
      if (!s.occupied() || s.wrong()) continue;
      uncount(r.stats, s);
      r.regs.x[before_[index(s.fetched)].first] = before_[index(s.fetched)].second;
      r.pc = at(s).pc;
    }
  return r;
}

// The counts step_committed() made for s, undone.
void WideEngine::uncount(PipelineStats& st, const WSlot& slot) const {
  const InFlight& s = at(slot);
  const Fetched& in = *s.f;
  --st.instructions;
  if (!is_control(in.kind)) return;
  if (in.kind == isa::Unit::Branch) {
    --st.branches;
    if (s.actual != s.pc + 4) --st.taken_branches;
  } else {
    --st.jumps;
  }
  if (s.redirects) --st.mispredictions;
}

std::optional<MachineResult> run_wide(const PipelineConfig& c, const Program& program, HostIo& io,
                                      const RunLimits& limits) {
  Engine engine(c, program);
  HeldIo held;
  Iss iss(program, held, c.memory.misaligned);
  WideEngine wide(engine, iss, held);
  std::optional<MachineResult> r = wide.run(limits);
  if (r) held.release(io);
  return r;
}

}  // namespace pipesim::timing
