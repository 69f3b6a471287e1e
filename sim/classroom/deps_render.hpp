// `pipesim deps` output: the analysis as text (for students), Graphviz DOT (the dynamic
// window's dependence graph) or JSON (schema "pipesim.deps/1", docs/classroom.md).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "sim/classroom/deps.hpp"

namespace pipesim::classroom {

std::string deps_text(const std::string& program, const PipelineConfig& config,
                      const DepsAnalysis& a);
std::string deps_dot(const std::string& program, const DepsAnalysis& a);
nlohmann::ordered_json deps_json(const std::string& program, const PipelineConfig& config,
                                 const DepsAnalysis& a);

}  // namespace pipesim::classroom
