// The renderers (sim/report) on synthetic, hand-built trace records: exact expected text for the
// pipeline diagram, the occupancy table, the run summary, the statistics JSON and the comparison
// table, and the Recorder's copying, sorting and windowing. No model runs here: every record is
// written out by hand below, and every expected string is laid out by hand from the format rules
// documented in the renderers' headers.
#include <catch2/catch.hpp>

#include <initializer_list>
#include <vector>

#include "isa/isa.hpp"
#include "sim/report/compare.hpp"
#include "sim/report/diagram.hpp"
#include "sim/report/occupancy.hpp"
#include "sim/report/recorder.hpp"
#include "sim/report/summary.hpp"
#include "tests/support/machines.hpp"

using namespace pipesim;
using namespace pipesim::report;
using isa::encode;
using isa::Op;
using test::five_stage;

namespace {

constexpr uint8_t a0 = 10, a1 = 11, a2 = 12;

// enter: the cycle each stage is entered (0: skipped).
InsnRecord insn(uint64_t seq, uint32_t pc, uint32_t word, std::initializer_list<uint64_t> enter,
                uint64_t last, bool committed = true, uint64_t flushed_by = kNoSeq) {
  InsnRecord r;
  r.seq = seq;
  r.pc = pc;
  r.word = word;
  r.op = isa::decode(word).op;
  r.committed = committed;
  r.flushed_by = flushed_by;
  std::size_t i = 0;
  for (uint64_t c : enter) r.enter[i++] = c;
  r.last_cycle = last;
  return r;
}

const uint32_t kLw = encode(Op::Lw, a0, a1, 0, 0);        // lw a0, 0(a1)
const uint32_t kAdd = encode(Op::Add, a2, a0, a1, 0);     // add a2, a0, a1
const uint32_t kBeq = encode(Op::Beq, 0, a2, a0, 12);     // beq a2, a0, +12
const uint32_t kAddi = encode(Op::Addi, a0, a0, 0, 1);    // addi a0, a0, 1
const uint32_t kEbreak = encode(Op::Ebreak, 0, 0, 0, 0);  // ebreak

// A load-use stall, then a taken branch resolved in EX that flushes two instructions, then the
// halting ebreak (two more instructions are fetched behind it and squashed when the run ends):
//                       1   2   3   4   5   6   7   8   9   10  11
//   #0 lw   a0, 0(a1)   IF  ID  EX  MEM WB
//   #1 add  a2, a0, a1      IF  ID  S   EX  MEM WB
//   #2 beq  a2, a0, +12         IF  S   ID  EX  MEM WB
//   #3 addi (flushed)                   if  id
//   #4 addi (flushed)                       if
//   #5 ebreak                                   IF  ID  EX  MEM WB
//   #6 addi (halt)                                  if  id  ex  mem
//   #7 addi (halt)                                      if  id  ex
std::vector<InsnRecord> sample_insns() {
  return {
      insn(0, 0x10000, kLw, {1, 2, 3, 4, 5}, 5),
      insn(1, 0x10004, kAdd, {2, 3, 5, 6, 7}, 7),
      insn(2, 0x10008, kBeq, {3, 5, 6, 7, 8}, 8),
      insn(3, 0x1000c, kAddi, {5, 6}, 6, false, 2),
      insn(4, 0x10010, kAddi, {6}, 6, false, 2),
      insn(5, 0x10014, kEbreak, {7, 8, 9, 10, 11}, 11),
      insn(6, 0x10018, kAddi, {8, 9, 10, 11}, 11, false, 5),
      insn(7, 0x1001c, kAddi, {9, 10, 11}, 11, false, 5),
  };
}

PipelineStats sample_stats() {
  PipelineStats st;
  st.cycles = 11;
  st.instructions = 4;
  st.fetched = 8;
  st.flushed = 2;
  st.fill_cycles = 4;
  st.stall_cycles[static_cast<std::size_t>(StallCause::LoadUse)] = 1;
  st.stall_cycles[static_cast<std::size_t>(StallCause::Control)] = 2;
  st.stall_events[static_cast<std::size_t>(StallCause::LoadUse)] = 1;
  st.forwards = 1;
  st.branches = 1;
  st.taken_branches = 1;
  st.mispredictions = 1;
  st.clock_period_ps = 200;
  return st;
}

// Feeds records out of order (as a model publishes them: flushed ones first).
Recorder record(const std::vector<InsnRecord>& insns, const RecorderOptions& opt = {}) {
  Recorder rec(opt);
  for (std::size_t i = insns.size(); i-- > 0;) rec.on_instruction(insns[i]);
  rec.on_end();
  return rec;
}

SlotView slot(uint64_t seq, bool held = false) {
  return SlotView{seq, StallCause::Fill, held};
}
SlotView bubble(StallCause c) {
  return SlotView{kNoSeq, c, false};
}

// Cycles 1 to 6 of the sample.
void publish_sample_cycles(Recorder& rec) {
  const SlotView fill = bubble(StallCause::Fill);
  const SlotView lu = bubble(StallCause::LoadUse);
  std::vector<std::vector<SlotView>> stages = {
      {slot(0), fill, fill, fill, fill},
      {slot(1), slot(0), fill, fill, fill},
      {slot(2), slot(1, true), slot(0), fill, fill},
      {slot(2), slot(1), lu, slot(0), fill},
      {slot(3), slot(2), slot(1), lu, slot(0)},
      {slot(4), slot(3), slot(2), slot(1), lu},
  };
  std::vector<std::vector<Event>> events(6);
  events[3] = {Event{EventKind::Stall, StallCause::LoadUse, 1, 0, 1, 0, a0, 0}};
  events[4] = {Event{EventKind::Forward, StallCause::Fill, 2, 3, 1, 0, a0, 0},
               Event{EventKind::Commit, StallCause::Fill, 4, 0, 0, kNoSeq, 0, 0}};
  events[5] = {Event{EventKind::Redirect, StallCause::Control, 2, 0, 2, kNoSeq, 0, 0x10014},
               Event{EventKind::Flush, StallCause::Control, 0, 0, 4, 2, 0, 0},
               Event{EventKind::Flush, StallCause::Control, 1, 0, 3, 2, 0, 0}};
  // One reused buffer, as the model does: the recorder must copy.
  std::vector<SlotView> buf(5);
  std::vector<Event> ebuf;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    buf = stages[i];
    ebuf = events[i];
    rec.on_cycle(CycleRecord{i + 1, buf, ebuf, {}});
    std::fill(buf.begin(), buf.end(), SlotView{});
    ebuf.assign(ebuf.size(), Event{});
  }
}

}  // namespace

TEST_CASE("recorder keeps instructions sorted by seq and copies cycle buffers", "[report]") {
  Recorder rec = record(sample_insns());
  publish_sample_cycles(rec);
  const auto& v = rec.instructions();
  REQUIRE(v.size() == 8);
  for (std::size_t i = 0; i < v.size(); ++i) CHECK(v[i].seq == i);
  REQUIRE(rec.find(3) != nullptr);
  CHECK(rec.find(3)->pc == 0x1000c);
  CHECK(rec.find(99) == nullptr);
  CHECK(rec.final_cycle() == 11);
  CHECK(rec.ended());
  REQUIRE(rec.cycles().size() == 6);
  CHECK(rec.cycles()[2].cycle == 3);
  CHECK(rec.cycles()[2].stages[1].seq == 1);
  CHECK(rec.cycles()[2].stages[1].stalled);
  REQUIRE(rec.cycles()[5].events.size() == 3);
  CHECK(rec.cycles()[5].events[0].target == 0x10014);
}

TEST_CASE("recorder window keeps only cycles and instructions inside it", "[report]") {
  RecorderOptions opt;
  opt.from_cycle = 4;
  opt.to_cycle = 5;
  Recorder rec = record(sample_insns(), opt);
  publish_sample_cycles(rec);
  // In the machine during cycle 4 or 5: #0 (1-5), #1 (2-7), #2 (3-8), #3 (5-6).
  std::vector<uint64_t> seqs;
  for (const InsnRecord& r : rec.instructions()) seqs.push_back(r.seq);
  CHECK(seqs == std::vector<uint64_t>{0, 1, 2, 3});
  REQUIRE(rec.cycles().size() == 2);
  CHECK(rec.cycles()[0].cycle == 4);
  CHECK(rec.cycles()[1].cycle == 5);
  CHECK(rec.final_cycle() == 11);  // the run's end is known even outside the window
}

TEST_CASE("diagram: stalls, flushed rows, legend with stall totals", "[report]") {
  Recorder rec = record(sample_insns());
  const PipelineStats st = sample_stats();
  const std::string expected =
      R"(                              1   2   3   4   5   6   7   8   9   10  11
00010000  lw a0, 0(a1)        IF  ID  EX  MEM WB
00010004  add a2, a0, a1          IF  ID  S   EX  MEM WB
00010008  beq a2, a0, 0x10014         IF  S   ID  EX  MEM WB
0001000c  addi a0, a0, 1                      if  id  flushed
00010010  addi a0, a0, 1                          if  flushed
00010014  ebreak                                      IF  ID  EX  MEM WB

S: stays in the same stage another cycle (stall); lower case: flushed instruction
stall cycles: raw 0, load_use 1, control 2, structural 0, waw 0, memory 0; fill 4; total 3
(2 instructions fetched behind the halting instruction not shown)
)";
  CHECK(render_diagram(rec, five_stage(), &st) == expected);
}

TEST_CASE("diagram: instructions squashed at the halt shown on request", "[report]") {
  Recorder rec = record(sample_insns());
  DiagramOptions opt;
  opt.show_squashed_at_halt = true;
  opt.legend = false;
  opt.from_cycle = 7;
  const std::string expected =
      R"(                              7   8   9   10  11
00010004  add a2, a0, a1      WB
00010008  beq a2, a0, 0x10014 MEM WB
00010014  ebreak              IF  ID  EX  MEM WB
00010018  addi a0, a0, 1          if  id  ex  mem flushed
0001001c  addi a0, a0, 1              if  id  ex flushed
)";
  CHECK(render_diagram(rec, five_stage(), nullptr, opt) == expected);
}

TEST_CASE("diagram: cycle window shows the instructions present in it", "[report]") {
  Recorder rec = record(sample_insns());
  DiagramOptions opt;
  opt.from_cycle = 5;
  opt.to_cycle = 7;
  opt.legend = false;
  const std::string expected =
      R"(                              5   6   7
00010000  lw a0, 0(a1)        WB
00010004  add a2, a0, a1      EX  MEM WB
00010008  beq a2, a0, 0x10014 ID  EX  MEM
0001000c  addi a0, a0, 1      if  id  flushed
00010010  addi a0, a0, 1          if  flushed
00010014  ebreak                      IF
)";
  CHECK(render_diagram(rec, five_stage(), nullptr, opt) == expected);
}

TEST_CASE("diagram: columns widen for long stage names and cycle numbers", "[report]") {
  PipelineConfig c = five_stage();
  c.stages[3].name = "MEM1";
  std::vector<InsnRecord> v = {insn(0, 0x10000, kAddi, {99, 100, 101, 102, 103}, 103),
                               insn(1, 0x10004, kEbreak, {100, 101, 102, 103, 104}, 104)};
  Recorder rec = record(v);
  DiagramOptions opt;
  opt.legend = false;
  opt.from_cycle = 99;
  const std::string expected =
      R"(                         99   100  101  102  103  104
00010000  addi a0, a0, 1 IF   ID   EX   MEM1 WB
00010004  ebreak              IF   ID   EX   MEM1 WB
)";
  CHECK(render_diagram(rec, c, nullptr, opt) == expected);
}

TEST_CASE("diagram: single-cycle machine shows one star per instruction", "[report]") {
  std::vector<InsnRecord> v = {insn(0, 0x10000, kLw, {1, 1, 1, 1, 1}, 1),
                               insn(1, 0x10004, kAdd, {2, 2, 2, 2, 2}, 2),
                               insn(2, 0x10008, kEbreak, {3, 3, 3, 3, 3}, 3)};
  Recorder rec = record(v);
  PipelineStats st;
  st.cycles = 3;
  st.instructions = 3;
  const std::string expected =
      R"(                         1   2   3
00010000  lw a0, 0(a1)   *
00010004  add a2, a0, a1     *
00010008  ebreak                 *

S: stays in the same stage another cycle (stall); lower case: flushed instruction
*: the instruction passes every stage in its one cycle
stall cycles: raw 0, load_use 0, control 0, structural 0, waw 0, memory 0; fill 0; total 0
)";
  CHECK(render_diagram(rec, five_stage(MachineKind::SingleCycle, "single-cycle"), &st) == expected);
}

TEST_CASE("diagram: multi-cycle machine shows the stages each instruction passes", "[report]") {
  // lw uses all five stages; add skips MEM; ebreak skips MEM and WB.
  std::vector<InsnRecord> v = {insn(0, 0x10000, kLw, {1, 2, 3, 4, 5}, 5),
                               insn(1, 0x10004, kAdd, {6, 7, 8, 0, 9}, 9),
                               insn(2, 0x10008, kEbreak, {10, 11, 12}, 12)};
  Recorder rec = record(v);
  DiagramOptions opt;
  opt.legend = false;
  const std::string expected =
      R"(                         1   2   3   4   5   6   7   8   9   10  11  12
00010000  lw a0, 0(a1)   IF  ID  EX  MEM WB
00010004  add a2, a0, a1                     IF  ID  EX  WB
00010008  ebreak                                             IF  ID  EX
)";
  CHECK(render_diagram(rec, five_stage(MachineKind::MultiCycle, "multi-cycle"), nullptr, opt) ==
        expected);
}

TEST_CASE("occupancy: stage cells, bubbles by cause and events", "[report]") {
  Recorder rec = record(sample_insns());
  publish_sample_cycles(rec);
  const std::string expected =
      R"(cycle  IF                      ID                        EX                      MEM                WB                events
    1  #0 lw a0, 0(a1)         -                         -                       -                  -
    2  #1 add a2, a0, a1       #0 lw a0, 0(a1)           -                       -                  -
    3  #2 beq a2, a0, 0x10014  #1 add a2, a0, a1 (held)  #0 lw a0, 0(a1)         -                  -
    4  #2 beq a2, a0, 0x10014  #1 add a2, a0, a1         bubble(load_use)        #0 lw a0, 0(a1)    -                 stall #1 in ID: load_use on a0 from #0
    5  #3 addi a0, a0, 1       #2 beq a2, a0, 0x10014    #1 add a2, a0, a1       bubble(load_use)   #0 lw a0, 0(a1)   forward MEM→EX a0 to #1 from #0
    6  #4 addi a0, a0, 1       #3 addi a0, a0, 1         #2 beq a2, a0, 0x10014  #1 add a2, a0, a1  bubble(load_use)  redirect by #2 to 0x00010014; flush #4 in IF (by #2); flush #3 in ID (by #2)
)";
  CHECK(render_occupancy(rec, five_stage()) == expected);
}

TEST_CASE("occupancy: window, short names and commits", "[report]") {
  Recorder rec = record(sample_insns());
  publish_sample_cycles(rec);
  OccupancyOptions opt;
  opt.from_cycle = 4;
  opt.to_cycle = 5;
  opt.short_names = true;
  opt.commits = true;
  const std::string expected =
      R"(cycle  IF  ID  EX                MEM               WB  events
    4  #2  #1  bubble(load_use)  #0                -   stall #1 in ID: load_use on a0 from #0
    5  #3  #2  #1                bubble(load_use)  #0  forward MEM→EX a0 to #1 from #0; commit #0
)";
  CHECK(render_occupancy(rec, five_stage(), opt) == expected);
}

TEST_CASE("summary: aligned key/value lines", "[report]") {
  MachineResult r;
  r.halt = Halt::Ebreak;
  r.stats = sample_stats();
  // CPI = 11 / 4 = 2.750, IPC = 4 / 11 = 0.3636…, time = 11 × 200 ps = 2.2 ns.
  const std::string expected = R"(program            test.s
config             5-stage (pipelined, 5 stages, 200 ps clock)
halt               ebreak
cycles             11
instructions       4
CPI                2.750
IPC                0.364
fill cycles        4
stalls raw         0
stalls load_use    1
stalls control     2
stalls structural  0
stalls waw         0
stalls memory      0
stalls total       3
forwards           1
branches           1
taken branches     1
jumps              0
mispredictions     1
fetched            8
flushed            2
clock period       200 ps
time               2.200 ns
)";
  CHECK(render_summary("test.s", five_stage(), r) == expected);
}

TEST_CASE("summary: exit code line for an exit", "[report]") {
  MachineResult r;
  r.halt = Halt::Exit;
  r.exit_code = 3;
  r.stats.clock_period_ps = 200;
  const std::string s = render_summary("p.s", five_stage(), r);
  CHECK(s.find("halt               exit\nexit code          3\n") != std::string::npos);
  CHECK(s.find("CPI                -\n") != std::string::npos);  // no instructions
}

TEST_CASE("stats_json: counters by name", "[report]") {
  const nlohmann::ordered_json j = stats_json(sample_stats());
  CHECK(j["cycles"] == 11);
  CHECK(j["instructions"] == 4);
  CHECK(j["fill"] == 4);
  CHECK(j["stalls"]["raw"] == 0);
  CHECK(j["stalls"]["load_use"] == 1);
  CHECK(j["stalls"]["control"] == 2);
  CHECK(j["stalls"]["structural"] == 0);
  CHECK(j["stalls"]["waw"] == 0);
  CHECK(j["stalls"]["memory"] == 0);
  CHECK(j["stalls"].size() == 6);
  CHECK(j["stall_cycles"] == 3);
  CHECK(j["stall_events"]["load_use"] == 1);
  CHECK(j["forwards"] == 1);
  CHECK(j["branches"] == 1);
  CHECK(j["taken_branches"] == 1);
  CHECK(j["jumps"] == 0);
  CHECK(j["mispredictions"] == 1);
  CHECK(j["fetched"] == 8);
  CHECK(j["flushed"] == 2);
  CHECK(j["clock_period_ps"] == 200);
  CHECK(j["time_ns"].get<double>() == Approx(2.2));
  CHECK(j["cpi"].get<double>() == Approx(2.75));
  CHECK(j["ipc"].get<double>() == Approx(4.0 / 11.0));
  // The first keys, in order.
  auto it = j.begin();
  CHECK(it.key() == "cycles");
  ++it;
  CHECK(it.key() == "instructions");
  CHECK(stats_json(PipelineStats{})["cpi"].is_null());
}

TEST_CASE("compare: one row per config, speedups against the first", "[report]") {
  PipelineStats pipe = sample_stats();  // 11 cycles × 200 ps = 2.2 ns
  PipelineStats single;                 // 4 cycles × 700 ps = 2.8 ns
  single.cycles = 4;
  single.instructions = 4;
  single.clock_period_ps = 700;
  PipelineStats multi;  // 17 cycles × 200 ps = 3.4 ns
  multi.cycles = 17;
  multi.instructions = 4;
  multi.clock_period_ps = 200;
  const std::vector<CompareRow> rows = {
      compare_row(five_stage(), pipe),
      compare_row(five_stage(MachineKind::SingleCycle, "single-cycle"), single),
      compare_row(five_stage(MachineKind::MultiCycle, "multi-cycle"), multi)};
  // Speedups: cycles 11/4 = 2.75, 11/17 = 0.647; time 2.2/2.8 = 0.786, 2.2/3.4 = 0.647.
  const std::string expected =
      R"(config        kind          cycles  instructions    CPI  clock (ps)  time (ns)  speedup (cycles)  speedup (time)
5-stage       pipelined         11             4  2.750         200      2.200             1.00x           1.00x
single-cycle  single-cycle       4             4  1.000         700      2.800             2.75x           0.79x
multi-cycle   multi-cycle       17             4  4.250         200      3.400             0.65x           0.65x
)";
  CHECK(render_compare(rows) == expected);
}

TEST_CASE("occupancy: identical events in a row are counted", "[report]") {
  // add a2, a0, a0 receives a0 twice (rs1 and rs2) over the same path.
  Recorder rec = record({insn(0, 0x10000, kAddi, {1, 2, 3, 4, 5}, 5),
                         insn(1, 0x10004, encode(Op::Add, a2, a0, a0, 0), {2, 3, 4, 5, 6}, 6)});
  const std::vector<SlotView> stages = {bubble(StallCause::Fill), bubble(StallCause::Fill), slot(1),
                                        slot(0), bubble(StallCause::Fill)};
  const Event fwd{EventKind::Forward, StallCause::Fill, 2, 2, 1, 0, a0, 0};
  const std::vector<Event> events = {fwd, fwd};
  rec.on_cycle(CycleRecord{4, stages, events, {}});
  OccupancyOptions opt;
  opt.short_names = true;
  const std::string expected = R"(cycle  IF  ID  EX  MEM  WB  events
    4  -   -   #1  #0   -   forward EX→EX a0 to #1 from #0 (×2)
)";
  CHECK(render_occupancy(rec, five_stage(), opt) == expected);
}
