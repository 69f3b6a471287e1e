#include "sim/pipe/sequential.hpp"

#include <optional>
#include <string_view>
#include <vector>

#include "sim/iss/iss.hpp"
#include "sim/pipe/cache.hpp"

namespace pipesim {
namespace {
constexpr uint32_t kEcallWord = 0x00000073;
}  // namespace

bool uses_stage(const PipelineConfig& config, uint32_t stage, const isa::Insn& insn) {
  if (config.kind != MachineKind::MultiCycle || !config.skip_unused_stages) return true;
  const isa::OpInfo& row = isa::info(insn.op);
  switch (config.stages[stage].role) {
    case StageRole::Memory:
      return row.mem != isa::Mem::None;
    case StageRole::Writeback:
      // x0 is no register: `j`, `ret` and `nop` skip writeback (jal ra does not).
      return isa::writes_rd(row.fmt) && insn.rd != 0;
    default:
      return true;
  }
}

// The last stage a faulting instruction passes on a multi-cycle machine: the one that finds the
// fault (docs/model.md, "Accounting"). A fetch fault is found by fetch, an illegal instruction by
// decode, a jump to a misaligned target by execute, a bad load or store by the (first) memory
// stage's access. An ecall acts in execute, so every fault of one (an unsupported system call, a
// string to print that runs into unmapped memory) is found there, whatever its kind.
uint32_t fault_stage(const PipelineConfig& cfg, const Fault& f) {
  if (f.word == kEcallWord) return cfg.last_of(StageRole::Execute);
  switch (f.kind) {
    case FaultKind::FetchAccess:
      return cfg.last_of(StageRole::Fetch);
    case FaultKind::FetchMisaligned:  // word 0: the pc itself; otherwise the jump's target
      return f.word == 0 ? cfg.last_of(StageRole::Fetch) : cfg.last_of(StageRole::Execute);
    case FaultKind::IllegalInstruction:
      return cfg.last_of(StageRole::Decode);
    case FaultKind::UnsupportedSyscall:
      return cfg.last_of(StageRole::Execute);
    default:
      return cfg.first_of(StageRole::Memory);
  }
}

// Guest output on its way to the real HostIo: passed straight on (never held: an ecall may write
// gigabytes, docs/reliability.md "Bounds on output") when the ecall writing it completes within
// the cycle limit, dropped when the limit cuts it. Only an ecall writes, and an ecall's cycles
// depend on the machine and its fetch, not on what it writes, so `pass` is known before it runs.
class GatedIo : public HostIo {
 public:
  explicit GatedIo(HostIo& inner) : inner_(inner) {}
  void write(int fd, std::string_view bytes) override {
    if (pass) inner_.write(fd, bytes);
  }
  bool pass = true;

 private:
  HostIo& inner_;
};

// Sequential machines use the same functional units and memory as the pipelined ones
// (docs/model.md): a multi-cycle machine spends a unit's latency in execute and a slow fetch or
// data access's cycles in the stage doing it; a single-cycle machine's one cycle already holds
// the slowest unit (clock_period_ps), but it waits whole cycles for a slow memory or cache
// miss, and for the second access of a load or store when there is one memory port.
MachineResult run_sequential(const PipelineConfig& config, const Program& program, HostIo& io,
                             std::span<TraceSink* const> sinks, const RunLimits& limits) {
  PipelineConfig cfg = config;
  fill_default_units(cfg);
  const auto num_stages = static_cast<uint32_t>(cfg.stages.size());
  const bool single = cfg.kind == MachineKind::SingleCycle;
  const uint32_t first_fetch = cfg.first_of(StageRole::Fetch);
  const uint32_t first_exec = cfg.first_of(StageRole::Execute);
  const uint32_t exec_stages = cfg.last_of(StageRole::Execute) - first_exec + 1;
  const uint32_t first_mem = cfg.first_of(StageRole::Memory);
  std::optional<Cache> l1i, l1d;
  if (cfg.memory.icache.enabled) l1i.emplace(cfg.memory.icache);
  if (cfg.memory.dcache.enabled) l1d.emplace(cfg.memory.dcache);
  GatedIo out(io);
  Iss iss(program, out);
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
  auto memory_cycles = [](std::optional<Cache>& cache, uint32_t addr, bool store,
                          uint32_t latency) {
    return cache ? cache->access(addr, store).cycles : latency;
  };
  // The cycles of one instruction, stage by stage (single-cycle: all in "stage" 0).
  struct Segment {
    uint32_t stage, cycles;
  };
  std::vector<Segment> segments;
  segments.reserve(num_stages);
  // A completed instruction's, given its fetch and data access cycles.
  auto plan = [&](const isa::Insn& insn, uint32_t fetch, uint32_t data, uint32_t port) {
    segments.clear();
    const FunctionalUnit& unit = cfg.functional_units[cfg.unit_for(insn.unit())];
    if (single) {
      segments.push_back({0, 1 + (fetch - 1) + (data - 1) + port});
      return;
    }
    for (uint32_t s = 0; s < num_stages; ++s) {
      if (!uses_stage(cfg, s, insn)) continue;
      uint32_t n = 1;
      if (s == first_fetch) n = fetch;
      if (s == first_exec) n = unit.latency - (exec_stages - 1);
      if (s == first_mem) n = data;
      segments.push_back({s, n});
    }
  };
  auto total_cycles = [&] {
    uint64_t total = 0;
    for (const Segment& g : segments) total += g.cycles;
    return total;
  };
  // An ecall that completes takes this many cycles plus its fetch's beyond the first.
  plan(isa::decode(kEcallWord), 1, 1, 0);
  const uint64_t ecall_cycles = total_cycles();
  bool cut = false;  // the cycle limit fell inside an instruction: it did not complete
  // The registers as the completed instructions left them (the functional model's are one
  // instruction ahead when the limit cuts one): one register write per instruction, not a copy.
  RegFile committed = iss.state().regs;
  uint64_t checked = 0;  // the cycle count when RunLimits was last looked at

  while (!iss.halted()) {
    if (cycle >= limits.max_cycles || limits.should_stop(checked, cycle)) {
      res.halt = Halt::Limit;
      res.stopped = cycle < limits.max_cycles;
      break;
    }
    checked = cycle;
    const uint64_t seq = iss.instructions();
    const uint32_t pc = iss.state().pc;
    const uint32_t fetch = memory_cycles(l1i, pc, false, cfg.memory.instruction_latency);
    // If this is an ecall, is all of it in the run? (Its output is written as it runs.)
    out.pass = ecall_cycles + (fetch - 1) <= limits.max_cycles - cycle;
    const Retired& r = iss.step();
    const bool faulted = iss.halt() == Halt::Fault;
    segments.clear();
    uint32_t data = 1, port = 0;
    if (faulted) {
      // It takes its cycles up to the fault but does not complete (not an instruction): one on a
      // single-cycle machine; on a multi-cycle one each stage up to the one that finds it (the
      // access that faults is refused at once: one cycle).
      if (single) {
        segments.push_back({0, 1});
      } else {
        const Fault& f = iss.fault();
        const uint32_t latency =
            cfg.functional_units[cfg.unit_for(isa::decode(f.word).unit())].latency;
        const uint32_t last = fault_stage(cfg, f);
        for (uint32_t s = 0; s <= last; ++s)
          segments.push_back({s, s == first_fetch  ? fetch
                                 : s == first_exec ? latency - (exec_stages - 1)
                                                   : 1});
      }
    } else {
      const bool access = r.is_load || r.is_store;
      data = access ? memory_cycles(l1d, r.mem_addr, r.is_store, cfg.memory.data_latency) : 1;
      port = single && access && cfg.memory.unified_memory_port ? 1 : 0;
      plan(r.insn, fetch, data, port);
    }
    const uint64_t total = total_cycles();
    if (total > limits.max_cycles - cycle) {
      // The limit falls inside this instruction: the run stops at exactly max_cycles, and the
      // instruction does not complete (its register write is dropped, and its output was, see
      // GatedIo; the functional model has run it, but nothing of it is reported except the
      // cycles up to the limit and its cache accesses, which have changed the caches).
      for (const Segment& g : segments)
        for (uint32_t i = 0; i < g.cycles && cycle < limits.max_cycles; ++i) publish(seq, g.stage);
      res.halt = Halt::Limit;
      res.pc = pc;
      cut = true;
      break;
    }
    InsnRecord rec;
    rec.seq = seq;
    rec.pc = pc;
    rec.word = r.insn.raw;
    rec.op = r.insn.op;
    rec.committed = true;
    rec.unit = cfg.unit_for(r.insn.unit());
    for (const Segment& g : segments) {
      if (single) {
        for (uint32_t s = 0; s < num_stages; ++s) {
          rec.enter[s] = cycle + 1;
          rec.busy[s] = g.cycles;
        }
      } else {
        rec.enter[g.stage] = cycle + 1;
        rec.busy[g.stage] = g.cycles;
      }
      for (uint32_t i = 0; i < g.cycles; ++i) publish(seq, g.stage);
    }
    if (faulted) break;
    if (r.wrote_rd) committed.write(r.rd, r.rd_value);
    st.stall_cycles[static_cast<std::size_t>(StallCause::Memory)] += (fetch - 1) + (data - 1);
    st.stall_cycles[static_cast<std::size_t>(StallCause::Structural)] += port;
    rec.last_cycle = cycle;
    for (TraceSink* sink : sinks) sink->on_instruction(rec);
    const isa::Unit u = r.insn.unit();
    if (u == isa::Unit::Branch) {
      ++st.branches;
      if (r.next_pc != r.pc + 4) ++st.taken_branches;
    }
    if (u == isa::Unit::Jump) ++st.jumps;
  }
  if (cut) {
    st.cycles = cycle;
    st.instructions = iss.instructions() - (iss.halt() == Halt::Fault ? 0 : 1);  // a fault is none
    st.fetched = st.instructions;
    if (l1i) st.icache = l1i->stats();
    if (l1d) st.dcache = l1d->stats();
    res.regs = committed;
    for (TraceSink* sink : sinks) sink->on_end();
    return res;
  }
  if (res.halt == Halt::None) res.halt = iss.halt();
  res.exit_code = iss.exit_code();
  res.fault = iss.fault();
  st.cycles = cycle;
  st.instructions = iss.instructions();
  st.fetched = st.instructions;
  if (l1i) st.icache = l1i->stats();
  if (l1d) st.dcache = l1d->stats();
  res.regs = iss.state().regs;
  res.pc = res.halt == Halt::Fault ? iss.fault().pc : iss.last().pc;
  if (res.halt == Halt::Limit) res.pc = iss.state().pc;
  for (TraceSink* sink : sinks) sink->on_end();
  return res;
}

}  // namespace pipesim
