// One sweep row (sim/sweep/runner.cpp, run_job) for each way a run ends, and the cells of the
// --set dimensions: exit_code only on an exit, the fault's message with its pc and cycle, and
// fault_pc; "set" with one value per dimension; a description that follows --set. Expected
// values are worked out by hand in the comments from docs/model.md's cycle counts; in process
// and tiny, so fast.
#include <catch2/catch.hpp>

#include "sim/sweep/plan.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/table.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pipesim::sweep;
using pipesim::test::TempDir;
using pipesim::test::write_file;
using Json = nlohmann::ordered_json;

namespace {

Row run_one(const std::string& program, const std::string& config,
            const std::vector<SetDimension>& dims = {}, uint64_t max_cycles = 1'000'000) {
  const LoadedSweep sweep = load_sweep(plan({program}, {config}, dims), max_cycles, false);
  REQUIRE(sweep.jobs.size() == 1);
  return run_job(sweep, sweep.jobs[0]);
}

}  // namespace

TEST_CASE("sweep row: exit_code only on an exit; a fault with its pc and cycle", "[sweep]") {
  TempDir dir("pipesim-sweep-row");
  // The load is the second instruction, at 0x00010000 + 4. On 5-stage the fault is raised when
  // the load is in WB (the end stage, index 4): the li completes (1 instruction), fill is 4, plus
  // the fault's own cycle (docs/model.md): 1 + 4 + 1 = 6 cycles. The li's a0 reaches the lw
  // through forwarding, so there is no stall.
  const std::string fault = write_file(dir / "fault.s",
                                       "_start:\n"
                                       "  li a0, 0\n"
                                       "  lw a1, 0(a0)\n");
  Row r = run_one(fault, "5-stage");
  CHECK(r["halt"] == "fault");
  CHECK(r["exit_code"].is_null());
  CHECK(r["stats"]["cycles"] == 6);
  CHECK(r["fault_pc"] == "0x00010004");
  // lw a1, 0(a0) = imm 0, rs1 10, funct3 2, rd 11, opcode 0x03: (10 << 15) | (2 << 12) |
  // (11 << 7) | 3 = 0x00052583.
  CHECK(r["fault"] ==
        "guest fault at pc 0x00010004 (instruction word 0x00052583), cycle 6: load from unmapped "
        "address 0x00000000");

  // ebreak: a halt without an exit code. li, ebreak: 2 instructions + 4 fill = 6 cycles.
  const std::string ebreak = write_file(dir / "ebreak.s",
                                        "_start:\n"
                                        "  li a0, 7\n"
                                        "  ebreak\n");
  r = run_one(ebreak, "5-stage");
  CHECK(r["halt"] == "ebreak");
  CHECK(r["exit_code"].is_null());
  CHECK(r["fault"].is_null());
  CHECK(r["fault_pc"].is_null());
  CHECK(r["stats"]["cycles"] == 6);

  // --max-cycles: no exit code either.
  const std::string loop = write_file(dir / "loop.s", "_start:\n  j _start\n");
  r = run_one(loop, "5-stage", {}, 50);
  CHECK(r["halt"] == "limit");
  CHECK(r["exit_code"].is_null());
  CHECK(r["fault"].is_null());

  // An exit, with status 0: the 0 is there.
  const std::string exit0 = write_file(dir / "exit0.s",
                                       "_start:\n"
                                       "  li a0, 0\n"
                                       "  li a7, 93\n"
                                       "  ecall\n");
  r = run_one(exit0, "5-stage");
  CHECK(r["halt"] == "exit");
  CHECK(r["exit_code"] == 0);
  CHECK(r["fault"].is_null());

  // The CSV cells: empty where there is no value, the same columns on every row.
  const std::string csv = to_csv({run_one(exit0, "5-stage"), run_one(fault, "5-stage")});
  const std::string header = csv.substr(0, csv.find('\n'));
  CHECK(
      header.starts_with("program,config,sets,halt,exit_code,fault,fault_pc,limit,pipesim,"
                         "program_sha256,config_sha256,stats.cycles,"));
  const std::string second = csv.substr(header.size() + 1);
  CHECK(second.find(",exit,0,,,") != std::string::npos);
  CHECK(csv.find(",fault,,\"guest fault at pc 0x00010004 (instruction word 0x00052583), cycle 6: "
                 "load from unmapped address 0x00000000\",0x00010004,,0.1.0,") !=
        std::string::npos);
  // A preset has no config file: its hash cell is empty; the cycles follow.
  CHECK(csv.find(",5-stage,,fault,") != std::string::npos);
}

TEST_CASE("sweep row: one cell per --set dimension, and a description that follows --set",
          "[sweep]") {
  TempDir dir("pipesim-sweep-row");
  const std::string exit0 = write_file(dir / "exit0.s",
                                       "_start:\n"
                                       "  li a0, 0\n"
                                       "  li a7, 93\n"
                                       "  ecall\n");
  const Row r = run_one(exit0, "5-stage",
                        {{"branches.policy", {"2-bit"}},
                         {"stages[2].latency_ps", {"300"}},
                         {"forwarding", {R"([{"from":"MEM","to":"EX"}])"}}});
  CHECK(r["sets"] ==
        R"(branches.policy=2-bit stages[2].latency_ps=300 forwarding=[{"from":"MEM","to":"EX"}])");
  // The values as the config loader reads them: JSON when they are JSON, else the text.
  CHECK(r["set"] == Json::parse(R"({"branches.policy": "2-bit", "stages[2].latency_ps": 300,
                                    "forwarding": [{"from": "MEM", "to": "EX"}]})"));
  CHECK(r["machine"]["branches"]["policy"] == "2-bit");
  // 5-stage's own description says "full forwarding" and "predict not-taken": neither holds.
  // The clock is the slowest stage, now EX's 300 ps; bht/btb sizes are the key table's defaults.
  CHECK(r["machine"]["description"] ==
        "5-stage changed by --set: "
        "5-stage pipeline (IF ID EX MEM WB), 300 ps clock, forwarding from MEM into EX, "
        "split-phase register file, branches resolved in EX (jal in ID, jalr in EX), 2-bit "
        "predictor at fetch (64-entry table, 16-entry BTB)");

  const std::string csv = to_csv({r});
  const std::string header = csv.substr(0, csv.find('\n'));
  CHECK(
      header.starts_with("program,config,sets,set.branches.policy,set.stages[2].latency_ps,"
                         "set.forwarding,halt,"));

  // Without a change the preset's own words stay: a --set to the value it already has, or of the
  // description itself.
  const Row same = run_one(exit0, "5-stage", {{"branches.policy", {"not-taken"}}});
  CHECK(same["machine"]["description"].get<std::string>().starts_with(
      "The textbook 5-stage pipeline"));
  const Row own =
      run_one(exit0, "5-stage", {{"description", {"mine"}}, {"branches.policy", {"1-bit"}}});
  CHECK(own["machine"]["description"] == "mine");
}
