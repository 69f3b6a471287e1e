// The pipeline model on tiny programs built straight from table encodings, with a 5-stage
// configuration built in the test (independent of the JSON presets). Every expected number is
// derived by hand in the comment above it from the rules in docs/model.md.
#include <catch2/catch.hpp>

#include "isa/isa.hpp"
#include "sim/pipe/machine.hpp"
#include "tests/support/machines.hpp"

using namespace pipesim;
using isa::encode;
using isa::Op;

namespace {
constexpr unsigned zero = 0, sp = 2, t0 = 5, a0 = 10, a1 = 11, a7 = 17;
const uint32_t kEbreak = encode(Op::Ebreak, 0, 0, 0, 0);

MachineResult run(const PipelineConfig& c, const std::vector<uint32_t>& words) {
  CapturedIo io;
  MachineResult r = run_machine(c, test::program_from_words(words), io, {}, RunLimits{10000}, true);
  // The accounting identity holds on every pipelined run (issue_width end-stage slots a cycle;
  // no halt slot: these runs end in ebreak or exit).
  CHECK(r.stats.halt_slots == 0);
  CHECK(r.stats.issue_width * r.stats.cycles ==
        r.stats.instructions + r.stats.fill_cycles + r.stats.total_stall_cycles());
  return r;
}
uint64_t stalls(const MachineResult& r, StallCause c) {
  return r.stats.stall_cycles[static_cast<std::size_t>(c)];
}
}  // namespace

TEST_CASE("model: N independent instructions take N + 4 cycles on 5 stages", "[model]") {
  // 4 addi + ebreak = 5 instructions; the ebreak is in WB in cycle 5 + 4 = 9.
  const auto r = run(test::five_stage(),
                     {encode(Op::Addi, t0, zero, 0, 1), encode(Op::Addi, a1, zero, 0, 2),
                      encode(Op::Addi, a7, zero, 0, 3), encode(Op::Addi, a0, zero, 0, 4), kEbreak});
  CHECK(r.halt == Halt::Ebreak);
  CHECK(r.stats.instructions == 5);
  CHECK(r.stats.cycles == 9);
  CHECK(r.stats.fill_cycles == 4);
  CHECK(r.stats.total_stall_cycles() == 0);
  CHECK(r.regs[a0] == 4);
}

TEST_CASE("model: a RAW chain costs nothing with full forwarding", "[model]") {
  // addi a0,1; addi a0,a0,1; addi a0,a0,1: each value forwarded EX/MEM->EX. 4 + 4 = 8 cycles.
  const auto r =
      run(test::five_stage(), {encode(Op::Addi, a0, zero, 0, 1), encode(Op::Addi, a0, a0, 0, 1),
                               encode(Op::Addi, a0, a0, 0, 1), kEbreak});
  CHECK(r.stats.cycles == 8);
  CHECK(r.stats.forwards == 2);
  CHECK(r.regs[a0] == 3);
}

TEST_CASE("model: without forwarding distance 1 costs 2 stalls, distance 2 costs 1", "[model]") {
  PipelineConfig c = test::five_stage();
  c.forwarding.clear();
  // addi a0 (IF1 ID2 EX3 MEM4 WB5); addi a0,a0,1 reads a0 in ID in cycle 5: 2 stalls.
  // 3 instructions + 4 fill + 2 raw = 9.
  auto r = run(c, {encode(Op::Addi, a0, zero, 0, 1), encode(Op::Addi, a0, a0, 0, 1), kEbreak});
  CHECK(r.stats.cycles == 9);
  CHECK(stalls(r, StallCause::Raw) == 2);
  CHECK(r.regs[a0] == 2);
  // Distance 2: the consumer is in ID in cycle 4 while the producer is in MEM; 1 stall.
  r = run(c, {encode(Op::Addi, a0, zero, 0, 1), encode(Op::Addi, t0, zero, 0, 0),
              encode(Op::Add, a1, a0, a0, 0), kEbreak});
  CHECK(r.stats.cycles == 4 + 4 + 1);
  CHECK(stalls(r, StallCause::Raw) == 1);
  CHECK(r.regs[a1] == 2);
  // Without a split-phase register file the write lands after the read: one more stall each.
  c.split_phase_regfile = false;
  r = run(c, {encode(Op::Addi, a0, zero, 0, 1), encode(Op::Addi, a0, a0, 0, 1), kEbreak});
  CHECK(r.stats.cycles == 3 + 4 + 3);
  CHECK(stalls(r, StallCause::Raw) == 3);
}

TEST_CASE("model: load-use costs one stall with forwarding", "[model]") {
  // sw zero,-4(sp); lw a0,-4(sp); add a1,a0,a0: the add waits one cycle in ID for MEM/WB->EX.
  const auto r =
      run(test::five_stage(), {encode(Op::Sw, 0, sp, zero, -4), encode(Op::Lw, a0, sp, 0, -4),
                               encode(Op::Add, a1, a0, a0, 0), kEbreak});
  CHECK(r.stats.cycles == 4 + 4 + 1);
  CHECK(stalls(r, StallCause::LoadUse) == 1);
  CHECK(stalls(r, StallCause::Raw) == 0);
}

TEST_CASE("model: a taken branch under predict-not-taken flushes two", "[model]") {
  // addi t0,1 (IF1..WB5); bne t0,zero,+8 resolves in EX in cycle 4 and flushes the addi and
  // ebreak fetched after it; the target ebreak is fetched in cycle 5 and is in WB in cycle 9.
  const auto r =
      run(test::five_stage(), {encode(Op::Addi, t0, zero, 0, 1), encode(Op::Bne, 0, t0, zero, 8),
                               encode(Op::Addi, a0, zero, 0, 99), kEbreak});
  CHECK(r.stats.cycles == 9);
  CHECK(r.stats.instructions == 3);
  CHECK(r.stats.flushed == 2);
  CHECK(stalls(r, StallCause::Control) == 2);
  CHECK(r.stats.mispredictions == 1);
  CHECK(r.stats.taken_branches == 1);
  CHECK(r.regs[a0] == 0);
}

TEST_CASE("model: the stall policy fetches nothing until the branch resolves", "[model]") {
  PipelineConfig c = test::five_stage();
  c.branches.policy = BranchPolicy::Stall;
  // Same program: fetch waits in cycles 3 and 4; the ebreak is fetched in cycle 5.
  const auto r = run(c, {encode(Op::Addi, t0, zero, 0, 1), encode(Op::Bne, 0, t0, zero, 8),
                         encode(Op::Addi, a0, zero, 0, 99), kEbreak});
  CHECK(r.stats.cycles == 9);
  CHECK(r.stats.flushed == 0);
  // Fetched in cycles 1, 2, then (after waiting in 3 and 4) 5, 6, 7, 8, 9: fetch does not know
  // the ebreak ends the run, so it goes on past it until the ebreak reaches WB.
  CHECK(r.stats.fetched == 7);
  CHECK(stalls(r, StallCause::Control) == 2);
}

TEST_CASE("model: jal redirects from ID, jalr from EX", "[model]") {
  // jal zero,+8 known in ID in cycle 2: one flushed; ebreak fetched in cycle 3, WB in 7.
  auto r = run(test::five_stage(),
               {encode(Op::Jal, zero, 0, 0, 8), encode(Op::Addi, a0, zero, 0, 9), kEbreak});
  CHECK(r.stats.cycles == 7);
  CHECK(stalls(r, StallCause::Control) == 1);
  // auipc t0,0 (t0 = 0x10000); jalr zero,12(t0) is in EX in cycle 4 (t0 forwarded EX/MEM->EX)
  // and flushes two; the ebreak at 0x1000c is fetched in cycle 5, WB in 9 = 3 + 4 + 2.
  r = run(test::five_stage(), {encode(Op::Auipc, t0, 0, 0, 0), encode(Op::Jalr, zero, t0, 0, 12),
                               encode(Op::Addi, a0, zero, 0, 9), kEbreak});
  CHECK(r.stats.cycles == 9);
  CHECK(stalls(r, StallCause::Control) == 2);
  CHECK(r.stats.jumps == 1);
}

TEST_CASE("model: a branch compared in ID waits for an ALU operand one cycle", "[model]") {
  PipelineConfig c = test::five_stage();
  c.branches.resolve_stage = 1;
  c.branches.jalr_stage = 1;
  c.forwarding = {{2, 2}, {3, 2}, {2, 1}, {3, 1}};
  // addi t0 (EX in 3); bne in ID in cycle 3 cannot have t0 (it exists at the end of EX): held;
  // in cycle 4 it arrives over EX/MEM->ID, the branch resolves taken and flushes the one
  // instruction behind it; ebreak fetched in cycle 5, WB in 9 = 3 + 4 + 1 raw + 1 control.
  const auto r = run(c, {encode(Op::Addi, t0, zero, 0, 1), encode(Op::Bne, 0, t0, zero, 8),
                         encode(Op::Addi, a0, zero, 0, 99), kEbreak});
  CHECK(r.stats.cycles == 9);
  CHECK(stalls(r, StallCause::Raw) == 1);
  CHECK(stalls(r, StallCause::Control) == 1);
}

TEST_CASE("model: without interlocks a stale value is read and the divergence reported",
          "[model]") {
  PipelineConfig c = test::five_stage();
  c.forwarding.clear();
  c.hazard_detection = false;
  // addi a0,zero,5; add a1,a0,a0 reads a0 in ID in cycle 3 while addi is in EX: a1 = 0 + 0.
  const auto r =
      run(c, {encode(Op::Addi, a0, zero, 0, 5), encode(Op::Add, a1, a0, a0, 0), kEbreak});
  CHECK(r.stats.cycles == 7);
  CHECK(r.regs[a1] == 0);
  REQUIRE(r.divergence);
  CHECK(r.divergence->seq == 1);
  CHECK(r.divergence->pc == kTextBase + 4);
  CHECK(r.divergence->reg == a1);
  CHECK(r.divergence->expected == 10);
  CHECK(r.divergence->actual == 0);
}

TEST_CASE("model: single-cycle and multi-cycle baselines", "[model]") {
  PipelineConfig c = test::five_stage();
  const std::vector<uint32_t> prog = {encode(Op::Sw, 0, sp, zero, -4),
                                      encode(Op::Lw, a0, sp, 0, -4), encode(Op::Addi, a0, a0, 0, 1),
                                      encode(Op::Beq, 0, zero, zero, 4), kEbreak};
  CapturedIo io;
  c.kind = MachineKind::SingleCycle;
  auto r = run_machine(c, test::program_from_words(prog), io, {}, RunLimits{}, true);
  CHECK(r.stats.cycles == 5);
  CHECK(c.clock_period_ps() == 800);  // 200 + 100 + 200 + 200 + 100
  c.kind = MachineKind::MultiCycle;
  r = run_machine(c, test::program_from_words(prog), io, {}, RunLimits{}, true);
  // sw 4 (no WB), lw 5, addi 4 (no MEM), beq 3, ebreak 3 = 19 cycles of 200 ps.
  CHECK(r.stats.cycles == 19);
  CHECK(c.clock_period_ps() == 200);
  c.skip_unused_stages = false;
  r = run_machine(c, test::program_from_words(prog), io, {}, RunLimits{}, true);
  CHECK(r.stats.cycles == 25);
}

TEST_CASE("model: an ecall that does not exit is a trap that flushes what follows", "[model]") {
  // li a7,11; li a0,'x'; ecall (print char) ; li a0,7 ; li a7,93 ; ecall (exit 7)
  // The print ecall is in WB in cycle 7; the 2 instructions behind it (in MEM? no: EX, ID, IF —
  // three slots) are flushed and refetched from cycle 8.
  CapturedIo io;
  const auto p = test::program_from_words(
      {encode(Op::Addi, a7, zero, 0, 11), encode(Op::Addi, a0, zero, 0, 'x'),
       encode(Op::Ecall, 0, 0, 0, 0), encode(Op::Addi, a0, zero, 0, 7),
       encode(Op::Addi, a7, zero, 0, 93), encode(Op::Ecall, 0, 0, 0, 0)});
  const auto r = run_machine(test::five_stage(), p, io, {}, RunLimits{}, true);
  CHECK(io.out == "x");
  CHECK(r.halt == Halt::Exit);
  CHECK(r.exit_code == 7);
  // 6 instructions + 4 fill + 4 control (MEM, EX, ID, IF squashed behind the trap... the
  // squashed slots below WB are MEM EX ID IF = 4) = 14.
  CHECK(r.stats.cycles == 14);
  CHECK(r.stats.halt_slots == 0);
  CHECK(r.stats.issue_width * r.stats.cycles ==
        r.stats.instructions + r.stats.fill_cycles + r.stats.total_stall_cycles());
}

TEST_CASE("model: a guest fault stops the run when the faulting instruction completes", "[model]") {
  CapturedIo io;
  // lw a0, 0(zero) faults in MEM (cycle 4) and the run stops when it reaches WB in cycle 5.
  const auto r = run_machine(test::five_stage(),
                             test::program_from_words({encode(Op::Lw, a0, zero, 0, 0), kEbreak}),
                             io, {}, RunLimits{}, true);
  CHECK(r.halt == Halt::Fault);
  CHECK(r.fault.kind == FaultKind::LoadAccess);
  CHECK(r.fault.pc == kTextBase);
  CHECK(r.stats.cycles == 5);
}

TEST_CASE("model: the cycle limit stops an infinite loop", "[model]") {
  CapturedIo io;
  const auto r =
      run_machine(test::five_stage(), test::program_from_words({encode(Op::Jal, zero, 0, 0, 0)}),
                  io, {}, RunLimits{100}, true);
  CHECK(r.halt == Halt::Limit);
  CHECK(r.stats.cycles == 100);
}
