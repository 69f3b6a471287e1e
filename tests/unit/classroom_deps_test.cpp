// `pipesim deps` and `pipesim schedule`: dependences, critical paths and schedules of small
// programs, every expected value derived by hand in the comments. Latencies (insn_effects.hpp)
// on 5-stage: every unit 1 cycle, loads and stores +1 for memory (2); on 5-stage-mul-div the
// multiplier takes 3 and the divider 16.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "isa/assembler.hpp"
#include "sim/classroom/deps.hpp"
#include "sim/classroom/deps_render.hpp"
#include "sim/classroom/equivalence.hpp"
#include "sim/classroom/scheduler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace pipesim;
using namespace pipesim::classroom;

namespace {

// x = 0x00100000 (the first .data word). One basic block (ecall ends it); `#k` is the index.
const char* kStraight = R"(
    .data
x:  .word 7, 0
    .text
    .globl _start
_start:
    lui  t0, 0x100      # 0  t0 = &x
    lw   a0, 0(t0)      # 1  a0 = 7          RAW t0 0->1
    addi a1, a0, 1      # 2  a1 = 8          RAW a0 1->2
    addi a0, zero, 3    # 3  a0 = 3          WAW a0 1->3, WAR a0 2->3
    sw   a1, 4(t0)      # 4  x[1] = 8        RAW t0 0->4, RAW a1 2->4; no memory dependence on
                        #                    1: same base t0, bytes 4..7 vs 0..3
    lw   a2, 4(t0)      # 5  a2 = 8          RAW t0 0->5, memory RAW 4->5
    add  a0, a0, a2     # 6  a0 = 11         RAW a0 3->6, WAW a0 3->6, RAW a2 5->6
    li   a7, 93         # 7
    ecall               # 8  reads a0 a1 a2 a7, writes a0: RAW a1 2->8, a2 5->8, a0 6->8,
                        #    a7 7->8, WAW a0 6->8
)";

struct Want {
  uint32_t from, to;
  DepKind kind;
  const char* what;  // register name, or "mem"
};

// Sorted by (to, from, kind, register before memory, register number), as build_graph sorts.
const Want kStraightDeps[] = {
    {0, 1, DepKind::Raw, "t0"}, {1, 2, DepKind::Raw, "a0"},  {2, 3, DepKind::War, "a0"},
    {1, 3, DepKind::Waw, "a0"}, {0, 4, DepKind::Raw, "t0"},  {2, 4, DepKind::Raw, "a1"},
    {0, 5, DepKind::Raw, "t0"}, {4, 5, DepKind::Raw, "mem"}, {3, 6, DepKind::Raw, "a0"},
    {3, 6, DepKind::Waw, "a0"}, {5, 6, DepKind::Raw, "a2"},  {2, 8, DepKind::Raw, "a1"},
    {5, 8, DepKind::Raw, "a2"}, {6, 8, DepKind::Raw, "a0"},  {6, 8, DepKind::Waw, "a0"},
    {7, 8, DepKind::Raw, "a7"},
};

void check_deps(const DepGraph& g, std::span<const Want> want) {
  std::vector<std::string> got, expected;
  for (const Dependence& d : g.deps)
    got.push_back(std::to_string(d.from) + "->" + std::to_string(d.to) + " " +
                  dep_kind_name(d.kind) + " " +
                  (d.memory ? "mem" : std::string(isa::abi_name(d.reg))));
  for (const Want& w : want)
    expected.push_back(std::to_string(w.from) + "->" + std::to_string(w.to) + " " +
                       dep_kind_name(w.kind) + " " + w.what);
  std::sort(got.begin(), got.end());
  std::sort(expected.begin(), expected.end());
  CHECK(got == expected);
}

Program assembled(const char* source) {
  return assemble(source, "test.s").program;
}

}  // namespace

TEST_CASE("deps: a straight-line block, static and dynamic, by hand", "[deps]") {
  const PipelineConfig c = load_config("5-stage");
  const DepsAnalysis a = analyse_deps(assembled(kStraight), c, 100, 1000, 1000);
  REQUIRE(a.blocks.size() == 1);
  CHECK(a.blocks[0].label == "_start");
  const DepGraph& g = a.blocks[0].graph;
  REQUIRE(g.insns.size() == 9);
  check_deps(g, kStraightDeps);
  // Finish times (start = latest RAW producer's finish, + own latency):
  //   0:1  1:1+2=3  2:3+1=4  3:0+1=1  4(sw):max(1,4)+2=6  5(lw):max(1,6)+2=8  6:max(1,8)+1=9
  //   7:1  8(ecall):max(4,8,9,1)+1=10
  CHECK(g.critical_path == 10);
  CHECK(g.critical_chain == std::vector<uint32_t>{0, 1, 2, 4, 5, 6, 8});

  // The program is straight-line: the dynamic window is the same 9 instructions with the same
  // dependences (the memory one now by address, 0x00100004).
  REQUIRE(a.window.insns.size() == 9);
  check_deps(a.window, kStraightDeps);
  for (const Dependence& d : a.window.deps)
    if (d.memory) CHECK(d.address == 0x00100004u);
  CHECK(a.window.critical_path == 10);
  // Whole run = the window: the dataflow limit is the critical path, 10 cycles.
  CHECK(a.limit.instructions == 9);
  CHECK(a.limit.ideal_cycles == 10);
  CHECK(a.limit.complete);
  // 5-stage: 9 instructions + 4 fill + two load-use stalls (addi after lw a0, add after lw a2;
  // everything else is forwarded) = 15.
  CHECK(a.limit.achieved_cycles == 15);
}

TEST_CASE("deps: multi-cycle units lengthen the critical path", "[deps]") {
  // 0 li t0  1 li t1  2 div a0 (16)  3 mul a1 (3)  4 add a0  5 li a7  6 ecall.
  // Finish: 0:1 1:1 2:1+16=17 3:1+3=4 4:max(17,4)+1=18 5:1 6:max(18,1)+1=19.
  const char* src = R"(
_start: li   t0, 100
        li   t1, 7
        div  a0, t0, t1
        mul  a1, t0, t1
        add  a0, a0, a1
        li   a7, 93
        ecall
)";
  const DepsAnalysis a =
      analyse_deps(assembled(src), load_config("5-stage-mul-div"), 4, 1000, 100000);
  CHECK(a.blocks[0].graph.critical_path == 19);
  CHECK(a.blocks[0].graph.critical_chain == std::vector<uint32_t>{0, 2, 4, 6});
  CHECK(a.limit.ideal_cycles == 19);
  CHECK(a.window.insns.size() == 4);  // --window 4 cuts the listing, not the limit
  // On 5-stage every unit takes 1 cycle: 0:1 2:2 4:3 6:4.
  const DepsAnalysis b = analyse_deps(assembled(src), load_config("5-stage"), 4, 1000, 100000);
  CHECK(b.limit.ideal_cycles == 4);
}

TEST_CASE("deps: a loop splits into basic blocks; the dynamic window follows the trace", "[deps]") {
  // Blocks: _start (li t0; li a0), loop (addi a0; addi t0; bnez), after the branch (li a7;
  // ecall). Dynamic: 2 + 3*3 + 2 = 13 instructions. Dataflow limit: a0 and t0 chains run side
  // by side; t0: li 1, then each addi +1 -> 4; bnez needs t0 (ends at 4 + 1 = 5 for the last
  // one); a0: 1 + 3 = 4; ecall needs a0 (4) and a7 (1): 5. Ideal 5.
  const char* src = R"(
_start: li   t0, 3
        li   a0, 0
loop:   addi a0, a0, 2
        addi t0, t0, -1
        bnez t0, loop
        li   a7, 93
        ecall
)";
  const DepsAnalysis a = analyse_deps(assembled(src), load_config("5-stage"), 100, 1000, 1000);
  REQUIRE(a.blocks.size() == 3);
  CHECK(a.blocks[1].label == "loop");
  CHECK(a.blocks[1].graph.insns.size() == 3);
  // In the loop block: RAW t0 1->2 only (a0 and t0 come from outside the block).
  check_deps(a.blocks[1].graph, std::vector<Want>{{1, 2, DepKind::Raw, "t0"}});
  CHECK(a.window.insns.size() == 13);
  CHECK(a.limit.ideal_cycles == 5);
  // Window: #2 addi a0 (iteration 1) -> #5 addi a0 (iteration 2): RAW a0 and WAW a0.
  bool raw = false, waw = false;
  for (const Dependence& d : a.window.deps)
    if (d.from == 2 && d.to == 5) (d.kind == DepKind::Raw ? raw : waw) = true;
  CHECK(raw);
  CHECK(waw);
}

TEST_CASE("deps: DOT and JSON renderings", "[deps]") {
  const PipelineConfig c = load_config("5-stage");
  const DepsAnalysis a = analyse_deps(assembled(kStraight), c, 100, 1000, 1000);
  const std::string dot = deps_dot("test.s", a);
  CHECK(dot.rfind("digraph deps {", 0) == 0);
  CHECK_THAT(dot, Catch::Contains("n0 -> n1 [label=\"RAW t0\", color=red, penwidth=2];"));
  CHECK_THAT(dot, Catch::Contains("n2 -> n3 [label=\"WAR a0\", style=dashed];"));
  CHECK_THAT(dot, Catch::Contains("n4 -> n5 [label=\"RAW mem 0x00100004\""));
  const auto j = deps_json("test.s", c, a);
  CHECK(j["ideal_cycles"] == 10);
  CHECK(j["achieved_cycles"] == 15);
  CHECK(j["blocks"][0]["dependences"].size() == std::size(kStraightDeps));
}

TEST_CASE("deps: the command line", "[deps][cli]") {
  const std::string ex =
      (fs::path(PIPESIM_SOURCE_DIR) / "programs" / "exercises" / "load_use.s").string();
  const auto r = test::run_process({PIPESIM_BINARY, "deps", ex, "--format", "dot"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("digraph deps {", 0) == 0);
  const auto bad = test::run_process({PIPESIM_BINARY, "deps", ex, "--format", "svg"});
  CHECK(bad.exit_code == 2);
}

// Two loads each used by the next instruction. On 5-stage each costs a load-use stall:
// 8 instructions + 4 fill + 2 = 14 cycles. The schedule (by hand, list scheduling by height:
// lui 5, lw a0 4, lw a1 4, addi a0 2, addi a1 2, add 1, li 1) is
//   lui, lw a0, lw a1, addi a0, addi a1, add, li a7, ecall
// where each load's user is two instructions later: no stall, 8 + 4 = 12 cycles.
const char* kTwoLoads = R"(    .data
x:  .word 5, 6
    .text
    .globl _start
_start:
    lui  t0, 0x100
    lw   a0, 0(t0)
    addi a0, a0, 1
    lw   a1, 4(t0)
    addi a1, a1, 2
    add  a0, a0, a1
    li   a7, 93
    ecall
)";

TEST_CASE("schedule: removes two load-use stalls, 14 -> 12 cycles", "[schedule]") {
  const ScheduleResult r =
      schedule_program(kTwoLoads, "two_loads.s", load_config("5-stage"), 100000);
  CHECK(r.cycles_before == 14);
  CHECK(r.cycles_after == 12);
  CHECK(r.blocks == 1);
  CHECK(r.reordered == 1);
  CHECK(r.source ==
        "# Scheduled by pipesim schedule for 5-stage: 14 cycles before, 12 after (1 "
        "of 1 blocks reordered).\n"
        "    .data\n"
        "x:  .word 5, 6\n"
        "    .text\n"
        "    .globl _start\n"
        "_start:\n"
        "    # reordered by pipesim schedule\n"
        "    lui  t0, 0x100\n"
        "    lw   a0, 0(t0)\n"
        "    lw   a1, 4(t0)\n"
        "    addi a0, a0, 1\n"
        "    addi a1, a1, 2\n"
        "    add  a0, a0, a1\n"
        "    li   a7, 93\n"
        "    ecall\n");
}

TEST_CASE("schedule: a store and a load through different bases keep their order", "[schedule]") {
  // sw through t0 and lw through t1 may alias (different base registers): the lw must not move
  // above the sw (the scheduler may still fill the load-use slot with the li).
  const char* src = R"(    .data
x:  .word 5
    .text
_start:
    lui  t0, 0x100
    lui  t1, 0x100
    li   a1, 9
    sw   a1, 0(t0)
    lw   a0, 0(t1)
    addi a0, a0, 1
    li   a7, 93
    ecall
)";
  const ScheduleResult r = schedule_program(src, "alias.s", load_config("5-stage"), 100000);
  const AsmResult out = assemble(r.source, "out.s");
  CapturedIo io;
  const MachineResult m = run_machine(load_config("5-stage"), out.program, io, {}, {}, false);
  CHECK(m.exit_code == 10);  // the load sees the stored 9
  CHECK(r.source.find("sw   a1, 0(t0)") < r.source.find("lw   a0, 0(t1)"));
}

TEST_CASE("schedule: every exercise stays equivalent and GNU as accepts it", "[schedule]") {
  const fs::path dir = fs::path(PIPESIM_SOURCE_DIR) / "programs" / "exercises";
  const test::TempDir scratch("pipesim-schedule");
  const fs::path& tmp = scratch.path;
  std::size_t n = 0;
  for (const char* machine : {"5-stage", "5-stage-mul-div", "7-stage"}) {
    for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
      if (e.path().extension() != ".s") continue;
      INFO(e.path() << " on " << machine);
      const std::string src = test::read_file(e.path());
      const ScheduleResult r =
          schedule_program(src, e.path().string(), load_config(machine), 1'000'000);
      CHECK(r.cycles_after <= r.cycles_before);
      // Independently of schedule_program's own check: same registers, memory and output.
      const Equivalence eq =
          compare_programs(assemble(src, "a.s").program, assemble(r.source, "b.s").program);
      CHECK(eq.same);
      CHECK(eq.difference == "");
      const fs::path out = tmp / (e.path().stem().string() + ".s");
      std::ofstream(out) << r.source;
      const auto as = test::run_process({"riscv64-unknown-elf-as", "-march=rv32im", "-mabi=ilp32",
                                         out.string(), "-o", (tmp / "out.o").string()});
      CHECK(as.exit_code == 0);
      CHECK(as.err == "");
      ++n;
    }
  }
  CHECK(n >= 36);
}

TEST_CASE("schedule: the command line", "[schedule][cli]") {
  const std::string ex =
      (fs::path(PIPESIM_SOURCE_DIR) / "programs" / "exercises" / "schedule_loads.s").string();
  const auto r = test::run_process({PIPESIM_BINARY, "schedule", ex, "--config", "5-stage"});
  CHECK(r.exit_code == 0);
  CHECK(r.out.rfind("# Scheduled by pipesim schedule for 5-stage: 17 cycles before", 0) == 0);
  const auto missing = test::run_process({PIPESIM_BINARY, "schedule", "nope.s", "-c", "5-stage"});
  CHECK(missing.exit_code == 2);
}

TEST_CASE("deps: a run cut at the instruction limit is not timed", "[deps]") {
  // An endless loop: the functional model stops at 100 instructions; the pipeline is not run.
  const char* src = R"(
_start: li   a0, 0
loop:   addi a0, a0, 1
        j    loop
)";
  const DepsAnalysis a = analyse_deps(assembled(src), load_config("5-stage"), 4, 100, 100000);
  CHECK(a.limit.instructions == 100);
  CHECK_FALSE(a.limit.complete);
  CHECK(a.limit.achieved_cycles == 0);
  CHECK(deps_json("t.s", load_config("5-stage"), a)["achieved_cycles"].is_null());
}
