// Validation of superscalar issue settings (sim/config/config_validate_issue.cpp, docs/config.md
// "Issue"): every bad `issue_width` or `issue` value is refused at load with a message that names
// its JSON path and the rule, in a file and through --set alike.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "isa/error.hpp"
#include "sim/config/config_load.hpp"
#include "tests/support/config_errors.hpp"

using namespace pipesim;
using test::config_error;

namespace {

struct BadIssue {
  const char* preset;
  std::vector<std::string> sets;
  std::vector<std::string> expect;  // each must be in the message
};

}  // namespace

TEST_CASE("issue config: each bad setting is refused, naming its path", "[config][superscalar]") {
  const BadIssue cases[] = {
      {"5-stage", {"issue_width=0"}, {"issue_width: 0 is out of range", "1 to 4"}},
      {"5-stage", {"issue_width=5"}, {"issue_width: 5 is out of range", "1 to 4"}},
      {"2-wide",
       {R"(issue.slots=[["alu","mul","div","branch","mem"]])"},
       {"issue.slots: 1 slot for issue_width 2", "one list of classes per slot"}},
      {"2-wide",
       {R"(issue.slots=[["alu","mul","div","branch"],["mem"],["alu"]])"},
       {"issue.slots: 3 slots for issue_width 2"}},
      {"2-wide",
       {R"(issue.slots=[["alu","mul","div","branch"],["mem","fpu"]])"},
       {"issue.slots[1][1]: unknown class \"fpu\"", "alu, mul, div, mem, branch"}},
      {"2-wide",
       {R"(issue.slots=[["alu","mul","branch"],["mem"]])"},
       {"issue.slots: no slot accepts class div", "every class needs a slot"}},
      {"2-wide",
       {R"(issue.slots=[["alu","mul","div","branch"],[]])"},
       {"issue.slots[1]: expected a non-empty list"}},
      {"2-wide",
       {"issue.memory_per_cycle=3"},
       {"issue.memory_per_cycle: 3 is out of range", "issue_width (2)"}},
      {"2-wide-any", {"issue.memory_per_cycle=0"}, {"issue.memory_per_cycle: 0 is out of range"}},
      {"2-wide-any",
       {"issue.branches_per_cycle=3"},
       {"issue.branches_per_cycle: 3 is out of range"}},
      {"2-wide-any",
       {"issue.read_ports=1"},
       {"issue.read_ports: 1 is out of range", "2 to 2 x issue_width (4)"}},
      {"2-wide-any", {"issue.read_ports=5"}, {"issue.read_ports: 5 is out of range"}},
      {"2-wide-any", {"issue.write_ports=0"}, {"issue.write_ports: 0 is out of range"}},
      {"2-wide-any", {"issue.write_ports=3"}, {"issue.write_ports: 3 is out of range"}},
      {"2-wide-any", {"issue.alignment=packed"}, {"issue.alignment", "\"packed\""}},
      {"2-wide-any",
       {"issue.cross_lane_forwarding=1"},
       {"issue.cross_lane_forwarding", "expects true or false"}},
      {"2-wide-any", {"issue.lanes=2"}, {"unknown key \"issue.lanes\""}},
      {"5-stage-parallel-fu",
       {"issue_width=2"},
       {"issue_width: 2 with parallel execute is not supported"}},
      {"2-wide",
       {"kind=single-cycle"},
       {"issue_width: 2 is for pipelined machines", "a single-cycle machine runs one instruction"}},
      {"2-wide", {"kind=multi-cycle"}, {"issue_width: 2 is for pipelined machines"}},
  };
  for (const BadIssue& bad : cases) {
    std::string setting;
    for (const std::string& s : bad.sets) setting += " --set " + s;
    INFO(bad.preset << setting);
    const std::string msg = config_error(bad.preset, bad.sets);
    INFO(msg);
    CHECK_THAT(msg, Catch::StartsWith("invalid configuration '"));
    for (const std::string& e : bad.expect) CHECK_THAT(msg, Catch::Contains(e));
  }
}

TEST_CASE("issue config: the limits themselves load", "[config][superscalar]") {
  // Each bound just inside its range, on 2-wide-any (width 2) and a width-4 machine.
  CHECK(load_config("2-wide-any", {"issue.read_ports=2", "issue.write_ports=1"}).issue.width == 2);
  CHECK(load_config("2-wide-any", {"issue.read_ports=4", "issue.memory_per_cycle=2",
                                   "issue.branches_per_cycle=2"})
            .issue.read_ports == 4);
  const PipelineConfig four = load_config("5-stage", {"issue_width=4"});
  CHECK(four.issue.width == 4);
  CHECK(four.issue.read_ports == 8);
  CHECK(four.issue.write_ports == 4);
  CHECK(four.issue.memory_per_cycle == 1);
  CHECK(four.issue.branches_per_cycle == 1);
}

TEST_CASE("issue config: a configuration file names the same paths", "[config][superscalar]") {
  // All problems at once, from JSON rather than --set.
  std::string msg;
  try {
    (void)config_from_json(nlohmann::json::parse(R"({"extends": "5-stage", "issue_width": 2,
        "issue": {"slots": [["alu"], ["mem", "vector"]], "write_ports": 9}})"),
                           "bad.json");
  } catch (const Error& e) {
    msg = e.what();
  }
  INFO(msg);
  CHECK_THAT(msg, Catch::Contains("issue.slots[1][1]: unknown class \"vector\""));
  CHECK_THAT(msg, Catch::Contains("issue.slots: no slot accepts class mul"));
  CHECK_THAT(msg, Catch::Contains("issue.write_ports: 9 is out of range"));
}
