// Configuration loading: every preset loads and survives config_to_json -> config_from_json,
// derived values checked by hand against the preset files, `extends` and --set, and a table of
// bad configurations whose messages must name the JSON path and the problem.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "isa/error.hpp"
#include "sim/config/config.hpp"
#include "sim/config/config_load.hpp"

using namespace pipesim;
using nlohmann::json;

namespace {

// The error message of `f()`, which must throw pipesim::Error.
template <class F>
std::string error_of(F f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  FAIL("no pipesim::Error thrown");
  return "";
}

// A fresh scratch directory for configuration files.
std::filesystem::path scratch_dir(const std::string& test) {
  auto dir = std::filesystem::temp_directory_path() /
             ("pipesim-config-test-" + std::to_string(::getpid()) + "-" + test);
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

void write(const std::filesystem::path& p, const std::string& text) {
  std::ofstream(p) << text;
}

std::vector<ForwardPath> paths(std::initializer_list<ForwardPath> l) {
  return l;
}

}  // namespace

TEST_CASE("presets are listed in teaching order", "[config]") {
  std::vector<std::string> names;
  for (const PresetInfo& p : list_presets()) {
    names.push_back(p.name);
    CHECK_FALSE(p.description.empty());
  }
  CHECK(names == std::vector<std::string>{"single-cycle",
                                          "multi-cycle",
                                          "5-stage-no-interlocks",
                                          "5-stage-no-forwarding",
                                          "5-stage",
                                          "5-stage-branch-in-id",
                                          "5-stage-2bit",
                                          "7-stage",
                                          "5-stage-mul-div",
                                          "5-stage-parallel-fu",
                                          "5-stage-two-dividers",
                                          "5-stage-unified-memory",
                                          "5-stage-cache",
                                          "2-wide",
                                          "2-wide-any",
                                          "qtrvsim-single",
                                          "qtrvsim-stall",
                                          "qtrvsim",
                                          "ripes-single-cycle",
                                          "ripes-multi-cycle",
                                          "ripes-5s-no-fw-hz",
                                          "ripes-5s-no-fw",
                                          "ripes-5s-no-hz",
                                          "ripes-5s",
                                          "ripes-6s-dual"});
}

TEST_CASE("every preset loads and round-trips through JSON", "[config]") {
  for (const PresetInfo& p : list_presets()) {
    INFO(p.name);
    PipelineConfig c = load_config(p.name);
    CHECK(c.name == p.name);
    CHECK(c.description == p.description);
    // Through text, as `pipesim config --dump` would write it.
    std::string text = config_to_json(c).dump(2);
    PipelineConfig back = config_from_json(json::parse(text), p.name + ".json");
    CHECK(back == c);
    CHECK(config_to_json(back).dump(2) == text);
  }
}

TEST_CASE("5-stage preset: defaults and derived values", "[config]") {
  PipelineConfig c = load_config("5-stage");
  REQUIRE(c.stages.size() == 5);
  CHECK(c.kind == MachineKind::Pipelined);
  // IF 200, ID 100, EX 200, MEM 200, WB 100 (Patterson & Hennessy); no latch overhead:
  // the clock is the slowest stage, 200 ps.
  CHECK(c.clock_period_ps() == 200);
  CHECK(c.first_of(StageRole::Execute) == 2);
  CHECK(c.last_of(StageRole::Decode) == 1);
  CHECK(c.first_of(StageRole::Memory) == 3);
  // "full": from EX and MEM (every stage from EX up to, not including, WB) into EX.
  CHECK(c.forwarding == paths({{2, 2}, {3, 2}}));
  CHECK(c.forwards(2, 2));
  CHECK(c.forwards(3, 2));
  CHECK_FALSE(c.forwards(4, 2));
  CHECK_FALSE(c.forwards(2, 1));
  CHECK(c.split_phase_regfile);
  CHECK(c.hazard_detection);
  CHECK(c.branches.policy == BranchPolicy::NotTaken);
  CHECK(c.branches.resolve_stage == 2);  // EX
  CHECK(c.branches.jal_stage == 1);      // ID
  CHECK(c.branches.jalr_stage == 2);     // EX
  CHECK(c.branches.bht_entries == 0);
  CHECK(c.branches.btb_entries == 0);
  CHECK(c.end_stage == 4);  // WB
}

TEST_CASE("sequential presets: clock periods", "[config]") {
  // Single-cycle: the load passes through every stage, 200+100+200+200+100 = 800 ps.
  PipelineConfig single = load_config("single-cycle");
  CHECK(single.kind == MachineKind::SingleCycle);
  CHECK(single.clock_period_ps() == 800);
  // Multi-cycle: one stage per cycle, clocked by the slowest, 200 ps.
  PipelineConfig multi = load_config("multi-cycle");
  CHECK(multi.kind == MachineKind::MultiCycle);
  CHECK(multi.clock_period_ps() == 200);
  CHECK(multi.skip_unused_stages);
  // Single-cycle with a 30 ps register: 800 + 30.
  CHECK(load_config("single-cycle", {"latch_overhead_ps=30"}).clock_period_ps() == 830);
}

TEST_CASE("7-stage preset: roles spanning stages, latch overhead", "[config]") {
  PipelineConfig c = load_config("7-stage");
  REQUIRE(c.stages.size() == 7);
  // IF1 IF2 ID EX MEM1 MEM2 WB
  CHECK(c.first_of(StageRole::Fetch) == 0);
  CHECK(c.last_of(StageRole::Fetch) == 1);
  CHECK(c.last_of(StageRole::Decode) == 2);
  CHECK(c.first_of(StageRole::Execute) == 3);
  CHECK(c.first_of(StageRole::Memory) == 4);
  CHECK(c.last_of(StageRole::Memory) == 5);
  CHECK(c.first_of(StageRole::Writeback) == 6);
  // Slowest stage EX 200 ps plus 20 ps of pipeline register.
  CHECK(c.clock_period_ps() == 220);
  // "full": from EX, MEM1 and MEM2 into EX.
  CHECK(c.forwarding == paths({{3, 3}, {4, 3}, {5, 3}}));
  CHECK(c.branches.resolve_stage == 3);
  CHECK(c.end_stage == 6);
}

TEST_CASE("5-stage variants", "[config]") {
  SECTION("no forwarding") {
    PipelineConfig c = load_config("5-stage-no-forwarding");
    CHECK(c.forwarding.empty());
    CHECK(c.hazard_detection);
  }
  SECTION("branch in ID: full forwarding also into ID") {
    PipelineConfig c = load_config("5-stage-branch-in-id");
    CHECK(c.branches.resolve_stage == 1);
    CHECK(c.branches.jal_stage == 1);
    CHECK(c.branches.jalr_stage == 1);
    // {EX->EX, MEM->EX} plus {EX->ID, MEM->ID}.
    CHECK(c.forwarding == paths({{2, 2}, {3, 2}, {2, 1}, {3, 1}}));
  }
  SECTION("2-bit predictor") {
    PipelineConfig c = load_config("5-stage-2bit");
    CHECK(c.branches.policy == BranchPolicy::TwoBit);
    CHECK(c.branches.bht_entries == 64);
    CHECK(c.branches.btb_entries == 16);
    CHECK(c.branches.bht_initial == 1);
    CHECK(c.branches.jal_stage == 1);  // inherited from 5-stage
  }
  SECTION("no interlocks") {
    PipelineConfig c = load_config("5-stage-no-interlocks");
    CHECK_FALSE(c.hazard_detection);
    CHECK(c.forwarding.empty());
  }
}

TEST_CASE("QtRVSim compatibility presets", "[config]") {
  PipelineConfig q = load_config("qtrvsim");
  // Branches and jumps resolve in MEM; forwarding EX/MEM and MEM/WB into EX; ends in MEM.
  CHECK(q.branches.policy == BranchPolicy::NotTaken);
  CHECK(q.branches.resolve_stage == 3);
  CHECK(q.branches.jal_stage == 3);
  CHECK(q.branches.jalr_stage == 3);
  CHECK(q.forwarding == paths({{2, 2}, {3, 2}}));
  CHECK(q.split_phase_regfile);
  CHECK(q.end_stage == 3);
  PipelineConfig stall = load_config("qtrvsim-stall");
  CHECK(stall.forwarding.empty());
  CHECK(stall.end_stage == 3);
  CHECK(stall.branches.resolve_stage == 3);
  PipelineConfig single = load_config("qtrvsim-single");
  CHECK(single.kind == MachineKind::SingleCycle);
  CHECK(single.clock_period_ps() == 800);
}

TEST_CASE("enum names", "[config]") {
  CHECK(std::string(role_name(StageRole::Writeback)) == "writeback");
  CHECK(std::string(policy_name(BranchPolicy::OneBit)) == "1-bit");
  CHECK(std::string(policy_name(BranchPolicy::Btfn)) == "btfn");
  CHECK(std::string(kind_name(MachineKind::MultiCycle)) == "multi-cycle");
}

TEST_CASE("defaults of a minimal configuration", "[config]") {
  json j = json::parse(R"({"stages": [
      {"name": "F", "role": "fetch", "latency_ps": 10},
      {"name": "D1", "role": "decode", "latency_ps": 10},
      {"name": "D2", "role": "decode", "latency_ps": 10},
      {"name": "X1", "role": "execute", "latency_ps": 30},
      {"name": "X2", "role": "execute", "latency_ps": 10},
      {"name": "M", "role": "memory", "latency_ps": 20},
      {"name": "W", "role": "writeback", "latency_ps": 10}]})");
  PipelineConfig c = config_from_json(j, "dir/mini.json");
  CHECK(c.name == "mini");  // the file stem
  CHECK(c.kind == MachineKind::Pipelined);
  CHECK(c.clock_period_ps() == 30);
  CHECK(c.branches.policy == BranchPolicy::NotTaken);
  CHECK(c.branches.resolve_stage == 3);  // first execute stage
  CHECK(c.branches.jal_stage == 2);      // last decode stage
  CHECK(c.branches.jalr_stage == 3);
  CHECK(c.end_stage == 6);
  // full: X1, X2, M (not W) into X1.
  CHECK(c.forwarding == paths({{3, 3}, {4, 3}, {5, 3}}));
  CHECK(c.split_phase_regfile);
  CHECK(c.hazard_detection);
  CHECK(c.skip_unused_stages);
  CHECK(c.latch_overhead_ps == 0);

  SECTION("1-bit defaults: 64/16 entries, counters start at 0") {
    j["branches"] = {{"policy", "1-bit"}};
    PipelineConfig p = config_from_json(j, "mini");
    CHECK(p.branches.bht_entries == 64);
    CHECK(p.branches.btb_entries == 16);
    CHECK(p.branches.bht_initial == 0);
  }
  SECTION("a jalr resolved in decode gets forwarding into decode") {
    j["branches"] = {{"jalr", "D2"}};
    CHECK(config_from_json(j, "mini").forwarding ==
          paths({{3, 3}, {4, 3}, {5, 3}, {3, 2}, {4, 2}, {5, 2}}));
  }
}

TEST_CASE("extends: files override presets key by key", "[config]") {
  auto dir = scratch_dir("extends");
  write(dir / "mine.json", R"({
      // comments are allowed
      "extends": "5-stage",
      "branches": {"policy": "2-bit", "bht_entries": 256},
      "stages": [{"name": "IF", "role": "fetch", "latency_ps": 250},
                 {"name": "ID", "role": "decode", "latency_ps": 100},
                 {"name": "EX", "role": "execute", "latency_ps": 200},
                 {"name": "MEM", "role": "memory", "latency_ps": 200},
                 {"name": "WB", "role": "writeback", "latency_ps": 100}]})");
  PipelineConfig c = load_config((dir / "mine.json").string());
  CHECK(c.name == "mine");       // not inherited
  CHECK(c.description.empty());  // not inherited
  CHECK(c.clock_period_ps() == 250);
  CHECK(c.branches.policy == BranchPolicy::TwoBit);
  CHECK(c.branches.bht_entries == 256);
  CHECK(c.branches.btb_entries == 16);  // default for a predictor
  CHECK(c.branches.jal_stage == 1);     // merged from 5-stage's branches
  CHECK(c.forwarding == paths({{2, 2}, {3, 2}}));

  // A chain through a relative file path.
  write(dir / "child.json", R"({"extends": "mine.json", "forwarding": "none"})");
  PipelineConfig child = load_config((dir / "child.json").string());
  CHECK(child.forwarding.empty());
  CHECK(child.branches.bht_entries == 256);

  // Loops are reported with the chain.
  write(dir / "a.json", R"({"extends": "b.json"})");
  write(dir / "b.json", R"({"extends": "./a.json"})");
  std::string msg = error_of([&] { load_config((dir / "a.json").string()); });
  CHECK_THAT(msg, Catch::Contains("extends: \"./a.json\" makes a loop"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("overrides with --set", "[config]") {
  PipelineConfig c = load_config(
      "5-stage", {"branches.policy=2-bit", "stages[2].latency_ps=300", "forwarding=none"});
  CHECK(c.branches.policy == BranchPolicy::TwoBit);
  CHECK(c.branches.bht_entries == 64);
  CHECK(c.stages[2].latency_ps == 300);
  CHECK(c.clock_period_ps() == 300);
  CHECK(c.forwarding.empty());

  CHECK(load_config("5-stage", {"name=123"}).name == "123");  // string keys keep the text
  CHECK(load_config("5-stage", {"hazard_detection=false"}).hazard_detection == false);
  CHECK(load_config("5-stage", {R"(forwarding=[{"from": "MEM", "to": "EX"}])"}).forwarding ==
        paths({{3, 2}}));
  // Later sets win; a set on a key the preset does not write creates it.
  CHECK(load_config("7-stage", {"end_stage=MEM1", "end_stage=MEM2"}).end_stage == 5);
  CHECK(load_config("qtrvsim", {"branches.bht_initial=0"}).branches.bht_initial == 0);
}

TEST_CASE("JSON syntax errors name the file, line and column", "[config]") {
  auto dir = scratch_dir("syntax");
  const auto file = (dir / "broken.json").string();
  // Line 3 is `  "kind": pipelined,`; the bad token starts at column 11.
  write(file, "{\n  \"extends\": \"5-stage\",\n  \"kind\": pipelined,\n}\n");
  try {
    load_config(file);
    FAIL("no error");
  } catch (const SourceError& e) {
    CHECK(e.file == file);
    CHECK(e.line == 3);
    CHECK(e.column == 11);
    CHECK(e.text == "  \"kind\": pipelined,");
    CHECK_THAT(std::string(e.what()), Catch::Contains("invalid JSON"));
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("unknown configuration names", "[config]") {
  CHECK_THAT(error_of([] { load_config("6-stage"); }),
             Catch::Contains("unknown configuration '6-stage'") && Catch::Contains("5-stage"));
  CHECK_THAT(error_of([] { load_config("/nonexistent/x.json"); }),
             Catch::Contains("cannot open '/nonexistent/x.json': No such file or directory"));
}

namespace {
struct BadCase {
  const char* json;                 // a configuration; nullptr: the 5-stage preset
  std::vector<std::string> sets;    // --set options
  std::vector<std::string> expect;  // substrings of the message: the path and the problem
};
}  // namespace

TEST_CASE("bad configurations are reported with their JSON path", "[config]") {
  const BadCase cases[] = {
      // Stages.
      {nullptr,
       {"stages[2].latency_ps=0"},
       {"stages[2].latency_ps: 0 is out of range", "positive"}},
      {nullptr, {"stages[2].latency_ps=-5"}, {"stages[2].latency_ps: -5 is out of range"}},
      {nullptr, {"stages[1].name=IF"}, {"stages[1].name: duplicate stage name \"IF\""}},
      {nullptr, {"stages[1].name=\"\""}, {"stages[1].name: empty"}},
      {nullptr, {"stages[0].role=cache"}, {"stages[0].role: unknown role \"cache\"", "fetch"}},
      {nullptr,
       {"stages[3].role=decode"},
       {"stages[3].role: decode stage \"MEM\" comes after execute stage \"EX\"", "order"}},
      {nullptr, {"stages[3].role=execute"}, {"stages: no memory stage"}},
      {nullptr, {"stages=[]"}, {"stages: empty"}},
      {R"({"stages": 3})", {}, {"stages: expected a list of stages, got 3"}},
      {R"({})", {}, {"stages: missing"}},
      {R"({"stages": [{"name":"IF0","role":"fetch","latency_ps":1},{"name":"IF1","role":"fetch","latency_ps":1},{"name":"IF2","role":"fetch","latency_ps":1},{"name":"IF3","role":"fetch","latency_ps":1},{"name":"IF4","role":"fetch","latency_ps":1},{"name":"IF5","role":"fetch","latency_ps":1},{"name":"IF6","role":"fetch","latency_ps":1},{"name":"IF7","role":"fetch","latency_ps":1},{"name":"IF8","role":"fetch","latency_ps":1},{"name":"IF9","role":"fetch","latency_ps":1},{"name":"IF10","role":"fetch","latency_ps":1},{"name":"IF11","role":"fetch","latency_ps":1},{"name":"IF12","role":"fetch","latency_ps":1},{"name":"ID","role":"decode","latency_ps":1},{"name":"EX","role":"execute","latency_ps":1},{"name":"MEM","role":"memory","latency_ps":1},{"name":"WB","role":"writeback","latency_ps":1}]})",
       {},
       {"stages: 17 stages; at most 16 are allowed"}},
      {R"({"extends": "5-stage", "stages": [{"name": "IF", "role": "fetch"}]})",
       {},
       {"stages[0].latency_ps: missing", "stages: no decode stage"}},
      {R"({"extends": "5-stage", "stages": [{"name": "IF", "role": "fetch", "latency_ps": 2.5,
           "width": 2}]})",
       {},
       {"stages[0].latency_ps: expected a positive integer, got 2.5",
        "stages[0].width: unknown key"}},
      // Top-level keys and types.
      {R"({"extends": "5-stage", "latency": 3})",
       {},
       {"latency: unknown key", "latch_overhead_ps"}},
      {R"({"extends": "5-stage", "end_stag": "WB"})",
       {},
       {"end_stag: unknown key (did you mean \"end_stage\"?)"}},
      {R"([1, 2])", {}, {"a configuration is a JSON object"}},
      {nullptr,
       {"latch_overhead_ps=-1"},
       {"latch_overhead_ps: -1 is out of range", "non-negative"}},
      {nullptr, {"kind=superscalar"}, {"kind: unknown kind \"superscalar\"", "multi-cycle"}},
      {R"({"extends": "5-stage", "split_phase_regfile": "yes"})",
       {},
       {"split_phase_regfile: expected true or false, got \"yes\""}},
      // Forwarding.
      {nullptr, {"forwarding=partial"}, {"forwarding: unknown value \"partial\""}},
      {nullptr,
       {R"(forwarding=[{"from": "ID", "to": "EX"}])"},
       {"forwarding[0].from: \"ID\" is before the first execute stage"}},
      {nullptr,
       {R"(forwarding=[{"from": "WB", "to": "EX"}])"},
       {"forwarding[0].from: \"WB\" is the last stage"}},
      {nullptr,
       {R"(forwarding=[{"from": "EX", "to": "MEM"}])"},
       {"forwarding[0].to: \"MEM\" is neither the first execute stage"}},
      {nullptr,
       {R"(forwarding=[{"from": "EXE", "to": "EX"}])"},
       {"forwarding[0].from: unknown stage \"EXE\"", "IF, ID, EX, MEM, WB"}},
      {nullptr,
       {R"(forwarding=[{"from": "EX", "to": "EX"}, {"from": "EX", "to": "EX"}])"},
       {"forwarding[1]: duplicate path EX -> EX"}},
      {R"({"extends": "5-stage", "forwarding": [{"from": "EX", "to": "EX", "via": "bus"}]})",
       {},
       {"forwarding[0].via: unknown key"}},
      // Branches.
      {nullptr, {"branches.policy=3-bit"}, {"branches.policy: unknown policy \"3-bit\"", "2-bit"}},
      {nullptr,
       {"branches.resolve=IF"},
       {"branches.resolve: \"IF\" is before the last decode stage"}},
      {nullptr,
       {"branches.jalr=WB"},
       {"branches.jalr: \"WB\" is after the first memory stage", "store"}},
      {nullptr, {"branches.jal=XX"}, {"branches.jal: unknown stage \"XX\""}},
      {nullptr,
       {"branches.policy=2-bit", "branches.bht_entries=100"},
       {"branches.bht_entries: 100 is not a power of two"}},
      {nullptr,
       {"branches.policy=2-bit", "branches.btb_entries=131072"},
       {"branches.btb_entries: 131072 is out of range"}},
      {nullptr,
       {"branches.policy=1-bit", "branches.bht_initial=2"},
       {"branches.bht_initial: 2 is out of range", "1-bit"}},
      {R"({"extends": "5-stage", "branches": {"policy": "2-bit", "btb": 64}})",
       {},
       {"branches.btb: unknown key (did you mean \"btb_entries\"?)"}},
      {R"({"extends": "5-stage", "branches": "2-bit"})", {}, {"branches: expected an object"}},
      // End stage.
      {nullptr, {"end_stage=EX"}, {"end_stage: \"EX\" is an execute stage", "memory or writeback"}},
      // extends.
      {R"({"extends": "6-stage"})", {}, {"extends: unknown preset \"6-stage\""}},
      {R"({"extends": 5})", {}, {"extends: expected a preset name or file path, got 5"}},
      // --set itself.
      {nullptr, {"branches.policy"}, {"--set 'branches.policy'", "no '=' found"}},
      {nullptr,
       {"branches.polcy=2-bit"},
       {"--set 'branches.polcy=2-bit'", "unknown key \"branches.polcy\"", "\"policy\""}},
      {nullptr, {"cache.size=4"}, {"--set 'cache.size=4'", "unknown key \"cache\""}},
      {nullptr,
       {"stages[2].latency_ps=fast"},
       {"--set 'stages[2].latency_ps=fast'",
        "stages[2].latency_ps expects an integer, got \"fast\""}},
      {nullptr, {"stages[9].latency_ps=1"}, {"stages has no element [9] (it has 5)"}},
      {nullptr, {"hazard_detection=yes"}, {"hazard_detection expects true or false"}},
      {nullptr, {"stages[x]=1"}, {"malformed path \"stages[x]\""}},
      {nullptr, {"forwarding[0].from=EX"}, {"forwarding is \"full\", not a list"}},
      {nullptr, {"extends=qtrvsim"}, {"extends cannot be set with --set"}},
      {nullptr, {"branches.policy.x=1"}, {"branches.policy has no key \"x\""}},
  };
  for (const BadCase& bad : cases) {
    std::string setting;
    for (const std::string& s : bad.sets) setting += " --set " + s;
    INFO((bad.json ? bad.json : "5-stage") << setting);
    std::string msg = error_of([&] {
      if (bad.json)
        config_from_json(json::parse(bad.json), "bad.json");
      else
        load_config("5-stage", bad.sets);
    });
    INFO(msg);
    for (const std::string& e : bad.expect) CHECK_THAT(msg, Catch::Contains(e));
  }
}

TEST_CASE("all problems are reported at once", "[config]") {
  std::string msg = error_of([] {
    load_config("5-stage", {"kind=x", "branches.policy=y", "stages[4].latency_ps=0", "oops=1"});
  });
  CHECK_THAT(msg, Catch::StartsWith("invalid configuration '5-stage' (4 problems):"));
  CHECK_THAT(msg, Catch::Contains("\n  kind: unknown kind \"x\""));
  CHECK_THAT(msg, Catch::Contains("\n  branches.policy: unknown policy \"y\""));
  CHECK_THAT(msg, Catch::Contains("\n  stages[4].latency_ps: 0 is out of range"));
  CHECK_THAT(msg, Catch::Contains("\n  --set 'oops=1': unknown key \"oops\""));
}
