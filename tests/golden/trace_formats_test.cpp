// The trace outputs (--trace-json, --trace-jsonl, --trace-konata, --trace-chrome) read back:
// each must tell the same story as the model. Expected values come from hand-worked pipeline
// diagrams (the same programs and diagrams as tests/golden/textbook_test.cpp, derived there from
// the rules of docs/model.md) and from the model's own independent counters (PipelineStats), never
// from a trace itself.
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/load_use.hpp"
#include "tests/support/trace_run.hpp"

using namespace pipesim;
using nlohmann::json;
using test::Traces;

namespace {

// textbook_test.cpp "load-use costs one stall with forwarding" (5-stage, full forwarding):
//   #0 li a0, 7        IF  ID  EX  MEM WB                       cycles 1-5
//   #1 sw a0, -4(sp)       IF  ID  EX  MEM WB                   2-6
//   #2 lw a1, -4(sp)           IF  ID  EX  MEM WB               3-7
//   #3 add a2, a1, a1              IF  ID  S   EX  MEM WB       4-9 (load-use stall in ID, 6)
//   #4 ebreak                          IF  S   ID  EX  MEM WB   5-10 (frozen in IF in 6)
// sw gets a0 over EX/MEM->EX in cycle 4; add gets a1 over MEM/WB->EX in cycle 7 (rs1 and rs2).
using test::kLoadUse;
const std::vector<std::map<std::string, uint64_t>> kLoadUseEnter = {
    {{"IF", 1}, {"ID", 2}, {"EX", 3}, {"MEM", 4}, {"WB", 5}},
    {{"IF", 2}, {"ID", 3}, {"EX", 4}, {"MEM", 5}, {"WB", 6}},
    {{"IF", 3}, {"ID", 4}, {"EX", 5}, {"MEM", 6}, {"WB", 7}},
    {{"IF", 4}, {"ID", 5}, {"EX", 7}, {"MEM", 8}, {"WB", 9}},
    {{"IF", 5}, {"ID", 7}, {"EX", 8}, {"MEM", 9}, {"WB", 10}},
};

// textbook_test.cpp "taken branch, predict not-taken (resolved in EX)":
//   #0 li a0, 1            IF  ID  EX  MEM WB
//   #1 beq a0, a0, 0x10010     IF  ID  EX  MEM WB
//   #2 li a1, 1                    if  id  flushed
//   #3 li a2, 2                        if  flushed
//   #4 li a3, 3                            IF  ID  EX  MEM WB
//   #5 ebreak                                  IF  ID  EX  MEM WB   (cycle 10)
// beq resolves in EX in cycle 4 and squashes #2 (IF 3, ID 4) and #3 (IF 4), which were in their
// stages during cycle 4; the target #4 is fetched in cycle 5.
const char* kTakenBranch =
    "addi a0, zero, 1\n"
    "beq  a0, a0, target\n"
    "addi a1, zero, 1\n"
    "addi a2, zero, 2\n"
    "target: addi a3, zero, 3\n"
    "ebreak\n";

std::vector<json> jsonl_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(json::parse(line));
  return lines;
}

const json* find_insn(const json& insns, uint64_t seq) {
  for (const json& i : insns)
    if (i["seq"] == seq) return &i;
  return nullptr;
}

// A Kanata log replayed: what each instruction (by simulator id) did, in Kanata time.
struct KonataInsn {
  std::map<std::string, uint64_t> stage_start;           // lane 0: stage -> time of its S
  std::vector<std::pair<std::string, uint64_t>> stalls;  // lane 1: cause, S time
  int retire_type = -1;
  uint64_t retire_time = 0;
  std::string label;
};
struct KonataLog {
  std::map<uint64_t, KonataInsn> by_seq;
  std::vector<uint64_t> retire_order;  // seqs with R type 0, in file order
};

KonataLog replay_konata(const std::string& text) {
  KonataLog log;
  std::istringstream in(text);
  std::string line;
  std::getline(in, line);
  REQUIRE(line == "Kanata\t0004");
  std::map<uint64_t, uint64_t> seq_of;  // file id -> simulator id
  uint64_t time = 0, next_id = 0;
  while (std::getline(in, line)) {
    std::vector<std::string> f;
    std::istringstream ls(line);
    std::string col;
    while (std::getline(ls, col, '\t')) f.push_back(col);
    REQUIRE(!f.empty());
    const std::string& cmd = f[0];
    if (cmd == "C=") {
      time = std::stoull(f[1]);
    } else if (cmd == "C") {
      time += std::stoull(f[1]);
    } else if (cmd == "I") {
      REQUIRE(std::stoull(f[1]) == next_id++);  // file ids are sequential
      seq_of[std::stoull(f[1])] = std::stoull(f[2]);
    } else {
      REQUIRE(f.size() >= 4);
      const uint64_t id = std::stoull(f[1]);
      REQUIRE(seq_of.count(id));  // every command follows the instruction's I
      KonataInsn& k = log.by_seq[seq_of[id]];
      REQUIRE(k.retire_type == -1);  // nothing after R
      if (cmd == "S" && f[2] == "0") k.stage_start[f[3]] = time;
      if (cmd == "S" && f[2] == "1") k.stalls.push_back({f[3], time});
      if (cmd == "L" && f[2] == "0") k.label = f[3];
      if (cmd == "R") {
        k.retire_type = std::stoi(f[3]);
        k.retire_time = time;
        if (k.retire_type == 0) log.retire_order.push_back(seq_of[id]);
      }
    }
  }
  return log;
}

// Chrome trace: the stage slices of each instruction (track name -> ts, dur) and other events.
struct ChromeLog {
  std::map<uint64_t, std::map<std::string, std::pair<uint64_t, uint64_t>>> stays;
  std::vector<json> stalls, flushes;
};

ChromeLog read_chrome(const std::string& text) {
  const json events = json::parse(text);
  REQUIRE(events.is_array());
  std::map<uint64_t, std::string> track;
  for (const json& e : events)
    if (e["ph"] == "M" && e["name"] == "thread_name") track[e["tid"]] = e["args"]["name"];
  ChromeLog log;
  for (const json& e : events) {
    if (e["ph"] == "X" && e["cat"] == "stage") {
      REQUIRE(track.count(e["tid"]));
      log.stays[e["args"]["seq"]][track[e["tid"]]] = {e["ts"], e["dur"]};
    } else if (e["ph"] == "X" && e["cat"] == "stall") {
      json s = e;
      s["track"] = track[e["tid"]];
      log.stalls.push_back(s);
    } else if (e["ph"] == "i") {
      log.flushes.push_back(e);
    }
  }
  return log;
}

}  // namespace

TEST_CASE("traces: JSON and JSONL give the hand-worked load-use diagram", "[trace]") {
  Traces t;
  test::trace_run(t, "5-stage", kLoadUse);
  REQUIRE(t.result.stats.cycles == 10);
  const json doc = json::parse(t.json);
  CHECK(doc["schema"] == "pipesim.trace/1");
  CHECK(doc["stages"] == json({"IF", "ID", "EX", "MEM", "WB"}));
  CHECK(doc["config"]["name"] == "5-stage");
  CHECK(doc["summary"]["stats"]["cycles"] == 10);
  CHECK(doc["summary"]["halt"] == "ebreak");
  const json& insns = doc["instructions"];
  for (uint64_t seq = 0; seq < kLoadUseEnter.size(); ++seq) {
    INFO("#" << seq);
    const json* i = find_insn(insns, seq);
    REQUIRE(i);
    CHECK((*i)["enter"] == json(kLoadUseEnter[seq]));
    CHECK((*i)["retired"] == true);
    CHECK((*i)["flushed_by"].is_null());
    CHECK((*i)["unit"] == "ALU");
  }
  CHECK((*find_insn(insns, 0))["pc"] == 0x10000);
  CHECK((*find_insn(insns, 2))["disasm"] == "lw a1, -4(sp)");
  // add spends 2 cycles in ID (5, 6): busy 1, stalled 1, waiting for lw's a1.
  const json& add = *find_insn(insns, 3);
  CHECK(add["busy"]["ID"] == 1);
  CHECK(add["stalls"] == json::parse(R"([{"stage":"ID","cause":"load_use","first_cycle":6,
      "cycles":1,"producer":2,"reg":"a1"}])"));
  // ebreak is frozen behind it in IF: no stall decision of its own.
  CHECK((*find_insn(insns, 4))["stalls"].empty());
  // Fetched behind the halting ebreak: squashed, flushed by it.
  for (const json& i : insns)
    if (i["seq"] > 4) {
      CHECK(i["retired"] == false);
      CHECK(i["flushed_by"] == 4);
    }
  // Instructions are listed in sequence order.
  for (std::size_t k = 1; k < insns.size(); ++k) CHECK(insns[k - 1]["seq"] < insns[k]["seq"]);

  const json& cycles = doc["cycles"];
  REQUIRE(cycles.size() == 10);
  CHECK(cycles[0]["stages"] ==
        json::parse(R"({"IF":0,"ID":"fill","EX":"fill","MEM":"fill","WB":"fill"})"));
  // Cycle 6: add held in ID, a load-use bubble in EX, ebreak frozen in IF.
  CHECK(cycles[5]["cycle"] == 6);
  CHECK(cycles[5]["stages"] == json::parse(R"({"IF":4,"ID":3,"EX":"load_use","MEM":2,"WB":1})"));
  CHECK(cycles[4]["held"] == json({"ID"}));  // in cycle 5 add is told to stay for cycle 6
  CHECK(cycles[3]["forwards"] ==
        json::parse(R"([{"seq":1,"producer":0,"reg":"a0","from":"EX","to":"EX"}])"));
  CHECK(cycles[6]["forwards"] == json::parse(R"([{"seq":3,"producer":2,"reg":"a1","from":"MEM",
      "to":"EX"},{"seq":3,"producer":2,"reg":"a1","from":"MEM","to":"EX"}])"));

  // JSONL: the same header, cycles, instructions and summary, one per line, in time order.
  const std::vector<json> lines = jsonl_lines(t.jsonl);
  REQUIRE(lines.size() >= 2);
  CHECK(lines.front()["type"] == "header");
  CHECK(lines.front()["config"] == doc["config"]);
  CHECK(lines.back()["type"] == "summary");
  CHECK(lines.back()["stats"] == doc["summary"]["stats"]);
  std::vector<json> jl_cycles;
  std::vector<uint64_t> retire_order;
  uint64_t last_cycle_seen = 0;
  for (const json& l : lines) {
    if (l["type"] == "cycle") {
      json c = l;
      c.erase("type");
      jl_cycles.push_back(c);
      last_cycle_seen = l["cycle"];
    } else if (l["type"] == "instruction") {
      json i = l;
      i.erase("type");
      CHECK(i == *find_insn(insns, l["seq"]));
      CHECK(l["last_cycle"] <= last_cycle_seen);  // after the cycle it left in
      if (l["retired"] == true) retire_order.push_back(l["seq"]);
    }
  }
  CHECK(jl_cycles == std::vector<json>(cycles.begin(), cycles.end()));
  CHECK(retire_order == std::vector<uint64_t>{0, 1, 2, 3, 4});
}

TEST_CASE("traces: Konata and Chrome give the hand-worked load-use diagram", "[trace]") {
  Traces t;
  test::trace_run(t, "5-stage", kLoadUse);
  // Kanata time t is the start of cycle t+1, so a stage entered in cycle c starts at c-1.
  const KonataLog k = replay_konata(t.konata);
  for (uint64_t seq = 0; seq < kLoadUseEnter.size(); ++seq) {
    INFO("#" << seq);
    const KonataInsn& ki = k.by_seq.at(seq);
    std::map<std::string, uint64_t> enter;
    for (const auto& [stage, time] : ki.stage_start) enter[stage] = time + 1;
    CHECK(enter == kLoadUseEnter[seq]);
    CHECK(ki.retire_type == 0);
    CHECK(ki.retire_time == kLoadUseEnter[seq].at("WB"));  // at the end of its WB cycle
  }
  CHECK(k.by_seq.at(2).label == "00010008: lw a1, -4(sp)");
  // The stall lane: add stalled for load_use in cycle 6 (time 5); nobody else stalled.
  CHECK(k.by_seq.at(3).stalls == std::vector<std::pair<std::string, uint64_t>>{{"load_use", 5}});
  CHECK(k.by_seq.at(4).stalls.empty());
  CHECK(k.retire_order == std::vector<uint64_t>{0, 1, 2, 3, 4});
  for (const auto& [seq, ki] : k.by_seq)
    if (seq > 4) CHECK(ki.retire_type == 1);

  // Chrome: a slice per stage stay, ts = entry cycle - 1 (µs), dur = cycles in the stage.
  const ChromeLog c = read_chrome(t.chrome);
  for (uint64_t seq = 0; seq < kLoadUseEnter.size(); ++seq) {
    INFO("#" << seq);
    const auto& stays = c.stays.at(seq);
    for (const auto& [stage, cycle] : kLoadUseEnter[seq]) CHECK(stays.at(stage).first == cycle - 1);
  }
  CHECK(c.stays.at(3).at("ID").second == 2);  // add: ID in 5 and 6
  CHECK(c.stays.at(4).at("IF").second == 2);  // ebreak: IF in 5 and 6
  REQUIRE(c.stalls.size() == 1);
  CHECK(c.stalls[0]["name"] == "stall: load_use");
  CHECK(c.stalls[0]["track"] == "ID");
  CHECK(c.stalls[0]["ts"] == 5);
  CHECK(c.stalls[0]["dur"] == 1);
  CHECK(c.stalls[0]["args"]["producer"] == 2);
  CHECK(c.stalls[0]["args"]["reg"] == "a1");
}

TEST_CASE("traces: a taken branch's flushed instructions are marked in every format", "[trace]") {
  Traces t;
  test::trace_run(t, "5-stage", kTakenBranch);
  REQUIRE(t.result.stats.cycles == 10);
  const json doc = json::parse(t.json);
  const json& insns = doc["instructions"];
  // Hand-worked (see kTakenBranch): #2 IF 3, ID 4; #3 IF 4; both squashed in cycle 4.
  CHECK((*find_insn(insns, 2))["enter"] == json::parse(R"({"IF":3,"ID":4})"));
  CHECK((*find_insn(insns, 3))["enter"] == json::parse(R"({"IF":4})"));
  for (uint64_t seq : {2, 3}) {
    CHECK((*find_insn(insns, seq))["flushed_by"] == 1);
    CHECK((*find_insn(insns, seq))["retired"] == false);
    CHECK((*find_insn(insns, seq))["last_cycle"] == 4);
  }
  CHECK((*find_insn(insns, 4))["enter"]["IF"] == 5);
  CHECK((*find_insn(insns, 5))["enter"]["WB"] == 10);
  // Cycle 4: beq in EX flushes both; the redirect names the target.
  int flushes = 0;
  for (const json& e : doc["cycles"][3]["events"]) {
    if (e["kind"] == "flush") {
      ++flushes;
      CHECK(e["by"] == 1);
    }
    if (e["kind"] == "redirect") CHECK(e["target"] == 0x10010);
  }
  CHECK(flushes == 2);
  // Kanata: flushed (R type 1) at the end of cycle 4 (time 4); stages start at entry - 1.
  const KonataLog k = replay_konata(t.konata);
  CHECK(k.by_seq.at(2).retire_type == 1);
  CHECK(k.by_seq.at(2).retire_time == 4);
  CHECK(k.by_seq.at(3).retire_type == 1);
  CHECK(k.by_seq.at(3).retire_time == 4);
  CHECK(k.by_seq.at(2).stage_start == std::map<std::string, uint64_t>{{"IF", 2}, {"ID", 3}});
  CHECK(k.by_seq.at(3).stage_start == std::map<std::string, uint64_t>{{"IF", 3}});
  CHECK(k.retire_order == std::vector<uint64_t>{0, 1, 4, 5});
  // Chrome: #2's ID slice and #3's IF slice cover cycle 4 (ts 3, 1 µs); an instant "flushed"
  // event at the end of cycle 4 (ts 4) for each, by #1.
  const ChromeLog c = read_chrome(t.chrome);
  CHECK(c.stays.at(2).at("IF") == std::pair<uint64_t, uint64_t>{2, 1});
  CHECK(c.stays.at(2).at("ID") == std::pair<uint64_t, uint64_t>{3, 1});
  CHECK(c.stays.at(3).at("IF") == std::pair<uint64_t, uint64_t>{3, 1});
  std::vector<uint64_t> flushed;
  for (const json& e : c.flushes)
    if (e["args"].contains("by") && e["args"]["by"] == 1) {
      flushed.push_back(e["args"]["seq"]);
      CHECK(e["ts"] == 4);
    }
  std::sort(flushed.begin(), flushed.end());
  CHECK(flushed == std::vector<uint64_t>{2, 3});
}

// Against the model's own counters and records, on every kind of machine.
TEST_CASE("traces: every format agrees with the model on longer runs", "[trace]") {
  // A loop with loads, a multiply, a divide and taken branches.
  const char* program =
      "    li t0, 6\n"
      "    li t1, 0\n"
      "    la t3, data\n"
      "loop:\n"
      "    lw t2, 0(t3)\n"
      "    add t1, t1, t2\n"
      "    mul t4, t1, t2\n"
      "    div t5, t4, t0\n"
      "    sw t5, 4(t3)\n"
      "    addi t0, t0, -1\n"
      "    bnez t0, loop\n"
      "    ebreak\n"
      ".data\n"
      "data: .word 3, 0\n";
  for (const char* preset : {"5-stage", "5-stage-no-forwarding", "5-stage-parallel-fu",
                             "5-stage-cache", "single-cycle", "multi-cycle"}) {
    INFO(preset);
    Traces t;
    test::trace_run(t, preset, program);
    REQUIRE(t.result.halt == Halt::Ebreak);
    const PipelineStats& st = t.result.stats;
    const json doc = json::parse(t.json);
    REQUIRE(doc["cycles"].size() == st.cycles);
    // Every instruction record of the model, field for field.
    const auto& recs = t.recorder.instructions();
    REQUIRE(doc["instructions"].size() == recs.size());
    uint64_t retired = 0;
    std::array<uint64_t, kNumStallCauses> stalls{};
    for (std::size_t n = 0; n < recs.size(); ++n) {
      const json& i = doc["instructions"][n];
      CHECK(i["seq"] == recs[n].seq);
      CHECK(i["retired"] == recs[n].committed);
      for (std::size_t s = 0; s < t.config.stages.size(); ++s)
        if (recs[n].enter[s]) CHECK(i["enter"][t.config.stages[s].name] == recs[n].enter[s]);
      retired += i["retired"] == true;
      for (const json& s : i["stalls"]) {
        const std::string cause = s["cause"];
        for (std::size_t c = 0; c < kNumStallCauses; ++c)
          if (cause == cause_name(static_cast<StallCause>(c)))
            stalls[c] += s["cycles"].get<uint64_t>();
      }
    }
    CHECK(retired == st.instructions);
    // The model counts each stall decision (stall_events); these presets have no shared memory
    // port, so every one of them belongs to a held instruction.
    for (std::size_t c = 1; c < kNumStallCauses; ++c) {
      INFO(cause_name(static_cast<StallCause>(c)));
      CHECK(stalls[c] == st.stall_events[c]);
    }
    // JSONL: the same records.
    const std::vector<json> lines = jsonl_lines(t.jsonl);
    uint64_t jl_cycles = 0, jl_insns = 0;
    for (const json& l : lines) {
      jl_cycles += l["type"] == "cycle";
      jl_insns += l["type"] == "instruction";
    }
    CHECK(jl_cycles == st.cycles);
    CHECK(jl_insns == recs.size());
    // Kanata: every instruction retired (type 0) or flushed (type 1), in commit order.
    const KonataLog k = replay_konata(t.konata);
    CHECK(k.by_seq.size() == recs.size());
    CHECK(k.retire_order.size() == st.instructions);
    CHECK(std::is_sorted(k.retire_order.begin(), k.retire_order.end()));
    // Chrome: parses, a slice for every instruction that occupied a stage.
    const ChromeLog c = read_chrome(t.chrome);
    for (const InsnRecord& r : recs)
      if (r.committed) CHECK(c.stays.count(r.seq));
  }
}
