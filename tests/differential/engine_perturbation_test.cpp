// Every configuration key against the two timing engines. For each key of the key table
// (sim/config/config_keys.hpp), a valid different value on `5-stage`: either the timing model
// declines the machine, or it reports exactly what the cycle model reports on programs with
// hazards, branches, jumps, memory and output. A new key cannot be forgotten: the test fails
// until the key has a perturbation below (or a reason it has none).
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "isa/assembler.hpp"
#include "sim/config/config_keys.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/timing_model.hpp"
#include "tests/support/engine_compare.hpp"
#include "tests/support/machine_variants.hpp"

namespace fs = std::filesystem;
using namespace pipesim;

namespace {

// A change of one key: `context` (--set overrides) makes the key matter where it would be
// ignored on 5-stage alone (the predictor tables need a dynamic predictor, a cache key needs the
// cache); `change` then sets the key (sometimes with a partner that keeps the config valid).
struct Perturbation {
  std::string path;  // as config_key_paths() spells it
  std::vector<std::string> context, change;
};

const char* const kIcache = R"(memory.icache={"size_bytes":512,"line_bytes":16})";
const char* const kDcache = R"(memory.dcache={"size_bytes":512,"line_bytes":16})";
const char* const kOneUnit =
    R"(functional_units=[{"name":"ALU","classes":["alu","mul","div","mem","branch"]}])";
const char* const kTwoUnits = R"(functional_units=[{"name":"A","classes":["alu","mem","branch"]},)"
                              R"({"name":"M","classes":["mul","div"]}])";
// Parallel functional units with a multi-cycle pipelined and a busy-until-done unit (the timing
// model runs them: timing_parallel.cpp).
const char* const kParallelUnits =
    R"(functional_units=[{"name":"A","classes":["alu","mem","branch"]},)"
    R"({"name":"M","classes":["mul"],"latency":3},)"
    R"({"name":"D","classes":["div"],"latency":8,"pipelined":false}])";
const std::string kSixStages = test::two_memory_stages();

std::vector<Perturbation> perturbations() {
  std::vector<Perturbation> p = {
      {"name", {}, {"name=other"}},
      {"description", {}, {"description=other"}},
      {"kind", {}, {"kind=multi-cycle"}},
      {"kind", {}, {"kind=single-cycle"}},
      {"stages", {}, {kSixStages}},
      {"stages", {}, {test::two_fetch_stages()}},
      {"latch_overhead_ps", {}, {"latch_overhead_ps=20"}},
      {"forwarding", {}, {"forwarding=none"}},
      {"forwarding", {}, {R"(forwarding=[{"from":"MEM","to":"EX"}])"}},
      {"split_phase_regfile", {}, {"split_phase_regfile=false"}},
      {"hazard_detection", {}, {"hazard_detection=false"}},
      {"forwarded_operands", {}, {"forwarded_operands=alu"}},
      {"branches", {}, {R"(branches={"policy":"2-bit","resolve":"ID"})"}},
      {"end_stage", {}, {"end_stage=MEM"}},
      {"skip_unused_stages", {}, {"skip_unused_stages=false"}},
      {"class_stages", {}, {R"(class_stages={"jal":["IF","ID","MEM"]})"}},
      {"functional_units", {}, {kTwoUnits}},
      {"execute", {}, {"execute=parallel"}},
      {"memory", {}, {R"(memory={"data_latency":2})"}},

      {"stages[].name", {}, {"stages[0].name=FETCH"}},
      {"stages[].role", {kSixStages}, {"stages[3].role=execute"}},
      {"stages[].latency_ps", {}, {"stages[2].latency_ps=300"}},

      {"forwarding[].from",
       {R"(forwarding=[{"from":"EX","to":"EX"}])"},
       {"forwarding[0].from=MEM"}},
      {"forwarding[].to", {R"(forwarding=[{"from":"EX","to":"EX"}])"}, {"forwarding[0].to=ID"}},
      // Lanes other than 0 exist only on a superscalar machine (the timing model declines).
      {"forwarding[].from_lanes",
       {"issue_width=2", R"(forwarding=[{"from":"EX","to":"EX"}])"},
       {"forwarding[0].from_lanes=[1]"}},
      {"forwarding[].to_lanes",
       {"issue_width=2", R"(forwarding=[{"from":"EX","to":"EX"}])"},
       {"forwarding[0].to_lanes=[0]"}},

      {"branches.policy", {}, {"branches.policy=2-bit"}},
      {"branches.policy", {}, {"branches.policy=1-bit"}},
      {"branches.policy", {}, {"branches.policy=stall"}},
      {"branches.policy", {}, {"branches.policy=btfn"}},
      {"branches.resolve", {}, {"branches.resolve=ID"}},
      {"branches.resolve", {}, {"branches.resolve=MEM"}},
      {"branches.jal", {}, {"branches.jal=EX"}},
      {"branches.jalr", {}, {"branches.jalr=ID"}},
      {"branches.jalr", {}, {"branches.jalr=MEM"}},
      {"branches.bht_entries", {"branches.policy=2-bit"}, {"branches.bht_entries=2"}},
      {"branches.btb_entries", {"branches.policy=2-bit"}, {"branches.btb_entries=1"}},
      {"branches.bht_initial", {"branches.policy=2-bit"}, {"branches.bht_initial=3"}},
      {"branches.bht_initial", {"branches.policy=1-bit"}, {"branches.bht_initial=1"}},
      {"branches.redirect_taken", {}, {"branches.redirect_taken=true"}},
      {"branches.redirect_taken", {"branches.jal=EX"}, {"branches.redirect_taken=true"}},

      {"functional_units[].name", {kOneUnit}, {"functional_units[0].name=X"}},
      {"functional_units[].classes",
       {kTwoUnits},
       {R"(functional_units[0].classes=["alu","mem","branch","mul"])",
        R"(functional_units[1].classes=["div"])"}},
      {"functional_units[].latency", {kOneUnit}, {"functional_units[0].latency=2"}},
      {"functional_units[].pipelined", {kOneUnit}, {"functional_units[0].pipelined=false"}},
      {"functional_units[].count", {kOneUnit}, {"functional_units[0].count=2"}},
      {"execute", {kParallelUnits}, {"execute=parallel"}},
      {"functional_units[].latency",
       {"execute=parallel", kParallelUnits},
       {"functional_units[2].latency=5"}},
      {"functional_units[].pipelined",
       {"execute=parallel", kParallelUnits},
       {"functional_units[1].pipelined=false"}},
      {"functional_units[].count",
       {"execute=parallel", kParallelUnits},
       {"functional_units[2].count=2"}},
      {"functional_units[].classes",
       {"execute=parallel", kParallelUnits},
       {R"(functional_units[1].classes=["div"])", R"(functional_units[2].classes=["mul"])"}},

      {"memory.instruction_latency", {}, {"memory.instruction_latency=2"}},
      {"memory.data_latency", {}, {"memory.data_latency=3"}},
      {"memory.unified_memory_port", {}, {"memory.unified_memory_port=true"}},
      {"memory.misaligned", {}, {"memory.misaligned=allow"}},
      {"memory.icache", {}, {kIcache}},
      {"memory.dcache", {}, {kDcache}},

      // Ripes' conventions: the timing model has the program end and the ecall in EX that
      // waits for the register writers; it declines one that does not wait.
      {"program_end", {}, {"program_end=drain"}},
      {"ecall", {}, {R"(ecall={"flush":false})"}},
      {"ecall.stage", {}, {"ecall.stage=EX"}},
      {"ecall.stage", {"ecall.wait_for_writers=true"}, {"ecall.stage=EX"}},
      {"ecall.wait_for_writers", {}, {"ecall.wait_for_writers=true"}},
      {"ecall.wait_for_writers", {"ecall.stage=EX"}, {"ecall.wait_for_writers=true"}},
      {"ecall.flush", {}, {"ecall.flush=false"}},
      {"ecall.flush", {"ecall.stage=EX", "ecall.wait_for_writers=true"}, {"ecall.flush=false"}},

      // Superscalar issue: two-issue machines like 2-wide run on both engines (timing_wide.cpp);
      // Ripes' rules, three or four slots and no forwarding between slots are declined.
      {"issue_width", {}, {"issue_width=2"}},
      {"issue", {}, {R"(issue={"alignment":"aligned"})"}},
      {"issue.slots",
       {"issue_width=2"},
       {R"(issue.slots=[["alu","mul","div","branch"],["alu","mem"]])"}},
      {"issue.alignment", {"issue_width=2"}, {"issue.alignment=aligned"}},
      {"issue.memory_per_cycle", {"issue_width=2"}, {"issue.memory_per_cycle=2"}},
      {"issue.branches_per_cycle", {"issue_width=2"}, {"issue.branches_per_cycle=2"}},
      {"issue.read_ports", {"issue_width=2"}, {"issue.read_ports=3"}},
      {"issue.write_ports", {"issue_width=2"}, {"issue.write_ports=1"}},
      {"issue.cross_lane_forwarding", {"issue_width=2"}, {"issue.cross_lane_forwarding=false"}},
      {"issue.control_last", {"issue_width=2"}, {"issue.control_last=true"}},
      {"issue.system_alone", {"issue_width=2"}, {"issue.system_alone=true"}},
      {"issue.split_war", {"issue_width=2"}, {"issue.split_war=true"}},
      {"issue.hazard_holds_group", {"issue_width=2"}, {"issue.hazard_holds_group=true"}},
      {"issue.younger_first_slot", {"issue_width=2"}, {"issue.younger_first_slot=true"}},
  };
  // The cache keys, on each cache.
  for (const auto& [cache, with] : {std::pair{"icache", kIcache}, std::pair{"dcache", kDcache}}) {
    const std::string at = std::string("memory.") + cache + ".";
    for (const char* change :
         {"size_bytes=1024", "line_bytes=32", "ways=2", "replacement=fifo",
          "write_policy=write-through", "hit_latency=2", "miss_penalty=5", "seed=7"}) {
      const std::string key = std::string(change).substr(0, std::string(change).find('='));
      if (std::string(cache) == "icache" && key == "write_policy") continue;  // see kNoAlternative
      p.push_back({at + key, {with}, {at + change}});
    }
  }
  return p;
}

// Keys with no valid different value to try, and why.
const std::pair<const char*, const char*> kNoAlternative[] = {
    {"extends",
     "resolved before --set and before validation: it only brings in other keys, each perturbed "
     "here on its own"},
    {"memory.icache.write_policy",
     "an instruction cache is never written: validation refuses the key there"},
};

std::string read_text(const fs::path& p) {
  std::ifstream in(p);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

// Small programs with load-use and ALU hazards, taken and not-taken branches, calls and returns,
// loads and stores, multiplication and division, and output.
const std::vector<Program>& programs() {
  static const std::vector<Program> list = [] {
    std::vector<Program> out;
    const fs::path root = fs::path(PIPESIM_SOURCE_DIR) / "programs";
    for (const char* file :
         {"examples/bubble_sort.s", "examples/muldiv.s", "examples/hello.s", "exercises/load_use.s",
          "exercises/jumps.s", "exercises/branch_policies.s"}) {
      const fs::path path = root / file;
      out.push_back(
          assemble(test::shrink_bench(read_text(path)), path.filename().string()).program);
    }
    return out;
  }();
  return list;
}

}  // namespace

TEST_CASE("engine perturbation: every configuration key has a perturbation or a reason",
          "[timing_model][perturbation]") {
  const std::vector<Perturbation> table = perturbations();
  std::set<std::string> keys;
  for (const KeyPath& k : config_key_paths()) {
    keys.insert(k.path);
    INFO("configuration key "
         << k.path
         << ": add a perturbation to tests/differential/engine_perturbation_test.cpp "
            "(or to kNoAlternative, with the reason)");
    const bool perturbed = std::any_of(table.begin(), table.end(),
                                       [&](const Perturbation& p) { return k.path == p.path; });
    const bool exempt = std::any_of(std::begin(kNoAlternative), std::end(kNoAlternative),
                                    [&](const auto& e) { return k.path == e.first; });
    CHECK(perturbed != exempt);
  }
  // No stale entries.
  for (const Perturbation& p : table) CHECK(keys.count(p.path) == 1);
  for (const auto& e : kNoAlternative) CHECK(keys.count(e.first) == 1);
}

TEST_CASE("engine perturbation: each key changed on 5-stage, the timing model declines or agrees",
          "[timing_model][perturbation]") {
  int compared = 0, declined = 0;
  for (const Perturbation& p : perturbations()) {
    std::vector<std::string> sets = p.context;
    sets.insert(sets.end(), p.change.begin(), p.change.end());
    INFO("key " << p.path << ", --set " << sets.back());
    const PipelineConfig before = load_config("5-stage", p.context);
    PipelineConfig after;
    REQUIRE_NOTHROW(after = load_config("5-stage", sets));
    CHECK_FALSE(after == before);  // the change took effect
    if (!timing_model_supports(after)) {
      ++declined;
      continue;
    }
    bool ran = false;
    for (const Program& program : programs()) ran |= test::compare_engines(program, after, false);
    ++(ran ? compared : declined);
  }
  // Both outcomes occur: a change of this test that made every machine unsupported (or every one
  // supported) would no longer test what it says.
  CHECK(compared >= 20);
  CHECK(declined >= 9);  // (hazard_detection=false runs on the timing model too)
}
