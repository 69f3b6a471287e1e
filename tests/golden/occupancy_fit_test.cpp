// The occupancy table fitted to a width (OccupancyOptions::width) and its key for the `#N` marks
// (OccupancyOptions::key), on a hand-built recording; every expected text worked out by hand.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "isa/isa.hpp"
#include "sim/report/occupancy.hpp"
#include "sim/report/recorder.hpp"
#include "tests/support/machines.hpp"

using namespace pipesim;
using namespace pipesim::report;

namespace {

constexpr uint8_t a0 = 10, a1 = 11, a2 = 12;

// In the machine from cycle `first` (IF) to 4, the last cycle recorded.
InsnRecord insn(uint64_t seq, uint32_t pc, uint32_t word, uint64_t first) {
  InsnRecord r;
  r.enter[0] = first;
  r.last_cycle = 4;
  r.seq = seq;
  r.pc = pc;
  r.word = word;
  r.op = isa::decode(word).op;
  r.committed = true;
  return r;
}

// #0 lw a0, 0(a1); #1 add a2, a0, a1 waits a cycle in ID for a0 (load-use); #2 beq behind it.
//   cycle  IF  ID         EX                MEM  WB
//     1    #0  -          -                 -    -
//     2    #1  #0         -                 -    -
//     3    #2  #1 (held)  #0                -    -
//     4    #2  #1         bubble(load_use)  #0   -    stall #1 …; forward MEM→EX a0 to #1 …
Recorder sample() {
  Recorder rec;
  const std::vector<InsnRecord> insns = {
      insn(0, 0x10000, isa::encode(isa::Op::Lw, a0, a1, 0, 0), 1),
      insn(1, 0x10004, isa::encode(isa::Op::Add, a2, a0, a1, 0), 2),
      insn(2, 0x10008, isa::encode(isa::Op::Beq, 0, a2, a0, 12), 3)};
  for (const InsnRecord& r : insns) rec.on_instruction(r);
  const SlotView fill{kNoSeq, StallCause::Fill, false};
  auto slot = [](uint64_t seq, bool held = false) { return SlotView{seq, StallCause::Fill, held}; };
  std::vector<std::vector<SlotView>> stages = {
      {slot(0), fill, fill, fill, fill},
      {slot(1), slot(0), fill, fill, fill},
      {slot(2), slot(1, true), slot(0), fill, fill},
      {slot(2), slot(1), SlotView{kNoSeq, StallCause::LoadUse, false}, slot(0), fill},
  };
  std::vector<std::vector<Event>> events(4);
  events[3] = {Event{EventKind::Stall, StallCause::LoadUse, 1, 0, 1, 0, a0, 0},
               Event{EventKind::Forward, StallCause::Fill, 2, 3, 1, 0, a0, 0}};
  for (std::size_t i = 0; i < stages.size(); ++i)
    rec.on_cycle(CycleRecord{i + 1, stages[i], events[i], {}});
  rec.on_end();
  return rec;
}

}  // namespace

TEST_CASE("occupancy fit: the key and events beside the stages", "[report][occupancy]") {
  const Recorder rec = sample();
  OccupancyOptions opt;
  opt.short_names = true;
  opt.key = true;
  // Columns (each followed by 2 spaces): cycle 5, IF 2, ID 9 ("#1 (held)"), EX 16
  // ("bubble(load_use)"), MEM 3, WB 2: the events start at column 49. The stall event is 38
  // columns and the forward 31, so 49 + 38 + 2 + 31 = 120 is one line without a width.
  const std::string head =
      "cycle  IF  ID         EX                MEM  WB  events\n"
      "    1  #0  -          -                 -    -\n"
      "    2  #1  #0         -                 -    -\n"
      "    3  #2  #1 (held)  #0                -    -\n";
  const std::string key =
      "\n#N: the instruction fetched N-th, from #0 (flushed ones too):\n"
      "#0  00010000  lw a0, 0(a1)\n"
      "#1  00010004  add a2, a0, a1\n"
      "#2  00010008  beq a2, a0, 0x10014\n";
  CHECK(render_occupancy(rec, test::five_stage(), opt) ==
        head +
            "    4  #2  #1         bubble(load_use)  #0   -   stall #1 in ID: load_use on a0 "
            "from #0; forward MEM→EX a0 to #1 from #0\n" +
            key);
  // 90 columns: 41 for the events (at least the 24 kept beside the stages); the forward does not
  // fit after the stall (38 + 2 + 31 > 41) and goes on a line of its own, under the first.
  opt.width = 90;
  CHECK(render_occupancy(rec, test::five_stage(), opt) ==
        head +
            "    4  #2  #1         bubble(load_use)  #0   -   stall #1 in ID: load_use on a0 "
            "from #0;\n" +
            std::string(49, ' ') + "forward MEM→EX a0 to #1 from #0\n" + key);
}

TEST_CASE("occupancy fit: narrow, short bubbles and events under the row", "[report][occupancy]") {
  const Recorder rec = sample();
  OccupancyOptions opt;
  opt.short_names = true;
  opt.width = 40;
  // The stages take 49 > 40 columns: bubbles become "(load_use)" (10), so 43; that leaves less
  // than 24 for the events, which go under their row, 7 in (past "cycle"), in lines of
  // 40 - 7 = 33 columns (each event whole). The stages alone are 41 wide: as narrow as they get.
  CHECK(render_occupancy(rec, test::five_stage(), opt) ==
        "cycle  IF  ID         EX          MEM  WB\n"
        "    1  #0  -          -           -    -\n"
        "    2  #1  #0         -           -    -\n"
        "    3  #2  #1 (held)  #0          -    -\n"
        "    4  #2  #1         (load_use)  #0   -\n"
        "       stall #1 in ID: load_use on a0 from #0;\n"
        "       forward MEM→EX a0 to #1 from #0\n"
        "\n(cause): a bubble, and why\n");
}
