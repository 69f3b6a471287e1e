// The operations of the playground's API (docs/web.md, "The API"), one file each. Each takes the
// request object and returns the reply's own fields; api.cpp adds "api" and "ok", and turns what
// they throw into an error reply.
#pragma once

#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

namespace pipesim::web {

using Json = nlohmann::json;

// The most machines one compare request runs (the page offers a handful).
inline constexpr std::size_t kMaxComparedMachines = 16;
// The most bytes of memory one state request returns.
inline constexpr uint64_t kMaxStateBytes = 4096;

Json presets_op(const Json& request);
Json assemble_op(const Json& request);
Json run_op(const Json& request);
Json explain_op(const Json& request);
Json compare_op(const Json& request);
Json check_op(const Json& request);
Json state_op(const Json& request);
Json datapath_op(const Json& request);

}  // namespace pipesim::web
