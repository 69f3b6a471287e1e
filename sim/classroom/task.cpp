// Task files: strict loading (unknown keys are errors) and the cases they describe.
#include "sim/classroom/task.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

#include "isa/error.hpp"
#include "sim/classroom/portable_random.hpp"
#include "sim/json/json_source.hpp"
#include "sim/json/json_text.hpp"
#include "sim/json/strict_reader.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim::classroom {

namespace {

using json = nlohmann::json;

struct Reader : StrictReader<json> {
  int64_t integer(const json& j, const std::string& at, int64_t lo, int64_t hi) const {
    if (!j.is_number_integer()) fail(at, "expected an integer");
    const int64_t v = j.get<int64_t>();
    if (v < lo || v > hi) fail(at, fmt::format("{} is outside {}..{}", v, lo, hi));
    return v;
  }
  std::vector<int32_t> words(const json& j, const std::string& at) const {
    if (!j.is_array()) fail(at, "expected an array of integers");
    std::vector<int32_t> out;
    for (std::size_t i = 0; i < j.size(); ++i)
      out.push_back(
          static_cast<int32_t>(integer(j[i], fmt::format("{}/{}", at, i), INT32_MIN, UINT32_MAX)));
    return out;
  }
};

constexpr std::pair<Reference, const char*> kReferences[] = {
    {Reference::Sum, "sum"},
    {Reference::Max, "max"},
    {Reference::Reverse, "reverse"},
    {Reference::Sort, "sort"},
    {Reference::SumOfSquares, "sum-of-squares"},
};

}  // namespace

const char* reference_name(Reference r) {
  for (const auto& [ref, name] : kReferences)
    if (ref == r) return name;
  return "?";
}

Task task_from_json(const json& j, const std::string& path) {
  const Reader r{{path}};
  r.only(j, "",
         {"schema", "name", "statement", "config", "input", "output", "reference", "cases",
          "hidden", "max_cycles"});
  Task t;
  t.path = path;
  if (j.contains("schema") && j["schema"] != "pipesim.task/1")
    r.fail("/schema", "expected \"pipesim.task/1\"");
  t.name = r.text(r.need(j, "", "name"), "/name");
  t.statement = r.text(r.need(j, "", "statement"), "/statement");
  t.config = r.text(r.need(j, "", "config"), "/config");
  if (t.config.find('/') != std::string::npos || t.config.ends_with(".json"))
    t.config = (std::filesystem::path(path).parent_path() / t.config).string();

  const json& in = r.need(j, "", "input");
  r.only(in, "/input", {"array", "length", "capacity"});
  t.array_symbol = r.text(r.need(in, "/input", "array"), "/input/array");
  t.length_symbol = r.text(r.need(in, "/input", "length"), "/input/length");
  t.capacity = static_cast<uint32_t>(
      r.integer(r.need(in, "/input", "capacity"), "/input/capacity", 1, 4096));
  const json& out = r.need(j, "", "output");
  r.only(out, "/output", {"symbol"});
  t.output_symbol = r.text(r.need(out, "/output", "symbol"), "/output/symbol");

  if (j.contains("reference")) {
    const std::string name = r.text(j["reference"], "/reference");
    for (const auto& [ref, n] : kReferences)
      if (name == n) t.reference = ref;
    if (!t.reference)
      r.fail("/reference", fmt::format("unknown reference \"{}\" (sum, max, reverse, sort, "
                                       "sum-of-squares)",
                                       excerpt(name)));
  }
  if (j.contains("max_cycles"))
    t.max_cycles =
        static_cast<uint64_t>(r.integer(j["max_cycles"], "/max_cycles", 1, 1'000'000'000));

  const json& cases = r.need(j, "", "cases");
  if (!cases.is_array() || cases.empty()) r.fail("/cases", "expected a non-empty array");
  for (std::size_t i = 0; i < cases.size(); ++i) {
    const std::string at = fmt::format("/cases/{}", i);
    r.only(cases[i], at, {"values", "expected"});
    TaskCase c{fmt::format("given {}", i + 1),
               false,
               r.words(r.need(cases[i], at, "values"), at + "/values"),
               {}};
    if (c.values.size() > t.capacity)
      r.fail(at + "/values",
             fmt::format("{} values exceed the capacity {}", c.values.size(), t.capacity));
    if (t.reference == Reference::Max && c.values.empty())
      r.fail(at + "/values", "max needs at least one value");
    if (cases[i].contains("expected"))
      c.expected = r.words(cases[i]["expected"], at + "/expected");
    else if (!t.reference)
      r.fail(at, "no \"expected\" output and the task has no \"reference\"");
    if (c.expected && t.reference &&
        *c.expected != expected_output(Task{t}, TaskCase{c.name, false, c.values, {}}))
      r.fail(at + "/expected",
             fmt::format("disagrees with the reference \"{}\"", reference_name(*t.reference)));
    t.given.push_back(std::move(c));
  }

  if (j.contains("hidden")) {
    const json& h = j["hidden"];
    r.only(h, "/hidden", {"count", "seed", "min_length", "max_length", "min_value", "max_value"});
    if (!t.reference) r.fail("/hidden", "hidden inputs need a \"reference\" to check them");
    t.hidden_count =
        static_cast<uint32_t>(r.integer(r.need(h, "/hidden", "count"), "/hidden/count", 0, 1000));
    t.seed = static_cast<uint32_t>(
        r.integer(r.need(h, "/hidden", "seed"), "/hidden/seed", 0, UINT32_MAX));
    t.min_length =
        static_cast<uint32_t>(r.integer(r.need(h, "/hidden", "min_length"), "/hidden/min_length",
                                        t.reference == Reference::Max ? 1 : 0, t.capacity));
    t.max_length = static_cast<uint32_t>(r.integer(r.need(h, "/hidden", "max_length"),
                                                   "/hidden/max_length", t.min_length, t.capacity));
    t.min_value = static_cast<int32_t>(
        r.integer(r.need(h, "/hidden", "min_value"), "/hidden/min_value", INT32_MIN, INT32_MAX));
    t.max_value = static_cast<int32_t>(
        r.integer(r.need(h, "/hidden", "max_value"), "/hidden/max_value", t.min_value, INT32_MAX));
  }
  return t;
}

Task load_task(const std::string& path) {
  const std::string text = read_user_file(path, kTaskFile);
  return task_from_json(parse_json_source(text, path, /*ignore_comments=*/true), path);
}

std::vector<TaskCase> task_cases(const Task& task) {
  std::vector<TaskCase> cases = task.given;
  PortableRandom rng(task.seed);
  for (uint32_t i = 0; i < task.hidden_count; ++i) {
    TaskCase c{fmt::format("hidden {}", i + 1), true, {}, {}};
    const uint32_t n = static_cast<uint32_t>(
        rng.between(static_cast<int32_t>(task.min_length), static_cast<int32_t>(task.max_length)));
    for (uint32_t k = 0; k < n; ++k)
      c.values.push_back(rng.between(task.min_value, task.max_value));
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<int32_t> expected_output(const Task& task, const TaskCase& c) {
  if (c.expected) return *c.expected;
  std::vector<int32_t> v = c.values;
  // Sums wrap like the 32-bit registers that compute them.
  auto wrap = [](uint32_t x) { return static_cast<int32_t>(x); };
  switch (*task.reference) {
    case Reference::Sum: {
      uint32_t s = 0;
      for (int32_t x : v) s += static_cast<uint32_t>(x);
      return {wrap(s)};
    }
    case Reference::SumOfSquares: {
      uint32_t s = 0;
      for (int32_t x : v) s += static_cast<uint32_t>(x) * static_cast<uint32_t>(x);
      return {wrap(s)};
    }
    case Reference::Max:
      return {*std::max_element(v.begin(), v.end())};
    case Reference::Reverse:
      std::reverse(v.begin(), v.end());
      return v;
    case Reference::Sort:
      std::sort(v.begin(), v.end());
      return v;
  }
  return {};
}

}  // namespace pipesim::classroom
