// The timing model on two-issue machines (sim/pipe/timing_wide.cpp) against the cycle model,
// field by field: the presets 2-wide and 2-wide-any, machines near them (each issue rule
// changed, other resolve stages, forwarding, pipeline depth), every program under programs/ and
// random programs built to meet every pairing rule.
#include <catch2/catch.hpp>
#include <filesystem>
#include <random>
#include <sstream>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/timing_model.hpp"
#include "tests/support/engine_compare.hpp"
#include "tests/support/files.hpp"
#include "tests/support/machine_variants.hpp"

namespace fs = std::filesystem;
using namespace pipesim;

namespace {

// The two presets and supported machines near them; each name says what was changed.
std::vector<PipelineConfig> wide_machines() {
  const test::Variants sets = {
      {"2-wide", {}},
      {"2-wide-any", {}},
      {"2-wide", {"issue.alignment=any"}},
      {"2-wide-any", {"issue.alignment=aligned"}},
      {"2-wide", {R"(issue.slots=[["mem"],["alu","mul","div","branch"]])"}},
      {"2-wide", {R"(issue.slots=[["alu","branch","mem"],["alu","mul","div","mem"]])"}},
      {"2-wide-any", {"issue.memory_per_cycle=2"}},
      {"2-wide-any", {"issue.branches_per_cycle=2"}},
      {"2-wide-any", {"issue.read_ports=3"}},
      {"2-wide-any", {"issue.write_ports=1"}},
      {"2-wide", {"branches.resolve=ID", "branches.jalr=ID"}},
      {"2-wide-any", {"branches.jal=EX"}},
      {"2-wide-any", {"forwarding=none"}},
      {"2-wide", {"split_phase_regfile=false"}},
      {"2-wide-any", {test::two_memory_stages()}},
      // Ripes' dual issue, and each of its rules alone on 2-wide.
      {"ripes-6s-dual", {}},
      {"2-wide", {"issue.control_last=true"}},
      {"2-wide", {"issue.system_alone=true"}},
      {"2-wide", {"issue.split_war=true"}},
      {"2-wide", {"issue.hazard_holds_group=true"}},
      {"2-wide", {"issue.younger_first_slot=true"}},
      {"2-wide", {"issue.alignment=packet"}},
      {"2-wide-any", {"branches.redirect_taken=true"}},
      {"2-wide-any", {"program_end=drain"}},
      {"2-wide",
       {R"(ecall={"stage":"EX","wait_for_writers":true,"flush":false})",
        "issue.system_alone=true"}},
      {"ripes-6s-dual", {"issue.alignment=any"}},
      {"ripes-6s-dual", {"issue.alignment=aligned"}},
      {"ripes-6s-dual", {R"(ecall={"stage":"WB"})"}},
      {"ripes-6s-dual", {"program_end=fault"}},
      {"ripes-6s-dual", {"branches.resolve=II", "branches.jal=II", "branches.jalr=II"}},
      {"ripes-6s-dual", {"forwarding=none"}},
      {"ripes-6s-dual", {"issue.hazard_holds_group=false"}},
      {"ripes-6s-dual", {"issue.control_last=false"}},
      {"ripes-6s-dual", {"branches.redirect_taken=false"}},
  };
  return test::load_variants(sets, timing_model_supports);
}

// A random program that always ends, dense in what pairs or does not: independent and
// dependent neighbours, loads and stores side by side, load-use, mul/div, branches both ways,
// calls and returns, output (ecalls that return) and, after the exit, a function body (the
// wrong path fetched behind the halt holds a return).
std::string wide_program(uint32_t seed) {
  std::mt19937 rng(seed);
  auto pick = [&](uint32_t n) { return static_cast<uint32_t>(rng() % n); };
  const char* regs[] = {"t0", "t1", "t2", "a1", "a2", "a3", "s2", "zero"};
  auto r = [&](bool dst) { return regs[pick(dst ? 7 : 8)]; };
  std::ostringstream s;
  s << "la s0, data\nli s1, 4\ntop:\n";
  const uint32_t n = 20 + pick(30);
  for (uint32_t i = 0; i < n; ++i) {
    s << "L" << i << ":\n";
    switch (pick(12)) {
      case 0:
      case 1:
      case 2:
        s << "add " << r(true) << ", " << r(false) << ", " << r(false) << "\n";
        break;
      case 3:
        s << "addi " << r(true) << ", " << r(false) << ", " << pick(9) << "\n";
        break;
      case 4:
        s << "lw " << r(true) << ", " << 4 * pick(8) << "(s0)\n";
        break;
      case 5:
        s << "sw " << r(false) << ", " << 4 * pick(8) << "(s0)\n";
        break;
      case 6:
        s << (pick(2) ? "mul " : "divu ") << r(true) << ", " << r(false) << ", " << r(false)
          << "\n";
        break;
      case 7:
      case 8:
        s << (pick(2) ? "beq " : "bltu ") << r(false) << ", " << r(false) << ", L"
          << i + 1 + pick(3) << "\n";
        break;
      case 9:
        s << "jal ra, f\n";
        break;
      case 10:
        if (pick(4) == 0) s << "li a7, 11\nli a0, 'w'\necall\n";
        break;
      default:
        s << "lw " << r(true) << ", " << 4 * pick(8) << "(s0)\nbne t0, t1, L" << i + 1 << "\n";
    }
  }
  s << "L" << n << ":\nL" << n + 1 << ":\nL" << n + 2 << ":\n"
    << "addi s1, s1, -1\nbnez s1, top\n";
  // Every third program runs off the end of its code (program_end: drain ends it there; run
  // only there, it faults elsewhere), every third ends with an ebreak, the others exit.
  if (seed % 3 == 0)
    s << "j done\nf: addi t2, t2, 3\njalr zero, 0(ra)\ndone: addi a0, t1, 1\n";
  else
    s << (seed % 3 == 1 ? "ebreak\n" : "li a7, 93\nandi a0, t1, 0x7f\necall\n")
      << "f: addi t2, t2, 3\njalr zero, 0(ra)\n";
  s << ".data\ndata:\n";
  for (int i = 0; i < 9; ++i) s << ".word " << pick(50) << "\n";
  return s.str();
}

}  // namespace

TEST_CASE("timing model, two issue: which machines it takes", "[timing_model][wide]") {
  CHECK(timing_model_supports(load_config("2-wide")));
  CHECK(timing_model_supports(load_config("2-wide-any")));
  CHECK(timing_model_supports(load_config("ripes-6s-dual")));
  for (const char* set : {"branches.policy=2-bit", "issue.cross_lane_forwarding=false",
                          "branches.resolve=MEM", "end_stage=MEM"})
    CHECK_FALSE(timing_model_supports(load_config("2-wide", {set})));
  CHECK_FALSE(timing_model_supports(load_config("2-wide-any", {"issue_width=3"})));
  // Ripes' ecall that flushes what is behind it, or that may pair, is left to the cycle model.
  CHECK_FALSE(timing_model_supports(load_config("ripes-6s-dual", {"ecall.flush=true"})));
  CHECK_FALSE(timing_model_supports(load_config("ripes-6s-dual", {"issue.system_alone=false"})));
}

TEST_CASE("timing model, two issue: every program under programs/", "[timing_model][wide]") {
  const std::vector<PipelineConfig> machines = wide_machines();
  int ran = 0, runs = 0;
  test::for_each_program({"examples", "exercises", "bench", "tasks"},
                         [&](const std::string&, const Program& p) {
                           for (const PipelineConfig& c : machines) {
                             ran += test::compare_engines(p, c, false);
                             ++runs;
                           }
                         });
  // Only counters.s (a CSR read) and what faults are declined.
  CHECK(ran * 10 >= runs * 8);
}

TEST_CASE("timing model, two issue: random programs", "[timing_model][wide]") {
  const std::vector<PipelineConfig> machines = wide_machines();
  int ran = 0, runs = 0;
  for (uint32_t seed = 1; seed <= 60; ++seed) {
    const std::string src = wide_program(seed);
    INFO("seed " << seed << "\n" << src);
    const Program p = assemble(src, "random.s").program;
    for (const PipelineConfig& c : machines) {
      if (seed % 3 == 0 && c.program_end != ProgramEnd::Drain) continue;
      ran += test::compare_engines(p, c, false);
      ++runs;
    }
  }
  CHECK(ran * 10 >= runs * 9);
}

TEST_CASE("timing model, two issue: a run past max_cycles gives the cycle model's result",
          "[timing_model][wide]") {
  RunLimits limits;
  limits.max_cycles = 100;
  const Program loop = assemble("li t0, 0\nloop: addi t0, t0, 1\nj loop\n", "loop.s").program;
  const Program exit = assemble("li a7, 93\nli a0, 2\necall\n", "exit.s").program;
  for (const char* name : {"2-wide", "2-wide-any"}) {
    const PipelineConfig c = load_config(name);
    limits.max_cycles = 100;
    CHECK_FALSE(test::compare_engines(loop, c, false, limits));
    limits.max_cycles = 5;
    CHECK_FALSE(test::compare_engines(exit, c, false, limits));
    limits.max_cycles = 1000;
    CHECK(test::compare_engines(exit, c, false, limits));
  }
}
