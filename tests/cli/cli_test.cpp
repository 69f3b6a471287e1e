// The pipesim command line as a user meets it: help, version, exit statuses, messages and the
// JSON result. Expected values come from docs/cli.md and hand-written programs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::run_pipesim;
using pipesim::test::RunResult;
using pipesim::test::temp_file;
namespace fs = std::filesystem;

namespace {}  // namespace

TEST_CASE("cli: --version and --help on every subcommand", "[cli]") {
  RunResult r = run_pipesim({"--version"});
  CHECK(r.exit_code == 0);
  CHECK(r.out == std::string("pipesim ") + PIPESIM_VERSION + "\n");
  for (const char* sub : {"run", "compare", "configs", "asm", "disasm"}) {
    INFO(sub);
    r = run_pipesim({sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("Usage") || Catch::Contains("usage"));
  }
}

TEST_CASE("cli: command-line errors exit 2 with error: on stderr", "[cli]") {
  RunResult r = run_pipesim({});
  CHECK(r.exit_code == 2);
  r = run_pipesim({"run"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("error: "));
  r = run_pipesim({"run", "/nonexistent/prog.s"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: cannot open '/nonexistent/prog.s': No such file or directory\n");
  r = run_pipesim({"run", "x.s", "--bogus"});
  CHECK(r.exit_code == 2);
  const std::string prog = temp_file("ok.s", "_start: li a0, 3\n li a7, 93\n ecall\n");
  r = run_pipesim({"run", prog, "--diagram"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--diagram and --occupancy need a machine"));
  r = run_pipesim({"run", prog, "--config", "9-stage"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("unknown configuration '9-stage'"));
  r = run_pipesim({"run", prog, "--config", "5-stage", "--set", "branches.policy=sometimes"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("branches.policy"));
}

TEST_CASE("cli: run exits with the guest's code and prints its output", "[cli]") {
  const std::string prog = temp_file("hello.s", R"(
        .data
msg:    .ascii "hi\n"
        .text
_start: li a0, 1
        la a1, msg
        li a2, 3
        li a7, 64
        ecall
        li a0, 42
        li a7, 93
        ecall
)");
  RunResult r = run_pipesim({"run", prog});
  CHECK(r.exit_code == 42);
  CHECK(r.out == "hi\n");
  CHECK(r.err.empty());
  // On a pipeline the summary follows the program's output.
  r = run_pipesim({"run", prog, "--config", "5-stage", "--check"});
  CHECK(r.exit_code == 42);
  CHECK_THAT(r.out, Catch::StartsWith("hi\n"));
  // li, la (auipc + addi), li, li, ecall, li, li, ecall = 9 instructions.
  CHECK_THAT(r.out, Catch::Contains("instructions       9"));
}

TEST_CASE("cli: --json result document", "[cli]") {
  const std::string prog =
      temp_file("json.s", "_start: li a0, 7\n li t0, -1\n li a7, 93\n ecall\n");
  RunResult r = run_pipesim({"run", prog, "--json", "-"});
  REQUIRE(r.exit_code == 7);
  auto j = nlohmann::json::parse(r.out);
  CHECK(j["schema"] == "pipesim.result/1");
  CHECK(j["program"] == prog);
  CHECK(j["halt"] == "exit");
  CHECK(j["exit_code"] == 7);
  CHECK(j["instructions"] == 4);
  CHECK(j["registers"]["x0"] == 0);
  CHECK(j["registers"]["x5"] == 0xffffffffu);
  CHECK(j["registers"]["x17"] == 93);
  CHECK(j["registers"]["x2"] == 0x80000000u);
  CHECK(j["registers"].size() == 32);
  // Pipelined: config, cycles and stalls. 4 independent instructions: 4 + 4 fill = 8 cycles.
  r = run_pipesim({"run", prog, "--config", "5-stage", "--json", "-"});
  j = nlohmann::json::parse(r.out);
  CHECK(j["cycles"] == 8);
  CHECK(j["config"]["name"] == "5-stage");
  for (const char* cause : {"raw", "load_use", "control", "structural", "waw", "memory"})
    CHECK(j["stalls"][cause] == 0);
  // To a file, written whole.
  const std::string out = pipesim::test::process_temp_dir() / "r.json";
  r = run_pipesim({"run", prog, "--json", out});
  CHECK(r.exit_code == 7);
  std::ifstream in(out);
  CHECK(nlohmann::json::parse(in)["exit_code"] == 7);
}

TEST_CASE("cli: a guest fault exits 3 naming pc and cycle; a limit exits 4", "[cli]") {
  const std::string bad = temp_file("fault.s", "_start: nop\n lw a0, 0(zero)\n ebreak\n");
  RunResult r = run_pipesim({"run", bad});
  CHECK(r.exit_code == 3);
  CHECK(r.err ==
        "error: guest fault at pc 0x00010004 (instruction word 0x00002503), instruction 2: load "
        "from unmapped address 0x00000000\n");
  r = run_pipesim({"run", bad, "--config", "5-stage"});
  CHECK(r.exit_code == 3);
  // nop IF1..WB5; lw faults in MEM and stops the run when it is in WB: cycle 6.
  CHECK_THAT(r.err, Catch::Contains("pc 0x00010004") && Catch::Contains("cycle 6"));
  const std::string loop = temp_file("loop.s", "_start: j _start\n");
  r = run_pipesim({"run", loop, "--max-instructions", "1000"});
  CHECK(r.exit_code == 4);
  CHECK_THAT(r.err, Catch::Contains("limit reached") && Catch::Contains("0x00010000"));
  r = run_pipesim({"run", loop, "--config", "5-stage", "--max-cycles", "500"});
  CHECK(r.exit_code == 4);
}

TEST_CASE("cli: configs, compare, asm and disasm", "[cli]") {
  RunResult r = run_pipesim({"configs"});
  CHECK(r.exit_code == 0);
  for (const char* preset : {"single-cycle", "multi-cycle", "5-stage ", "5-stage-no-forwarding",
                             "5-stage-branch-in-id", "5-stage-2bit", "5-stage-no-interlocks",
                             "7-stage", "qtrvsim ", "qtrvsim-stall", "qtrvsim-single"})
    CHECK_THAT(r.out, Catch::Contains(preset));
  const std::string prog = temp_file("cmp.s", "_start: li a0, 1\n add a1, a0, a0\n ebreak\n");
  r = run_pipesim({"compare", prog});
  CHECK(r.exit_code == 0);
  // 3 instructions: single-cycle 3 cycles of 800 ps; multi-cycle 4 + 4 + 3 = 11 of 200 ps;
  // no forwarding: 3 + 4 + 2 stalls = 9; forwarding: 3 + 4 = 7.
  CHECK_THAT(r.out, Catch::Contains("single-cycle           single-cycle       3"));
  CHECK_THAT(r.out, Catch::Contains("multi-cycle            multi-cycle       11"));
  CHECK_THAT(r.out, Catch::Contains("5-stage-no-forwarding  pipelined          9"));
  CHECK_THAT(r.out, Catch::Contains("5-stage                pipelined          7"));
  r = run_pipesim({"asm", prog});
  CHECK(r.exit_code == 0);
  // add a1,a0,a0 = funct7 0, rs2 10, rs1 10, funct3 0, rd 11, opcode 0x33 = 0x00a505b3
  CHECK_THAT(r.out, Catch::Contains("00a505b3"));
  const std::string bin = pipesim::test::process_temp_dir() / "cmp.bin";
  r = run_pipesim({"asm", prog, "-o", bin});
  CHECK(r.exit_code == 0);
  CHECK(fs::file_size(bin) == 12);
  r = run_pipesim({"disasm", bin, "--no-aliases"});
  CHECK(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("addi\ta0,zero,1"));
  CHECK_THAT(r.out, Catch::Contains("add\ta1,a0,a0"));
  CHECK_THAT(r.out, Catch::Contains("ebreak"));
}
