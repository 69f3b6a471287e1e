// Time units: each wall-clock unit as a number of nanoseconds; cycles apart.
#include "sim/tasks/task_units.hpp"

#include <array>
#include <utility>

namespace pipesim::tasks {

namespace {

struct Unit {
  const char* name;
  uint64_t ns;  // 0: cycles, which convert to nothing else
  std::array<const char*, 4> spellings;
};

constexpr Unit kUnits[] = {
    {"ns", 1, {"ns", "nanosecond", "nanoseconds", nullptr}},
    {"us", 1'000, {"us", "µs", "microsecond", "microseconds"}},
    {"ms", 1'000'000, {"ms", "millisecond", "milliseconds", nullptr}},
    {"s", 1'000'000'000, {"s", "sec", "second", "seconds"}},
    {"min", 60'000'000'000, {"min", "mins", "minute", "minutes"}},
    {"h", 3'600'000'000'000, {"h", "hour", "hours", nullptr}},
    {"d", 86'400'000'000'000, {"d", "day", "days", nullptr}},
    {"cycles", 0, {"cycles", "cycle", nullptr, nullptr}},
};

const Unit* find_unit(const std::string& name) {
  for (const Unit& u : kUnits)
    for (const char* s : u.spellings)
      if (s && name == s) return &u;
  return nullptr;
}

}  // namespace

std::optional<std::string> canonical_unit(const std::string& name) {
  if (const Unit* u = find_unit(name)) return std::string(u->name);
  return std::nullopt;
}

std::optional<uint64_t> convert_units(uint64_t count, const std::string& from,
                                      const std::string& to) {
  const Unit* f = find_unit(from);
  const Unit* t = find_unit(to);
  if (!f || !t) return std::nullopt;
  if (f == t) return count;
  if (f->ns == 0 || t->ns == 0) return std::nullopt;
  // count * f / t, exactly: both are multiples of the smaller, so divide first.
  if (f->ns >= t->ns) {
    const uint64_t ratio = f->ns / t->ns;
    if (count > UINT64_MAX / ratio) return std::nullopt;
    return count * ratio;
  }
  const uint64_t ratio = t->ns / f->ns;
  if (count % ratio != 0) return std::nullopt;
  return count / ratio;
}

const char* known_units() {
  return "ns, us, ms, s, min, h, d, cycles";
}

}  // namespace pipesim::tasks
