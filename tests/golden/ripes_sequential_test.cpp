// Hand-derived runs of the presets ripes-single-cycle and ripes-multi-cycle, which reproduce
// Ripes' RV32_SS and RV32_5MC processors (docs/config.md, "Ripes' sequential processors").
// The rules (/work/wt/ripes_spec.md sections 1 and 2, read from Ripes' sources):
//   - RV32_SS: one cycle per executed instruction; an exit ecall counts (its cycle retires it);
//     running off the end of the code ends the run after the last instruction.
//   - RV32_5MC: one instruction at a time; the states each class walks through are
//     ALU/lui/nop IF ID EX WB (4), auipc IF ID WB (3), load IF ID EX MEM WB (5), store IF ID EX MEM
//     (4), branch IF ID EX (3), jal IF ID MEM (3: Ripes draws its WBJ state as MEM), jalr IF ID
//     EX MEM (4), ecall IF ID EX (3); an exit ecall ends the run after its EX (cycles = S, the
//     sum of the states).
// Independent reference: every count below was also run on Ripes' own processor classes with
// the headless harness (/work/wt/ripes_harness, Ripes 5b8a616); its numbers are in the comments.
// pipesim counts cycles from 1, Ripes' diagram columns from 0 (Ripes' column c = our cycle c+1).
// Rows are matched by a part of their label (pipesim's disassembly uses ABI names: x1 = ra,
// x2 = sp, x4 = tp; `addi rd, x0, k` is `li` and `jalr x0` is `jr`).
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/diagram_run.hpp"

using namespace pipesim;
using test::check_row;
using test::Outcome;

namespace {

// A run without the accounting-identity check of test::run_diagram (a multi-cycle machine's
// cycles are per stage, not per instruction).
Outcome run_sequential_diagram(const std::string& preset, const std::string& source) {
  const PipelineConfig config = load_config(preset);
  const Program program = assemble(source, "ripes.s").program;
  CapturedIo io;
  report::Recorder recorder;
  TraceSink* sinks[] = {&recorder};
  Outcome o;
  o.result = run_machine(config, program, io, sinks, RunLimits{10000}, /*check=*/true);
  report::DiagramOptions opt;
  opt.legend = false;
  o.diagram = report::render_diagram(recorder, config, nullptr, opt);
  CHECK(o.result.halt == Halt::Exit);
  CHECK(o.result.exit_code == 0);
  return o;
}

// Two dependent ALU instructions, then the end of the code (spec §1 and §2's first example).
const char* kTwoAdds =
    "addi x1, x0, 1\n"
    "addi x2, x1, 1\n";

// A taken branch over two instructions (spec §1 and §2).
const char* kBranchOver =
    "addi x1, x0, 1\n"
    "beq x0, x0, L\n"
    "addi x2, x0, 2\n"
    "addi x3, x0, 3\n"
    "L: addi x4, x0, 4\n";

// An exit ecall with instructions after it (spec §1 and §2).
const char* kExitEcall =
    "addi a7, x0, 10\n"
    "ecall\n"
    "addi x1, x0, 1\n"
    "addi x2, x0, 2\n";

// A loop taken twice, then an exit ecall (not the code's last word: see docs/config.md on the
// multi-cycle end rule).
const char* kLoop =
    "addi x1, x0, 3\n"
    "L: addi x1, x1, -1\n"
    "bne x1, x0, L\n"
    "addi a7, x0, 10\n"
    "ecall\n"
    "addi x9, x0, 9\n";

// One instruction of every class: lui (x7 = 0x100000, pipesim's .data), auipc, store, load, jal,
// jalr (to auipc's address + 28, the nop), nop, then the exit.
const char* kEveryClass =
    "lui x7, 0x100\n"
    "auipc x5, 0\n"
    "sw x5, 0(x7)\n"
    "lw x6, 0(x7)\n"
    "jal x1, L\n"
    "addi x9, x0, 9\n"
    "L: jalr x0, 28(x5)\n"
    "addi x9, x0, 9\n"
    "nop\n"
    "addi a7, x0, 10\n"
    "ecall\n"
    "addi x9, x0, 9\n"
    ".data\n"  // the word at 0x100000 that sw and lw use
    ".word 0\n";

}  // namespace

TEST_CASE("ripes-single-cycle: one cycle per executed instruction", "[golden][ripes]") {
  SECTION("running off the end: 2 instructions, 2 cycles (harness: 2 / 2)") {
    const Outcome o = run_sequential_diagram("ripes-single-cycle", kTwoAdds);
    CHECK(o.result.stats.cycles == 2);
    CHECK(o.result.stats.instructions == 2);
    CHECK(o.result.regs[2] == 2);
  }
  SECTION("a taken branch costs nothing: addi, beq, addi x4 (harness: 3 / 3)") {
    const Outcome o = run_sequential_diagram("ripes-single-cycle", kBranchOver);
    CHECK(o.result.stats.cycles == 3);
    CHECK(o.result.stats.instructions == 3);
    CHECK(o.result.regs[3] == 0);
    CHECK(o.result.regs[4] == 4);
  }
  SECTION("an exit ecall counts: addi, ecall (harness: 2 / 2)") {
    const Outcome o = run_sequential_diagram("ripes-single-cycle", kExitEcall);
    CHECK(o.result.stats.cycles == 2);
    CHECK(o.result.stats.instructions == 2);
    CHECK(o.result.regs[1] == 0);
  }
  SECTION("a loop: 1 + 3 x (addi, bne) + addi + ecall = 9 (harness: 9 / 9)") {
    const Outcome o = run_sequential_diagram("ripes-single-cycle", kLoop);
    CHECK(o.result.stats.cycles == 9);
    CHECK(o.result.stats.instructions == 9);
  }
  SECTION("every class: 9 executed instructions (harness: 9 / 9)") {
    const Outcome o = run_sequential_diagram("ripes-single-cycle", kEveryClass);
    CHECK(o.result.stats.cycles == 9);
    CHECK(o.result.stats.instructions == 9);
  }
}

TEST_CASE("ripes-multi-cycle: the states of each instruction class", "[golden][ripes]") {
  SECTION("every class, ending in an exit ecall (harness: 34 / 9)") {
    // lui 1-4, auipc 5-7 (IF ID WB), sw 8-11, lw 12-16, jal 17-19 (IF ID MEM), jalr 20-23
    // (IF ID EX MEM), nop 24-27 (x0 still passes WB), addi a7 28-31, ecall 32-34.
    // S = 4+3+4+5+3+4+4+4+3 = 34.
    const Outcome o = run_sequential_diagram("ripes-multi-cycle", kEveryClass);
    check_row(o, 0, "lui", 1, "IF ID EX WB");
    check_row(o, 1, "auipc", 5, "IF ID WB");
    check_row(o, 2, "sw", 8, "IF ID EX MEM");
    check_row(o, 3, "lw", 12, "IF ID EX MEM WB");
    check_row(o, 4, "jal", 17, "IF ID MEM");
    check_row(o, 5, "jr 28(t0)", 20, "IF ID EX MEM");
    check_row(o, 6, "nop", 24, "IF ID EX WB");
    check_row(o, 7, "a7", 28, "IF ID EX WB");
    check_row(o, 8, "ecall", 32, "IF ID EX");
    CHECK(o.result.stats.cycles == 34);
    CHECK(o.result.stats.instructions == 9);
    CHECK(o.result.regs[6] == o.result.regs[5]);  // lw read back what sw stored
  }
  SECTION("an exit ecall: addi 1-4, ecall 5-7 (harness: 7 / 2)") {
    const Outcome o = run_sequential_diagram("ripes-multi-cycle", kExitEcall);
    check_row(o, 1, "ecall", 5, "IF ID EX");
    CHECK(o.result.stats.cycles == 7);
    CHECK(o.result.stats.instructions == 2);
  }
  SECTION("a loop taken twice (harness: 32 / 9)") {
    // addi 1-4; then three times addi (4) + bne (3): 5-25; addi a7 26-29; ecall 30-32.
    const Outcome o = run_sequential_diagram("ripes-multi-cycle", kLoop);
    check_row(o, 1, "-1", 5, "IF ID EX WB");
    check_row(o, 2, "bne", 9, "IF ID EX");
    check_row(o, 3, "-1", 12, "IF ID EX WB");
    check_row(o, 8, "ecall", 30, "IF ID EX");
    CHECK(o.result.stats.cycles == 32);
    CHECK(o.result.stats.instructions == 9);
  }
  SECTION("a taken branch, then running off the end: S = 11 (Ripes: 12, its end rule)") {
    // addi 1-4, beq 5-7, addi x4 8-11: S = 11. Ripes' end rule (docs/config.md) adds one clock
    // here because the last ALU result (4) is a .text address in Ripes' layout: the harness
    // gives 12 / 3. pipesim ends after the last instruction's last state.
    const Outcome o = run_sequential_diagram("ripes-multi-cycle", kBranchOver);
    check_row(o, 1, "beq", 5, "IF ID EX");
    check_row(o, 2, "tp", 8, "IF ID EX WB");
    CHECK(o.result.stats.cycles == 11);
    CHECK(o.result.stats.instructions == 3);
  }
  SECTION("running off the end after two adds: S = 8 (Ripes: 9, its end rule)") {
    const Outcome o = run_sequential_diagram("ripes-multi-cycle", kTwoAdds);
    check_row(o, 0, "ra", 1, "IF ID EX WB");
    check_row(o, 1, "sp", 5, "IF ID EX WB");
    CHECK(o.result.stats.cycles == 8);
    CHECK(o.result.regs[2] == 2);
  }
}

TEST_CASE("class_stages: validated as data", "[config][ripes]") {
  CHECK_THROWS_WITH(load_config("multi-cycle", {R"(class_stages={"jump":["IF"]})"}),
                    Catch::Contains("unknown instruction class"));
  CHECK_THROWS_WITH(load_config("multi-cycle", {R"(class_stages={"jal":["ID","IF"]})"}),
                    Catch::Contains("pipeline order"));
  CHECK_THROWS_WITH(load_config("multi-cycle", {R"(class_stages={"jal":["ID","EX"]})"}),
                    Catch::Contains("first stage"));
  CHECK_THROWS_WITH(load_config("multi-cycle", {R"(class_stages={"jal":["IF","XX"]})"}),
                    Catch::Contains("XX"));
  CHECK_THROWS_WITH(load_config("multi-cycle", {R"(class_stages={"jal":[]})"}),
                    Catch::Contains("non-empty"));
}
