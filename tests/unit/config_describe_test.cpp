// The description of a machine changed by --set (sim/config/config_describe.cpp, load_config):
// it follows every --set that shapes the timing instead of repeating the preset's hand-written
// sentence. Expected phrases written from docs/config.md's meaning of each key.
#include <catch2/catch.hpp>

#include "sim/config/config_describe.hpp"
#include "sim/config/config_load.hpp"

using pipesim::load_config;

namespace {
std::string described(const std::string& config, const std::vector<std::string>& sets) {
  return load_config(config, sets).description;
}
}  // namespace

TEST_CASE("config description: every branch policy a --set gives is the one described",
          "[config][sweep]") {
  const std::vector<std::pair<std::string, std::string>> policies = {
      {"stall", "fetch stalls on every branch and jump"},
      {"not-taken", "predict not-taken"},
      {"taken", "predict taken"},
      {"btfn", "predict backward taken, forward not taken"},
      {"1-bit", "1-bit predictor at fetch (64-entry table, 16-entry BTB)"},
      {"2-bit", "2-bit predictor at fetch (64-entry table, 16-entry BTB)"}};
  for (const auto& [policy, phrase] : policies) {
    INFO(policy);
    // 5-stage-2bit's own sentence speaks of "dynamic branch prediction"; 5-stage's of "predict
    // not-taken": after the --set, only the policy set is named.
    for (const char* config : {"5-stage", "5-stage-2bit"}) {
      INFO(config);
      const std::string d = described(config, {"branches.policy=" + policy, "latch_overhead_ps=1"});
      CHECK_THAT(d, Catch::StartsWith(std::string(config) +
                                      " changed by --set: 5-stage pipeline (IF ID EX MEM WB), "
                                      "201 ps clock,"));
      CHECK_THAT(d, Catch::EndsWith(", " + phrase));
      CHECK_THAT(d, !Catch::Contains("dynamic"));
    }
  }
  // A --set of the sizes is described too.
  CHECK_THAT(described("5-stage-2bit", {"branches.bht_entries=256"}),
             Catch::EndsWith("2-bit predictor at fetch (256-entry table, 16-entry BTB)"));
}

TEST_CASE("config description: forwarding, the branch stage and units follow --set",
          "[config][sweep]") {
  CHECK_THAT(described("5-stage", {"forwarding=none"}),
             Catch::Contains(", no forwarding,") && !Catch::Contains("full forwarding"));
  CHECK_THAT(described("5-stage-no-forwarding", {"forwarding=full"}),
             Catch::Contains(", full forwarding,"));
  CHECK_THAT(described("5-stage", {"branches.resolve=MEM"}),
             Catch::Contains("branches resolved in MEM (jal in ID, jalr in EX)"));
  CHECK_THAT(described("5-stage", {"hazard_detection=false"}),
             Catch::Contains(", no hazard detection,"));
  CHECK_THAT(described("5-stage", {"stages[2].latency_ps=350"}),
             Catch::Contains(", 350 ps clock,"));
  CHECK_THAT(described("5-stage-mul-div", {"execute=parallel"}),
             Catch::EndsWith("parallel execute with units ALU (1 cycle), MUL (3 cycles), DIV (16 "
                             "cycles, busy until done)"));
  CHECK_THAT(described("5-stage", {R"(functional_units=[{"name": "ALU", "latency": 2,)"
                                   R"( "classes": ["alu", "mul", "div", "mem", "branch"]}])"}),
             Catch::EndsWith(", blocking execute with units ALU (2 cycles)"));
  CHECK_THAT(described("5-stage", {"memory.unified_memory_port=true"}),
             Catch::EndsWith(", one memory port shared by fetch and data"));
  // Without a --set, or with one that changes nothing, the preset's own sentence stays.
  const std::string own = load_config("5-stage").description;
  CHECK_THAT(own, Catch::StartsWith("The textbook 5-stage pipeline"));
  CHECK(described("5-stage", {"forwarding=full", "name=mine"}) == own);
  // The words come from the machine, not from how the --set spelled it.
  CHECK(described("5-stage", {"forwarding=none"}) ==
        described("5-stage", {"forwarding=[]", "branches.policy=not-taken"}));
}
