// Issue 15 (hardening), the models: side effects in program order and the extended --check,
// self-modifying code, multi-cycle writeback, faults in the cycle count, the unified memory
// port's slow fetch. Every count is worked out by hand from the rules of docs/model.md:
//   - 5-stage IF ID EX MEM WB, full forwarding, split-phase register file; cycle 1 is the first
//     IF; the run ends in the cycle its halting instruction is in WB; a stall shows `S`;
//   - 7-stage IF1 IF2 ID EX MEM1 MEM2 WB; fill 6;
//   - an ecall acts in the end stage and flushes everything behind it; a store writes memory in
//     its first memory stage, unless an older trap (ecall, ebreak, fault) is still in flight;
//   - a store that writes an instruction already fetched behind it flushes everything younger
//     and fetch restarts after the store;
//   - multi-cycle: one cycle per stage used; no MEM without a memory access, no WB without a
//     register written (x0 is none).
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/pipe/side_effects.hpp"
#include "tests/support/diagram_run.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/sanitizers.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pipesim;
using test::check_row;
using test::check_row_start;
using test::Outcome;

namespace {

constexpr unsigned a0 = 10;

struct Run {
  MachineResult result;
  CapturedIo io;
};

// Every preset, with --check (a mismatch with interlocks on throws: a bug in pipesim).
Run run_checked(const std::string& preset, const std::string& source) {
  const PipelineConfig config = load_config(preset);
  const Program program = assemble(source, "hardening.s").program;
  Run r;
  r.result = run_machine(config, program, r.io, {}, RunLimits{100000}, /*check=*/true);
  return r;
}

// The functional model's output and end, the reference for every machine.
Run run_functional(const std::string& source) {
  const Program program = assemble(source, "hardening.s").program;
  Run r;
  Iss iss(program, r.io);
  iss.run(100000);
  r.result.halt = iss.halt();
  r.result.exit_code = iss.exit_code();
  return r;
}

// The reproducer: write(1, buf, 2) and then overwrite buf[0]. The store must not reach
// memory before the ecall has printed "A\n".
const char* kStoreAfterWrite =
    "    li t0, 'X'\n"
    "    li a0, 1\n"
    "    la a1, buf\n"
    "    li a2, 2\n"
    "    li a7, 64\n"
    "    ecall\n"
    "    sb t0, 0(a1)\n"
    "    ebreak\n"
    "    .data\n"
    "buf: .ascii \"A\\n\"\n";

// The same without a dependence closer than three instructions, so that it also means the same
// on a machine without interlocks or forwarding (5-stage-no-interlocks): a1 = 0x00100000, the
// start of .data, in one lui.
const char* kStoreAfterWriteSpaced =
    "    li a7, 64\n"
    "    li a2, 2\n"
    "    li a0, 1\n"
    "    lui a1, 0x100\n"
    "    li t0, 'X'\n"
    "    nop\n"
    "    nop\n"
    "    ecall\n"
    "    sb t0, 0(a1)\n"
    "    ebreak\n"
    "    .data\n"
    "buf: .ascii \"A\\n\"\n";

// The store right behind an exit or ebreak never commits: it must not write memory either.
const char* kStoreAfterEbreak =
    "    li t0, 'X'\n"
    "    lui a1, 0x100\n"
    "    ebreak\n"
    "    sb t0, 0(a1)\n"
    "    .data\n"
    "buf: .ascii \"A\\n\"\n";

// Self-modifying code: the store overwrites the very next instruction, `li a0, 2`, with the word
// of `li a0, 7` (addi a0, x0, 7 = 7 << 20 | 10 << 7 | 0x13 = 0x00700513), taken from .data.
const char* kPatchNext =
    "    lui t2, 0x100\n"  // 0x10000  t2 = 0x00100000, the new word in .data
    "    lui t0, 0x10\n"   // 0x10004  t0 = 0x00010000, the program's first instruction
    "    lw t1, 0(t2)\n"   // 0x10008  t1 = 0x00700513
    "    sw t1, 16(t0)\n"  // 0x1000c  overwrites 0x10010
    "    li a0, 2\n"       // 0x10010  becomes li a0, 7
    "    li a7, 93\n"      // 0x10014
    "    ecall\n"          // 0x10018  exit(a0)
    "    .data\n"
    "    .word 0x00700513\n";

}  // namespace

TEST_CASE("side effects: the write before a store prints the old buffer on every preset",
          "[hardening][model]") {
  const Run ref = run_functional(kStoreAfterWrite);
  REQUIRE(ref.io.out == "A\n");
  const Run ref_spaced = run_functional(kStoreAfterWriteSpaced);
  REQUIRE(ref_spaced.io.out == "A\n");
  for (const PresetInfo& p : list_presets()) {
    INFO(p.name);
    const bool interlocks = load_config(p.name).hazard_detection;
    if (interlocks) {
      // Without interlocks `la` (auipc; addi a1, a1, ...) reads a1 too early: the program then
      // means something else there, hence the spaced version below.
      const Run r = run_checked(p.name, kStoreAfterWrite);
      CHECK(r.io.out == "A\n");
      CHECK(r.result.halt == Halt::Ebreak);
      CHECK(r.result.stats.instructions == 9);
    }
    const Run s = run_checked(p.name, kStoreAfterWriteSpaced);
    CHECK(s.io.out == "A\n");
    CHECK(s.result.halt == Halt::Ebreak);
    CHECK_FALSE(s.result.divergence);
    // The store behind an ebreak: --check would throw (or report a divergence) if it wrote.
    const Run e = run_checked(p.name, kStoreAfterEbreak);
    CHECK(e.result.halt == Halt::Ebreak);
    CHECK_FALSE(e.result.divergence);
  }
}

TEST_CASE("side effects: 7-stage, the store behind the ecall is squashed and runs again",
          "[hardening][model]") {
  // 9 instructions (la is auipc + addi). ecall is the 7th: IF1 7, IF2 8, ID 9, EX 10, MEM1 11,
  // MEM2 12, WB 13. In 12 the sb, right behind it, is in MEM1: the older ecall is still in MEM2,
  // so the store does not write. In 13 the ecall prints "A\n" and flushes the 6 instructions
  // behind it (IF1..MEM2, the sb in MEM2); sb is fetched again in 14 (WB 20), ebreak WB 21.
  // 21 = 9 + 6 fill + 6 control.
  const Outcome o = test::run_diagram("7-stage", kStoreAfterWrite);
  check_row(o, 6, "ecall", 7, "IF1 IF2 ID EX MEM1 MEM2 WB");
  check_row_start(o, 7, "sb t0, 0(a1)", 8, "if1 if2 id ex mem1 mem2");
  check_row(o, 13, "sb t0, 0(a1)", 14, "IF1 IF2 ID EX MEM1 MEM2 WB");
  check_row(o, 14, "ebreak", 15, "IF1 IF2 ID EX MEM1 MEM2 WB");
  CHECK(o.result.stats.cycles == 21);
  CHECK(o.result.stats.fill_cycles == 6);
  CHECK(o.stalls(StallCause::Control) == 6);
  CHECK(o.result.stats.flushed == 6);
}

TEST_CASE("side effects: the checker reports side effects out of program order",
          "[hardening][model]") {
  const SideEffect store = SideEffect::store(0x00100000, 1, 0x58);
  const SideEffect print = SideEffect::output(1, "A\n");
  SECTION("in order") {
    SideEffectChecker c;
    c.performed(print);
    c.performed(store);
    CHECK_FALSE(c.expected(print));
    CHECK_FALSE(c.expected(store));
    CHECK_FALSE(c.finish());
  }
  SECTION("the store reached memory before the older write printed") {
    SideEffectChecker c;
    c.performed(store);
    c.performed(print);
    CHECK(c.expected(print) ==
          std::string("side effects out of program order: the pipeline did `store 0x58 (1 byte) "
                      "to 0x00100000` where sequential execution does `write \"A\\n\" to fd 1`"));
  }
  SECTION("two outputs swapped") {
    SideEffectChecker c;
    c.performed(SideEffect::output(2, "err"));
    c.performed(SideEffect::output(1, "out"));
    CHECK(c.expected(SideEffect::output(1, "out")) ==
          std::string("side effects out of program order: the pipeline did `write \"err\" to fd "
                      "2` where sequential execution does `write \"out\" to fd 1`"));
  }
  SECTION("the same store with another value or size is another side effect") {
    SideEffectChecker c;
    c.performed(SideEffect::store(0x00100000, 2, 0x1234));
    CHECK(c.expected(SideEffect::store(0x00100000, 2, 0x1235)));
    // Only the low `size` bytes are the store's: the rest of the register does not matter.
    c.performed(SideEffect::store(0x00100004, 1, 0xffffff41));
    CHECK_FALSE(c.expected(SideEffect::store(0x00100004, 1, 0x41)));
  }
  SECTION("not yet performed") {
    SideEffectChecker c;
    CHECK(c.expected(store) == std::string("sequential execution does `store 0x58 (1 byte) to "
                                           "0x00100000` here; the pipeline has not done it"));
  }
  SECTION("performed by an instruction that never committed") {
    SideEffectChecker c;
    c.performed(store);
    CHECK(c.finish() == std::string("the pipeline did `store 0x58 (1 byte) to 0x00100000`, "
                                    "which sequential execution never does"));
  }
  SECTION("long or unprintable output is shortened and escaped") {
    CHECK(describe(SideEffect::output(1, std::string("a\tb\"\\") + '\xff')) ==
          "write \"a\\x09b\\\"\\\\\\xff\" to fd 1");
    CHECK(describe(SideEffect::output(1, std::string(40, 'z'))) ==
          "write \"" + std::string(32, 'z') + "\" (40 bytes) to fd 1");
    CHECK(describe(SideEffect::store(0x10, 4, 0xdeadbeef)) ==
          "store 0xdeadbeef (4 bytes) to 0x00000010");
  }
}

TEST_CASE("self-modifying code: every machine runs the new instruction", "[hardening][model]") {
  const Run ref = run_functional(kPatchNext);
  REQUIRE(ref.result.halt == Halt::Exit);
  REQUIRE(ref.result.exit_code == 7);
  for (const PresetInfo& p : list_presets()) {
    if (!load_config(p.name).hazard_detection) continue;  // lw; sw is a load-use there
    INFO(p.name);
    const Run r = run_checked(p.name, kPatchNext);
    CHECK(r.result.halt == Halt::Exit);
    CHECK(r.result.exit_code == 7);
    // The same without --check (the fast timing model declines stores into code).
    const PipelineConfig config = load_config(p.name);
    CapturedIo io;
    const MachineResult fast =
        run_machine(config, assemble(kPatchNext, "smc.s").program, io, {}, RunLimits{}, false);
    CHECK(fast.exit_code == 7);
  }
}

TEST_CASE("self-modifying code: the store flushes the stale instruction (5-stage)",
          "[hardening][model]") {
  // lui t2 WB 5, lui t0 WB 6, lw t1: IF 3 ... MEM 6, WB 7. sw needs t1 in EX: load-use, ID 5,
  // S 6, EX 7 (MEM/WB->EX), MEM 8. In 8 the store writes 0x10010, which the li a0, 2 behind it
  // (fetched in 5, frozen in 6, ID 7, EX 8) was fetched from: li a0, li a7 (ID) and ecall (IF)
  // are flushed, fetch restarts at 0x10010 in 9 and reads li a0, 7: IF 9 ... WB 13; li a7 WB 14,
  // ecall WB 15. 15 = 7 instructions + 4 fill + 1 load-use + 3 control.
  const Outcome o = test::run_diagram("5-stage", kPatchNext, {}, Halt::Exit);
  check_row(o, 3, "sw t1, 16(t0)", 4, "IF ID S EX MEM WB");
  check_row_start(o, 4, "li a0, 2", 5, "if s id ex");
  check_row(o, 7, "li a0, 7", 9, "IF ID EX MEM WB");
  check_row(o, 9, "ecall", 11, "IF ID EX MEM WB");
  CHECK(o.result.exit_code == 7);
  CHECK(o.result.stats.cycles == 15);
  CHECK(o.result.stats.instructions == 7);
  CHECK(o.stalls(StallCause::LoadUse) == 1);
  CHECK(o.stalls(StallCause::Control) == 3);
  CHECK(o.result.stats.flushed == 3);
}

TEST_CASE("self-modifying code: pipesim run --check exits with the guest's status, never 70",
          "[hardening][model]") {
  test::TempDir dir;
  const std::string path = dir / "smc.s";
  std::ofstream(path) << kPatchNext;
  for (const char* preset : {"5-stage", "7-stage", "5-stage-parallel-fu", "5-stage-cache",
                             "5-stage-unified-memory", "qtrvsim", "single-cycle", "multi-cycle"}) {
    INFO(preset);
    const auto r = test::run_process({PIPESIM_BINARY, "run", path, "--config", preset, "--check"});
    CHECK(r.exit_code == 7);
    CHECK(r.err.empty());
  }
}

TEST_CASE("ecall: a jump to a misaligned address behind it still faults after the ecall",
          "[hardening][model]") {
  // The jalr behind the write resolves in EX (a misaligned target) while the ecall is in MEM:
  // fetch stopped behind it. The ecall then flushes it; fetch must restart, the jalr run again
  // and fault. It used to wait forever (limit). 5-stage: 8 instructions up to the ecall (li,
  // la = 2, li, li, li t0 = lui + addi), ecall WB 12, jalr IF 13 ... WB 17, where it faults:
  // 17 = 8 + 4 fill + 4 control + 1 (the faulting instruction's cycle).
  const char* src =
      "    li a0, 1\n"
      "    la a1, msg\n"
      "    li a2, 3\n"
      "    li a7, 64\n"
      "    li t0, 0x10002\n"
      "    ecall\n"
      "    jalr x0, 0(t0)\n"
      "    .data\n"
      "msg: .ascii \"ok\\n\"\n";
  const Outcome o = test::run_diagram("5-stage", src, {}, Halt::Fault);
  CHECK(o.result.fault.kind == FaultKind::FetchMisaligned);
  CHECK(o.result.stats.cycles == 17);
  CHECK(o.result.stats.instructions == 8);
  CHECK(o.stalls(StallCause::Control) == 4);
  for (const char* preset : {"7-stage", "5-stage-parallel-fu", "qtrvsim", "5-stage-branch-in-id"}) {
    INFO(preset);
    const Run r = run_checked(preset, src);
    CHECK(r.result.halt == Halt::Fault);
    CHECK(r.result.fault.kind == FaultKind::FetchMisaligned);
    CHECK(r.io.out == "ok\n");
  }
}

TEST_CASE("unified memory port: a slow fetch's last cycle waits for the data access too",
          "[hardening][model]") {
  // Fetch 2 cycles, data access 2, one port. lui: IF 1-2, ID 3 ... WB 6. lw a0: IF 3-4, ID 5,
  // EX 6, MEM 7-8 (the port in 7 and 8), WB 9. lw a2: IF 5-6, ID 7; in 8 EX cannot move on
  // (MEM is held), so lw a2 stays in ID (S); EX 9, MEM 10-11 (the port), WB 12.
  // addi a3: nothing is fetched in 7 (the port is lw a0's) nor in 8 (IF frozen behind ID); it is
  // fetched in 9 (port free) and 10; but in 10 and 11 lw a2 has the port, so its last fetch
  // cycle is 12: IF 9-12 (structural 2), ID 13, EX 14, MEM 15, WB 16. addi a4: IF 13-14 ... WB
  // 18. ebreak: IF 15-16 ... WB 20.
  // 20 = 6 instructions + 4 fill + memory 8 (one extra fetch cycle each, 6; one extra data
  // cycle per load, 2) + structural 2.
  const char* src =
      "    lui a1, 0x100\n"
      "    lw a0, 0(a1)\n"
      "    lw a2, 4(a1)\n"
      "    addi a3, a3, 1\n"
      "    addi a4, a4, 1\n"
      "    ebreak\n"
      "    .data\n"
      "    .word 5, 6\n";
  const Outcome o = test::run_diagram("5-stage-unified-memory", src,
                                      {"memory.instruction_latency=2", "memory.data_latency=2"});
  check_row(o, 0, "lui a1, 0x100", 1, "IF IF ID EX MEM WB");
  check_row(o, 1, "lw a0, 0(a1)", 3, "IF IF ID EX MEM MEM WB");
  check_row(o, 2, "lw a2, 4(a1)", 5, "IF IF ID S EX MEM MEM WB");
  check_row(o, 3, "addi a3, a3, 1", 9, "IF IF IF IF ID EX MEM WB");
  check_row(o, 4, "addi a4, a4, 1", 13, "IF IF ID EX MEM WB");
  check_row(o, 5, "ebreak", 15, "IF IF ID EX MEM WB");
  CHECK(o.result.stats.cycles == 20);
  CHECK(o.stalls(StallCause::Structural) == 2);
  CHECK(o.stalls(StallCause::Memory) == 8);
}

TEST_CASE("multi-cycle: instructions that write no register skip WB", "[hardening][model]") {
  // j (jal x0): IF ID EX = 3; jal ra: writes ra, IF ID EX WB = 4; ret (jalr x0): 3; nop (addi
  // x0): 3; li a0: 4; ebreak: 3. 3 + 4 + 3 + 3 + 4 + 3 = 20 cycles, 6 instructions.
  const char* src =
      "    j over\n"
      "over:\n"
      "    jal ra, f\n"
      "    nop\n"
      "    li a0, 5\n"
      "    ebreak\n"
      "f:  ret\n";
  const PipelineConfig config = load_config("multi-cycle");
  CapturedIo io;
  const MachineResult r =
      run_machine(config, assemble(src, "mc.s").program, io, {}, RunLimits{}, false);
  CHECK(r.halt == Halt::Ebreak);
  CHECK(r.stats.instructions == 6);
  CHECK(r.stats.cycles == 20);
  CHECK(r.regs[a0] == 5);
}

TEST_CASE("faults: the faulting instruction's cycles count, the instruction does not",
          "[hardening][model]") {
  struct Case {
    const char* preset;
    const char* src;
    FaultKind kind;
    uint64_t cycles, instructions;
  };
  const char* load = "    li a0, 1\n    lw a1, 0(x0)\n    ebreak\n";  // unmapped 0
  const char* illegal = "    li a0, 1\n    .word 0\n    ebreak\n";    // illegal word 0
  const char* syscall = "    li a7, 999\n    ecall\n    ebreak\n";    // unsupported
  const char* jump = "    li t0, 0x10002\n    jr t0\n    ebreak\n";   // lui + addi, jalr
  const Case cases[] = {
      // single-cycle: one cycle per instruction, the faulting one's included.
      {"single-cycle", load, FaultKind::LoadAccess, 2, 1},
      {"single-cycle", illegal, FaultKind::IllegalInstruction, 2, 1},
      // multi-cycle: li 4; the load faults in MEM: IF ID EX MEM = 4 -> 8.
      {"multi-cycle", load, FaultKind::LoadAccess, 8, 1},
      // illegal: found in decode, IF ID -> 4 + 2 = 6.
      {"multi-cycle", illegal, FaultKind::IllegalInstruction, 6, 1},
      // unsupported system call: IF ID EX -> 4 + 3 = 7.
      {"multi-cycle", syscall, FaultKind::UnsupportedSyscall, 7, 1},
      // misaligned target, found in EX: lui 4 + addi 4 + IF ID EX 3 = 11.
      {"multi-cycle", jump, FaultKind::FetchMisaligned, 11, 2},
      // 5-stage: the load faults when it is in WB, cycle 6 = 1 + 4 fill + 1.
      {"5-stage", load, FaultKind::LoadAccess, 6, 1},
  };
  for (const Case& c : cases) {
    INFO(c.preset << ": " << c.src);
    const Run r = run_checked(c.preset, c.src);
    CHECK(r.result.halt == Halt::Fault);
    CHECK(r.result.fault.kind == c.kind);
    CHECK(r.result.stats.cycles == c.cycles);
    CHECK(r.result.stats.instructions == c.instructions);
  }
}

TEST_CASE("parallel WAW: the structural cycle is the empty MEM in cycle 6, not the hold in 19",
          "[hardening][model]") {
  // docs/model.md's WAW example. li a1 (issued 2) MEM 4, li a2 MEM 5, div issued in 4: DIV
  // 5..20, MEM 21. A 1-cycle instruction issued in cycle c is in MEM in c + 2. Decode issued the
  // div in 4, so MEM is empty in 6: structural. li a0 is held for WAW in 5..18 (MEM 7..20 empty:
  // waw 14); held in 19 because MEM 21 is the div's (structural), which costs nothing: the div
  // is in MEM in 21. li a0 issues in 20, MEM 22; ebreak MEM 23, WB 24.
  const char* src =
      "    li a1, 100\n"
      "    li a2, 7\n"
      "    div a0, a1, a2\n"
      "    li a0, 1\n"
      "    ebreak\n";
  const PipelineConfig config = load_config("5-stage-parallel-fu");
  report::Recorder recorder;
  TraceSink* sinks[] = {&recorder};
  CapturedIo io;
  const MachineResult r = run_machine(config, assemble(src, "waw.s").program, io, sinks,
                                      RunLimits{1000}, /*check=*/true);
  CHECK(r.stats.cycles == 24);
  CHECK(r.stats.stall_cycles[static_cast<std::size_t>(StallCause::Waw)] == 14);
  CHECK(r.stats.stall_cycles[static_cast<std::size_t>(StallCause::Structural)] == 1);
  const uint32_t mem = 3;
  auto mem_at = [&](uint64_t cycle) {
    for (const report::RecordedCycle& c : recorder.cycles())
      if (c.cycle == cycle) return c.stages[mem];
    FAIL("cycle " << cycle << " not recorded");
    return SlotView{};
  };
  CHECK_FALSE(mem_at(6).occupied());
  CHECK(mem_at(6).cause == StallCause::Structural);
  for (uint64_t c = 7; c <= 20; ++c) {
    INFO("cycle " << c);
    CHECK_FALSE(mem_at(c).occupied());
    CHECK(mem_at(c).cause == StallCause::Waw);
  }
  CHECK(mem_at(21).seq == 2);  // the div
  CHECK(mem_at(22).seq == 3);  // li a0
}

TEST_CASE("limits: a sequential machine stops at exactly --max-cycles, inside an instruction",
          "[hardening][model]") {
  auto run = [](const std::string& preset, const std::string& src, uint64_t max_cycles,
                const std::vector<std::string>& sets = {}) {
    Run r;
    r.result = run_machine(load_config(preset, sets), assemble(src, "limit.s").program, r.io, {},
                           RunLimits{max_cycles}, false);
    return r;
  };
  const char* loop = "_start: j _start\n";
  // multi-cycle: j takes 3 cycles (no WB). 333 jumps take 999 cycles; the 334th is cut after
  // its first cycle (1000) or its second (1001) and does not count.
  for (uint64_t max : {1000u, 1001u}) {
    const Run r = run("multi-cycle", loop, max);
    CHECK(r.result.halt == Halt::Limit);
    CHECK(r.result.stats.cycles == max);
    CHECK(r.result.stats.instructions == 333);
    CHECK(r.result.pc == 0x10000);
  }
  // single-cycle with 3-cycle fetches: 3 cycles per instruction; 10 = 3 * 3 + 1.
  const Run s = run("single-cycle", loop, 10, {"memory.instruction_latency=3"});
  CHECK(s.result.stats.cycles == 10);
  CHECK(s.result.stats.instructions == 3);
  // A write cut by the limit prints nothing and does not set a0. li 4, la (auipc, addi) 4 + 4,
  // li 4, li 4: 20 cycles; the ecall is IF ID EX in 21..23.
  const char* write =
      "    li a0, 1\n"
      "    la a1, msg\n"
      "    li a2, 3\n"
      "    li a7, 64\n"
      "    ecall\n"
      "    ebreak\n"
      "    .data\n"
      "msg: .ascii \"ok\\n\"\n";
  const Run cut = run("multi-cycle", write, 22);
  CHECK(cut.result.halt == Halt::Limit);
  CHECK(cut.result.stats.cycles == 22);
  CHECK(cut.result.stats.instructions == 5);
  CHECK(cut.result.pc == 0x10014);
  CHECK(cut.io.out.empty());
  CHECK(cut.result.regs[a0] == 1);
  const Run whole = run("multi-cycle", write, 23);
  CHECK(whole.result.stats.cycles == 23);
  CHECK(whole.result.stats.instructions == 6);
  CHECK(whole.io.out == "ok\n");
  CHECK(whole.result.regs[a0] == 3);
}

// Round 2 of the review.

TEST_CASE("faults: every fault of an ecall is found in execute on multi-cycle",
          "[hardening][model]") {
  // An ecall acts in EX (docs/model.md, "Accounting"), whatever the fault: a string to print
  // that runs into unmapped memory (a load fault of the ecall) is charged IF ID EX = 3 cycles, as
  // an unsupported system call is, not up to MEM like a load. li a7 4 + lui a0 4 + 3 = 11.
  const char* bad_string = "    li a7, 4\n    lui a0, 0x40000\n    ecall\n    ebreak\n";
  const Run r = run_checked("multi-cycle", bad_string);
  CHECK(r.result.halt == Halt::Fault);
  CHECK(r.result.fault.kind == FaultKind::LoadAccess);
  CHECK(r.result.fault.addr == 0x40000000);
  CHECK(r.result.stats.cycles == 11);
  CHECK(r.result.stats.instructions == 2);
  CHECK(r.io.out.empty());
  // An unsupported one after the same two instructions: also 11.
  const Run u = run_checked("multi-cycle", "    li a7, 999\n    lui a0, 0x40000\n    ecall\n");
  CHECK(u.result.fault.kind == FaultKind::UnsupportedSyscall);
  CHECK(u.result.stats.cycles == 11);
}

TEST_CASE("limits: a multi-cycle machine looks at the stop flag whenever 4096 cycles have passed",
          "[hardening][model]") {
  // `j` takes 3 cycles: the cycle count is 3k, never a multiple of 4096 below 12288. The model
  // must still look at RunLimits (stop flag, progress) once it has crossed 4096: at 4098.
  std::atomic<uint64_t> progress{0};
  RunLimits limits{5000};
  limits.progress = &progress;
  CapturedIo io;
  const MachineResult r =
      run_machine(load_config("multi-cycle"), assemble("_start: j _start\n", "loop.s").program, io,
                  {}, limits, false);
  CHECK(r.stats.cycles == 5000);
  CHECK(progress.load() == 4098);
  // And a stop flag set from the start ends the run before its first instruction, as before.
  std::atomic<bool> stop{true};
  limits.stop = &stop;
  const MachineResult s =
      run_machine(load_config("multi-cycle"), assemble("_start: j _start\n", "loop.s").program, io,
                  {}, limits, false);
  CHECK(s.stopped);
  CHECK(s.stats.cycles == 0);
}

TEST_CASE("self-modifying code: a store over code placed in data flushes it too (5-stage)",
          "[hardening][model]") {
  // The code runs from .data (no decode-cache entry to see the store): `sw` overwrites the next
  // word, already fetched behind it, `li a0, 1`, with `li a0, 2` (0x00200513). Sequential
  // execution exits with 2; the stale instruction would give 1 (--check would throw).
  const char* src =
      "    lui t0, 0x100\n"  // t0 = 0x00100000, the code in .data
      "    li t1, 0x00200513\n"
      "    li a7, 93\n"
      "    jr t0\n"
      "    .data\n"
      "    sw t1, 4(t0)\n"
      "    li a0, 1\n"
      "    ecall\n";
  const Run ref = run_functional(src);
  REQUIRE(ref.result.exit_code == 2);
  for (const char* preset : {"5-stage", "7-stage"}) {
    INFO(preset);
    const Run r = run_checked(preset, src);
    CHECK(r.result.halt == Halt::Exit);
    CHECK(r.result.exit_code == 2);
  }
}

TEST_CASE("guest output: one 8 MiB write is streamed on sequential machines and with --check",
          "[hardening][model]") {
  // An 8 MiB buffer written once, against the same buffer written in 128 calls of 64 KiB: both
  // touch the same guest memory (twice with --check: the functional model has its own), so the
  // one call may take only a little more. Holding one call's output whole (a copy on a
  // sequential machine, more with --check) took 8 MiB more (measured: 38 -> 46 MiB, 46 -> 55).
  const std::string head = "    .data\nbuf: .space 8388608\n    .text\n";
  const std::string pieces = head +
                             "    li s0, 128\n    la a1, buf\n"
                             "loop: li a0, 1\n    lui a2, 16\n    li a7, 64\n    ecall\n"
                             "    add a1, a1, a2\n    addi s0, s0, -1\n    bnez s0, loop\n"
                             "    li a7, 93\n    li a0, 0\n    ecall\n";
  const std::string whole = head +
                            "    li a0, 1\n    la a1, buf\n    li a2, 8388608\n"
                            "    li a7, 64\n    ecall\n    li a7, 93\n    li a0, 0\n    ecall\n";
  test::TempDir dir("pipesim-hardening");
  const std::string small = dir / "pieces.s", big = dir / "whole.s";
  std::ofstream(small) << pieces;
  std::ofstream(big) << whole;
  const std::filesystem::path out = dir.path / "out";
  for (const std::vector<std::string>& machine : std::vector<std::vector<std::string>>{
           {"-c", "multi-cycle"}, {"-c", "single-cycle"}, {"-c", "5-stage", "--check"}}) {
    INFO(machine[1] << (machine.size() > 2 ? " --check" : ""));
    std::vector<std::string> args = {"run", small, "--quiet"};
    args.insert(args.end(), machine.begin(), machine.end());
    const test::RunResult base = test::run_pipesim_to_files(args, out, out);
    CHECK(base.exit_code == 0);
    CHECK(std::filesystem::file_size(out) == 8388608u);
    args[1] = big;
    const test::RunResult m = test::run_pipesim_to_files(args, out, out);
    CHECK(m.exit_code == 0);
    CHECK(std::filesystem::file_size(out) == 8388608u);
    const long bound_kib = base.max_rss_kib + 3 * 1024;
    INFO("peak " << m.max_rss_kib << " KiB, bound " << bound_kib << " KiB");
#ifndef PIPESIM_TEST_ASAN  // AddressSanitizer keeps freed memory in quarantine: no bound holds
    CHECK(m.max_rss_kib < bound_kib);
#endif
  }
}
