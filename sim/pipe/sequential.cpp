#include "sim/pipe/sequential.hpp"

#include <array>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "isa/semantics.hpp"
#include "sim/iss/iss.hpp"
#include "sim/pipe/cache.hpp"

namespace pipesim {
namespace {
constexpr uint32_t kEcallWord = 0x00000073;
}  // namespace

bool uses_stage(const PipelineConfig& config, uint32_t stage, const isa::Insn& insn) {
  if (config.kind != MachineKind::MultiCycle) return true;
  // A path given as data (Ripes' multi-cycle FSM) overrides the rule below.
  if (const uint32_t path = config.class_stages[static_cast<std::size_t>(insn_class_of(insn))])
    return (path >> stage & 1u) != 0;
  if (!config.skip_unused_stages) return true;
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

namespace {

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

// The cycles of one instruction, stage by stage (single-cycle: all in "stage" 0).
struct Segment {
  uint32_t stage, cycles;
};

// Sequential machines use the same functional units and memory as the pipelined ones
// (docs/model.md): a multi-cycle machine spends a unit's latency in execute and a slow fetch or
// data access's cycles in the stage doing it; a single-cycle machine's one cycle already holds
// the slowest unit (clock_period_ps), but it waits whole cycles for a slow memory or cache
// miss, and for the second access of a load or store when there is one memory port.
class SequentialMachine {
 public:
  SequentialMachine(const PipelineConfig& config, const Program& program, HostIo& io,
                    std::span<TraceSink* const> sinks)
      : cfg_(with_default_units(config)),
        sinks_(sinks),
        num_stages_(static_cast<uint32_t>(cfg_.stages.size())),
        single_(cfg_.kind == MachineKind::SingleCycle),
        first_fetch_(cfg_.first_of(StageRole::Fetch)),
        first_exec_(cfg_.first_of(StageRole::Execute)),
        exec_stages_(cfg_.last_of(StageRole::Execute) - first_exec_ + 1),
        first_mem_(cfg_.first_of(StageRole::Memory)),
        out_(io),
        iss_(program, out_, config.memory.misaligned),
        views_(num_stages_),
        committed_(iss_.state().regs) {
    for (const pipesim::Segment& s : program.segments)
      if (s.executable) code_.emplace_back(s.addr, static_cast<uint32_t>(s.bytes.size()));
    if (cfg_.memory.icache.enabled) l1i_.emplace(cfg_.memory.icache);
    if (cfg_.memory.dcache.enabled) l1d_.emplace(cfg_.memory.dcache);
    res_.stats.clock_period_ps = cfg_.clock_period_ps();
    segments_.reserve(num_stages_);
    for (std::size_t u = 0; u < latency_of_class_.size(); ++u)
      latency_of_class_[u] =
          cfg_.functional_units[cfg_.unit_for(static_cast<isa::Unit>(u))].latency;
    // An ecall that completes takes this many cycles plus its fetch's beyond the first.
    plan(isa::decode(kEcallWord), 1, 1, 0);
    ecall_cycles_ = total_cycles();
  }

  MachineResult run(const RunLimits& limits) {
    uint64_t checked = 0;  // the cycle count when RunLimits was last looked at
    while (!iss_.halted()) {
      if (drain_ && !in_code(iss_.state().pc)) {
        // program_end drain: running off the code ends the program after the last instruction
        // (Ripes' convention), as an exit with code 0 would; nothing is fetched there.
        ran_off_ = true;
        break;
      }
      if (cycle_ >= limits.max_cycles || limits.should_stop(checked, cycle_)) {
        res_.halt = Halt::Limit;
        res_.stopped = cycle_ < limits.max_cycles;
        break;
      }
      checked = cycle_;
      if (!step(limits)) break;
    }
    return cut_ ? finish_cut() : finish();
  }

 private:
  bool in_code(uint32_t pc) const {
    for (const auto& [addr, size] : code_)
      if (pc - addr < size) return true;
    return false;
  }

  static PipelineConfig with_default_units(PipelineConfig c) {
    fill_default_units(c);
    return c;
  }

  // One instruction; false when the run ends with it (a fault, or the limit falls inside it).
  bool step(const RunLimits& limits) {
    const uint64_t seq = iss_.instructions();
    const uint32_t pc = iss_.state().pc;
    const uint32_t fetch = memory_cycles(l1i_, pc, false, cfg_.memory.instruction_latency);
    // If this is an ecall, is all of it in the run? (Its output is written as it runs.)
    out_.pass = ecall_cycles_ + (fetch - 1) <= limits.max_cycles - cycle_;
    // The counter rule (docs/isa.md): a counter read gives the number of its (first) execute
    // cycle; on a single-cycle machine that is the cycle after its fetch's wait.
    iss_.set_cycle(cycle_ + fetch + (single_ ? 0 : first_exec_));
    const Retired& r = iss_.step();
    const bool faulted = iss_.halt() == Halt::Fault;
    uint32_t data = 1, port = 0;
    if (faulted) {
      plan_fault(fetch);
    } else {
      const bool access = r.is_load || r.is_store;
      data = access ? data_cycles(r) : 1;
      port = single_ && access && cfg_.memory.unified_memory_port ? 1 : 0;
      plan(r.insn, fetch, data, port);
    }
    const uint64_t total = total_cycles();
    if (total > limits.max_cycles - cycle_) {
      // The limit falls inside this instruction: the run stops at exactly max_cycles, and the
      // instruction does not complete (its register write is dropped, and its output was, see
      // GatedIo; the functional model has run it, but nothing of it is reported except the
      // cycles up to the limit and its cache accesses, which have changed the caches).
      for (const Segment& g : segments_)
        for (uint32_t i = 0; i < g.cycles && cycle_ < limits.max_cycles; ++i) publish(seq, g.stage);
      res_.halt = Halt::Limit;
      res_.pc = pc;
      cut_ = true;
      return false;
    }
    if (sinks_.empty()) {
      // Nobody watches cycle by cycle: the instruction's cycles in one step, no record.
      cycle_ += total;
      if (faulted) return false;
      count(r, fetch, data, port);
      return true;
    }
    InsnRecord rec = run_segments(seq, pc, r);
    if (faulted) return false;
    count(r, fetch, data, port);
    rec.last_cycle = cycle_;
    for (TraceSink* sink : sinks_) sink->on_instruction(rec);
    return true;
  }

  static uint32_t memory_cycles(std::optional<Cache>& cache, uint32_t addr, bool store,
                                uint32_t latency) {
    return cache ? cache->access(addr, store).cycles : latency;
  }
  // A load's or store's data access: the cache may see two accesses (a misaligned one that
  // crosses a line, Cache::access).
  uint32_t data_cycles(const Retired& r) {
    const uint32_t size = isa::mem_size(isa::info(r.insn.op).mem);
    return l1d_ ? l1d_->access(r.mem_addr, size, r.is_store).cycles : cfg_.memory.data_latency;
  }

  // A completed instruction's segments, given its fetch and data access cycles.
  void plan(const isa::Insn& insn, uint32_t fetch, uint32_t data, uint32_t port) {
    segments_.clear();
    if (single_) {
      segments_.push_back({0, 1 + (fetch - 1) + (data - 1) + port});
      return;
    }
    const uint32_t latency = latency_of_class_[static_cast<std::size_t>(insn.unit())];
    for (uint32_t s = 0; s < num_stages_; ++s) {
      if (!uses_stage(cfg_, s, insn)) continue;
      uint32_t n = 1;
      if (s == first_fetch_) n = fetch;
      if (s == first_exec_) n = latency - (exec_stages_ - 1);
      if (s == first_mem_) n = data;
      segments_.push_back({s, n});
    }
  }

  // A faulting instruction takes its cycles up to the fault but does not complete (not an
  // instruction): one on a single-cycle machine; on a multi-cycle one each stage up to the one
  // that finds it (the access that faults is refused at once: one cycle).
  void plan_fault(uint32_t fetch) {
    segments_.clear();
    if (single_) {
      segments_.push_back({0, 1});
      return;
    }
    const Fault& f = iss_.fault();
    const uint32_t latency =
        latency_of_class_[static_cast<std::size_t>(isa::decode(f.word).unit())];
    const uint32_t last = fault_stage(cfg_, f);
    for (uint32_t s = 0; s <= last; ++s)
      segments_.push_back({s, s == first_fetch_  ? fetch
                              : s == first_exec_ ? latency - (exec_stages_ - 1)
                                                 : 1});
  }

  uint64_t total_cycles() const {
    uint64_t total = 0;
    for (const Segment& g : segments_) total += g.cycles;
    return total;
  }

  // Runs the planned segments cycle by cycle; the instruction's record so far.
  InsnRecord run_segments(uint64_t seq, uint32_t pc, const Retired& r) {
    InsnRecord rec;
    rec.seq = seq;
    rec.pc = pc;
    rec.word = r.insn.raw;
    rec.op = r.insn.op;
    rec.committed = true;
    rec.unit = cfg_.unit_for(r.insn.unit());
    for (const Segment& g : segments_) {
      if (single_) {
        for (uint32_t s = 0; s < num_stages_; ++s) {
          rec.enter[s] = cycle_ + 1;
          rec.busy[s] = g.cycles;
        }
      } else {
        rec.enter[g.stage] = cycle_ + 1;
        rec.busy[g.stage] = g.cycles;
      }
      for (uint32_t i = 0; i < g.cycles; ++i) publish(seq, g.stage);
    }
    return rec;
  }

  // A completed instruction: its register write, stall cycles and branch counters.
  void count(const Retired& r, uint32_t fetch, uint32_t data, uint32_t port) {
    PipelineStats& st = res_.stats;
    if (r.wrote_rd) committed_.write(r.rd, r.rd_value);
    st.stall_cycles[static_cast<std::size_t>(StallCause::Memory)] += (fetch - 1) + (data - 1);
    st.stall_cycles[static_cast<std::size_t>(StallCause::Structural)] += port;
    const isa::Unit u = r.insn.unit();
    if (u == isa::Unit::Branch) {
      ++st.branches;
      if (r.next_pc != r.pc + 4) ++st.taken_branches;
    }
    if (u == isa::Unit::Jump) ++st.jumps;
  }

  void publish(uint64_t seq, uint32_t busy_stage) {
    ++cycle_;
    if (sinks_.empty()) return;
    for (uint32_t s = 0; s < num_stages_; ++s)
      views_[s] = SlotView{single_ || s == busy_stage ? seq : kNoSeq, StallCause::Fill, false};
    const CycleRecord rec{cycle_, views_, {}, {}};
    for (TraceSink* sink : sinks_) sink->on_cycle(rec);
  }

  void finish_counts(uint64_t instructions) {
    PipelineStats& st = res_.stats;
    st.cycles = cycle_;
    st.instructions = instructions;
    st.fetched = st.instructions;
    if (l1i_) st.icache = l1i_->stats();
    if (l1d_) st.dcache = l1d_->stats();
  }

  // The limit cut an instruction: the registers as the completed ones left them.
  MachineResult finish_cut() {
    finish_counts(iss_.instructions() - (iss_.halt() == Halt::Fault ? 0 : 1));  // a fault is none
    res_.regs = committed_;
    for (TraceSink* sink : sinks_) sink->on_end();
    return res_;
  }

  MachineResult finish() {
    if (res_.halt == Halt::None) res_.halt = ran_off_ ? Halt::Exit : iss_.halt();
    res_.exit_code = ran_off_ ? 0 : iss_.exit_code();
    res_.fault = iss_.fault();
    finish_counts(iss_.instructions());
    res_.regs = iss_.state().regs;
    res_.pc = res_.halt == Halt::Fault ? iss_.fault().pc : iss_.last().pc;
    if (res_.halt == Halt::Limit) res_.pc = iss_.state().pc;
    for (TraceSink* sink : sinks_) sink->on_end();
    return res_;
  }

  const PipelineConfig cfg_;
  std::span<TraceSink* const> sinks_;
  const uint32_t num_stages_;
  const bool single_;
  const uint32_t first_fetch_, first_exec_, exec_stages_, first_mem_;
  std::optional<Cache> l1i_, l1d_;
  GatedIo out_;
  Iss iss_;
  MachineResult res_;
  std::vector<SlotView> views_;
  std::vector<Segment> segments_;
  std::array<uint32_t, 8> latency_of_class_{};  // the latency of the unit executing each class
  uint64_t ecall_cycles_ = 0;
  uint64_t cycle_ = 0;
  const bool drain_ = cfg_.program_end == ProgramEnd::Drain;
  std::vector<std::pair<uint32_t, uint32_t>> code_;  // the executable segments: address, size
  bool ran_off_ = false;  // program_end drain: the run ended by leaving the code
  bool cut_ = false;      // the cycle limit fell inside an instruction: it did not complete
  // The registers as the completed instructions left them (the functional model's are one
  // instruction ahead when the limit cuts one): one register write per instruction, not a copy.
  RegFile committed_;
};

}  // namespace

MachineResult run_sequential(const PipelineConfig& config, const Program& program, HostIo& io,
                             std::span<TraceSink* const> sinks, const RunLimits& limits) {
  SequentialMachine machine(config, program, io, sinks);
  return machine.run(limits);
}

}  // namespace pipesim
