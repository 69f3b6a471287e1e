// The configuration key table (sim/config/config_keys.hpp) against docs/config.md, which
// documents the keys for users, and against the loader, which reads its defaults from it.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "sim/config/config_keys.hpp"
#include "sim/config/config_load.hpp"

using namespace pipesim;
using json = nlohmann::json;

namespace {

std::string read_doc() {
  std::ifstream in(std::filesystem::path(PIPESIM_SOURCE_DIR) / "docs" / "config.md");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<std::string> cells_of(const std::string& line) {
  std::vector<std::string> cells;
  std::string cell;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] == '|') {
      const size_t b = cell.find_first_not_of(' '), e = cell.find_last_not_of(' ');
      cells.push_back(b == std::string::npos ? "" : cell.substr(b, e - b + 1));
      cell.clear();
    } else {
      cell += line[i];
    }
  }
  return cells;
}

// Every `code` span of a cell, in order.
std::vector<std::string> code_spans(const std::string& cell) {
  std::vector<std::string> out;
  for (size_t at = cell.find('`'); at != std::string::npos;) {
    const size_t end = cell.find('`', at + 1);
    if (end == std::string::npos) break;
    out.push_back(cell.substr(at + 1, end - at - 1));
    at = cell.find('`', end + 1);
  }
  return out;
}

struct DocRow {
  std::string type, default_text;
};

// The key tables of docs/config.md: those whose header is "| key ... | type | default | meaning |".
// The first header cell names the object ("key" alone: the top level; "key in `branches`",
// "key in `memory.icache`, `memory.dcache`"), each row's first cell the key or keys. Returns
// full paths ("stages[].latency_ps", with [] for [i]) -> the row.
std::map<std::string, DocRow> documented_keys(const std::string& doc) {
  std::map<std::string, DocRow> out;
  std::istringstream in(doc);
  std::string line;
  std::vector<std::string> objects;  // of the table being read; empty: not in a key table
  while (std::getline(in, line)) {
    if (line.rfind("|", 0) != 0) {
      objects.clear();
      continue;
    }
    const std::vector<std::string> cells = cells_of(line);
    if (cells.size() == 4 && cells[0].rfind("key", 0) == 0 && cells[1] == "type" &&
        cells[2] == "default" && cells[3] == "meaning") {
      objects = cells[0] == "key" ? std::vector<std::string>{""} : code_spans(cells[0]);
      for (std::string& o : objects)
        for (size_t at; (at = o.find("[i]")) != std::string::npos;) o.replace(at, 3, "[]");
      REQUIRE_FALSE(objects.empty());
      continue;
    }
    if (objects.empty() || cells.empty() || cells[0].rfind("---", 0) == 0) continue;
    REQUIRE(cells.size() == 4);
    for (const std::string& o : objects)
      for (const std::string& key : code_spans(cells[0])) {
        const std::string path = o.empty() ? key : o + "." + key;
        INFO("docs/config.md: " << path);
        CHECK(out.count(path) == 0);
        out[path] = {cells[1], cells[2]};
      }
  }
  return out;
}

}  // namespace

TEST_CASE("config keys: docs/config.md documents exactly the key table", "[config][keys]") {
  const std::map<std::string, DocRow> doc = documented_keys(read_doc());
  std::set<std::string> table;
  for (const KeyPath& k : config_key_paths()) {
    table.insert(k.path);
    INFO("key " << k.path);
    const auto it = doc.find(k.path);
    CHECK(it != doc.end());
    if (it == doc.end()) continue;
    const DocRow& row = it->second;
    switch (k.key->has_default) {
      case KeyDefault::Value:
        // The default as the doc writes it, in code: `64`, `true`, `"lru"`, `{}`.
        CHECK_THAT(row.default_text,
                   Catch::Contains(std::string("`") + k.key->default_value + "`"));
        break;
      case KeyDefault::Required:
        CHECK_THAT(row.default_text, Catch::Contains("(required)"));
        break;
      case KeyDefault::Derived:
        CHECK_FALSE(row.default_text.empty());
        CHECK_THAT(row.default_text, !Catch::Contains("required") && !Catch::Contains("—"));
        break;
      case KeyDefault::None:
        CHECK_THAT(row.default_text, Catch::StartsWith("—") && !Catch::Contains("required"));
        break;
    }
    if (k.key->type == KeyType::Integer) CHECK_THAT(row.type, Catch::Contains("integer"));
    if (k.key->type == KeyType::Bool) CHECK(row.type == "boolean");
  }
  for (const auto& [path, row] : doc) {
    INFO("docs/config.md documents " << path);
    CHECK(table.count(path) == 1);
  }
  CHECK(doc.size() == table.size());
}

TEST_CASE("config keys: the table is grouped by object, each key once", "[config][keys]") {
  std::set<KeyType> closed;  // objects whose rows have ended
  const ConfigKey* prev = nullptr;
  std::set<std::string> paths;
  for (const ConfigKey& k : config_keys()) {
    INFO("key " << k.name);
    if (prev && prev->object != k.object) closed.insert(prev->object);
    CHECK(closed.count(k.object) == 0);
    CHECK_FALSE(object_paths(k.object).empty());
    CHECK(std::string(k.doc).size() > 0);
    CHECK((k.default_value != nullptr) ==
          (k.has_default == KeyDefault::Value || k.has_default == KeyDefault::Derived));
    prev = &k;
  }
  for (const KeyPath& k : config_key_paths()) CHECK(paths.insert(k.path).second);
  // A sample, so that a test of the test fails if the paths go wrong.
  CHECK(paths.count("branches.bht_entries") == 1);
  CHECK(paths.count("functional_units[].latency") == 1);
  CHECK(paths.count("memory.dcache.write_policy") == 1);
  CHECK(paths.count("stages[].latency_ps") == 1);
}

TEST_CASE("config keys: an absent key reads back as the table's default", "[config][keys]") {
  // A machine with every object present (a dynamic predictor, so that the table sizes count),
  // loaded with each key that has a default value absent, and set to that value: the two must
  // load to the same configuration.
  json base = json::parse(R"({
    "stages": [{"name": "IF", "role": "fetch", "latency_ps": 200},
               {"name": "ID", "role": "decode", "latency_ps": 100},
               {"name": "EX", "role": "execute", "latency_ps": 200},
               {"name": "MEM", "role": "memory", "latency_ps": 200},
               {"name": "WB", "role": "writeback", "latency_ps": 100}],
    "branches": {"policy": "2-bit"},
    "functional_units": [{"name": "ALU", "classes": ["alu", "mul", "div", "mem", "branch"]}],
    "memory": {"icache": {"size_bytes": 512, "line_bytes": 16},
               "dcache": {"size_bytes": 512, "line_bytes": 16}},
    "issue_width": 2, "issue": {}, "ecall": {}})");
  int checked = 0;
  for (const KeyPath& k : config_key_paths()) {
    if (k.key->has_default != KeyDefault::Value) continue;
    // memory.icache.write_policy is refused (an instruction cache is never written).
    if (k.path == "memory.icache.write_policy") continue;
    INFO("key " << k.path);
    json j = base;
    std::string p = k.path;
    for (size_t at; (at = p.find("[]")) != std::string::npos;) p.replace(at, 2, "/0");
    std::replace(p.begin(), p.end(), '.', '/');
    const json::json_pointer at("/" + p);
    json without = j;
    without[at.parent_pointer()].erase(at.back());
    j[at] = default_of(*k.key);
    CHECK(config_from_json(j, "mini.json") == config_from_json(without, "mini.json"));
    ++checked;
  }
  CHECK(checked >= 20);
}

TEST_CASE("config keys: a config built in code has the table's defaults", "[config][keys]") {
  // The member defaults of config.hpp against a loaded config with only stages.
  PipelineConfig loaded = load_config("5-stage");
  json j = json::parse(config_to_json(loaded).dump());
  json mini = {{"stages", j["stages"]}};
  loaded = config_from_json(mini, "5-stage");
  PipelineConfig built;
  built.name = "5-stage";
  built.stages = loaded.stages;
  built.forwarding = loaded.forwarding;
  built.branches.resolve_stage = loaded.branches.resolve_stage;
  built.branches.jal_stage = loaded.branches.jal_stage;
  built.branches.jalr_stage = loaded.branches.jalr_stage;
  built.end_stage = loaded.end_stage;
  built.ecall.stage = loaded.end_stage;
  fill_default_units(built);
  CHECK(built == loaded);
  // The fields filled in above are the derived ones; the rest came from the member defaults.
  CHECK(loaded.branches.policy == BranchPolicy::NotTaken);
  CHECK(loaded.memory.icache.miss_penalty == 10);
}
