// The counter rule (docs/isa.md, "Counters and fence.i"), checked two ways: against hand-worked
// pipeline diagrams (the value rdcycle reads is the number of its EX column), and, for the
// example programs/examples/counters.s, against the --json trace of the same run (the difference
// of the two rdcycle readings equals the difference of their EX entry cycles) on 5-stage and
// 5-stage-no-forwarding. Every run here has --check on: the functional model agrees on every
// register, instret reads included (it takes only the cycle value from the pipeline).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <cstdint>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/pipe/machine.hpp"
#include "tests/support/diagram_run.hpp"
#include "tests/support/trace_run.hpp"

using namespace pipesim;

namespace {

constexpr unsigned a0 = 10, a1 = 11, s0 = 8, s1 = 9, s2 = 18;

std::string read_text(const std::string& path) {
  std::ifstream f(path);
  REQUIRE(f.good());
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

// The EX entry cycles of the committed instructions whose disassembly starts with `prefix`, in
// program order, read back from the --json trace.
std::vector<uint64_t> ex_entries(const std::string& json_trace, const std::string& prefix) {
  const nlohmann::json j = nlohmann::json::parse(json_trace);
  std::vector<uint64_t> cycles;
  for (const auto& insn : j.at("instructions")) {
    if (insn.at("disasm").get<std::string>().rfind(prefix, 0) != 0) continue;
    if (!insn.at("enter").contains("WB")) continue;  // squashed (wrong path)
    cycles.push_back(insn.at("enter").at("EX").get<uint64_t>());
  }
  return cycles;
}

// run_diagram without its pipeline accounting identity (a multi-cycle machine takes several
// cycles per instruction): the result and the diagram of a run with --check.
test::Outcome run_sequential_diagram(const std::string& preset, const std::string& source) {
  const PipelineConfig config = load_config(preset, {});
  const Program program = assemble(source, "seq.s").program;
  CapturedIo io;
  report::Recorder recorder;
  TraceSink* sinks[] = {&recorder};
  test::Outcome o;
  o.result = run_machine(config, program, io, sinks, RunLimits{10000}, /*check=*/true);
  report::DiagramOptions opt;
  opt.legend = false;
  o.diagram = report::render_diagram(recorder, config, nullptr, opt);
  CHECK(o.result.halt == Halt::Ebreak);
  return o;
}

// The cycle of a diagram row's EX cell.
uint64_t ex_column(const test::DiagramRow& row) {
  for (const auto& [cycle, cell] : row.cells)
    if (cell == "EX") return cycle;
  return 0;
}

}  // namespace

TEST_CASE("counters: rdcycle reads the number of its EX column (5-stage, by hand)",
          "[counters][textbook]") {
  // rdcycle a0: IF 1, ID 2, EX 3. lw t0: EX 4, MEM 5; its value exists after MEM, so add waits
  // in ID in cycle 5 (S) and reaches EX in 6; rdcycle a1 is frozen in IF in cycle 5 (S), is in
  // ID in 6 and in EX in 7. rdinstret a2 counts the 4 instructions before it.
  const test::Outcome o = test::run_diagram("5-stage",
                                            "rdcycle   a0\n"
                                            "lw        t0, -4(sp)\n"
                                            "add       t1, t0, t0\n"
                                            "rdcycle   a1\n"
                                            "rdinstret a2\n"
                                            "ebreak\n");
  const std::vector<test::DiagramRow> rows = test::diagram_rows(o.diagram);
  REQUIRE(rows.size() == 6);
  CHECK(ex_column(rows[0]) == 3);
  CHECK(rows[2].cells == std::map<uint64_t, std::string>{
                             {3, "IF"}, {4, "ID"}, {5, "S"}, {6, "EX"}, {7, "MEM"}, {8, "WB"}});
  CHECK(rows[3].cells == std::map<uint64_t, std::string>{
                             {4, "IF"}, {5, "S"}, {6, "ID"}, {7, "EX"}, {8, "MEM"}, {9, "WB"}});
  CHECK(o.result.regs[a0] == 3);
  CHECK(o.result.regs[a1] == 7);
  CHECK(o.result.regs[12] == 4);
  CHECK(o.result.stats.cycles == 11);  // 6 instructions + 4 fill + 1 load-use stall
}

TEST_CASE("counters: the high halves read 0 and time equals cycle", "[counters]") {
  const test::Outcome o = test::run_diagram("5-stage",
                                            "rdcycleh a0\n"
                                            "rdtime   a1\n"
                                            "rdtimeh  a2\n"
                                            "rdinstreth a3\n"
                                            "csrr     a4, cycle\n"
                                            "csrrsi   a5, instret, 0\n"
                                            "ebreak\n");
  CHECK(o.result.regs[a0] == 0);
  CHECK(o.result.regs[a1] == 4);  // EX in cycle 4
  CHECK(o.result.regs[12] == 0);
  CHECK(o.result.regs[13] == 0);
  CHECK(o.result.regs[14] == 7);
  CHECK(o.result.regs[15] == 5);
}

TEST_CASE("counters: fence.i refetches what was fetched behind it (5-stage, by hand)",
          "[counters][textbook][fence.i]") {
  // fence.i completes in WB in cycle 6 and redirects fetch to the next instruction, which is
  // fetched again in cycle 7: the four instructions fetched behind it (rdcycle a1 in MEM, the
  // ebreak in EX and the words after it in ID and IF) are squashed. rdcycle a1 reaches EX in 9
  // instead of 5: 4 cycles lost, one per stage before the end stage.
  const test::Outcome o = test::run_diagram("5-stage",
                                            "rdcycle a0\n"
                                            "fence.i\n"
                                            "rdcycle a1\n"
                                            "ebreak\n");
  CHECK(o.result.regs[a0] == 3);
  CHECK(o.result.regs[a1] == 9);
  CHECK(o.result.stats.flushed == 4);
  CHECK(o.stalls(StallCause::Control) == 4);
  CHECK(o.result.stats.cycles == 4 + 4 + 4);
}

TEST_CASE("counters: fence.i makes a store into the code visible (self-modifying code)",
          "[counters][fence.i]") {
  // The store replaces `li a0, 1` by `li a0, 2` (addi a0, zero, 2 = 0x00200513); the functional
  // model (--check, on in every run here) executes the new word, and so must the pipeline.
  const std::string source =
      "    la   t0, patch\n"
      "    li   t1, 0x00200513\n"
      "    sw   t1, 0(t0)\n"
      "    fence.i\n"
      "patch:\n"
      "    li   a0, 1\n"
      "    ebreak\n";
  for (const char* preset : {"5-stage", "5-stage-no-forwarding", "7-stage", "single-cycle"}) {
    INFO(preset);
    const test::Outcome o = test::run_diagram(preset, source);
    CHECK(o.result.regs[a0] == 2);
  }
  CHECK(run_sequential_diagram("multi-cycle", source).result.regs[a0] == 2);
}

TEST_CASE("counters: sequential machines and the functional model", "[counters]") {
  const Program p = assemble("rdcycle a0\nrdcycle a1\nrdinstret a2\nebreak\n", "c.s").program;
  // Single-cycle: instruction k (from 0) runs in cycle k + 1.
  const test::Outcome single =
      test::run_diagram("single-cycle", "rdcycle a0\nrdcycle a1\nebreak\n");
  CHECK(single.result.regs[a0] == 1);
  CHECK(single.result.regs[a1] == 2);
  // Multi-cycle: each instruction's EX cycle, read from the diagram.
  const test::Outcome multi =
      run_sequential_diagram("multi-cycle", "rdcycle a0\nrdcycle a1\nebreak\n");
  const std::vector<test::DiagramRow> rows = test::diagram_rows(multi.diagram);
  REQUIRE(rows.size() == 3);
  CHECK(multi.result.regs[a0] == 3);  // IF 1, ID 2, EX 3
  CHECK(multi.result.regs[a0] == ex_column(rows[0]));
  CHECK(multi.result.regs[a1] == ex_column(rows[1]));
  // The functional model alone reads as the single-cycle machine: cycle = instret + 1.
  CapturedIo io;
  Iss iss(p, io);
  iss.run(100);
  CHECK(iss.state().regs[a0] == 1);
  CHECK(iss.state().regs[a1] == 2);
  CHECK(iss.state().regs[12] == 2);
}

TEST_CASE("counters: counters.s measures what the --json trace shows", "[counters][programs]") {
  const std::string source =
      read_text(std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/counters.s");
  for (const char* preset : {"5-stage", "5-stage-no-forwarding"}) {
    INFO(preset);
    test::Traces t;
    test::trace_run(t, preset, source);
    REQUIRE(t.result.halt == Halt::Exit);
    CHECK(t.result.exit_code == 17);
    const std::vector<uint64_t> ex = ex_entries(t.json, "rdcycle");
    REQUIRE(ex.size() == 2);
    // s0 keeps the first reading; s1 is the second minus the first.
    CHECK(t.result.regs[s0] == ex[0]);
    CHECK(t.result.regs[s1] == ex[1] - ex[0]);
    CHECK(t.result.regs[s2] == 23);  // 20 loop instructions, 2 rdcycle, 1 rdinstret
  }
  // By hand (the program's header): 21 instructions + 4 load-use stalls + 3 taken branches x 2.
  test::Traces t;
  test::trace_run(t, "5-stage", source);
  CHECK(t.result.regs[s1] == 31);
}
