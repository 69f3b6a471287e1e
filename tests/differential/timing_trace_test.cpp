// Traced runs on the timing model (run_machine's two runs, sim/pipe/timing_trace.hpp) against
// the cycle model: every program under programs/ and the random programs, on every machine whose
// traces the timing model reproduces, must give byte-identical JSONL (every field of every cycle
// and instruction record) and Kanata traces, and the same result.
#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <sstream>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/load/load.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/pipe/pipeline_rules.hpp"
#include "sim/pipe/timing_model.hpp"
#include "sim/report/jsonl_trace.hpp"
#include "sim/report/konata_trace.hpp"
#include "tests/support/engine_compare.hpp"
#include "tests/support/files.hpp"
#include "tests/support/machine_variants.hpp"
#include "tests/support/random_programs.hpp"

namespace fs = std::filesystem;
using namespace pipesim;

namespace {

struct Traced {
  MachineResult result;
  CapturedIo io;
  std::string jsonl, konata;
};

// With `cycle`, on the cycle model; else as run_machine chooses (the timing model here).
void traced_run(Traced& t, const PipelineConfig& c, const Program& p, bool cycle,
                const RunLimits& limits) {
  report::StringSink jsonl, konata;
  report::JsonlTraceWriter w_jsonl(jsonl, "t.s", c);
  report::KonataTraceWriter w_konata(konata, c);
  TraceSink* sinks[] = {&w_jsonl, &w_konata};
  t.result = cycle ? run_cycle_model(c, p, t.io, sinks, limits, false)
                   : run_machine(c, p, t.io, sinks, limits, false);
  w_jsonl.finish(t.result);
  w_konata.finish(t.result);
  t.jsonl = std::move(jsonl.text);
  t.konata = std::move(konata.text);
}

// The first line where two traces differ, with its number, for the failure message.
std::string first_difference(const std::string& a, const std::string& b) {
  std::istringstream sa(a), sb(b);
  std::string la, lb;
  for (int n = 1;; ++n) {
    const bool ga = static_cast<bool>(std::getline(sa, la));
    const bool gb = static_cast<bool>(std::getline(sb, lb));
    if (!ga && !gb) return "";
    if (!ga || !gb || la != lb)
      return "line " + std::to_string(n) + "\n timing: " + (ga ? la : "(end)") +
             "\n cycle:  " + (gb ? lb : "(end)");
  }
}

// Both engines traced; the timing model must have run it when `must_be_timing`.
void compare(const Program& p, const PipelineConfig& c, bool must_be_timing = true,
             RunLimits limits = {}) {
  INFO("machine " << c.name);
  Traced fast, slow;
  traced_run(fast, c, p, false, limits);
  traced_run(slow, c, p, true, limits);
  if (must_be_timing) CHECK(engine_name(fast.result.engine) == std::string("timing"));
  test::require_same(fast.result, slow.result, fast.io, slow.io);
  INFO("JSONL: " << first_difference(fast.jsonl, slow.jsonl));
  CHECK(fast.jsonl == slow.jsonl);
  INFO("Kanata: " << first_difference(fast.konata, slow.konata));
  CHECK(fast.konata == slow.konata);
}

std::vector<PipelineConfig> traced_presets() {
  std::vector<PipelineConfig> out;
  for (const PresetInfo& p : list_presets()) {
    PipelineConfig c = load_config(p.name);
    if (timing_trace_supported(c)) out.push_back(c);
  }
  return out;
}

// Near the presets: other depths, forwarding off, branches resolved elsewhere, predictors,
// register files.
std::vector<PipelineConfig> traced_variants() {
  const std::string kThreeFetchStages = test::stages_set(
      "IF1:fetch:100 IF2:fetch:100 IF3:fetch:100 ID:decode:100 EX:execute:200 MEM:memory:200 "
      "WB1:writeback:100 WB2:writeback:100");
  const std::string kTwoExecuteStages = test::two_execute_stages();
  const test::Variants sets = {
      {"5-stage",
       {"branches.policy=1-bit", "branches.bht_entries=16", "branches.btb_entries=8",
        "branches.bht_initial=0"}},
      {"5-stage", {"branches.resolve=MEM", "branches.jalr=MEM"}},
      {"5-stage-2bit", {"branches.resolve=ID", "branches.jal=EX"}},
      {"5-stage", {"split_phase_regfile=false", "forwarding=none"}},
      {"5-stage", {"end_stage=MEM"}},
      {"7-stage", {"forwarding=none", "branches.jal=EX"}},
      {"7-stage", {"branches.resolve=MEM1", "branches.policy=2-bit"}},
      {"qtrvsim", {"split_phase_regfile=false", "branches.policy=2-bit"}},
      {"5-stage", {kTwoExecuteStages, "branches.resolve=EX2", "branches.jalr=EX1"}},
      {"5-stage",
       {kThreeFetchStages, "branches.resolve=EX", "branches.jal=ID", "branches.jalr=EX",
        "end_stage=WB1"}},
  };
  return test::load_variants(sets, timing_trace_supported);
}

std::vector<PipelineConfig> all_machines() {
  std::vector<PipelineConfig> m = traced_presets();
  for (const PipelineConfig& c : traced_variants()) m.push_back(c);
  return m;
}

Program assemble_text(const std::string& src) {
  return assemble(src, "t.s").program;
}

}  // namespace

TEST_CASE("timing trace: the presets it traces", "[timing_trace]") {
  std::vector<std::string> names;
  for (const PipelineConfig& c : traced_presets()) names.push_back(c.name);
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{"5-stage", "5-stage-2bit", "5-stage-branch-in-id",
                                          "5-stage-no-forwarding", "7-stage", "qtrvsim",
                                          "qtrvsim-stall"});
  // The others keep the cycle model for traces, and --engine timing refuses them.
  for (const char* name :
       {"5-stage-cache", "5-stage-mul-div", "ripes-5s", "2-wide", "5-stage-no-interlocks"}) {
    const PipelineConfig c = load_config(name);
    CHECK_FALSE(timing_trace_supported(c));
    CHECK_FALSE(engine_refusal(c, EngineChoice::Timing, true).empty());
  }
  CHECK(engine_refusal(load_config("5-stage"), EngineChoice::Timing, true).empty());
  CHECK_FALSE(engine_refusal(load_config("5-stage"), EngineChoice::Timing, true, true).empty());
}

TEST_CASE("timing trace: every program under programs/", "[timing_trace]") {
  const std::vector<PipelineConfig> machines = all_machines();
  const int programs = test::for_each_program({"examples", "exercises", "bench", "tasks"},
                                              [&](const std::string& name, const Program& p) {
                                                // counters.s reads the cycle counter: the timing
                                                // model declines it, the cycle model runs.
                                                for (const PipelineConfig& c : machines)
                                                  compare(p, c, name != "counters.s");
                                              });
  CHECK(programs >= 28);
  // The C programs, when the cross toolchain has built them.
  for (const char* name :
       {"crc32", "matmul", "modular", "quicksort", "recursion", "sieve", "strings"}) {
    const fs::path elf = fs::path(PIPESIM_PROGRAMS_DIR) / (std::string(name) + ".elf");
    if (!fs::exists(elf)) continue;
    INFO("program " << elf.string());
    const Program p = load_program_file(elf.string()).program;
    for (const PipelineConfig& c : machines) compare(p, c);
  }
}

TEST_CASE("timing trace: random programs", "[timing_trace]") {
  const std::vector<PipelineConfig> machines = all_machines();
  for (uint32_t seed = 1; seed <= 150; ++seed) {
    const std::string src = test::random_program(seed);
    INFO("seed " << seed << "\n" << src);
    const Program p = assemble_text(src);
    for (const PipelineConfig& c : machines) compare(p, c, false);
  }
}

TEST_CASE("timing trace: faults, exits, jumps to misaligned addresses", "[timing_trace]") {
  const char* const programs[] = {
      // ecall exit with a taken branch and a load-use right before it
      "li t0, 5\nlw t1, 0(zero)\n",  // load from address 0: access fault
      "la t0, d\nlw t1, 0(t0)\naddi t2, t1, 1\nli a7, 93\nmv a0, t2\necall\n.data\nd: .word 41\n",
      "li t0, 2\njalr zero, 0(t0)\naddi a0, a0, 1\naddi a0, a0, 1\n",  // misaligned jump
      "li t0, 6\nbeq zero, zero, 2f\nnop\n2: jalr ra, 2(t0)\nnop\nnop\n",
      ".word 0xffffffff\n",  // illegal instruction
      "li a7, 64\nli a0, 1\nla a1, s\nli a2, 3\necall\nbnez a2, 1f\n1: ebreak\n.data\ns: "
      ".ascii \"hi\\n\"\n",
      "li a7, 12345\necall\nnop\n",  // an unknown system call
      "li t0, 3\n1: addi t0, t0, -1\nbnez t0, 1b\nli a7, 93\nli a0, 7\necall\nlw a1, 0(a1)\n",
  };
  for (const char* src : programs) {
    INFO(src);
    const Program p = assemble_text(src);
    for (const PipelineConfig& c : all_machines()) compare(p, c);
  }
}

TEST_CASE("timing trace: the cycle limit and a stop", "[timing_trace]") {
  const Program loop = assemble_text(
      "la s0, d\n1: addi t0, t0, 1\nlw t1, 0(s0)\nadd t2, t1, t0\nj 1b\n.data\nd: .word 5\n");
  // The limit: the timing model's trace is the cycle model's (the machines whose write-back is
  // after the end stage decline it, and the cycle model traces it; the next test cuts anywhere).
  for (const PipelineConfig& c : all_machines()) compare(loop, c, false, RunLimits{1000});
  // A stop before the run: nothing but the end, on both.
  std::atomic<bool> stop{true};
  RunLimits stopped;
  stopped.stop = &stop;
  for (const PipelineConfig& c : all_machines()) {
    INFO(c.name);
    Traced fast, slow;
    traced_run(fast, c, loop, false, stopped);
    traced_run(slow, c, loop, true, stopped);
    CHECK(fast.result.stopped);
    // Nothing but the header and the summary (whose counts differ: the cycle model has fetched
    // its first instruction when it looks at the stop).
    CHECK(fast.jsonl.substr(0, fast.jsonl.find('\n')) ==
          slow.jsonl.substr(0, slow.jsonl.find('\n')));
    CHECK(std::count(fast.jsonl.begin(), fast.jsonl.end(), '\n') == 2);
    CHECK(std::count(slow.jsonl.begin(), slow.jsonl.end(), '\n') == 2);
  }
}

TEST_CASE("timing trace: a run stopped part-way is the cycle model's trace up to its cycle",
          "[timing_trace]") {
  // The untraced run stopped after N instructions (as Ctrl-C stops it), and its traced run
  // stopped there too: the trace is the cycle model's, cut after the cycle it stopped in.
  const Program loop = assemble_text(
      "la s0, d\n1: addi t0, t0, 1\nlw t1, 0(s0)\nadd t2, t1, t0\nbne t0, t2, 1b\nj 1b\n.data\nd: "
      ".word 5\n");
  for (const PipelineConfig& c : all_machines()) {
    INFO(c.name);
    for (uint64_t n : {1u, 7u, 100u, 4096u}) {
      INFO("stop after " << n);
      report::StringSink fast_text, slow_text;
      const RunLimits limits{};
      DiscardIo io;
      std::optional<MachineResult> fast;
      {
        report::JsonlTraceWriter w(fast_text, "t.s", c);
        TraceSink* sinks[] = {&w};
        fast = run_timing_model_traced(c, loop, io, sinks, limits, n);
        REQUIRE(fast);
        CHECK(fast->stopped);
        CHECK(fast->stats.instructions == n);
        w.finish(*fast);
      }
      {
        report::JsonlTraceWriter w(slow_text, "t.s", c);
        TraceSink* sinks[] = {&w};
        w.finish(run_cycle_model(c, loop, io, sinks, RunLimits{fast->stats.cycles + 50}, false));
      }
      // Up to (not including) the first line of the cycle after the stop.
      const std::string next =
          "{\"type\":\"cycle\",\"cycle\":" + std::to_string(fast->stats.cycles + 1) + ",";
      const size_t cut = slow_text.text.find(next);
      REQUIRE(cut != std::string::npos);
      const std::string expected = slow_text.text.substr(0, cut);
      // (Without the summary line: the counts of a stopped run differ between the engines.)
      const std::string& got = fast_text.text;
      const std::string traced = got.substr(0, got.rfind("{\"type\":\"summary\""));
      INFO(first_difference(traced, expected));
      CHECK(traced == expected);
    }
  }
}

TEST_CASE("timing trace: the cycle limit anywhere is the cycle model's trace, byte for byte",
          "[timing_trace][limit]") {
  // A loop with a load-use hold, a taken branch and a jump, and a program with output and an
  // exit: every limit from 0 to 120 cycles, on every traced machine whose write-back is its
  // end stage (the others decline the limit: the cycle model traces it, compared all the same).
  const Program loop = assemble_text(
      "la s0, d\n1: addi t0, t0, 1\nlw t1, 0(s0)\nadd t2, t1, t0\nbne t0, t2, 1b\nj 1b\n.data\nd: "
      ".word 5\n");
  const Program output = assemble_text(
      "la a0, s\nli a7, 4\necall\nli t0, 3\n1: addi t0, t0, -1\nbnez t0, 1b\nli a0, 7\nli a7, 93\n"
      "ecall\n.data\ns: .asciz \"hi\\n\"\n");
  for (const PipelineConfig& c : all_machines()) {
    const PipelineRules rules(c);
    for (const Program* p : {&loop, &output})
      for (uint64_t n = 0; n <= 120; ++n) {
        INFO("limit " << n);
        compare(*p, c, rules.writeback == rules.end_stage, RunLimits{n});
      }
  }
}

TEST_CASE("timing trace: with a restart the traced run runs once, and a decline starts over",
          "[timing_trace]") {
  // Guest output, a loop of a few thousand cycles, then a store into the code (the timing model
  // declines there, with part of the trace published) or not: with a restart, run_machine runs
  // the traced timing model once; on the decline it calls the restart once, and the cycle model
  // traces the run from its first cycle into the new sinks. The trace and the guest output must
  // be the cycle model's alone: neither written twice nor lost.
  const std::string head =
      "li a0, 1\nla a1, msg\nli a2, 3\nli a7, 64\necall\nli t2, 1000\n1: addi t2, t2, -1\n"
      "bnez t2, 1b\n";
  const std::string tail = "li a0, 7\nli a7, 93\necall\n.data\nmsg: .ascii \"hi\\n\"\n";
  const Program declines =
      assemble_text(head + "la t0, 2f\nlw t1, 0(t0)\nsw t1, 0(t0)\n2: " + tail);
  const Program completes = assemble_text(head + tail);
  for (const PipelineConfig& c : all_machines()) {
    INFO("machine " << c.name);
    for (const Program* p : {&declines, &completes}) {
      const bool decline = p == &declines;
      INFO((decline ? "declines" : "completes"));
      report::StringSink text;
      auto writer = std::make_unique<report::JsonlTraceWriter>(text, "t.s", c);
      std::vector<TraceSink*> sinks = {writer.get()};
      std::string before_restart;
      int restarts = 0;
      const TraceRestart restart = [&] {
        ++restarts;
        writer.reset();
        before_restart = text.text;
        text.text.clear();  // the rewind
        writer = std::make_unique<report::JsonlTraceWriter>(text, "t.s", c);
        return std::vector<TraceSink*>{writer.get()};
      };
      Traced fast, slow;
      fast.result =
          run_machine(c, *p, fast.io, sinks, RunLimits{}, false, EngineChoice::Auto, restart);
      writer->finish(fast.result);
      fast.jsonl = text.text;
      traced_run(slow, c, *p, true, RunLimits{});
      CHECK(restarts == (decline ? 1 : 0));
      // The decline came part-way: cycles had been traced before it.
      if (decline) CHECK(std::count(before_restart.begin(), before_restart.end(), '\n') > 2000);
      CHECK(engine_name(fast.result.engine) == std::string(decline ? "cycle" : "timing"));
      test::require_same(fast.result, slow.result, fast.io, slow.io);
      CHECK(fast.io.out == "hi\n");
      INFO("JSONL: " << first_difference(fast.jsonl, slow.jsonl));
      CHECK(fast.jsonl == slow.jsonl);
    }
  }
}
