#include "sim/pipe/sequential.hpp"

#include <vector>

#include "sim/iss/iss.hpp"

namespace pipesim {

bool uses_stage(const PipelineConfig& config, uint32_t stage, isa::Op op) {
  if (config.kind != MachineKind::MultiCycle || !config.skip_unused_stages) return true;
  const isa::OpInfo& row = isa::info(op);
  switch (config.stages[stage].role) {
    case StageRole::Memory:
      return row.mem != isa::Mem::None;
    case StageRole::Writeback:
      return isa::writes_rd(row.fmt);
    default:
      return true;
  }
}

MachineResult run_sequential(const PipelineConfig& cfg, const Program& program, HostIo& io,
                             std::span<TraceSink* const> sinks, const RunLimits& limits) {
  const auto num_stages = static_cast<uint32_t>(cfg.stages.size());
  const bool single = cfg.kind == MachineKind::SingleCycle;
  Iss iss(program, io);
  MachineResult res;
  PipelineStats& st = res.stats;
  st.clock_period_ps = cfg.clock_period_ps();
  std::vector<SlotView> views(num_stages);
  uint64_t cycle = 0;

  auto publish = [&](uint64_t seq, uint32_t busy_stage) {
    ++cycle;
    if (sinks.empty()) return;
    for (uint32_t s = 0; s < num_stages; ++s)
      views[s] = SlotView{single || s == busy_stage ? seq : kNoSeq, StallCause::Fill, false};
    const CycleRecord rec{cycle, views, {}, {}};
    for (TraceSink* sink : sinks) sink->on_cycle(rec);
  };

  while (!iss.halted()) {
    if (cycle >= limits.max_cycles || limits.should_stop(cycle)) {
      res.halt = Halt::Limit;
      res.stopped = cycle < limits.max_cycles;
      break;
    }
    const uint64_t seq = iss.instructions();
    const uint32_t pc = iss.state().pc;
    const Retired& r = iss.step();
    if (iss.halt() == Halt::Fault) {
      publish(seq, 0);  // the cycle in which it faults
      break;
    }
    InsnRecord rec;
    rec.seq = seq;
    rec.pc = pc;
    rec.word = r.insn.raw;
    rec.op = r.insn.op;
    rec.committed = true;
    if (single) {
      publish(seq, 0);
      for (uint32_t s = 0; s < num_stages; ++s) rec.enter[s] = cycle;
    } else {
      for (uint32_t s = 0; s < num_stages; ++s) {
        if (!uses_stage(cfg, s, r.insn.op)) continue;
        publish(seq, s);
        rec.enter[s] = cycle;
      }
    }
    rec.last_cycle = cycle;
    for (TraceSink* sink : sinks) sink->on_instruction(rec);
    const isa::Unit unit = r.insn.unit();
    if (unit == isa::Unit::Branch) {
      ++st.branches;
      if (r.next_pc != r.pc + 4) ++st.taken_branches;
    }
    if (unit == isa::Unit::Jump) ++st.jumps;
  }
  if (res.halt == Halt::None) res.halt = iss.halt();
  res.exit_code = iss.exit_code();
  res.fault = iss.fault();
  st.cycles = cycle;
  st.instructions = iss.instructions();
  st.fetched = st.instructions;
  res.regs = iss.state().regs;
  res.pc = res.halt == Halt::Fault ? iss.fault().pc : iss.last().pc;
  if (res.halt == Halt::Limit) res.pc = iss.state().pc;
  for (TraceSink* sink : sinks) sink->on_end();
  return res;
}

}  // namespace pipesim
