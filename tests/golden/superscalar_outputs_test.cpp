// The outputs of a run on a superscalar machine (issue_width 2): every trace writer, the
// occupancy table, the diagram's lane markers and the HTML view's data must name both
// instructions of a stage and the issue stalls with their reasons, without overlapping tracks.
// The totals of the program below (13 cycles on 2-wide-any: load_use 2, issue 3, fill 8,
// halt_slots 1) were worked by hand by the lead from the pairing rules of docs/model.md
// ("Superscalar issue"); the accounting identity is checked against the model's own counters.
#include <catch2/catch.hpp>

#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "sim/report/diagram.hpp"
#include "sim/report/html_view.hpp"
#include "sim/report/occupancy.hpp"
#include "tests/support/trace_run.hpp"

using namespace pipesim;
using nlohmann::json;

namespace {

// la s0 is auipc + mv (mv reads the s0 auipc writes: dependent, they never issue together);
// add a3 reads a2 from li a2 (dependent); add a5 waits for lw's a4 (load_use).
const char* kPairs =
    ".data\n"
    "v: .word 5, 0\n"
    ".text\n"
    ".globl _start\n"
    "_start:\n"
    "  la s0, v\n"
    "  li a1, 1\n"
    "  li a2, 2\n"
    "  add a3, a1, a2\n"
    "  lw a4, 0(s0)\n"
    "  add a5, a4, a3\n"
    "  sw a5, 4(s0)\n"
    "  beqz a5, _start\n"
    "  li a7, 93\n"
    "  li a0, 0\n"
    "  ecall\n";

std::vector<json> jsonl_lines(const std::string& text) {
  std::vector<json> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line))
    if (!line.empty()) lines.push_back(json::parse(line));
  return lines;
}

}  // namespace

TEST_CASE("superscalar outputs: JSON and JSONL traces of a 2-wide-any run",
          "[trace][superscalar]") {
  test::Traces t;
  test::trace_run(t, "2-wide-any", kPairs);
  const PipelineStats& st = t.result.stats;
  REQUIRE(st.cycles == 13);
  CHECK(st.stall_cycles[static_cast<std::size_t>(StallCause::LoadUse)] == 2);
  CHECK(st.stall_cycles[static_cast<std::size_t>(StallCause::Issue)] == 3);
  CHECK(st.fill_cycles == 8);
  CHECK(st.halt_slots == 1);

  const json doc = json::parse(t.json);
  CHECK(doc["schema"] == "pipesim.trace/2");
  CHECK(doc["issue_width"] == 2);
  // Every cycle holds two occupants per stage; every instruction has its issue slot.
  for (const json& c : doc["cycles"])
    for (const auto& [stage, slots] : c["stages"].items()) CHECK(slots.size() == 2);
  std::map<std::string, uint64_t> reasons;
  uint64_t issue_bubbles = 0;
  for (const json& c : doc["cycles"]) {
    for (const json& e : c["events"])
      if (e["kind"] == "stall" && e["cause"] == "issue") ++reasons[e["reason"].get<std::string>()];
    for (const json& slot : c["stages"]["WB"]) issue_bubbles += slot == "issue";
  }
  // The issue bubbles that reach WB are the issue stall slots of the accounting.
  CHECK(issue_bubbles == 3);
  CHECK(reasons.count("dependent") == 1);
  for (const json& i : doc["instructions"]) CHECK(i.contains("lane"));
  // Stats of the result document: W x cycles = instructions + fill + stalls + halt_slots.
  const json& s = doc["summary"]["stats"];
  CHECK(s["issue_width"] == 2);
  CHECK(s["stalls"]["issue"] == 3);
  uint64_t by_reason = 0;
  for (const auto& [name, n] : s["issue_reasons"].items()) by_reason += n.get<uint64_t>();
  CHECK(by_reason == 3);
  CHECK(2 * s["cycles"].get<uint64_t>() ==
        s["instructions"].get<uint64_t>() + s["fill"].get<uint64_t>() +
            s["stall_cycles"].get<uint64_t>() + s["halt_slots"].get<uint64_t>());
  // JSONL: the same objects.
  const std::vector<json> lines = jsonl_lines(t.jsonl);
  REQUIRE(!lines.empty());
  CHECK(lines.front()["schema"] == "pipesim.trace/2");
  CHECK(lines.back()["stats"] == s);
}

TEST_CASE("superscalar outputs: Chrome tracks never overlap, Konata names the issue slot",
          "[trace][superscalar]") {
  test::Traces t;
  test::trace_run(t, "2-wide-any", kPairs);
  const json events = json::parse(t.chrome);
  // Per track, the stage slices (cat "stage") must not overlap in time.
  std::map<uint64_t, std::vector<std::pair<uint64_t, uint64_t>>> slices;
  for (const json& e : events)
    if (e.value("cat", "") == "stage")
      slices[e["tid"]].emplace_back(e["ts"].get<uint64_t>(),
                                    e["ts"].get<uint64_t>() + e["dur"].get<uint64_t>());
  for (auto& [tid, v] : slices) {
    std::sort(v.begin(), v.end());
    for (std::size_t i = 1; i < v.size(); ++i) CHECK(v[i - 1].second <= v[i].first);
  }
  // Two tracks per stage: EX and EX.1 both carry work (two instructions in EX in a cycle).
  CHECK(t.chrome.find("\"EX.1\"") != std::string::npos);
  CHECK(t.konata.find("issue slot 1") != std::string::npos);
  CHECK(t.konata.find("\t1\tissue\n") != std::string::npos);  // an issue stall on Kanata lane 1
}

TEST_CASE("superscalar outputs: diagram lane markers, occupancy, HTML", "[superscalar]") {
  test::Traces t;
  test::trace_run(t, "2-wide-any", kPairs);
  report::DiagramOptions d;
  const std::string diagram = report::render_diagram(t.recorder, t.config, &t.result.stats, d);
  CHECK(diagram.find("EX' ") != std::string::npos);
  CHECK(diagram.find("MEM'") != std::string::npos);
  CHECK(diagram.find("issue 3 (dependent") != std::string::npos);
  report::OccupancyOptions o;
  const std::string occupancy = report::render_occupancy(t.recorder, t.config, o);
  CHECK(occupancy.find(" | ") != std::string::npos);
  CHECK(occupancy.find("bubble(issue:dependent)") != std::string::npos);
  CHECK(occupancy.find("issue (dependent)") != std::string::npos);

  report::HtmlView view;
  TraceSink* sinks[] = {&view};
  CapturedIo io;
  const Program program = assemble(kPairs, "pairs.s").program;
  const MachineResult r = run_machine(t.config, program, io, sinks, RunLimits{1000}, true);
  const json run = view.run_json(t.config, program, r, "summary", "");
  const std::string text = run.dump();
  CHECK(text.find("EX'") != std::string::npos);
  CHECK(text.find("two dependent instructions do not issue together") != std::string::npos);
}
