// Time units of task graphs: a graph counts in one unit ("min"); a duration may be written in
// another ("1 h") when it is a whole number of the graph's unit. Cycles are a unit of their own
// (a clock's, not a wall clock's): they convert to nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace pipesim::tasks {

// The canonical name of a unit ("minutes" -> "min"), or nothing if it is not one.
// Known: ns, us, ms, s, min, h, d (with their long names and plurals) and cycles.
std::optional<std::string> canonical_unit(const std::string& name);

// `count` of unit `from` in unit `to` (both canonical), or nothing when the units do not convert
// or the result is not a whole number.
std::optional<uint64_t> convert_units(uint64_t count, const std::string& from,
                                      const std::string& to);

// The units known, for messages: "ns, us, ms, s, min, h, d, cycles".
const char* known_units();

}  // namespace pipesim::tasks
