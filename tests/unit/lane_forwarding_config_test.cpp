// Forwarding paths declared per lane (docs/config.md "Forwarding"): `from_lanes` and `to_lanes`
// are validated at load against issue_width, each bad value named by its JSON path; a list
// naming every lane is the default; the lanes survive config_to_json; and which machines count as
// lane-restricted (the timing model declines those).
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

// forwarding = the one path EX -> EX, with `lanes` ("" for none).
std::string path_set(const std::string& lanes) {
  return R"(forwarding=[{"from": "EX", "to": "EX")" + (lanes.empty() ? "" : ", " + lanes) + "}]";
}

}  // namespace

TEST_CASE("lane forwarding config: bad lane lists are refused, naming their path",
          "[config][forwarding]") {
  struct Bad {
    const char* preset;
    const char* lanes;
    std::vector<std::string> expect;
  };
  const Bad cases[] = {
      {"2-wide-any",
       R"("to_lanes": [0, 2])",
       {"forwarding[0].to_lanes[1]: lane 2 is not an issue slot",
        "issue_width 2 has lanes 0 to 1"}},
      {"5-stage",
       R"("from_lanes": [1])",
       {"forwarding[0].from_lanes[0]: lane 1 on a machine of issue_width 1",
        "whose only lane is 0"}},
      {"2-wide-any",
       R"("from_lanes": 1)",
       {"forwarding[0].from_lanes: expected a non-empty list of lane numbers, got 1"}},
      {"2-wide-any",
       R"("to_lanes": [])",
       {"forwarding[0].to_lanes: expected a non-empty list of lane numbers"}},
      {"2-wide-any",
       R"("from_lanes": ["1"])",
       {"forwarding[0].from_lanes[0]: expected a lane number", "got \"1\""}},
      {"2-wide-any", R"("to_lanes": [-1])", {"forwarding[0].to_lanes[0]: expected a lane number"}},
      {"2-wide-any", R"("lanes": [0])", {"forwarding[0]", "unknown key", "lanes"}},
  };
  for (const Bad& b : cases) {
    INFO(b.preset << " " << b.lanes);
    const std::string msg = config_error(b.preset, {path_set(b.lanes)});
    for (const std::string& e : b.expect) CHECK_THAT(msg, Catch::Contains(e));
  }
  // An element of a list set on its own through --set is checked the same way.
  CHECK_THAT(
      config_error("2-wide-any", {path_set(R"("to_lanes": [0])"), "forwarding[0].to_lanes[0]=3"}),
      Catch::Contains("forwarding[0].to_lanes[0]: lane 3 is not an issue slot"));
}

TEST_CASE("lane forwarding config: defaults, round trip and what counts as restricted",
          "[config][forwarding]") {
  // Width 1: [0] is every lane, the same machine as no list.
  const PipelineConfig one = load_config("5-stage", {path_set(R"("from_lanes": [0])")});
  CHECK(one == load_config("5-stage", {path_set("")}));
  CHECK_FALSE(one.lane_restricted_forwarding());

  // Width 2: [0, 1] is every lane; the presets' paths join every pair of lanes.
  CHECK(load_config("2-wide-any", {path_set(R"("to_lanes": [1, 0])")}) ==
        load_config("2-wide-any", {path_set("")}));
  CHECK_FALSE(load_config("2-wide-any").lane_restricted_forwarding());
  CHECK_FALSE(load_config("2-wide").lane_restricted_forwarding());
  CHECK_FALSE(load_config("ripes-6s-dual").lane_restricted_forwarding());
  // issue.cross_lane_forwarding=false is shorthand for every path joining each lane to itself.
  CHECK(load_config("2-wide-any", {"issue.cross_lane_forwarding=false"})
            .lane_restricted_forwarding());

  // Slot 1 into slot 0 only: restricted, and written back as loaded.
  const PipelineConfig c =
      load_config("2-wide-any", {path_set(R"("from_lanes": [1], "to_lanes": [0])")});
  CHECK(c.lane_restricted_forwarding());
  REQUIRE(c.forwarding.size() == 1);
  CHECK(c.forwarding[0].joins(1, 0));
  CHECK_FALSE(c.forwarding[0].joins(0, 0));
  CHECK_FALSE(c.forwarding[0].joins(1, 1));
  const nlohmann::json j = nlohmann::json::parse(config_to_json(c).dump());
  CHECK(j["forwarding"][0]["from_lanes"] == nlohmann::json::array({1}));
  CHECK(j["forwarding"][0]["to_lanes"] == nlohmann::json::array({0}));
  CHECK(config_from_json(j, "2-wide-any") == c);

  // Two paths between the same stages whose lanes together join every pair: not restricted.
  const PipelineConfig both =
      load_config("2-wide-any", {R"(forwarding=[{"from": "EX", "to": "EX", "from_lanes": [0]},)"
                                 R"( {"from": "EX", "to": "EX", "from_lanes": [1]}])"});
  CHECK_FALSE(both.lane_restricted_forwarding());
}
