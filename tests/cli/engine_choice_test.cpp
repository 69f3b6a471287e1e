// `--engine auto|cycle|timing` and the "engine" a run reports, as a user meets them: the pipesim
// binary run as a child process. What auto picks follows docs/timing-model.md ("When it is
// used"); the messages are the ones docs/errors.md shows.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::run_process;
using pipesim::test::RunResult;
using pipesim::test::TempDir;

namespace {

RunResult run_pipesim(std::vector<std::string> args) {
  args.insert(args.begin(), PIPESIM_BINARY);
  return run_process(args);
}

std::string write_file(const TempDir& dir, const std::string& name, const std::string& text) {
  const std::string path = dir / name;
  FILE* f = std::fopen(path.c_str(), "wb");
  REQUIRE(f != nullptr);
  std::fwrite(text.data(), 1, text.size(), f);
  std::fclose(f);
  return path;
}

// A run's --json - document; the run must exit with `status`.
nlohmann::json result_of(std::vector<std::string> args, int status) {
  args.push_back("--json");
  args.push_back("-");
  const RunResult r = run_pipesim(args);
  INFO(r.describe() << "\n" << r.err);
  REQUIRE(r.exit_code == status);
  return nlohmann::json::parse(r.out);
}

// Four independent instructions (docs/cli.md's example program): on 5-stage 4 + 4 fill = 8
// cycles, no stall, whichever engine runs them.
constexpr const char* kStraight = "_start: li a0, 7\n li t0, -1\n li a7, 93\n ecall\n";

// Loads, a load-use hazard, taken and not-taken branches, stores: something for every rule the
// two engines share. Ends with exit(26) (bubble_sort.s's own check).
const std::string kSort = std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/bubble_sort.s";

constexpr const char* kUseOther = "; use --engine auto or cycle\n";

}  // namespace

TEST_CASE("engine: auto picks the timing model unless cycles are watched or unsupported",
          "[cli][engine]") {
  TempDir dir("pipesim-engine");
  const std::string prog = write_file(dir, "straight.s", kStraight);
  nlohmann::json j = result_of({"run", prog, "-c", "5-stage"}, 7);
  CHECK(j["engine"] == "timing");
  CHECK(j["cycles"] == 8);
  // The same with the option spelt out.
  CHECK(result_of({"run", prog, "-c", "5-stage", "--engine", "auto"}, 7)["engine"] == "timing");

  // A diagram watches every cycle: on 5-stage the timing model shows them too
  // (docs/timing-model.md#traces; the diagram goes nowhere when the JSON owns stdout, but the
  // recorder is attached all the same); elsewhere the cycle model draws it. --check: the cycle
  // model.
  j = result_of({"run", prog, "-c", "5-stage", "--diagram"}, 7);
  CHECK(j["engine"] == "timing");
  CHECK(j["cycles"] == 8);
  j = result_of({"run", prog, "-c", "5-stage-cache", "--diagram"}, 7);
  CHECK(j["engine"] == "cycle");
  CHECK(result_of({"run", prog, "-c", "5-stage", "--check"}, 7)["engine"] == "cycle");
  const std::string trace = dir / "t.jsonl";
  const std::string konata = dir / "t.kanata";
  CHECK(result_of({"run", prog, "-c", "5-stage", "--trace-jsonl", trace}, 7)["engine"] == "timing");
  CHECK(result_of({"run", prog, "-c", "5-stage", "--trace-konata", konata}, 7)["engine"] ==
        "timing");
  CHECK(result_of({"run", prog, "-c", "5-stage", "--engine", "timing", "--trace-konata", konata},
                  7)["engine"] == "timing");
  CHECK(result_of({"run", prog, "-c", "5-stage-mul-div", "--trace-konata", konata}, 7)["engine"] ==
        "cycle");

  // No interlocks and caches are inside what the timing model supports (docs/timing-model.md);
  // a static taken policy is outside.
  CHECK(result_of({"run", prog, "-c", "5-stage-no-interlocks"}, 7)["engine"] == "timing");
  CHECK(result_of({"run", prog, "-c", "5-stage-cache"}, 7)["engine"] == "timing");
  CHECK(result_of({"run", prog, "-c", "5-stage", "--set", "branches.policy=taken"}, 7)["engine"] ==
        "cycle");

  // Single-cycle and multi-cycle machines have their own engine, whatever auto or cycle says.
  for (const char* seq : {"single-cycle", "multi-cycle"}) {
    INFO(seq);
    CHECK(result_of({"run", prog, "-c", seq}, 7)["engine"] == "sequential");
    CHECK(result_of({"run", prog, "-c", seq, "--engine", "cycle"}, 7)["engine"] == "sequential");
  }
  // The functional model (no --config) is no machine: no "engine", as no "cycles".
  j = result_of({"run", prog}, 7);
  CHECK_FALSE(j.contains("engine"));
  CHECK_FALSE(j.contains("cycles"));
}

TEST_CASE("engine: cycle and timing give the same numbers on 5-stage", "[cli][engine]") {
  TempDir dir("pipesim-engine");
  const std::string prog = write_file(dir, "straight.s", kStraight);
  for (const std::string& program : {prog, kSort}) {
    INFO(program);
    const int status = program == prog ? 7 : 26;
    for (const char* machine : {"5-stage", "5-stage-no-forwarding", "7-stage"}) {
      INFO(machine);
      const nlohmann::json cycle =
          result_of({"run", program, "-c", machine, "--engine", "cycle"}, status);
      const nlohmann::json timing =
          result_of({"run", program, "-c", machine, "--engine", "timing"}, status);
      CHECK(cycle["engine"] == "cycle");
      CHECK(timing["engine"] == "timing");
      CHECK(cycle["cycles"] == timing["cycles"]);
      CHECK(cycle["stats"] == timing["stats"]);
      CHECK(cycle["registers"] == timing["registers"]);
      CHECK(cycle["stdout"] == timing["stdout"]);
    }
  }
  // By hand, for the straight-line program: 8 cycles, no stalls, on both.
  for (const char* engine : {"cycle", "timing"}) {
    const nlohmann::json j = result_of({"run", prog, "-c", "5-stage", "--engine", engine}, 7);
    CHECK(j["cycles"] == 8);
    CHECK(j["stats"]["stall_cycles"] == 0);
  }
  // The bubble sort prints its array before and after on both.
  const nlohmann::json j = result_of({"run", kSort, "-c", "5-stage", "--engine", "timing"}, 26);
  CHECK(j["stdout"] == "29 -4 17 0 8 -15 42 3 3 -1\n-15 -4 -1 0 3 3 8 17 29 42\n");
}

TEST_CASE("engine: --engine timing refuses what the timing model cannot run, with exit 2",
          "[cli][engine]") {
  TempDir dir("pipesim-engine");
  const std::string prog = write_file(dir, "straight.s", kStraight);
  // Without interlocks only what that engine lacks is named (timing_no_interlocks.cpp).
  RunResult r = run_pipesim({"run", prog, "-c", "5-stage-no-interlocks", "--set",
                             "memory.data_latency=2", "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        std::string("error: --engine timing: the timing model does not support the machine "
                    "5-stage-no-interlocks (memory latency above 1 cycle without interlocks)") +
            kUseOther);

  // Memory that holds a stage is supported, but not together with multi-cycle units.
  r = run_pipesim({"run", prog, "-c", "5-stage-mul-div", "--set", "memory.data_latency=2",
                   "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == std::string("error: --engine timing: the timing model does not support the "
                             "machine 5-stage-mul-div (memory latency above 1 cycle together with "
                             "multi-cycle functional units or Ripes' ecall)") +
                     kUseOther);

  // Only what it lacks is named: it has program_end drain and Ripes' ecall, and ripes-6s-dual
  // runs on it, but not a Ripes ecall that flushes what is behind it on a two-issue machine.
  r = run_pipesim({"run", prog, "-c", "ripes-6s-dual", "--engine", "timing"});
  CHECK(r.exit_code == 7);
  r = run_pipesim(
      {"run", prog, "-c", "ripes-6s-dual", "--set", "ecall.flush=true", "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == std::string("error: --engine timing: the timing model does not support the "
                             "machine ripes-6s-dual (issue_width 2 with these issue rules)") +
                     kUseOther);
  // Several features at once are all named.
  r = run_pipesim({"run", prog, "-c", "5-stage-parallel-fu", "--set", "branches.policy=stall",
                   "--set", "hazard_detection=false", "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == std::string("error: --engine timing: the timing model does not support the "
                             "machine 5-stage-parallel-fu (execute: parallel, branch policy "
                             "stall, functional units slower or faster than the execute stages "
                             "without interlocks)") +
                     kUseOther);
  // Parallel units are named only when they are what the timing model lacks: with branches
  // resolved in the memory stage they are (timing_parallel.cpp).
  r = run_pipesim({"run", prog, "-c", "5-stage-parallel-fu", "--set", "branches.resolve=MEM",
                   "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("error: --engine timing: the timing model does not "
                                      "support the machine 5-stage-parallel-fu (execute: "
                                      "parallel"));

  r = run_pipesim({"run", prog, "-c", "single-cycle", "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        std::string("error: --engine timing: the timing model runs pipelined machines only, and "
                    "single-cycle is a single-cycle machine (it has an engine of its own)") +
            kUseOther);

  // Outputs that show cycles need the cycle model but on the plain one-issue machines, --check
  // always; nothing is written.
  const std::string no_cycles =
      std::string(
          "error: --engine timing: the timing model shows cycles (a diagram, trace or --html) "
          "only on the plain one-issue machines such as 5-stage (docs/timing-model.md#traces), "
          "and 5-stage-cache is not one") +
      kUseOther;
  const std::string html = dir / "view.html";
  const std::vector<std::vector<std::string>> watched = {
      {"--diagram"}, {"--occupancy"}, {"--html", html}, {"--trace-jsonl", html}};
  for (const std::vector<std::string>& extra : watched) {
    std::vector<std::string> args = {"run", prog, "-c", "5-stage-cache", "--engine", "timing"};
    args.insert(args.end(), extra.begin(), extra.end());
    INFO(extra.front());
    r = run_pipesim(args);
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == no_cycles);
  }
  CHECK_FALSE(std::filesystem::exists(html));
  r = run_pipesim({"run", prog, "-c", "5-stage", "--engine", "timing", "--check"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == std::string("error: --engine timing: --check compares the cycle model with the "
                             "functional model (the timing model has no check)") +
                     kUseOther);

  // Without a machine there is no engine to choose.
  r = run_pipesim({"run", prog, "--engine", "cycle"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: --engine chooses the engine of a machine: add --config NAME (see pipesim "
        "configs)\n");
  r = run_pipesim({"run", prog, "-c", "5-stage", "--engine", "fast"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--engine"));
}

TEST_CASE("engine: --engine timing fails when the timing model declines the run", "[cli][engine]") {
  TempDir dir("pipesim-engine");
  // On a machine whose memory holds a stage the timing model declines a run that would pass
  // --max-cycles (docs/timing-model.md#the-cycle-limit): auto then runs the cycle model to the
  // limit (exit 4); timing says so (exit 2). (On 5-stage it ends the run there itself.)
  const std::string loop = write_file(dir, "loop.s", "_start: j _start\n");
  RunResult r = run_pipesim({"run", loop, "-c", "5-stage-cache", "--max-cycles", "500"});
  CHECK(r.exit_code == 4);
  r = run_pipesim(
      {"run", loop, "-c", "5-stage-cache", "--max-cycles", "500", "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err ==
        std::string("error: --engine timing: the timing model declined this run: it met "
                    "something it does not reproduce exactly, such as the --max-cycles limit on "
                    "a machine whose timing engine does not end runs there "
                    "(docs/timing-model.md#the-cycle-limit), a store into the code, a counter "
                    "read (rdcycle), fence.i or more than 1 MiB of guest output "
                    "(PIPESIM_TM_DEBUG=1 says which)") +
            kUseOther);
  r = run_pipesim({"run", loop, "-c", "5-stage", "--max-cycles", "500", "--engine", "timing"});
  CHECK(r.exit_code == 4);
  // A store into the code: declined too, and the guest wrote nothing before (output is held
  // back until the timing model knows the run is exact).
  const std::string smc = write_file(dir, "smc.s", R"(_start: li a0, 1
        la a1, msg
        li a2, 3
        li a7, 64
        ecall
        la t0, patch
        lw t1, 0(t0)
        sw t1, 0(t0)
patch:  li a0, 0
        li a7, 93
        ecall
        .data
msg:    .ascii "hi\n"
)");
  r = run_pipesim({"run", smc, "-c", "5-stage"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::StartsWith("hi\n"));
  r = run_pipesim({"run", smc, "-c", "5-stage", "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::Contains("the timing model declined this run"));
}

TEST_CASE("engine: --verbose says which engine ran", "[cli][engine]") {
  TempDir dir("pipesim-engine");
  const std::string prog = write_file(dir, "straight.s", kStraight);
  RunResult r = run_pipesim({"run", prog, "-c", "5-stage", "--verbose"});
  CHECK(r.exit_code == 7);
  CHECK_THAT(r.err, Catch::Contains("pipesim: engine: timing (--engine auto)\n"));
  r = run_pipesim({"run", prog, "-c", "5-stage", "--verbose", "--engine", "cycle"});
  CHECK_THAT(r.err, Catch::Contains("pipesim: engine: cycle (--engine cycle)\n"));
  r = run_pipesim({"run", prog, "-c", "multi-cycle", "--verbose"});
  CHECK_THAT(r.err, Catch::Contains("pipesim: engine: sequential (--engine auto)\n"));
  // Without --verbose no such line.
  r = run_pipesim({"run", prog, "-c", "5-stage"});
  CHECK(r.err.empty());
}

TEST_CASE("engine: compare and sweep take --engine", "[cli][engine]") {
  TempDir dir("pipesim-engine");
  const std::string prog = write_file(dir, "straight.s", kStraight);
  RunResult r =
      run_pipesim({"compare", prog, "--configs", "5-stage,7-stage", "--engine", "timing", "-v"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("pipesim: 5-stage: 8 cycles on the timing engine\n"));
  CHECK_THAT(r.err, Catch::Contains("pipesim: 7-stage: ") &&
                        Catch::Contains("cycles on the timing engine\n"));
  const std::string timing_table = r.out;
  r = run_pipesim({"compare", prog, "--configs", "5-stage,7-stage", "--engine", "cycle"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == timing_table);
  // The default machines start with single-cycle, which the timing model does not run: refused
  // before any run.
  r = run_pipesim({"compare", prog, "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK_THAT(r.err, Catch::StartsWith("error: --engine timing: the timing model runs pipelined "
                                      "machines only, and single-cycle is a single-cycle machine"));

  const std::string csv_cycle = dir / "cycle.csv", csv_timing = dir / "timing.csv";
  r = run_pipesim({"sweep", "--programs", prog, "--configs", "5-stage,7-stage", "--engine", "cycle",
                   "-o", csv_cycle});
  CHECK(r.exit_code == 0);
  r = run_pipesim({"sweep", "--programs", prog, "--configs", "5-stage,7-stage", "--engine",
                   "timing", "-o", csv_timing});
  CHECK(r.exit_code == 0);
  const RunResult a = run_process({"cat", csv_cycle}), b = run_process({"cat", csv_timing});
  CHECK_FALSE(a.out.empty());
  CHECK(a.out == b.out);
  const std::string taken =
      write_file(dir, "taken.json",
                 R"({"name": "taken", "extends": "5-stage", "branches": {"policy": "taken"}})");
  r = run_pipesim(
      {"sweep", "--programs", prog, "--configs", "5-stage," + taken, "--engine", "timing"});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());
  CHECK(r.err == std::string("error: --engine timing: the timing model does not support the "
                             "machine taken (branch policy taken)") +
                     kUseOther);
  // The emitted jobs keep the choice (and leave it out when it is auto).
  const std::string jobs = dir / "jobs.txt";
  r = run_pipesim({"sweep", "--programs", prog, "--configs", "5-stage", "--engine", "timing",
                   "--emit-jobs", jobs, "--results-dir", dir / "results", "-q"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(run_process({"cat", jobs}).out, Catch::Contains(" --engine timing --job 1/1 "));
}
