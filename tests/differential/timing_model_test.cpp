// The per-instruction timing model (sim/pipe/timing_model.hpp) against the cycle-level model it
// stands in for: every program under programs/ and hand-written corner cases, on every preset
// the fast model supports, must give the same stats, halt, registers and output.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/load/load.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/pipe/pipeline_rules.hpp"
#include "sim/pipe/timing_model.hpp"
#include "tests/support/corner_programs.hpp"
#include "tests/support/engine_compare.hpp"
#include "tests/support/files.hpp"
#include "tests/support/machine_variants.hpp"
#include "tests/support/random_programs.hpp"
#include "tests/support/sanitizers.hpp"

namespace fs = std::filesystem;
using namespace pipesim;

namespace {

// The scalar ones: two-issue machines decline faults, and have their own comparison
// (timing_wide_test.cpp).
std::vector<PipelineConfig> fast_presets() {
  std::vector<PipelineConfig> out;
  for (const PresetInfo& p : list_presets()) {
    PipelineConfig c = load_config(p.name);
    if (timing_model_supports(c) && c.issue.width == 1) out.push_back(c);
  }
  return out;
}

using test::shrink_bench;

// Runs without interlocks, and their declines. Such a machine computes other values than
// sequential execution: a program may loop for ever there (then the fast model declines at the
// cycle limit, kept small, and the cycle model gives the partial result).
struct NoInterlocksRuns {
  int runs = 0, fast = 0;
};
NoInterlocksRuns no_interlocks_runs;

void compare(const Program& program, const PipelineConfig& config, bool must_be_fast = true,
             RunLimits limits = {}) {
  if (!config.hazard_detection) {
    limits.max_cycles = std::min<uint64_t>(limits.max_cycles, 300'000);
    ++no_interlocks_runs.runs;
    no_interlocks_runs.fast += test::compare_engines(program, config, false, limits);
    return;
  }
  test::compare_engines(program, config, must_be_fast, limits);
}

void compare_everywhere(const Program& program, bool must_be_fast = true, RunLimits limits = {}) {
  for (const PipelineConfig& c : fast_presets()) compare(program, c, must_be_fast, limits);
}

Program assemble_text(const std::string& src) {
  return assemble(src, "snippet.s").program;
}

}  // namespace

TEST_CASE("timing model: the presets it supports", "[timing_model]") {
  std::vector<std::string> names;
  for (const PresetInfo& p : list_presets())
    if (timing_model_supports(load_config(p.name))) names.push_back(p.name);
  std::sort(names.begin(), names.end());
  const std::vector<std::string> expected = {"2-wide",
                                             "2-wide-any",
                                             "5-stage",
                                             "5-stage-2bit",
                                             "5-stage-branch-in-id",
                                             "5-stage-cache",
                                             "5-stage-mul-div",
                                             "5-stage-no-forwarding",
                                             "5-stage-no-interlocks",
                                             "5-stage-parallel-fu",
                                             "5-stage-two-dividers",
                                             "5-stage-unified-memory",
                                             "7-stage",
                                             "qtrvsim",
                                             "qtrvsim-stall",
                                             "ripes-5s",
                                             "ripes-5s-no-fw",
                                             "ripes-5s-no-fw-hz",
                                             "ripes-5s-no-hz",
                                             "ripes-6s-dual"};
  CHECK(names == expected);
  CHECK_FALSE(timing_model_supports(load_config("single-cycle")));
  // Without interlocks (timing_no_interlocks.cpp): not with anything that holds a stage, nor a
  // prediction made in decode.
  for (const char* set :
       {"memory.data_latency=2", "branches.policy=btfn", "issue_width=2", "end_stage=MEM"})
    CHECK_FALSE(timing_model_supports(load_config("5-stage-no-interlocks", {set})));
  CHECK_FALSE(
      timing_model_supports(load_config("ripes-5s-no-hz", {"ecall.wait_for_writers=true"})));
  // Memory that holds a stage is not combined with multi-cycle units or Ripes' rules
  // (docs/timing-model.md, "When it is used"), nor on two-issue machines (parallel units allow
  // only one-cycle memory without caches: the configuration refuses the others).
  for (const char* name : {"5-stage-mul-div", "ripes-5s", "2-wide"}) {
    CHECK(timing_model_supports(load_config(name)));
    CHECK_FALSE(timing_model_supports(load_config(name, {"memory.data_latency=2"})));
    CHECK_FALSE(timing_model_supports(
        load_config(name, {"memory.dcache={\"size_bytes\":64,\"line_bytes\":16}"})));
  }
  CHECK_FALSE(timing_model_supports(
      load_config("5-stage-cache", {"ecall.stage=EX", "ecall.wait_for_writers=true"})));
}

TEST_CASE("timing model: every program under programs/ on every supported preset",
          "[timing_model]") {
  const int programs = test::for_each_program({"examples", "exercises", "bench", "tasks"},
                                              [](const std::string& name, const Program& p) {
                                                // It reads the cycle counter: the timing model
                                                // declines it (docs/isa.md).
                                                if (name != "counters.s") compare_everywhere(p);
                                              });
  CHECK(programs >= 29);
  // The C programs, when the cross toolchain has built them.
  const fs::path built = PIPESIM_PROGRAMS_DIR;
  for (const char* name :
       {"crc32", "matmul", "modular", "quicksort", "recursion", "sieve", "strings"}) {
    const fs::path elf = built / (std::string(name) + ".elf");
    if (!fs::exists(elf)) continue;
    INFO("program " << elf.string());
    compare_everywhere(load_program_file(elf.string()).program);
  }
}

// Parallel functional units (timing_parallel.cpp) near 5-stage-parallel-fu and
// 5-stage-two-dividers: no forwarding, branches in ID, end stage MEM, a dynamic predictor without
// a split-phase register file, slower units (the fastest taking 2 cycles), one busy-until-done
// unit for mul and div, two memory stages, two fetch stages, two decode stages.
std::vector<PipelineConfig> parallel_variants() {
  const char* const kSlowUnits =
      R"(functional_units=[{"name":"ALU","classes":["alu","mem","branch"],"latency":2},)"
      R"({"name":"MUL","classes":["mul"],"latency":4,"pipelined":false,"count":2},)"
      R"({"name":"DIV","classes":["div"],"latency":5}])";
  const char* const kOneMulDiv =
      R"(functional_units=[{"name":"ALU","classes":["alu","mem","branch"]},)"
      R"({"name":"MD","classes":["mul","div"],"latency":6,"pipelined":false}])";
  const std::string kTwoMemoryStages = test::two_memory_stages();
  const std::string kTwoFetchStages = test::two_fetch_stages();
  const std::string kTwoDecodeStages = test::stages_set(
      "IF:fetch:200 ID1:decode:100 ID2:decode:100 EX:execute:200 MEM:memory:200 WB:writeback:100");
  const test::Variants sets = {
      {"5-stage-parallel-fu", {"forwarding=none"}},
      {"5-stage-parallel-fu", {"branches.resolve=ID", "branches.jalr=ID"}},
      {"5-stage-two-dividers", {"end_stage=MEM"}},
      {"5-stage-parallel-fu", {"split_phase_regfile=false", "branches.policy=2-bit"}},
      {"5-stage-parallel-fu", {"branches.policy=1-bit", "branches.jal=EX"}},
      {"5-stage-parallel-fu", {kSlowUnits}},
      {"5-stage-two-dividers", {kOneMulDiv}},
      {"5-stage-two-dividers", {kTwoMemoryStages}},
      {"5-stage-parallel-fu", {kTwoFetchStages}},
      {"5-stage-two-dividers", {kTwoDecodeStages, "branches.jal=ID2"}},
  };
  return test::load_variants(sets, timing_model_supports);
}

// Machines without interlocks (timing_no_interlocks.cpp) near the three presets: a deeper
// pipeline (two fetch and two memory stages), branches and jalr in ID (operands read there),
// branches in MEM (a wrong path executes), no split-phase register file, forwarding of every
// operand or only the ALU's on other machines, paths into ID, Ripes' ecall in EX or flushing,
// pipesim's ecall with program_end: drain, 1-bit and 2-bit predictors (small tables that
// alias).
std::vector<PipelineConfig> no_interlocks_variants() {
  const test::Variants sets = {
      {"7-stage", {"hazard_detection=false"}},
      {"5-stage-no-interlocks", {"branches.resolve=ID", "branches.jalr=ID"}},
      {"5-stage-no-interlocks", {"split_phase_regfile=false", "branches.jal=EX"}},
      {"5-stage", {"hazard_detection=false", "branches.resolve=MEM", "branches.jalr=MEM"}},
      {"5-stage", {"hazard_detection=false", "forwarded_operands=alu", "branches.resolve=ID"}},
      {"ripes-5s-no-hz", {"forwarded_operands=all"}},
      {"ripes-5s-no-hz", {"ecall.flush=true", "split_phase_regfile=false"}},
      {"ripes-5s-no-fw-hz", {"ecall.stage=EX", "branches.redirect_taken=false"}},
      {"5-stage-no-interlocks", {"program_end=drain"}},
      {"7-stage", {"hazard_detection=false", "forwarding=none", "branches.resolve=MEM1"}},
      {"5-stage-no-interlocks", {"branches.policy=2-bit", "branches.resolve=MEM"}},
      {"7-stage",
       {"hazard_detection=false", "branches.policy=1-bit", "branches.bht_entries=4",
        "branches.btb_entries=2"}},
  };
  return test::load_variants(sets, timing_model_supports);
}

// Supported machines that are not presets: other policies, resolve stages, register files.
const char* const kMulDivUnits =
    R"(functional_units=[{"name":"ALU","classes":["alu","mem","branch"],"latency":1},)"
    R"({"name":"MUL","classes":["mul"],"latency":4},)"
    R"({"name":"DIV","classes":["div"],"latency":9,"pipelined":false}])";
// IF ID EX1 EX2 MEM WB: units take at least two cycles (the ALU above: latency 2 by default).
const std::string kTwoExecuteStages = test::two_execute_stages();

std::vector<PipelineConfig> variants() {
  const test::Variants sets = {
      {"5-stage",
       {"branches.policy=1-bit", "branches.bht_entries=16", "branches.btb_entries=8",
        "branches.bht_initial=0"}},
      {"5-stage", {"branches.resolve=MEM", "branches.jalr=MEM"}},
      {"5-stage-2bit", {"branches.resolve=MEM", "branches.jal=EX"}},
      {"5-stage", {"split_phase_regfile=false"}},
      {"5-stage", {"end_stage=MEM"}},
      {"7-stage", {"forwarding=none", "branches.jal=EX"}},
      {"qtrvsim",
       {"split_phase_regfile=false", "branches.policy=2-bit", "branches.bht_entries=4",
        "branches.btb_entries=4", "branches.bht_initial=2"}},
      // Blocking execute with multi-cycle units (docs/model.md "Blocking execute").
      {"5-stage-mul-div",
       {"functional_units[1].latency=2", "functional_units[2].latency=5",
        "functional_units[2].pipelined=true"}},
      {"5-stage-mul-div", {"forwarding=none", "branches.resolve=MEM", "branches.jalr=MEM"}},
      {"5-stage-mul-div", {"functional_units[0].latency=2", "branches.policy=2-bit"}},
      {"5-stage-mul-div", {"branches.resolve=ID", "branches.jalr=ID", "end_stage=MEM"}},
      {"7-stage", {kMulDivUnits, "branches.policy=1-bit", "branches.jal=EX"}},
      {"7-stage", {kMulDivUnits, "forwarding=none", "branches.resolve=MEM1"}},
      {"5-stage",
       {kTwoExecuteStages, kMulDivUnits, "functional_units[0].latency=2", "branches.resolve=EX2",
        "branches.jalr=EX1"}},
      // Ripes' ecall, redirect on taken and end by running off the code, on other machines.
      {"ripes-5s", {kMulDivUnits, "branches.redirect_taken=false", "branches.policy=2-bit"}},
      {"ripes-5s", {"ecall.flush=true", "branches.resolve=MEM", "branches.jal=ID"}},
      {"ripes-5s-no-fw", {"end_stage=MEM", "branches.resolve=ID"}},
      {"7-stage", {"program_end=drain", "ecall.stage=EX", "ecall.wait_for_writers=true"}},
      {"5-stage", {"program_end=drain"}},
      // Memory that holds a stage (docs/timing-model.md, "Memory"): what engineers sweep.
      {"5-stage-cache",  // tiny caches: most accesses miss, dirty lines are written back
       {"memory.icache.size_bytes=64", "memory.dcache.size_bytes=32"}},
      {"5-stage-cache",
       {"memory.dcache.ways=2", "memory.dcache.size_bytes=64", "memory.icache.ways=2",
        "memory.icache.size_bytes=128", "memory.icache.line_bytes=32"}},
      {"5-stage-cache",
       {"memory.dcache.write_policy=write-through", "memory.dcache.size_bytes=64",
        "memory.icache.replacement=fifo", "memory.icache.ways=4", "memory.icache.size_bytes=128"}},
      {"5-stage-cache",
       {"memory.dcache.replacement=random", "memory.dcache.ways=2", "memory.dcache.size_bytes=64",
        "memory.icache.hit_latency=2", "memory.dcache.hit_latency=2",
        "memory.dcache.miss_penalty=3"}},
      {"5-stage-cache",
       {"memory.unified_memory_port=true", "memory.icache.size_bytes=128",
        "memory.dcache.size_bytes=64", "branches.policy=2-bit"}},
      {"5-stage-cache",
       {"branches.resolve=MEM", "branches.jalr=MEM", "memory.dcache.size_bytes=32",
        "memory.icache.size_bytes=64"}},
      {"5-stage-cache", {"branches.resolve=ID", "memory.dcache.size_bytes=32"}},
      {"5-stage-cache",
       {"memory.icache.miss_penalty=200", "memory.dcache.miss_penalty=150",
        "memory.icache.size_bytes=64", "memory.dcache.size_bytes=32"}},
      {"5-stage-unified-memory", {"memory.instruction_latency=2"}},
      {"5-stage-unified-memory", {"program_end=drain", "branches.resolve=MEM"}},
      {"5-stage-cache",
       {"program_end=drain", "memory.icache.size_bytes=64", "memory.dcache.size_bytes=32"}},
      {"5-stage-unified-memory", {"branches.resolve=ID", "memory.data_latency=2"}},
      {"5-stage", {"memory.data_latency=3", "memory.instruction_latency=2"}},
      {"5-stage", {"memory.data_latency=2", "forwarding=none", "split_phase_regfile=false"}},
      {"7-stage",
       {"memory.icache={\"size_bytes\":64,\"line_bytes\":16}",
        "memory.dcache={\"size_bytes\":32,\"line_bytes\":16}", "memory.unified_memory_port=true"}},
  };
  std::vector<PipelineConfig> out = test::load_variants(sets, timing_model_supports);
  for (const PipelineConfig& c : parallel_variants()) out.push_back(c);
  for (const PipelineConfig& c : no_interlocks_variants()) out.push_back(c);
  return out;
}

TEST_CASE("timing model: programs on supported machines that are not presets", "[timing_model]") {
  const std::vector<PipelineConfig> machines = variants();
  test::for_each_program({"examples", "exercises", "bench"},
                         [&](const std::string& name, const Program& p) {
                           // It reads the cycle counter: the timing model declines it.
                           if (name == "counters.s") return;
                           for (const PipelineConfig& c : machines) compare(p, c);
                         });
}

TEST_CASE("timing model: load-use chains and forwarding", "[timing_model]") {
  compare_everywhere(assemble_text(R"(
        la   t0, data
        lw   a0, 0(t0)
        addi a1, a0, 1
        lw   a2, 4(t0)
        lw   a3, 0(a2)
        add  a4, a3, a3
        sw   a4, 8(t0)
        lw   a5, 8(t0)
        beq  a5, a4, 1f
        addi a6, a6, 1
1:      lw   t1, 0(t0)
        bne  t1, zero, 2f
        nop
2:      lw   t2, 12(t0)
        jalr zero, 0(t2)
        nop
        .data
data:   .word 5, data, 0, done
        .text
done:   li a7, 93
        li a0, 3
        ecall
)"));
}

TEST_CASE("timing model: back-to-back taken branches, jal and jalr", "[timing_model]") {
  compare_everywhere(assemble_text(test::kBackToBackControlProgram));
}

TEST_CASE("timing model: mispredictions with a dynamic predictor, data-dependent branches",
          "[timing_model]") {
  compare_everywhere(assemble_text(R"(
        li   t0, 200
        li   t1, 0
loop:   andi t2, t0, 3
        beqz t2, skip
        andi t3, t0, 5
        bnez t3, skip2
        addi t1, t1, 1
skip2:  addi t1, t1, 2
skip:   addi t0, t0, -1
        bnez t0, loop
        li   a7, 93
        andi a0, t1, 0xff
        ecall
)"));
}

TEST_CASE("timing model: ecall write and exit, jumps right behind an ecall", "[timing_model]") {
  compare_everywhere(assemble_text(test::kEcallLoopProgram));
}

// Without interlocks (docs/model.md "Without interlocks"), counted by hand. The ecall is
// fetched right behind the sb: with Ripes' rule it performs its call in ID in the cycle the sb is
// in EX, so it prints the byte before the store ('A'); pipesim's ecall, in WB, prints 'B'. The
// addi right behind the lw is in EX while the lw is in MEM: with forwarding into EX
// (ripes-5s-no-hz) it gets the EX/MEM latch, which holds the load's address s0 + 4, so the exit
// code is 4. The nops keep every other operand out of reach of a hazard.
TEST_CASE("timing model: without interlocks, an ecall in ID and a load's forwarded address",
          "[timing_model]") {
  const Program p = assemble_text(R"(
        lui     s0, %hi(data)
        nop
        nop
        nop
        addi    s0, s0, %lo(data)
        li      a7, 64
        li      a0, 1
        mv      a1, s0
        li      a2, 1
        li      t0, 66
        nop
        nop
        sb      t0, 0(s0)
        ecall
        lw      t1, 4(s0)
        addi    t2, t1, 0
        nop
        nop
        nop
        sub     a0, t2, s0
        li      a7, 93
        nop
        nop
        nop
        ecall
        .data
data:   .byte 65, 0, 0, 0
        .word 7
)");
  for (const auto& [name, out] : {std::pair{"ripes-5s-no-hz", "A"},
                                  {"ripes-5s-no-fw-hz", "A"},
                                  {"5-stage-no-interlocks", "B"}}) {
    INFO(name);
    const PipelineConfig c = load_config(name);
    CapturedIo io;
    const std::optional<MachineResult> r = run_timing_model(c, p, io, {});
    REQUIRE(r.has_value());
    CHECK(io.out == out);
    CHECK(r->halt == Halt::Exit);
    if (std::string(name) == "ripes-5s-no-hz") CHECK(r->exit_code == 4);
    compare(p, c);
  }
}

TEST_CASE("timing model: faults end the run where the cycle model ends it", "[timing_model]") {
  SECTION("load from address 0") {
    compare_everywhere(assemble_text("li a0, 5\nlw a1, 0(zero)\naddi a0, a0, 1\nj .\n"));
  }
  SECTION("store to address 0") {
    compare_everywhere(assemble_text("li a0, 5\nsw a0, 0(zero)\naddi a0, a0, 1\n"));
  }
  SECTION("jump to an unmapped address") {
    compare_everywhere(assemble_text("li t0, 0x40000000\njalr zero, 0(t0)\nnop\n"));
  }
  SECTION("jump to a misaligned address") {
    compare_everywhere(assemble_text("la t0, x\naddi t0, t0, 2\njalr zero, 0(t0)\nx: nop\n"));
  }
  SECTION("illegal instruction") {
    compare_everywhere(assemble_text("nop\n.word 0\nnop\n"));
  }
  SECTION("unsupported system call") {
    compare_everywhere(assemble_text("li a7, 1234\necall\nnop\n"));
  }
  SECTION("ebreak") {
    compare_everywhere(assemble_text("li a0, 1\nebreak\naddi a0, a0, 1\n"));
  }
  SECTION("running off the end of the code") {
    compare_everywhere(assemble_text("nop\nnop\n"));
  }
}

TEST_CASE("timing model: a run past max_cycles gives the cycle model's partial result",
          "[timing_model]") {
  RunLimits limits;
  limits.max_cycles = 100;
  compare_everywhere(assemble_text("li t0, 0\nloop: addi t0, t0, 1\nj loop\n"), false, limits);
  limits.max_cycles = 7;
  compare_everywhere(assemble_text("li a7, 93\nli a0, 2\necall\n"), false, limits);
}

namespace {

// The timing model's result on `config`, required equal to the cycle model's (compare()).
MachineResult fast_result(const std::string& src, const PipelineConfig& config) {
  const Program p = assemble_text(src);
  compare(p, config);
  CapturedIo io;
  std::optional<MachineResult> r = run_timing_model(config, p, io, {});
  REQUIRE(r.has_value());
  return *r;
}

// The fast model alone, on a preset it must run.
MachineResult run_fast(const char* preset, const std::string& src) {
  CapturedIo io;
  const std::optional<MachineResult> r =
      run_timing_model(load_config(preset), assemble_text(src), io, {});
  REQUIRE(r.has_value());
  return *r;
}

uint64_t stalls(const MachineResult& r, StallCause cause) {
  return r.stats.stall_cycles[static_cast<size_t>(cause)];
}

// Runs `src` on `config` with the timing model (it must not decline) and the cycle model.
MachineResult run_both(const std::string& src, const PipelineConfig& config) {
  const Program p = assemble_text(src);
  compare(p, config);
  CapturedIo io;
  const MachineResult r = run_machine(config, p, io, {}, {}, false, EngineChoice::Timing);
  REQUIRE(r.engine == EngineKind::Timing);
  return r;
}

}  // namespace

// Cycle counts derived by hand from docs/model.md and docs/config.md, not from either engine.
TEST_CASE("timing model: multi-cycle units and Ripes' rules, counted by hand", "[timing_model]") {
  SECTION("a 3-cycle mul holds EX and what is behind it (docs/model.md, Blocking execute)") {
    // IF ID EX EX EX MEM WB for the mul; add waits in ID, ebreak in IF: 11 cycles.
    const MachineResult r = fast_result(
        "li a1, 100\nli a2, 7\nmul a0, a1, a2\n"
        "add a3, a0, a1\nebreak\n",
        load_config("5-stage-mul-div"));
    CHECK(r.stats.cycles == 11);
    CHECK(stalls(r, StallCause::Structural) == 2);
    CHECK(stalls(r, StallCause::Raw) == 0);
  }
  SECTION("a 16-cycle div, its consumer and a taken branch behind it") {
    // div: 15 extra cycles in EX; the branch resolves in EX and flushes 2: 4 instructions + 4
    // fill + 15 + 2 = 25 up to the ebreak's WB.
    const MachineResult r = fast_result("li a1, 9\ndiv a0, a1, a1\nbnez a0, 1f\nnop\n1: ebreak\n",
                                        load_config("5-stage-mul-div"));
    CHECK(r.stats.cycles == 25);
    CHECK(stalls(r, StallCause::Structural) == 15);
    CHECK(stalls(r, StallCause::Control) == 2);
  }
  SECTION("Ripes' ecall in EX waits while MEM or WB holds a register writer") {
    // li a7 right ahead: the ecall is held in EX in cycles 5 and 6 (raw), performs in 7, is in
    // WB in 9; the exit ends the run there with a0.
    const MachineResult r = fast_result("li a0, 3\nli a7, 93\necall\n", load_config("ripes-5s"));
    CHECK(r.stats.cycles == 9);
    CHECK(stalls(r, StallCause::Raw) == 2);
    CHECK(r.halt == Halt::Exit);
    CHECK(r.exit_code == 3);
    // A writer two ahead (a branch writes no register): one cycle; a nop writes x0: two.
    CHECK(fast_result("li a7, 93\nli a0, 4\nbnez zero, 1f\n1: ecall\n", load_config("ripes-5s"))
              .stats.cycles == 4 + 4 + 1);
    CHECK(fast_result("li a7, 93\nli a0, 4\nnop\necall\n", load_config("ripes-5s")).stats.cycles ==
          4 + 4 + 2);
  }
  SECTION("program_end: drain ends the run when the last instruction is in WB") {
    const MachineResult r = fast_result("li a0, 5\naddi a0, a0, 1\n", load_config("ripes-5s"));
    CHECK(r.stats.cycles == 2 + 4);
    CHECK(r.halt == Halt::Exit);
    CHECK(r.exit_code == 0);
    CHECK(r.regs[10] == 6);
    // A taken branch to the end still flushes (redirect on taken), but the run ends first.
    CHECK(fast_result("li a0, 1\nbeq zero, zero, 1f\n1:\n", load_config("ripes-5s")).stats.cycles ==
          2 + 4);
  }
}

// The hand-worked examples of docs/model.md "Parallel execute" (worked out cycle by cycle in
// tests/golden/units_memory_test.cpp), on the fast model itself.
TEST_CASE("timing model: hand-worked examples on parallel units", "[timing_model]") {
  const std::string div_add = "li a1, 100\nli a2, 7\ndiv a0, a1, a2\nadd a3, a0, a1\nebreak\n";
  // div DIV 5..20, MEM 21; add held in ID 5..19 (raw, MEM slots 7..20), ebreak WB 24; the MEM
  // slot of 6 is lost to the div's issue.
  MachineResult r = run_fast("5-stage-parallel-fu", div_add);
  CHECK(r.stats.cycles == 24);
  CHECK(stalls(r, StallCause::Raw) == 14);
  CHECK(stalls(r, StallCause::Structural) == 1);
  // Forwards: the div gets a1 from the li in WB (MEM/WB->EX) and a2 from the li in MEM
  // (EX/MEM->EX) as it enters DIV in 5; the add gets a0 from the div in MEM in 21.
  CHECK(r.stats.forwards == 3);
  const std::string two_divs = "li a1, 100\nli a2, 7\ndiv a0, a1, a2\ndiv a3, a1, a2\nebreak\n";
  // One divider: the second waits for it (15 held cycles), the ebreak for the second (15): 30.
  r = run_fast("5-stage-parallel-fu", two_divs);
  CHECK(r.stats.cycles == 39);
  CHECK(stalls(r, StallCause::Structural) == 30);
  // Two: they overlap; two multi-cycle issues and the ebreak's 13 held cycles.
  r = run_fast("5-stage-two-dividers", two_divs);
  CHECK(r.stats.cycles == 24);
  CHECK(stalls(r, StallCause::Structural) == 15);
  // WAW: li a0 held 5..18 (waw), 19 (its MEM cycle is the div's: structural, costs nothing).
  r = run_fast("5-stage-parallel-fu", "li a1, 100\nli a2, 7\ndiv a0, a1, a2\nli a0, 1\nebreak\n");
  CHECK(r.stats.cycles == 24);
  CHECK(stalls(r, StallCause::Waw) == 14);
  CHECK(stalls(r, StallCause::Structural) == 1);
  CHECK(r.stats.stall_events[static_cast<size_t>(StallCause::Waw)] == 14);
  CHECK(r.stats.stall_events[static_cast<size_t>(StallCause::Structural)] == 1);
  CHECK(r.regs[10] == 1);
  // The write-back port: addi a3 would enter MEM in 7, the mul's cycle; one held cycle.
  r = run_fast("5-stage-parallel-fu",
               "li a1, 3\nmul a0, a1, a1\naddi a2, a1, 1\naddi a3, a1, 2\nebreak\n");
  CHECK(r.stats.cycles == 10);
  CHECK(stalls(r, StallCause::Structural) == 1);
  CHECK(r.stats.stall_events[static_cast<size_t>(StallCause::Structural)] == 1);
  // A store faulting in WB (8) waits for the older mul, in WB in 9: 3 instructions, 4 fill,
  // the MEM slot of 6 lost to the mul's issue, the store's own cycle.
  r = run_fast("5-stage-parallel-fu",
               "li a1, 6\nli a2, 7\nmul a0, a1, a2\nsw a1, 0(zero)\nli a4, 9\nebreak\n");
  CHECK(r.halt == Halt::Fault);
  CHECK(r.stats.cycles == 9);
  CHECK(r.stats.instructions == 3);
  CHECK(stalls(r, StallCause::Structural) == 1);
  CHECK(r.stats.halt_slots == 1);
  CHECK(r.pc == 0x1000c);
  CHECK(r.regs[10] == 42);
}

// Counted by hand from the rules of docs/model.md ("Memory"), cycle by cycle.
TEST_CASE("timing model: memory that holds a stage, counted by hand", "[timing_model]") {
  SECTION("an instruction-cache miss holds IF for the miss penalty") {
    // 5-stage-cache: 16-byte lines, hit 1, penalty 10. The first fetch misses: IF 1-11, 10
    // memory bubbles; the next two hit; ecall in WB in 11 + 2 + 4 = 17. Behind it 0x1000c hits
    // (cycle 14), 0x10010 misses (15) and holds IF in 15 and 16 (two more events).
    const MachineResult r = run_both("li a0, 1\nli a7, 93\necall\n", load_config("5-stage-cache"));
    CHECK(r.stats.cycles == 17);
    CHECK(r.stats.fetched == 5);
    CHECK(r.stats.stall_cycles[static_cast<size_t>(StallCause::Memory)] == 10);
    CHECK(r.stats.stall_events[static_cast<size_t>(StallCause::Memory)] == 12);
    CHECK(r.stats.icache.accesses == 5);
    CHECK(r.stats.icache.misses == 2);
  }
  SECTION("a data-cache miss holds MEM and freezes everything behind it") {
    // auipc IF 1-11 (miss), addi 12, lw 13 (EX 15, MEM 16-26: miss), add held in ID 15 by
    // load-use (one event), frozen 16-25, EX 27; li a7 misses IF 16-25 (frozen: no events), ID
    // 27; ecall IF 27, WB 31. Behind it 0x10018 (28), 0x1001c (29), 0x10020 misses (30: one
    // event). Memory cycles 10 + 10, events 10 + 10 + 1.
    const MachineResult r = run_both(
        "la t0, data\nlw a0, 0(t0)\nadd a1, a0, a0\nli a7, 93\necall\n"
        ".data\ndata: .word 5\n",
        load_config("5-stage-cache"));
    CHECK(r.stats.cycles == 31);
    CHECK(r.stats.fetched == 9);
    CHECK(r.stats.stall_cycles[static_cast<size_t>(StallCause::Memory)] == 20);
    CHECK(r.stats.stall_events[static_cast<size_t>(StallCause::Memory)] == 21);
    CHECK(r.stats.stall_cycles[static_cast<size_t>(StallCause::LoadUse)] == 1);
    CHECK(r.stats.stall_events[static_cast<size_t>(StallCause::LoadUse)] == 1);
    CHECK(r.stats.icache.misses == 3);
    CHECK(r.stats.dcache.misses == 1);
  }
  SECTION("a load in MEM takes the shared port: fetch waits a cycle") {
    // lw IF 3, MEM 6: the fetch for cycle 6 fails (one structural bubble), li a4 is fetched for
    // 7, ebreak for 8, in WB in 12; four fetches behind it.
    const MachineResult r = run_both(
        "la a1, data\nlw a0, 0(a1)\nli a2, 1\nli a3, 2\nli a4, 3\nebreak\n"
        ".data\ndata: .word 5\n",
        load_config("5-stage-unified-memory"));
    CHECK(r.stats.cycles == 12);
    CHECK(r.stats.fetched == 11);
    CHECK(r.stats.stall_cycles[static_cast<size_t>(StallCause::Structural)] == 1);
    CHECK(r.stats.stall_events[static_cast<size_t>(StallCause::Structural)] == 1);
  }
}

TEST_CASE("timing model: memory holds with program_end: drain, counted by hand", "[timing_model]") {
  // The first fetch misses (IF 1-11, 10 memory cycles), the addi hits (IF 12) and is in WB in
  // 16, where the run ends as an exit with code 0: nothing fetched behind it is flushed.
  const MachineResult r =
      run_both("li a0, 5\naddi a0, a0, 1\n", load_config("5-stage-cache", {"program_end=drain"}));
  CHECK(r.stats.cycles == 16);
  CHECK(r.stats.stall_cycles[static_cast<size_t>(StallCause::Memory)] == 10);
  CHECK(r.halt == Halt::Exit);
  CHECK(r.exit_code == 0);
  CHECK(r.regs[10] == 6);
}

TEST_CASE("timing model: misaligned accesses across cache lines", "[timing_model]") {
  // Two data-cache accesses for one that crosses a line (docs/model.md, "Misaligned loads and
  // stores"), also with the shared port and a write-through cache.
  const std::string src = R"(
        la   t0, data
        li   t1, 0x11223344
        sw   t1, 14(t0)
        lw   a0, 14(t0)
        lh   a1, 15(t0)
        add  a2, a0, a1
        sh   a2, 31(t0)
        lw   a3, 30(t0)
        li   a7, 93
        andi a0, a3, 0xff
        ecall
        .data
        .align 4
data:   .space 64
)";
  for (const std::vector<std::string>& set :
       {std::vector<std::string>{"memory.misaligned=allow"},
        {"memory.misaligned=allow", "memory.unified_memory_port=true"},
        {"memory.misaligned=allow", "memory.dcache.write_policy=write-through"}}) {
    const MachineResult r = run_both(src, load_config("5-stage-cache", set));
    CHECK(r.stats.dcache.accesses == 10);  // five accesses, each across a line
  }
}

TEST_CASE("timing model: declines self-modifying code", "[timing_model]") {
  // Stores into the code: the fast model declines, run_machine runs the cycle model.
  compare_everywhere(assemble_text(R"(
        la   t0, patch
        li   t1, 0x00100513      # li a0, 1
        sw   t1, 0(t0)
        nop
        nop
        nop
        nop
patch:  li   a0, 9
        li   a7, 93
        ecall
)"),
                     false);
}

using test::random_program;

TEST_CASE("timing model: random programs", "[timing_model]") {
  std::vector<PipelineConfig> machines = fast_presets();
  for (const PipelineConfig& c : variants()) machines.push_back(c);
  no_interlocks_runs = {};
  for (uint32_t seed = 1; seed <= 150; ++seed) {
    const std::string src = random_program(seed);
    INFO("seed " << seed << "\n" << src);
    const Program p = assemble_text(src);
    for (const PipelineConfig& c : machines) compare(p, c, false);
  }
  // Without interlocks declines must be rare too (a program that loops for ever there, on
  // values sequential execution never computes, is the usual one).
  WARN("no interlocks: " << no_interlocks_runs.fast << " of " << no_interlocks_runs.runs
                         << " runs on the timing model");
  CHECK(no_interlocks_runs.fast * 4 >= no_interlocks_runs.runs * 3);
}

namespace {

// A random program dense in what parallel functional units hold decode for: multiplies and
// divides, their results used right away (raw), their destinations written again by a fast
// instruction (waw), several in a row (a busy unit, the write-back port), loads and stores, and
// output ecalls with a branch, a jump or a divide right behind them (the path behind a trap
// issues into units until it is flushed); a function body with a divide behind the exit.
std::string random_units_program(uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  const char* regs[] = {"t0", "t1", "t2", "a0", "a1", "a2", "a3", "a4", "a5", "s2", "s3", "zero"};
  auto dst = [&] { return regs[pick(11)]; };
  auto src = [&] { return regs[pick(12)]; };
  const char* md[] = {"mul", "mulh", "mulhu", "div", "divu", "rem", "remu"};
  auto op = [&] { return md[pick(7)]; };
  const uint32_t n = 25 + pick(25);
  std::ostringstream s;
  s << "la s0, data\nli s1, 3\nli t0, 1234\nli a1, 77\nli a2, -5\ntop:\n";
  for (uint32_t i = 0; i < n; ++i) {
    s << "L" << i << ":\n";
    const char* r = dst();
    switch (pick(12)) {
      case 0:
      case 1:
        s << op() << " " << r << ", " << src() << ", " << src() << "\n";
        break;
      case 2:  // raw on a multi-cycle result
        s << op() << " " << r << ", " << src() << ", " << src() << "\nadd " << dst() << ", " << r
          << ", " << src() << "\n";
        break;
      case 3:  // waw: a fast write of the same register
        s << op() << " " << r << ", " << src() << ", " << src() << "\naddi " << r << ", " << src()
          << ", " << pick(9) << "\n";
        break;
      case 4:  // back to back: a busy unit or the write-back port
        s << op() << " " << r << ", " << src() << ", " << src() << "\n"
          << op() << " " << dst() << ", " << src() << ", " << src() << "\n";
        break;
      case 5:
        s << (pick(2) ? "lw " : "lbu ") << r << ", " << 4 * pick(16) << "(s0)\n";
        if (pick(2)) s << "mul " << dst() << ", " << r << ", " << src() << "\n";
        break;
      case 6:
        s << (pick(2) ? "sw " : "sb ") << src() << ", " << 4 * pick(16) << "(s0)\n";
        break;
      case 7:
        s << (pick(2) ? "beq " : "bne ") << src() << ", " << src() << ", L" << i + 1 + pick(3)
          << "\n";
        break;
      case 8:
        s << "jal ra, sub\n";
        break;
      case 9: {
        s << "li a7, 64\nli a0, 1\naddi a1, s0, " << pick(64) << "\nli a2, 1\necall\n";
        const uint32_t behind = pick(4);
        if (behind == 0) s << "j L" << i + 1 << "\n";
        if (behind == 1) s << "bnez a2, L" << i + 1 << "\n";
        if (behind == 2) s << "div " << dst() << ", " << src() << ", " << src() << "\n";
        break;
      }
      default:
        s << "addi " << r << ", " << src() << ", " << pick(20) << "\n";
    }
  }
  for (uint32_t i = n; i < n + 4; ++i) s << "L" << i << ":\n";
  s << "addi s1, s1, -1\nbnez s1, top\nli a7, 93\nandi a0, t0, 0xff\necall\n"
    << "sub: div t2, t2, a1\naddi t2, t2, 1\njalr zero, 0(ra)\n.data\ndata:\n";
  for (int i = 0; i < 17; ++i) s << ".word " << rng() % 1000 << "\n";
  return s.str();
}

}  // namespace

TEST_CASE("timing model: random programs dense in multi-cycle operations on parallel units",
          "[timing_model]") {
  std::vector<PipelineConfig> machines;
  for (const PipelineConfig& c : fast_presets())
    if (c.execute == ExecuteMode::Parallel) machines.push_back(c);
  REQUIRE(machines.size() == 2);
  for (const PipelineConfig& c : parallel_variants()) machines.push_back(c);
  int runs = 0, fast = 0;
  for (uint32_t seed = 1; seed <= 120; ++seed) {
    const std::string src = random_units_program(seed);
    INFO("seed " << seed << "\n" << src);
    const Program p = assemble_text(src);
    for (const PipelineConfig& c : machines) {
      ++runs;
      fast += test::compare_engines(p, c, false);  // (a decline is allowed)
    }
  }
  // Declines must be rare: otherwise these machines would not gain anything.
  CHECK(fast * 10 >= runs * 9);
}

namespace {

// Every cut of the run: each limit from 0 to 200 cycles, then `random_cuts` random ones up to
// the run's length. On the plain path (the machines the engine traces, with write-back as the
// end stage) the timing model must not decline; elsewhere it may (and then the cycle model
// gives the result: compare() checks that too).
void compare_cut_everywhere(const Program& p, const std::vector<PipelineConfig>& machines,
                            uint32_t seed, int random_cuts) {
  std::mt19937_64 rng(seed);
  for (const PipelineConfig& c : machines) {
    const PipelineRules rules(c);
    // (Without interlocks: the whole engine; it is cut exactly too.)
    const bool plain =
        !c.hazard_detection || (timing_trace_supported(c) && rules.writeback == rules.end_stage);
    CapturedIo io;
    RunLimits whole;  // (without interlocks a program may loop for ever)
    whole.max_cycles = 100'000;
    const uint64_t length = run_cycle_model(c, p, io, {}, whole, false).stats.cycles;
    // (A run it declines whole, such as a wrong-path store behind a trap, it may decline cut.)
    const bool fast = run_timing_model(c, p, io, whole).has_value();
    std::vector<uint64_t> cuts;
    // (Every cycle where the engine cuts; elsewhere every fifth: it declines, or the machine
    // takes one of the other engines, which decline.)
    for (uint64_t n = 0; n <= std::min<uint64_t>(length + 1, 200); n += plain ? 1 : 5)
      cuts.push_back(n);
    for (int k = 0; k < random_cuts && length > 200; ++k)
      cuts.push_back(200 + rng() % (length - 199));
    for (uint64_t n : cuts) {
      INFO("limit " << n);
      RunLimits limits;
      limits.max_cycles = n;
      if (plain && fast)
        test::compare_engines(p, c, true, limits);
      else
        compare(p, c, false, limits);
    }
  }
}

// Random cuts past cycle 200 in each run: each reruns up to 100,000 cycles on both engines.
// Under the sanitizers (unoptimised test code, 175 s a test with 20) a few: every cut from 0 to
// 200 stays, and the ordinary build runs them all.
constexpr int kRandomCuts = test::kUnderAddressSanitizer ? 4 : 20;

std::vector<PipelineConfig> cut_machines() {
  std::vector<PipelineConfig> machines = fast_presets();
  for (const PipelineConfig& c : variants()) machines.push_back(c);
  return machines;
}

}  // namespace

TEST_CASE("timing model: the cycle limit anywhere in programs under programs/",
          "[timing_model][limit]") {
  const std::vector<PipelineConfig> machines = cut_machines();
  uint32_t seed = 1;
  test::for_each_program({"examples", "exercises", "bench", "tasks"},
                         [&](const std::string& name, const Program& p) {
                           if (name != "counters.s")
                             compare_cut_everywhere(p, machines, ++seed, kRandomCuts);
                         });
}

TEST_CASE("timing model: the cycle limit anywhere in random programs", "[timing_model][limit]") {
  const std::vector<PipelineConfig> machines = cut_machines();
  for (uint32_t seed = 1; seed <= 25; ++seed) {
    const std::string src = random_program(seed);
    INFO("seed " << seed << "\n" << src);
    compare_cut_everywhere(assemble_text(src), machines, seed, kRandomCuts / 2);
  }
}
