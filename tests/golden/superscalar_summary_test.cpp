// The text summary of a superscalar run (issue 19): the issue slots by pairing rule and the halt
// slots are rows of it, as they are fields of the JSON result. The run is the one derived cycle by
// cycle in tests/golden/superscalar_test.cpp ("dependent, alignment and slot_class leave slot 1
// empty"): 7 cycles, 3 instructions, 8 fill slots, one empty issue slot for each of dependent,
// alignment and slot_class, no halt slot (2 x 7 = 3 + 8 + 3 + 0).
#include <catch2/catch.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "sim/report/summary.hpp"
#include "tests/support/wide_run.hpp"

using namespace pipesim;

TEST_CASE("summary of a 2-wide run: issue width, issue slots by rule, halt slots",
          "[superscalar][summary]") {
  const test::WideRun r = test::run_wide("2-wide",
                                         "addi a0, zero, 5\n"
                                         "sw   a0, -8(sp)\n"
                                         "ebreak\n"
                                         "nop\n");
  const PipelineConfig config = load_config("2-wide", {});
  const auto rows = report::summary_rows("wide.s", config, r.result);
  std::vector<std::string> keys;
  std::map<std::string, std::string> value;
  for (const auto& row : rows) {
    REQUIRE(row.size() == 2);
    keys.push_back(row[0]);
    value[row[0]] = row[1];
  }
  CHECK(value["issue width"] == "2");
  CHECK(value["cycles"] == "7");
  CHECK(value["instructions"] == "3");
  CHECK(value["fill cycles"] == "8");
  CHECK(value["stalls issue"] == "3");
  CHECK(value["  dependent"] == "1");
  CHECK(value["  alignment"] == "1");
  CHECK(value["  slot_class"] == "1");
  CHECK(value["  memory_port"] == "0");
  CHECK(value["  branch"] == "0");
  CHECK(value["  read_ports"] == "0");
  CHECK(value["  write_ports"] == "0");
  CHECK(value["stalls total"] == "3");
  CHECK(value["halt slots"] == "0");
  // The reasons follow their cause's row, in the order of the JSON's issue_reasons.
  const auto at = [&](const std::string& k) { return std::find(keys.begin(), keys.end(), k); };
  CHECK(at("  dependent") == at("stalls issue") + 1);
  CHECK(at("  write_ports") == at("stalls issue") + 7);
}

TEST_CASE("summary of a width-1 run has no issue rows", "[superscalar][summary]") {
  const test::WideRun r = test::run_wide("5-stage", "addi a0, zero, 5\nebreak\n");
  const auto rows = report::summary_rows("one.s", load_config("5-stage", {}), r.result);
  for (const auto& row : rows) {
    CHECK(row[0] != "issue width");
    CHECK(row[0] != "halt slots");
    CHECK(row[0].rfind("  ", 0) != 0);
    CHECK(row[0] != "stalls issue");
  }
}
