// Machines near the presets, for the differential tests: a preset with --set overrides, loaded
// through the same loader as the CLI, and stage lists written in one line each.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "sim/config/config_load.hpp"

namespace pipesim::test {

// Each: a preset's name and its --set overrides.
using Variants = std::vector<std::pair<std::string, std::vector<std::string>>>;

// The --set override of the stage list, from "NAME:role:latency_ps" items separated by spaces:
// stages_set("IF:fetch:200 ID:decode:100") is
// stages=[{"name":"IF","role":"fetch","latency_ps":200},{"name":"ID","role":"decode",...}].
inline std::string stages_set(std::string_view spec) {
  std::string out = "stages=[";
  while (!spec.empty()) {
    const std::size_t end = std::min(spec.find(' '), spec.size());
    const std::string_view item = spec.substr(0, end);
    const std::size_t a = item.find(':'), b = item.rfind(':');
    out += (out.back() == '[' ? "" : ",");
    out += "{\"name\":\"" + std::string(item.substr(0, a)) + "\",\"role\":\"" +
           std::string(item.substr(a + 1, b - a - 1)) +
           "\",\"latency_ps\":" + std::string(item.substr(b + 1)) + "}";
    spec.remove_prefix(std::min(end + 1, spec.size()));
  }
  return out + "]";
}

// Deeper 5-stage pipelines the differential tests share (latencies summing to the 5-stage's).
inline std::string two_memory_stages() {
  return stages_set(
      "IF:fetch:200 ID:decode:100 EX:execute:200 MEM1:memory:100 MEM2:memory:100 WB:writeback:100");
}
inline std::string two_fetch_stages() {
  return stages_set(
      "IF1:fetch:100 IF2:fetch:100 ID:decode:100 EX:execute:200 MEM:memory:200 WB:writeback:100");
}
inline std::string two_execute_stages() {
  return stages_set(
      "IF:fetch:200 ID:decode:100 EX1:execute:100 EX2:execute:100 MEM:memory:200 WB:writeback:100");
}

// The variants loaded, each required to be one `supported` accepts (the engine under test would
// otherwise not run it, and the test would prove nothing), and named after its preset and first
// overrides so that a failure says which.
template <class Supported>
std::vector<PipelineConfig> load_variants(const Variants& variants, Supported supported) {
  std::vector<PipelineConfig> out;
  for (const auto& [base, sets] : variants) {
    PipelineConfig c = load_config(base, sets);
    INFO(base << " " << (sets.empty() ? "" : sets.front()));
    REQUIRE(supported(c));
    for (std::size_t i = 0; i < sets.size() && i < 2; ++i) c.name += " " + sets[i].substr(0, 40);
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace pipesim::test
