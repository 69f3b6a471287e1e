// Runs a small assembly program on a superscalar (or any) machine through the real cycle model,
// with the functional model checking every instruction, and keeps what the trace interface
// publishes: every instruction's record (the cycle it entered each stage, its issue slot) and
// every stall event. For tests that compare against hand-worked multi-issue diagrams, which read
// the records directly rather than through an output sink. Every run must satisfy the
// width-aware accounting identity.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/machine.hpp"

namespace pipesim::test {

// The accounting identity of docs/model.md "Accounting": every end-stage slot of every cycle
// is a committed instruction, a fill or stall slot, or a slot of the last cycle whose
// instruction does not commit.
inline bool identity_holds(const PipelineStats& s) {
  return uint64_t{s.issue_width} * s.cycles ==
         s.instructions + s.fill_cycles + s.total_stall_cycles() + s.halt_slots;
}

struct WideRun {
  MachineResult result;
  std::vector<InsnRecord> insns;  // by seq
  std::vector<Event> stalls;      // every Stall event, in time order
  const PipelineStats& stats() const { return result.stats; }
  uint64_t stalls_of(StallCause c) const {
    return result.stats.stall_cycles[static_cast<std::size_t>(c)];
  }
  uint64_t issue_of(IssueReason r) const {
    return result.stats.issue_reasons[static_cast<std::size_t>(r)];
  }
  // The record of the n-th fetch (0: the first) of the instruction at `pc`.
  const InsnRecord* at_pc(uint32_t pc, unsigned n = 0) const {
    for (const InsnRecord& r : insns)
      if (r.pc == pc && n-- == 0) return &r;
    return nullptr;
  }
};

inline WideRun run_wide(const std::string& preset, const std::string& source,
                        const std::vector<std::string>& sets = {}, Halt halt = Halt::Ebreak) {
  struct Collect : TraceSink {
    WideRun* run;
    void on_cycle(const CycleRecord& c) override {
      for (const Event& e : c.events)
        if (e.kind == EventKind::Stall) run->stalls.push_back(e);
    }
    void on_instruction(const InsnRecord& r) override { run->insns.push_back(r); }
  };
  const PipelineConfig config = load_config(preset, sets);
  const Program program = assemble(source, "wide.s").program;
  WideRun run;
  Collect sink;
  sink.run = &run;
  TraceSink* sinks[] = {&sink};
  CapturedIo io;
  run.result = run_machine(config, program, io, sinks, RunLimits{10000}, /*check=*/true);
  std::sort(run.insns.begin(), run.insns.end(),
            [](const InsnRecord& a, const InsnRecord& b) { return a.seq < b.seq; });
  CHECK(run.result.halt == halt);
  CHECK(run.result.stats.issue_width == config.issue.width);
  CHECK(identity_holds(run.result.stats));
  return run;
}

// Checks the instruction at `pc` (its `nth` fetch): the cycles it entered IF, ID, EX, MEM, WB (0:
// never; a 5-stage machine), its issue slot and whether it committed.
inline void check_insn(const WideRun& run, uint32_t pc, std::array<uint64_t, 5> enter,
                       uint32_t lane, bool committed = true, unsigned nth = 0) {
  INFO("instruction at pc 0x" << std::hex << pc << std::dec << ", fetch " << nth);
  const InsnRecord* r = run.at_pc(pc, nth);
  REQUIRE(r != nullptr);
  for (std::size_t s = 0; s < enter.size(); ++s) {
    INFO("stage " << s);
    CHECK(r->enter[s] == enter[s]);
  }
  CHECK(r->lane == lane);
  CHECK(r->committed == committed);
}

}  // namespace pipesim::test
