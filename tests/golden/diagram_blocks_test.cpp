// The pipeline diagram cut into blocks that fit a width (DiagramOptions::width,
// report::cycles_per_block): expected blocks derived by hand for a small run, and, for a run with
// stalls and flushes, every cell in the same row and cycle as in the single wide table.
#include <catch2/catch.hpp>

#include <string>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/diagram.hpp"
#include "sim/report/diagram_blocks.hpp"
#include "sim/report/recorder.hpp"
#include "tests/support/diagram_cells.hpp"
#include "tests/support/files.hpp"

using namespace pipesim;

namespace {

struct Recorded {
  PipelineConfig config;
  report::Recorder recorder;
  MachineResult result;
};

void record(Recorded& r, const std::string& source) {
  r.config = load_config("5-stage");
  const Program program = assemble(source, "b.s").program;
  CapturedIo io;
  TraceSink* sinks[] = {&r.recorder};
  r.result = run_machine(r.config, program, io, sinks, RunLimits{10'000}, true);
}

}  // namespace

TEST_CASE("diagram blocks: cycles per block from the width", "[report][diagram][blocks]") {
  // A line is the label, then 1 + cell columns per cycle, then (with flushed rows) 8 for
  // " flushed": 80 wide, labels 27, cells 3, marks: (80 - 27 - 8) / 4 = 11 (45 / 4).
  CHECK(report::cycles_per_block(80, 27, 3, true) == 11);
  CHECK(report::cycles_per_block(80, 27, 3, false) == 13);  // 53 / 4
  CHECK(report::cycles_per_block(30, 18, 3, false) == 3);   // 12 / 4
  // Too narrow for the labels and one cycle: one cycle per block, never 0 (an endless loop).
  CHECK(report::cycles_per_block(20, 18, 3, false) == 1);
  CHECK(report::cycles_per_block(5, 18, 3, true) == 1);
  CHECK(report::cycles_per_block(0, 0, 0, false) == 1);
}

TEST_CASE("diagram blocks: a small run at 26 columns, by hand", "[report][diagram][blocks]") {
  // 5-stage, no hazards: instruction k (from 0) is IF in cycle k+1 … WB in cycle k+5; ebreak
  // ends the run in cycle 8 (what is fetched behind it is squashed at the halt and hidden, so
  // no row is flushed and no room is kept for the mark).
  //   li a0,1  IF1 ID2 EX3 MEM4 WB5
  //   li a1,2      IF2 ID3 EX4  MEM5 WB6
  //   li a2,3          IF3 ID4  EX5  MEM6 WB7
  //   ebreak               IF4  ID5  EX6  MEM7 WB8
  // Labels are at most 18 wide ("00010000  li a0, 1"), cells 3 (MEM): (26 - 18) / 4 = 2 cycles
  // per block, so 1-2, 3-4, 5-6, 7-8, each with the rows in the machine during its cycles.
  Recorded r;
  record(r, "_start: li a0, 1\n li a1, 2\n li a2, 3\n ebreak\n");
  REQUIRE(r.result.halt == Halt::Ebreak);
  REQUIRE(r.result.stats.cycles == 8);
  report::DiagramOptions opt;
  opt.legend = false;
  opt.width = 26;
  CHECK(report::render_diagram(r.recorder, r.config, nullptr, opt) ==
        "                   1   2\n"
        "00010000  li a0, 1 IF  ID\n"
        "00010004  li a1, 2     IF\n"
        "\n"
        "                   3   4\n"
        "00010000  li a0, 1 EX  MEM\n"
        "00010004  li a1, 2 ID  EX\n"
        "00010008  li a2, 3 IF  ID\n"
        "0001000c  ebreak       IF\n"
        "\n"
        "                   5   6\n"
        "00010000  li a0, 1 WB\n"
        "00010004  li a1, 2 MEM WB\n"
        "00010008  li a2, 3 EX  MEM\n"
        "0001000c  ebreak   ID  EX\n"
        "\n"
        "                   7   8\n"
        "00010008  li a2, 3 WB\n"
        "0001000c  ebreak   MEM WB\n");
  // 5 columns: one cycle per block, 8 blocks, each line still drawn whole.
  opt.width = 5;
  const test::DiagramCells narrow =
      test::read_diagram(report::render_diagram(r.recorder, r.config, nullptr, opt));
  CHECK(narrow.blocks == 8);
  opt.width = 0;
  CHECK(narrow.cells ==
        test::read_diagram(report::render_diagram(r.recorder, r.config, nullptr, opt)).cells);
}

TEST_CASE("diagram blocks: every cell stays in its row and cycle, in colour too",
          "[report][diagram][blocks]") {
  Recorded r;
  record(r,
         test::read_file(std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/pipeline_demo.s"));
  REQUIRE(r.result.halt == Halt::Exit);
  report::DiagramOptions opt;
  opt.legend = false;
  const test::DiagramCells wide =
      test::read_diagram(report::render_diagram(r.recorder, r.config, nullptr, opt));
  REQUIRE(wide.blocks == 1);
  // The demo flushes: its 11 first instructions are fetched in cycles 1-12 (one load-use stall
  // holds `add t3` in IF), so the branch is fetched in 12, `li a0, 1` behind it in 13, decoded in
  // 14 and flushed when the branch resolves in EX: its mark is in cycle 15.
  REQUIRE(wide.cells.count({"0001002c  li a0, 1", 15, "flushed"}) == 1);
  for (std::size_t width : {39, 47, 60, 80, 81, 100, 133}) {
    INFO("width " << width);
    opt.width = width;
    for (bool colour : {false, true}) {
      opt.colour = colour;
      const std::string text = report::render_diagram(r.recorder, r.config, nullptr, opt);
      CHECK((text.find('\x1b') != std::string::npos) == colour);
      const std::string plain = test::strip_ansi(text);
      for (const std::string& line : test::split_lines(plain)) CHECK(test::columns(line) <= width);
      const test::DiagramCells blocks = test::read_diagram(plain);
      CHECK(blocks.cells == wide.cells);
      CHECK(blocks.header_cycles == wide.header_cycles);
      CHECK(blocks.blocks > 1);
    }
  }
}

TEST_CASE("diagram blocks: the notes under a fitted diagram are wrapped",
          "[report][diagram][blocks]") {
  // Broken at the last space that keeps a line within the width; continuations indented by 2.
  CHECK(report::wrap_lines("aaa bbb ccc\n", 7) == "aaa bbb\n  ccc\n");
  CHECK(report::wrap_lines("aaa bbb ccc\n", 11) == "aaa bbb ccc\n");
  CHECK(report::wrap_lines("aaa bbb ccc\n", 0) == "aaa bbb ccc\n");
  // A word longer than the width stays whole, on a line of its own.
  CHECK(report::wrap_lines("abcdefghij x\nyz\n", 5) == "abcdefghij\n  x\nyz\n");
}
