// memory.misaligned (docs/config.md, docs/model.md "Misaligned loads and stores"): by default a
// misaligned load or store faults; with "allow" it accesses the bytes it names, little-endian (the
// RISC-V spec's memory order; qemu-riscv32 agrees: tests/cli/misaligned_qemu_test.cpp), on the
// functional model, the cycle model, the timing model and the sequential machines. Expected
// values are worked out by hand from the bytes 0x00, 0x01, ... 0x1f at kDataBase; cycle counts
// from the timing rule (no cache: as aligned; data cache: a line-crossing access is two
// accesses, their cycles added).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/pipe/machine.hpp"
#include "tests/support/diagram_run.hpp"
#include "tests/support/machines.hpp"

using namespace pipesim;

namespace {

constexpr unsigned t0 = 5, t1 = 6, t2 = 7, t3 = 28, t4 = 29;

// Data bytes 0x00..0x1f at kDataBase (0x100000): 16-byte lines 0x100000 and 0x100010.
const std::string kData =
    ".data\n"
    ".byte 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31\n";

// Loads at every misaligned offset kind, and a store checked by aligned loads.
const std::string kLoadsAndStores =
    "  lui s0, 0x100\n"
    "  lw t0, 1(s0)\n"   // bytes 1..4: 0x04030201
    "  lh t1, 15(s0)\n"  // bytes 15, 16: 0x100f
    "  lhu t2, 3(s0)\n"  // bytes 3, 4: 0x0403
    "  li a0, 0x8081\n"  // a halfword with its sign bit set
    "  sh a0, 7(s0)\n"   // bytes 7, 8 = 0x81 0x80
    "  lh t3, 7(s0)\n"   // 0xffff8081 (sign-extended)
    "  li a1, 0xa1b2c3d4\n"
    "  sw a1, 13(s0)\n"  // bytes 13..16 = d4 c3 b2 a1
    "  lw t4, 12(s0)\n"  // bytes 12..15 = 0c d4 c3 b2: 0xb2c3d40c
    "  lw a2, 16(s0)\n"  // bytes 16..19 = a1 11 12 13: 0x131211a1
    "  ebreak\n" +
    kData;

void check_values(const RegFile& x) {
  CHECK(x[t0] == 0x04030201u);
  CHECK(x[t1] == 0x100fu);
  CHECK(x[t2] == 0x0403u);
  CHECK(x[t3] == 0xffff8081u);
  CHECK(x[t4] == 0xb2c3d40cu);
  CHECK(x[12] == 0x131211a1u);
}

Program assembled(const std::string& source) {
  return assemble(source, "misaligned.s").program;
}

PipelineConfig allowing(PipelineConfig c) {
  c.memory.misaligned = Misaligned::Allow;
  return c;
}

}  // namespace

TEST_CASE("misaligned: the functional model faults by default and allows on request",
          "[misaligned]") {
  const Program p = assembled(kLoadsAndStores);
  CapturedIo io;
  Iss faulting(p, io);
  faulting.run(100);
  CHECK(faulting.halt() == Halt::Fault);
  CHECK(faulting.fault().kind == FaultKind::LoadMisaligned);
  CHECK(faulting.fault().addr == 0x100001u);
  Iss allowing_iss(p, io, Misaligned::Allow);
  allowing_iss.run(100);
  REQUIRE(allowing_iss.halt() == Halt::Ebreak);
  check_values(allowing_iss.state().regs);
}

TEST_CASE("misaligned: a store faults by default on the cycle model too", "[misaligned]") {
  CapturedIo io;
  const MachineResult r =
      run_machine(test::five_stage(), assembled("lui s0, 0x100\nsw s0, 2(s0)\nebreak\n" + kData),
                  io, {}, RunLimits{1000}, true);
  CHECK(r.halt == Halt::Fault);
  CHECK(r.fault.kind == FaultKind::StoreMisaligned);
  CHECK(r.fault.addr == 0x100002u);
}

TEST_CASE("misaligned: every engine and machine computes the same values when allowed",
          "[misaligned]") {
  const Program p = assembled(kLoadsAndStores);
  for (MachineKind kind :
       {MachineKind::Pipelined, MachineKind::SingleCycle, MachineKind::MultiCycle}) {
    INFO(kind_name(kind));
    CapturedIo io;
    const MachineResult r = run_machine(allowing(test::five_stage(kind)), p, io, {},
                                        RunLimits{10000}, true, EngineChoice::Cycle);
    REQUIRE(r.halt == Halt::Ebreak);
    check_values(r.regs);
  }
  // The timing model: without caches an allowed misaligned access costs what an aligned one
  // does, so it runs these programs and agrees with the cycle model cycle for cycle.
  CapturedIo io_a, io_b;
  const MachineResult timing = run_machine(allowing(test::five_stage()), p, io_a, {},
                                           RunLimits{10000}, false, EngineChoice::Timing);
  const MachineResult cycle = run_machine(allowing(test::five_stage()), p, io_b, {},
                                          RunLimits{10000}, true, EngineChoice::Cycle);
  CHECK(timing.engine == EngineKind::Timing);
  check_values(timing.regs);
  CHECK(timing.stats.cycles == cycle.stats.cycles);
  CHECK(timing.stats.instructions == cycle.stats.instructions);
}

TEST_CASE("misaligned: without a data cache a misaligned access takes the cycles of an aligned one",
          "[misaligned]") {
  // 5 instructions, no stalls (the sh's t1 is forwarded from MEM/WB to EX): 5 + 4 fill = 9
  // cycles, aligned or not.
  const std::string misaligned =
      "lui s0, 0x100\nlw t1, 1(s0)\nlw t0, 14(s0)\nsh t1, 3(s0)\nebreak\n";
  const std::string aligned = "lui s0, 0x100\nlw t1, 0(s0)\nlw t0, 12(s0)\nsh t1, 2(s0)\nebreak\n";
  const test::Outcome m =
      test::run_diagram("5-stage", misaligned + kData, {"memory.misaligned=allow"});
  const test::Outcome a = test::run_diagram("5-stage", aligned + kData);
  CHECK(m.result.stats.cycles == 9);
  CHECK(a.result.stats.cycles == 9);
  CHECK(m.result.regs[t0] == 0x11100f0eu);
}

TEST_CASE("misaligned: with a data cache a line-crossing access is two accesses", "[misaligned]") {
  // 5-stage-cache: 16-byte lines, hit 1 cycle, miss 1 + 10; the instruction cache's miss penalty
  // set to 0 so that only data accesses cost. Baseline 5 + 4 fill = 9 cycles.
  //   lw t1, 0(s0)   line 0x100000 misses: MEM 11 cycles (+10)
  //   lw t0, 14(s0)  bytes 0x10000e..0x100011: line 0x100000 hits (1), line 0x100010 misses
  //                  (11): MEM 12 cycles (+11)
  //   lw t2, 14(s0)  both lines hit: MEM 2 cycles (+1)
  // Cycles 9 + 22 = 31, all 22 extra ones `memory`. lw t0: IF 3, ID 4, EX 5 frozen 6..15 behind
  // lw t1's miss, MEM 16..27, WB 28. lw t2: IF 4, ID 5 frozen 6..15, EX 16 frozen 17..27, MEM
  // 28..29, WB 30; ebreak WB 31. Cache accesses 1 + 2 + 2 = 5: misses 2, hits 3.
  const test::Outcome o = test::run_diagram(
      "5-stage-cache",
      "lui s0, 0x100\nlw t1, 0(s0)\nlw t0, 14(s0)\nlw t2, 14(s0)\nebreak\n" + kData,
      {"memory.misaligned=allow", "memory.icache.miss_penalty=0"});
  test::check_row(o, 1, "lw t1, 0(s0)", 2, "IF ID EX MEM*11 WB");
  test::check_row(o, 2, "lw t0, 14(s0)", 3, "IF ID EX S*10 MEM*12 WB");
  test::check_row(o, 3, "lw t2, 14(s0)", 4, "IF ID S*10 EX S*11 MEM*2 WB");
  const PipelineStats& st = o.result.stats;
  CHECK(st.cycles == 31);
  CHECK(o.stalls(StallCause::Memory) == 22);
  CHECK(o.stall_total() == 22);
  CHECK(st.dcache.accesses == 5);
  CHECK(st.dcache.misses == 2);
  CHECK(st.dcache.hits == 3);
  CHECK(o.result.regs[t0] == 0x11100f0eu);
  CHECK(o.result.regs[t2] == 0x11100f0eu);
}

TEST_CASE("misaligned: a multi-cycle machine pays the second access too", "[misaligned]") {
  // The same loads as aligned ones (16(s0): one access, a miss then a hit) cost one cycle less
  // each than the crossing ones (hit + miss = 12 vs miss = 11; hit + hit = 2 vs hit = 1).
  PipelineConfig c = allowing(test::five_stage(MachineKind::MultiCycle));
  c.memory.dcache =
      CacheConfig{true, 512, 16, 1, Replacement::Lru, WritePolicy::WriteBack, 1, 10, 1};
  auto cycles = [&](const char* offset) {
    CapturedIo io;
    const std::string src = std::string("lui s0, 0x100\nlw t1, 0(s0)\nlw t0, ") + offset +
                            "(s0)\nlw t2, " + offset + "(s0)\nebreak\n" + kData;
    const MachineResult r =
        run_machine(c, assembled(src), io, {}, RunLimits{10000}, true, EngineChoice::Cycle);
    REQUIRE(r.halt == Halt::Ebreak);
    return r.stats.cycles;
  };
  CHECK(cycles("14") == cycles("16") + 2);
}

TEST_CASE("misaligned: memory.misaligned is validated and loads from --set", "[misaligned]") {
  CHECK(load_config("5-stage").memory.misaligned == Misaligned::Fault);
  CHECK(load_config("5-stage", {"memory.misaligned=allow"}).memory.misaligned == Misaligned::Allow);
  try {
    load_config("5-stage", {"memory.misaligned=sometimes"});
    FAIL("a bad value loaded");
  } catch (const std::exception& e) {
    const std::string what = e.what();
    CHECK(what.find("memory.misaligned") != std::string::npos);
    CHECK(what.find("\"sometimes\"") != std::string::npos);
    CHECK(what.find("fault, allow") != std::string::npos);
  }
}
