// Configuration loading: finds a preset or file, resolves `extends`, applies --set overrides and
// validates the result into a PipelineConfig, collecting every problem (each named by its JSON
// path, e.g. `stages[2].latency_ps`) into one pipesim::Error. The schema is documented key by key
// in docs/config.md; the tables of allowed keys below are the one place the code lists them.
#include "sim/config/config_load.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <array>
#include <filesystem>
#include <optional>
#include <span>

#include "isa/error.hpp"
#include "sim/config/config_keys.hpp"
#include "sim/config/config_presets.hpp"
#include "sim/json/json_source.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim {

namespace {

using json = nlohmann::json;

constexpr int64_t kMaxLatencyPs = 1'000'000;  // 1 µs per stage: keeps every sum within 32 bits
constexpr int64_t kMaxTableEntries = 65536;
constexpr int kMaxExtendsDepth = 16;

constexpr std::array kRoles = {StageRole::Fetch, StageRole::Decode, StageRole::Execute,
                               StageRole::Memory, StageRole::Writeback};
constexpr std::array kPolicies = {BranchPolicy::Stall,  BranchPolicy::NotTaken,
                                  BranchPolicy::Taken,  BranchPolicy::Btfn,
                                  BranchPolicy::OneBit, BranchPolicy::TwoBit};
constexpr std::array kKinds = {MachineKind::Pipelined, MachineKind::SingleCycle,
                               MachineKind::MultiCycle};
constexpr std::array kExecuteModes = {ExecuteMode::Blocking, ExecuteMode::Parallel};
constexpr std::array kReplacements = {Replacement::Lru, Replacement::Fifo, Replacement::Random};
constexpr std::array kWritePolicies = {WritePolicy::WriteBack, WritePolicy::WriteThrough};
constexpr std::array kOpClasses = {OpClass::Alu, OpClass::Mul, OpClass::Div, OpClass::Mem,
                                   OpClass::Branch};
constexpr int64_t kMaxUnitLatency = 1000;
constexpr int64_t kMaxUnitCount = 8;
constexpr int64_t kMaxMemoryCycles = 100000;

const char* name_of(StageRole r) {
  return role_name(r);
}
const char* name_of(BranchPolicy p) {
  return policy_name(p);
}
const char* name_of(MachineKind k) {
  return kind_name(k);
}
const char* name_of(ExecuteMode m) {
  return execute_mode_name(m);
}
const char* name_of(Replacement r) {
  return replacement_name(r);
}
const char* name_of(WritePolicy w) {
  return write_policy_name(w);
}

// ---- Small helpers ----------------------------------------------------------------------------

// A JSON value as it appears in messages, shortened if long.
std::string show(const json& v) {
  return json_excerpt(v);
}

// A --set value may be any bytes, not UTF-8 (found by fuzz_config): replace what is not, rather
// than throw json's type_error from a message. A long string is shown by its beginning.
std::string quote(const std::string& s) {
  return json_text(json(excerpt(s)));
}

std::string join_key(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}
std::string join_index(const std::string& path, size_t i) {
  return fmt::format("{}[{}]", path, i);
}

template <class Range, class F>
std::string join(const Range& r, F text, const char* sep = ", ") {
  std::string out;
  for (const auto& x : r) {
    if (!out.empty()) out += sep;
    out += text(x);
  }
  return out;
}

size_t edit_distance(const std::string& a, const std::string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] != b[j - 1])});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

// " (did you mean "x"?)" when one allowed key is close to the unknown one: a small edit away,
// or the unknown one is the start of exactly one ("btb" for "btb_entries").
std::string suggestion(const std::string& unknown, std::span<const ConfigKey> keys) {
  const ConfigKey* best = nullptr;
  size_t best_d = std::max<size_t>(1, unknown.size() / 4) + 1;
  for (const ConfigKey& k : keys) {
    size_t d = edit_distance(unknown, k.name);
    if (d < best_d) best_d = d, best = &k;
  }
  if (!best && unknown.size() >= 3) {
    size_t matches = 0;
    for (const ConfigKey& k : keys)
      if (std::string_view(k.name).starts_with(unknown)) best = &k, ++matches;
    if (matches != 1) best = nullptr;  // ambiguous: "bht" could be bht_entries or bht_initial
  }
  return best ? fmt::format(" (did you mean \"{}\"?)", best->name) : "";
}

bool is_predictor(BranchPolicy p) {
  return p == BranchPolicy::OneBit || p == BranchPolicy::TwoBit;
}

bool looks_like_path(const std::string& s) {
  return s.find('/') != std::string::npos ||
         (s.size() > 5 && s.compare(s.size() - 5, 5, ".json") == 0);
}

std::string stem_of(const std::string& origin) {
  return std::filesystem::path(origin).stem().string();
}

const EmbeddedPreset* find_preset(const std::string& name) {
  for (const EmbeddedPreset& p : embedded_presets())
    if (name == p.name) return &p;
  return nullptr;
}

std::vector<const EmbeddedPreset*> presets_in_teaching_order();

std::string preset_names() {
  return join(presets_in_teaching_order(),
              [](const EmbeddedPreset* p) { return std::string(p->name); });
}

// The problems found so far, each "json.path: what is wrong".
struct Errors {
  std::vector<std::string> list;
  void add(const std::string& path, const std::string& message) {
    list.push_back(path.empty() ? message : path + ": " + message);
  }
  bool empty() const { return list.empty(); }
};

[[noreturn]] void throw_errors(const std::string& origin, const Errors& err) {
  std::string msg =
      err.list.size() == 1
          ? fmt::format("invalid configuration '{}': {}", origin, err.list.front())
          : fmt::format("invalid configuration '{}' ({} problems):", origin, err.list.size());
  if (err.list.size() > 1)
    for (const std::string& e : err.list) msg += "\n  " + e;
  throw Error(msg);
}

// ---- Reading JSON text ------------------------------------------------------------------------

// Parses configuration text; comments (// and /* */) are allowed. Errors become a SourceError
// at the offending line and column of `file`.
json parse_text(const std::string& text, const std::string& file) {
  return parse_json_source(text, file, /*ignore_comments=*/true);
}

// A configuration source: its JSON, the name messages use, and an identity for loop detection.
struct Source {
  json value;
  std::string origin;    // preset name or file path
  std::string identity;  // "preset:NAME" or "file:/canonical/path"
};

std::string file_identity(const std::string& path) {
  std::error_code ec;
  auto canonical = std::filesystem::weakly_canonical(path, ec);
  return "file:" + (ec ? path : canonical.string());
}

std::string identity_of(const std::string& origin) {
  if (!looks_like_path(origin) && find_preset(origin)) return "preset:" + origin;
  return file_identity(origin);
}

Source load_preset(const EmbeddedPreset& p) {
  return {parse_text(p.text, fmt::format("configs/{}.json (built in)", p.name)), p.name,
          std::string("preset:") + p.name};
}

Source load_file(const std::string& path) {
  return {parse_text(read_user_file(path, kConfigFile), path), path, file_identity(path)};
}

// ---- extends ----------------------------------------------------------------------------------

// `child`'s keys override `base`'s; objects merge key by key, anything else (lists included) is
// replaced whole.
void merge_into(json& base, const json& child) {
  for (auto it = child.begin(); it != child.end(); ++it) {
    auto b = base.find(it.key());
    if (b != base.end() && b->is_object() && it->is_object())
      merge_into(*b, *it);
    else
      base[it.key()] = *it;
  }
}

// Where `"extends": target` (a path) written in `origin` leads: a relative path starts from the
// folder of the file that names it.
std::filesystem::path extends_path(const std::string& target, const std::string& origin) {
  std::filesystem::path path(target);
  if (path.is_relative() && looks_like_path(origin))
    path = std::filesystem::path(origin).parent_path() / path;
  return path;
}

// Whether `name_or_path` (a --config argument) names a file, not a preset.
bool names_a_file(const std::string& name_or_path) {
  return looks_like_path(name_or_path) || !find_preset(name_or_path);
}

struct ChainLink {
  std::string identity, origin;
};

// Returns `j` with its `extends` chain merged in (and the `extends` key gone). `name` and
// `description` are not inherited: they describe the file they are written in.
json resolve_extends(const json& j, const std::string& origin, std::vector<ChainLink>& chain) {
  if (!j.is_object() || !j.contains("extends")) return j;
  const json& ext = j["extends"];
  auto fail = [&](const std::string& msg) {
    Errors err;
    err.add("extends", msg);
    throw_errors(origin, err);
  };
  if (!ext.is_string()) fail(fmt::format("expected a preset name or file path, got {}", show(ext)));
  const std::string target = ext.get<std::string>();
  if (chain.size() >= kMaxExtendsDepth)
    fail(fmt::format("{} is nested more than {} deep", quote(target), kMaxExtendsDepth));

  Source base;
  if (const EmbeddedPreset* p = looks_like_path(target) ? nullptr : find_preset(target)) {
    base = load_preset(*p);
  } else if (looks_like_path(target)) {
    const std::filesystem::path path = extends_path(target, origin);
    if (!std::filesystem::exists(path))
      fail(fmt::format("{}: no such file ({})", quote(target), path.string()));
    base = load_file(path.string());
  } else {
    fail(
        fmt::format("unknown preset {}; presets are {} (a file path must contain '/' or end in "
                    "\".json\")",
                    quote(target), preset_names()));
  }
  for (const ChainLink& link : chain) {
    if (link.identity == base.identity) {
      std::string loop = join(
          chain, [](const ChainLink& l) { return l.origin; }, " -> ");
      fail(fmt::format("{} makes a loop: {} -> {}", quote(target), loop, base.origin));
    }
  }
  chain.push_back({base.identity, base.origin});
  json merged = resolve_extends(base.value, base.origin, chain);
  chain.pop_back();
  if (merged.is_object()) {
    merged.erase("name");
    merged.erase("description");
  } else {
    merged = json::object();  // the base's own validation would report it; start afresh
  }
  json child = j;
  child.erase("extends");
  merge_into(merged, child);
  return merged;
}

// ---- --set ------------------------------------------------------------------------------------

struct Segment {
  std::string key;  // empty for an index
  size_t index = 0;
};

// "branches.policy", "stages[2].latency_ps" -> segments; nullopt if malformed.
std::optional<std::vector<Segment>> parse_set_path(const std::string& path) {
  std::vector<Segment> out;
  size_t i = 0;
  auto ident_char = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  while (i < path.size()) {
    if (path[i] == '[') {
      size_t close = path.find(']', i);
      if (close == std::string::npos || close == i + 1 || out.empty()) return std::nullopt;
      std::string digits = path.substr(i + 1, close - i - 1);
      if (!std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          digits.size() > 6)
        return std::nullopt;
      out.push_back({"", std::stoul(digits)});
      i = close + 1;
    } else {
      if (path[i] == '.') {
        if (out.empty()) return std::nullopt;
        ++i;
      } else if (!out.empty()) {
        return std::nullopt;
      }
      size_t start = i;
      while (i < path.size() && ident_char(path[i])) ++i;
      if (i == start) return std::nullopt;
      out.push_back({path.substr(start, i - start), 0});
    }
  }
  if (out.empty()) return std::nullopt;
  return out;
}

// Applies one "path=value" override to `j`; problems go to `err`, named after the --set option.
void apply_set(json& j, const std::string& set, Errors& err) {
  const std::string where = fmt::format("--set '{}'", excerpt(set));
  size_t eq = set.find('=');
  if (eq == std::string::npos) {
    err.add(where, "expected path=value, e.g. branches.policy=2-bit (no '=' found)");
    return;
  }
  const std::string path = set.substr(0, eq);
  const std::string text = set.substr(eq + 1);
  if (text.empty()) {
    err.add(where, "no value after '=' (expected path=value, e.g. branches.policy=2-bit)");
    return;
  }
  auto segments = parse_set_path(path);
  if (!segments) {
    err.add(where, fmt::format("malformed path {}; paths are keys joined by '.', with [i] for list "
                               "elements, e.g. stages[2].latency_ps",
                               quote(path)));
    return;
  }
  // Walk the schema and a copy of the JSON together; the copy replaces `j` only on success.
  json copy = j.is_object() ? j : json::object();
  std::span<const ConfigKey> keys = keys_of(KeyType::Root);
  bool in_list = false;  // the current value is a list of `element`s
  KeyType element = KeyType::Stage;
  json* node = &copy;
  std::string so_far;
  KeyType type = KeyType::Branches;
  for (size_t s = 0; s < segments->size(); ++s) {
    const Segment& seg = (*segments)[s];
    if (seg.key.empty()) {
      if (!in_list) {
        err.add(where, fmt::format("{} is not a list", so_far));
        return;
      }
      if (!node->is_array()) {
        err.add(where, fmt::format("{} is {}, not a list; set the whole value instead", so_far,
                                   show(*node)));
        return;
      }
      if (seg.index >= node->size()) {
        err.add(where,
                fmt::format("{} has no element [{}] (it has {})", so_far, seg.index, node->size()));
        return;
      }
      so_far = join_index(so_far, seg.index);
      node = &(*node)[seg.index];
      type = element;
      keys = keys_of(type);
      in_list = false;
      continue;
    }
    auto k =
        std::find_if(keys.begin(), keys.end(), [&](const ConfigKey& key) { return seg.key == key.name; });
    std::string full = join_key(so_far, seg.key);
    if (k == keys.end() || in_list) {
      if (in_list || keys.empty())
        err.add(where, fmt::format("{} has no key {}", so_far, quote(seg.key)));
      else
        err.add(where, fmt::format("unknown key {}{}", quote(full), suggestion(seg.key, keys)));
      return;
    }
    if (full == "extends") {
      err.add(where, "extends cannot be set with --set (it is resolved before --set applies)");
      return;
    }
    if (!node->is_object()) *node = json::object();
    so_far = full;
    node = &(*node)[seg.key];
    type = k->type;
    keys = keys_of(type);
    in_list = type == KeyType::Stages || type == KeyType::Forwarding || type == KeyType::Units ||
              type == KeyType::Classes;
    element = type == KeyType::Stages    ? KeyType::Stage
              : type == KeyType::Units   ? KeyType::Unit
              : type == KeyType::Classes ? KeyType::String
                                      : KeyType::Path;
  }

  // The value: JSON if it parses as JSON, else the text itself as a string. JSON that is
  // refused (nested too deeply, a key given twice) is an error, not a string.
  json value = text;
  if (const std::optional<JsonFailure> failure = check_json(text, /*ignore_comments=*/false)) {
    if (failure->refused) {
      err.add(where, std::string(kInvalidJson) + failure->detail);
      return;
    }
  } else {
    value = json::parse(text);
  }
  bool ok = false;
  switch (type) {
    case KeyType::String:
      if (!value.is_string()) value = text;  // name=123 names the machine "123"
      ok = true;
      break;
    case KeyType::Integer:
      ok = value.is_number_integer();
      break;
    case KeyType::Bool:
      ok = value.is_boolean();
      break;
    case KeyType::Stages:
    case KeyType::Units:
    case KeyType::Classes:
      ok = value.is_array();
      break;
    case KeyType::Forwarding:
      ok = value.is_string() || value.is_array();
      break;
    case KeyType::Stage:
    case KeyType::Path:
    case KeyType::Branches:
    case KeyType::Unit:
    case KeyType::Memory:
    case KeyType::Cache:
      ok = value.is_object();
      break;
  }
  if (!ok) {
    err.add(where, fmt::format("{} expects {}, got {}", so_far, type_text(type), show(value)));
    return;
  }
  *node = value;
  j = std::move(copy);
}

// Teaching order for `pipesim configs`; presets not named here follow, alphabetically.
constexpr const char* kTeachingOrder[] = {
    "single-cycle",    "multi-cycle",          "5-stage-no-interlocks", "5-stage-no-forwarding",
    "5-stage",         "5-stage-branch-in-id", "5-stage-2bit",          "7-stage",
    "5-stage-mul-div", "5-stage-parallel-fu",  "5-stage-two-dividers",  "5-stage-unified-memory",
    "5-stage-cache",   "qtrvsim-single",       "qtrvsim-stall",         "qtrvsim",
};

std::vector<const EmbeddedPreset*> presets_in_teaching_order() {
  std::vector<const EmbeddedPreset*> order;
  for (const char* name : kTeachingOrder)
    if (const EmbeddedPreset* p = find_preset(name)) order.push_back(p);
  for (const EmbeddedPreset& p : embedded_presets())  // sorted by name
    if (std::find(order.begin(), order.end(), &p) == order.end()) order.push_back(&p);
  return order;
}

// ---- Validation -------------------------------------------------------------------------------

// Reports every key of `obj` (an object at `path`) that is not in `keys`.
void check_keys(const json& obj, KeyType object, const std::string& path, Errors& err) {
  const std::span<const ConfigKey> keys = keys_of(object);
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known =
        std::any_of(keys.begin(), keys.end(), [&](const ConfigKey& k) { return it.key() == k.name; });
    if (!known)
      err.add(join_key(path, excerpt(it.key())),
              fmt::format("unknown key{}; allowed here: {}", suggestion(it.key(), keys),
                          join(keys, [](const ConfigKey& k) { return std::string(k.name); })));
  }
}

const json* field(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &*it;
}

std::optional<std::string> get_string(const json& obj, const char* key, const std::string& path,
                                      Errors& err) {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_string()) {
    err.add(join_key(path, key), fmt::format("expected a string, got {}", show(*v)));
    return std::nullopt;
  }
  return v->get<std::string>();
}

std::optional<bool> get_bool(const json& obj, const char* key, const std::string& path,
                             Errors& err) {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  if (!v->is_boolean()) {
    err.add(join_key(path, key), fmt::format("expected true or false, got {}", show(*v)));
    return std::nullopt;
  }
  return v->get<bool>();
}

// An integer in [lo, hi]; `rule` describes the range in messages ("a positive integer").
std::optional<uint32_t> get_int(const json& obj, const char* key, const std::string& path,
                                int64_t lo, int64_t hi, const char* rule, Errors& err) {
  const json* v = field(obj, key);
  if (!v) return std::nullopt;
  std::string p = join_key(path, key);
  if (!v->is_number_integer()) {
    err.add(p, fmt::format("expected {}, got {}", rule, show(*v)));
    return std::nullopt;
  }
  bool in_range = v->is_number_unsigned() ? v->get<uint64_t>() <= static_cast<uint64_t>(hi)
                                          : v->get<int64_t>() <= hi;
  in_range = in_range && v->get<int64_t>() >= lo;
  if (!in_range) {
    err.add(p, fmt::format("{} is out of range: must be {} ({}..{})", show(*v), rule, lo, hi));
    return std::nullopt;
  }
  return static_cast<uint32_t>(v->get<int64_t>());
}

template <class E, size_t N>
std::optional<E> get_enum(const json& obj, const char* key, const std::string& path,
                          const std::array<E, N>& values, const char* what, Errors& err) {
  auto s = get_string(obj, key, path, err);
  if (!s) return std::nullopt;
  for (E e : values)
    if (*s == name_of(e)) return e;
  err.add(join_key(path, key),
          fmt::format("unknown {} {}; expected one of {}", what, quote(*s),
                      join(values, [](E e) { return std::string(name_of(e)); })));
  return std::nullopt;
}

// The default of an enum-valued key, from the key table.
template <class E, size_t N>
E enum_default(KeyType object, const char* key, const std::array<E, N>& values) {
  const std::string text = default_string(object, key);
  for (E e : values)
    if (text == name_of(e)) return e;
  throw std::logic_error(fmt::format("default {} of {} is not one of its values", text, key));
}

// `functional_units` and `execute`.
void build_units(const json& j, PipelineConfig& c, bool structure_ok, Errors& err) {
  c.execute = get_enum(j, "execute", "", kExecuteModes, "execute mode", err)
                  .value_or(enum_default(KeyType::Root, "execute", kExecuteModes));
  const uint32_t exec_stages =
      structure_ok ? c.last_of(StageRole::Execute) - c.first_of(StageRole::Execute) + 1 : 1;
  if (structure_ok && c.execute == ExecuteMode::Parallel && exec_stages != 1)
    err.add("execute", fmt::format("\"parallel\" needs exactly one execute stage (the functional "
                                   "units take its place); this configuration has {}",
                                   exec_stages));
  const json* units = field(j, "functional_units");
  if (!units) {
    fill_default_units(c);
    return;
  }
  if (!units->is_array() || units->empty()) {
    err.add("functional_units",
            fmt::format("expected a non-empty list of functional units, got {}", show(*units)));
    return;
  }
  uint8_t covered = 0;
  for (size_t i = 0; i < units->size(); ++i) {
    const json& u = (*units)[i];
    const std::string p = join_index("functional_units", i);
    if (!u.is_object()) {
      err.add(p, fmt::format("expected {}, got {}", type_text(KeyType::Unit), show(u)));
      continue;
    }
    check_keys(u, KeyType::Unit, p, err);
    FunctionalUnit f;
    if (auto name = get_string(u, "name", p, err)) {
      f.name = *name;
      if (f.name.empty()) err.add(p + ".name", "empty; every functional unit needs a name");
      for (size_t k = 0; k < c.functional_units.size(); ++k)
        if (c.functional_units[k].name == f.name && !f.name.empty())
          err.add(p + ".name", fmt::format("duplicate unit name {} (also functional_units[{}])",
                                           quote(f.name), k));
    } else if (!u.contains("name")) {
      err.add(p + ".name", "missing; every functional unit needs a name");
    }
    const json* classes = field(u, "classes");
    if (!classes) {
      err.add(p + ".classes", "missing; a list of alu, mul, div, mem, branch");
    } else if (!classes->is_array() || classes->empty()) {
      err.add(p + ".classes", fmt::format("expected a non-empty list of alu, mul, div, mem, "
                                          "branch, got {}",
                                          show(*classes)));
    } else {
      for (size_t k = 0; k < classes->size(); ++k) {
        const json& cl = (*classes)[k];
        const std::string cp = join_index(p + ".classes", k);
        const auto it = std::find_if(kOpClasses.begin(), kOpClasses.end(), [&](OpClass o) {
          return cl.is_string() && cl.get<std::string>() == op_class_name(o);
        });
        if (it == kOpClasses.end()) {
          err.add(cp, fmt::format("unknown class {}; expected one of alu, mul, div, mem, branch",
                                  show(cl)));
          continue;
        }
        const auto bit = static_cast<uint8_t>(*it);
        if (covered & bit)
          err.add(cp, fmt::format("class {} is already executed by another unit; each class "
                                  "has exactly one unit (use count for several identical ones)",
                                  op_class_name(*it)));
        covered |= bit;
        f.classes |= bit;
      }
    }
    const std::string latency_rule =
        c.execute == ExecuteMode::Blocking && exec_stages > 1
            ? fmt::format("an integer >= {} (one cycle in each of the {} execute stages)",
                          exec_stages, exec_stages)
            : std::string("a positive integer");
    f.latency = get_int(u, "latency", p, exec_stages, kMaxUnitLatency, latency_rule.c_str(), err)
                    .value_or(exec_stages);
    f.pipelined = get_bool(u, "pipelined", p, err).value_or(default_bool(KeyType::Unit, "pipelined"));
    f.count = get_int(u, "count", p, 1, kMaxUnitCount, "a positive integer", err)
                  .value_or(default_int(KeyType::Unit, "count"));
    c.functional_units.push_back(std::move(f));
  }
  if (covered != kAllOpClasses) {
    std::string missing;
    for (OpClass o : kOpClasses)
      if (!(covered & static_cast<uint8_t>(o)))
        missing += std::string(missing.empty() ? "" : ", ") + op_class_name(o);
    err.add("functional_units",
            fmt::format("no unit executes {}; every class (alu, mul, div, mem, branch) needs one",
                        missing));
  }
  if (c.execute == ExecuteMode::Parallel && c.unit_lanes().size() > kMaxUnitLanes)
    err.add("functional_units",
            fmt::format("{} unit positions (a pipelined unit has one per cycle of latency, times "
                        "its count); at most {} are allowed in parallel mode",
                        c.unit_lanes().size(), kMaxUnitLanes));
}

CacheConfig build_cache(const json& m, const char* key, bool data, Errors& err) {
  CacheConfig k;
  const json* v = field(m, key);
  if (!v) return k;
  const std::string p = join_key("memory", key);
  if (!v->is_object()) {
    err.add(p, fmt::format("expected a cache object, got {}", show(*v)));
    return k;
  }
  check_keys(*v, KeyType::Cache, p, err);
  k.enabled = true;
  const char* pow2 = "a power of two";
  auto power_of_two = [&](const char* name, int64_t lo, int64_t hi, uint32_t fallback) {
    auto n = get_int(*v, name, p, lo, hi, pow2, err);
    if (!n) {
      if (!v->contains(name)) err.add(join_key(p, name), fmt::format("missing; {}", pow2));
      return fallback;
    }
    if ((*n & (*n - 1)) != 0) err.add(join_key(p, name), fmt::format("{} is not {}", *n, pow2));
    return *n;
  };
  k.size_bytes = power_of_two("size_bytes", 4, 1 << 24, 1024);
  k.line_bytes = power_of_two("line_bytes", 4, 4096, 16);
  k.ways = get_int(*v, "ways", p, 1, 64, "a positive integer", err)
               .value_or(default_int(KeyType::Cache, "ways"));
  if (static_cast<uint64_t>(k.line_bytes) * k.ways > k.size_bytes) {
    err.add(p, fmt::format("line_bytes {} x ways {} is larger than size_bytes {}", k.line_bytes,
                           k.ways, k.size_bytes));
  } else if (const uint32_t sets = k.size_bytes / (k.line_bytes * k.ways);
             (sets & (sets - 1)) != 0 || sets * k.line_bytes * k.ways != k.size_bytes) {
    err.add(p, fmt::format("size_bytes / (line_bytes x ways) = {} / ({} x {}) must be a whole "
                           "power of two (the number of sets)",
                           k.size_bytes, k.line_bytes, k.ways));
  }
  k.replacement =
      get_enum(*v, "replacement", p, kReplacements, "replacement", err).value_or(enum_default(KeyType::Cache, "replacement", kReplacements));
  k.write_policy = get_enum(*v, "write_policy", p, kWritePolicies, "write policy", err)
                       .value_or(enum_default(KeyType::Cache, "write_policy", kWritePolicies));
  if (!data && v->contains("write_policy"))
    err.add(join_key(p, "write_policy"), "an instruction cache is never written; remove it");
  k.hit_latency =
      get_int(*v, "hit_latency", p, 1, kMaxMemoryCycles, "a positive integer", err)
          .value_or(default_int(KeyType::Cache, "hit_latency"));
  k.miss_penalty =
      get_int(*v, "miss_penalty", p, 0, kMaxMemoryCycles, "a non-negative integer", err)
          .value_or(default_int(KeyType::Cache, "miss_penalty"));
  k.seed = get_int(*v, "seed", p, 0, 0xffffffffLL, "a non-negative integer", err)
               .value_or(default_int(KeyType::Cache, "seed"));
  return k;
}

// `memory`: latencies, the shared port and the caches.
void build_memory(const json& j, PipelineConfig& c, Errors& err) {
  const json* m = field(j, "memory");
  if (!m) m = &default_of(config_key(KeyType::Root, "memory"));
  if (!m->is_object()) {
    err.add("memory", fmt::format("expected an object, got {}", show(*m)));
    return;
  }
  check_keys(*m, KeyType::Memory, "memory", err);
  c.memory.instruction_latency =
      get_int(*m, "instruction_latency", "memory", 1, kMaxMemoryCycles, "a positive integer", err)
          .value_or(default_int(KeyType::Memory, "instruction_latency"));
  c.memory.data_latency =
      get_int(*m, "data_latency", "memory", 1, kMaxMemoryCycles, "a positive integer", err)
          .value_or(default_int(KeyType::Memory, "data_latency"));
  c.memory.unified_memory_port = get_bool(*m, "unified_memory_port", "memory", err)
                                     .value_or(default_bool(KeyType::Memory, "unified_memory_port"));
  c.memory.icache = build_cache(*m, "icache", false, err);
  c.memory.dcache = build_cache(*m, "dcache", true, err);
  // A slow data access would stall the memory stage while results leave the units at the
  // cycles they reserved at issue; pipesim does not model that combination.
  if (c.execute == ExecuteMode::Parallel && c.memory.data_latency != 1)
    err.add("memory.data_latency",
            "must be 1 with \"execute\": \"parallel\" (instructions leave "
            "the functional units at the cycle they reserved at issue)");
  if (c.execute == ExecuteMode::Parallel && c.memory.dcache.enabled)
    err.add("memory.dcache",
            "a data cache cannot be combined with \"execute\": \"parallel\" "
            "(a miss would stall the memory stage, where instructions leave the "
            "functional units at the cycle they reserved at issue)");
}

// Validates a fully resolved configuration (no `extends`), adding to the problems in `err`
// (from --set), and throws them all if there are any.
PipelineConfig build(const json& j, const std::string& origin, Errors& err) {
  PipelineConfig c;
  if (!j.is_object()) {
    err.add("", fmt::format("a configuration is a JSON object {{...}}, got {}", show(j)));
    throw_errors(origin, err);
  }
  check_keys(j, KeyType::Root, "", err);
  c.name = get_string(j, "name", "", err).value_or(stem_of(origin));
  c.description = get_string(j, "description", "", err)
                      .value_or(default_string(KeyType::Root, "description"));
  c.kind = get_enum(j, "kind", "", kKinds, "kind", err).value_or(enum_default(KeyType::Root, "kind", kKinds));

  // Stages. `structure_ok`: every stage has a unique name and known role, and the roles are in
  // order, so first_of/last_of are meaningful and the rules that use them can be checked.
  bool structure_ok = false;
  const json* stages = field(j, "stages");
  const std::string roles_rule =
      "roles must appear in the order fetch, decode, execute, memory, writeback, every role at "
      "least once and each role's stages consecutive";
  if (!stages) {
    err.add("stages", "missing; a configuration needs a list of stages (" + roles_rule + ")");
  } else if (!stages->is_array()) {
    err.add("stages", fmt::format("expected a list of stages, got {}", show(*stages)));
  } else if (stages->empty()) {
    err.add("stages", "empty; " + roles_rule);
  } else if (stages->size() > kMaxStages) {
    err.add("stages", fmt::format("{} stages; at most {} are allowed", stages->size(), kMaxStages));
  } else {
    bool all_ok = true;
    for (size_t i = 0; i < stages->size(); ++i) {
      const json& s = (*stages)[i];
      std::string p = join_index("stages", i);
      StageConfig sc;
      if (!s.is_object()) {
        err.add(p, fmt::format("expected a stage object {{\"name\", \"role\", \"latency_ps\"}}, "
                               "got {}",
                               show(s)));
        all_ok = false;
        c.stages.push_back(sc);
        continue;
      }
      check_keys(s, KeyType::Stage, p, err);
      auto name = get_string(s, "name", p, err);
      if (!name) {
        if (!s.contains("name")) err.add(p + ".name", "missing; every stage needs a name");
        all_ok = false;
      } else if (name->empty()) {
        err.add(p + ".name", "empty; every stage needs a name");
        all_ok = false;
      } else {
        for (size_t k = 0; k < c.stages.size(); ++k) {
          if (c.stages[k].name == *name) {
            err.add(p + ".name", fmt::format("duplicate stage name {} (also stages[{}]); stage "
                                             "names must be unique",
                                             quote(*name), k));
            all_ok = false;
          }
        }
        sc.name = *name;
      }
      auto role = get_enum(s, "role", p, kRoles, "role", err);
      if (!role) {
        if (!s.contains("role"))
          err.add(p + ".role", "missing; one of fetch, decode, execute, memory, writeback");
        all_ok = false;
      } else {
        sc.role = *role;
      }
      auto latency = get_int(s, "latency_ps", p, 1, kMaxLatencyPs, "a positive integer", err);
      if (latency) {
        sc.latency_ps = *latency;
      } else if (!s.contains("latency_ps")) {
        err.add(p + ".latency_ps", "missing; the stage's delay in picoseconds, > 0");
      }
      c.stages.push_back(sc);
    }
    if (all_ok) {
      structure_ok = true;
      for (size_t i = 1; i < c.stages.size(); ++i) {
        if (c.stages[i].role < c.stages[i - 1].role) {
          err.add(
              fmt::format("stages[{}].role", i),
              fmt::format("{} stage {} comes after {} stage {}; {}", role_name(c.stages[i].role),
                          quote(c.stages[i].name), role_name(c.stages[i - 1].role),
                          quote(c.stages[i - 1].name), roles_rule));
          structure_ok = false;
        }
      }
      for (StageRole r : kRoles) {
        if (c.first_of(r) == c.stages.size()) {
          err.add("stages", fmt::format("no {} stage; {}", role_name(r), roles_rule));
          structure_ok = false;
        }
      }
    }
  }
  const std::string stage_list =
      join(c.stages, [](const StageConfig& s) { return s.name.empty() ? "?" : s.name; });
  auto lookup = [&](const std::string& name, const std::string& p) -> std::optional<uint32_t> {
    for (size_t i = 0; i < c.stages.size(); ++i)
      if (c.stages[i].name == name) return static_cast<uint32_t>(i);
    if (!c.stages.empty())
      err.add(p, fmt::format("unknown stage {}; the stages are {}", quote(name), stage_list));
    return std::nullopt;
  };
  auto stage_text = [&](uint32_t i) { return c.stages[i].name; };

  c.latch_overhead_ps =
      get_int(j, "latch_overhead_ps", "", 0, kMaxLatencyPs, "a non-negative integer", err)
          .value_or(default_int(KeyType::Root, "latch_overhead_ps"));
  c.split_phase_regfile = get_bool(j, "split_phase_regfile", "", err)
                              .value_or(default_bool(KeyType::Root, "split_phase_regfile"));
  c.hazard_detection = get_bool(j, "hazard_detection", "", err)
                           .value_or(default_bool(KeyType::Root, "hazard_detection"));
  c.skip_unused_stages = get_bool(j, "skip_unused_stages", "", err)
                             .value_or(default_bool(KeyType::Root, "skip_unused_stages"));

  // Branches.
  const uint32_t last_decode = c.last_of(StageRole::Decode);
  const uint32_t first_exec = c.first_of(StageRole::Execute);
  const uint32_t first_mem = c.first_of(StageRole::Memory);
  json branches = default_of(config_key(KeyType::Root, "branches"));
  if (const json* b = field(j, "branches")) {
    if (b->is_object())
      branches = *b;
    else
      err.add("branches", fmt::format("expected an object, got {}", show(*b)));
  }
  check_keys(branches, KeyType::Branches, "branches", err);
  auto policy = get_enum(branches, "policy", "branches", kPolicies, "policy", err);
  c.branches.policy = policy.value_or(enum_default(KeyType::Branches, "policy", kPolicies));
  auto branch_stage = [&](const char* key, uint32_t fallback, const char* what) -> uint32_t {
    auto name = get_string(branches, key, "branches", err);
    if (!name) return fallback;
    std::string p = join_key("branches", key);
    auto idx = lookup(*name, p);
    if (!idx || !structure_ok) return fallback;
    const std::string range_rule = fmt::format(
        "{} must be resolved between the last decode stage {} and the first memory stage {}", what,
        quote(stage_text(last_decode)), quote(stage_text(first_mem)));
    if (*idx < last_decode)
      err.add(p, fmt::format("{} is before the last decode stage, where registers are read; {}",
                             quote(*name), range_rule));
    else if (*idx > first_mem)
      err.add(p, fmt::format("{} is after the first memory stage; {} (a younger store must "
                             "never reach memory before an older branch resolves)",
                             quote(*name), range_rule));
    return *idx;
  };
  c.branches.resolve_stage = branch_stage("resolve", first_exec, "conditional branches");
  c.branches.jal_stage = branch_stage("jal", last_decode, "jal");
  c.branches.jalr_stage = branch_stage("jalr", first_exec, "jalr");

  const bool predictor = policy && is_predictor(*policy);
  const char* table_rule = "a power of two between 1 and 65536";
  auto table = [&](const char* key) -> uint32_t {
    if (!predictor) {
      // Only a dynamic predictor has tables: the value is checked for type and ignored.
      get_int(branches, key, "branches", 0, kMaxTableEntries, "a non-negative integer", err);
      return 0;
    }
    auto n = get_int(branches, key, "branches", 1, kMaxTableEntries, table_rule, err);
    if (!n) return default_int(KeyType::Branches, key);
    if ((*n & (*n - 1)) != 0) {
      err.add(join_key("branches", key), fmt::format("{} is not {} (the tables are indexed by "
                                                     "pc bits)",
                                                     *n, table_rule));
    }
    return *n;
  };
  c.branches.bht_entries = table("bht_entries");
  c.branches.btb_entries = table("btb_entries");
  if (predictor) {
    const bool two_bit = *policy == BranchPolicy::TwoBit;
    const int64_t max = two_bit ? 3 : 1;
    auto init = get_int(branches, "bht_initial", "branches", 0, max,
                        two_bit ? "a 2-bit counter value" : "a 1-bit counter value", err);
    c.branches.bht_initial = init.value_or(two_bit ? 1 : 0);
  } else {
    get_int(branches, "bht_initial", "branches", 0, 3, "a non-negative integer", err);
    c.branches.bht_initial = 0;
  }

  // Forwarding (after branches: "full" depends on where branches resolve).
  const json* fwd = field(j, "forwarding");
  if (!fwd) fwd = &default_of(config_key(KeyType::Root, "forwarding"));
  bool full = false;
  if (fwd && fwd->is_string()) {
    std::string s = fwd->get<std::string>();
    if (s == "full") {
      full = true;
    } else if (s != "none") {
      err.add("forwarding", fmt::format("unknown value {}; expected \"full\", \"none\" or a list "
                                        "of {{\"from\": stage, \"to\": stage}} paths",
                                        quote(s)));
    }
  } else if (fwd && fwd->is_array()) {
    for (size_t i = 0; i < fwd->size(); ++i) {
      const json& e = (*fwd)[i];
      std::string p = join_index("forwarding", i);
      if (!e.is_object()) {
        err.add(p,
                fmt::format("expected a path {{\"from\": stage, \"to\": stage}}, got {}", show(e)));
        continue;
      }
      check_keys(e, KeyType::Path, p, err);
      std::optional<uint32_t> from, to;
      for (const char* key : {"from", "to"}) {
        auto name = get_string(e, key, p, err);
        if (!name) {
          if (!e.contains(key)) err.add(join_key(p, key), "missing; a stage name");
          continue;
        }
        (std::string(key) == "from" ? from : to) = lookup(*name, join_key(p, key));
      }
      if (!structure_ok) continue;
      bool ok = true;
      if (from && *from < first_exec) {
        err.add(p + ".from", fmt::format("{} is before the first execute stage {}; values are "
                                         "forwarded from an execute, memory or writeback stage",
                                         quote(stage_text(*from)), quote(stage_text(first_exec))));
        ok = false;
      } else if (from && *from + 1 == c.stages.size()) {
        err.add(p + ".from", fmt::format("{} is the last stage; its result reaches decode through "
                                         "the register file, not a forwarding path",
                                         quote(stage_text(*from))));
        ok = false;
      }
      if (to && *to != first_exec && *to != last_decode) {
        err.add(p + ".to", fmt::format("{} is neither the first execute stage {} nor the last "
                                       "decode stage {}; forwarding paths lead into one of those",
                                       quote(stage_text(*to)), quote(stage_text(first_exec)),
                                       quote(stage_text(last_decode))));
        ok = false;
      }
      if (!ok || !from || !to) continue;
      ForwardPath path{*from, *to};
      auto dup = std::find(c.forwarding.begin(), c.forwarding.end(), path);
      if (dup != c.forwarding.end()) {
        err.add(p, fmt::format("duplicate path {} -> {}", stage_text(*from), stage_text(*to)));
        continue;
      }
      c.forwarding.push_back(path);
    }
  } else if (fwd) {
    err.add("forwarding", fmt::format("expected \"full\", \"none\" or a list of {{\"from\": "
                                      "stage, \"to\": stage}} paths, got {}",
                                      show(*fwd)));
  }
  if (full && structure_ok) {
    // From every stage from the first execute stage up to (not including) the last, into the
    // first execute stage, and into the last decode stage if a branch or jalr reads registers
    // there.
    const uint32_t last = static_cast<uint32_t>(c.stages.size() - 1);
    for (uint32_t s = first_exec; s < last; ++s) c.forwarding.push_back({s, first_exec});
    const bool decode_reads = c.stages[c.branches.resolve_stage].role == StageRole::Decode ||
                              c.stages[c.branches.jalr_stage].role == StageRole::Decode;
    if (decode_reads)
      for (uint32_t s = first_exec; s < last; ++s) c.forwarding.push_back({s, last_decode});
  }

  // End stage.
  c.end_stage = structure_ok ? static_cast<uint32_t>(c.stages.size() - 1) : 0;
  if (auto name = get_string(j, "end_stage", "", err)) {
    if (auto idx = lookup(*name, "end_stage")) {
      StageRole r = c.stages[*idx].role;
      if (structure_ok && r != StageRole::Memory && r != StageRole::Writeback)
        err.add("end_stage",
                fmt::format("{} is {} {} stage; the run ends when the halting "
                            "instruction is in a memory or writeback stage",
                            quote(*name), r == StageRole::Execute ? "an" : "a", role_name(r)));
      c.end_stage = *idx;
    }
  }

  build_units(j, c, structure_ok, err);
  build_memory(j, c, err);

  if (!err.empty()) throw_errors(origin, err);
  return c;
}

}  // namespace

PipelineConfig load_config(const std::string& name_or_path, const std::vector<std::string>& sets) {
  Source src;
  if (const EmbeddedPreset* p = looks_like_path(name_or_path) ? nullptr : find_preset(name_or_path))
    src = load_preset(*p);
  else if (looks_like_path(name_or_path) || std::filesystem::exists(name_or_path))
    src = load_file(name_or_path);
  else
    throw Error(fmt::format("unknown configuration '{}': not a preset ({}) and no such file",
                            name_or_path, preset_names()));
  std::vector<ChainLink> chain{{src.identity, src.origin}};
  json j = resolve_extends(src.value, src.origin, chain);
  Errors err;
  for (const std::string& s : sets) apply_set(j, s, err);
  return build(j, src.origin, err);
}

std::vector<std::string> config_files(const std::string& name_or_path) {
  std::vector<std::string> files;
  if (!names_a_file(name_or_path)) return files;
  std::vector<std::string> seen;  // identities, for a loop
  std::string path = name_or_path;
  // The loader's depth limit: the named file and at most kMaxExtendsDepth - 1 bases.
  while (files.size() < static_cast<std::size_t>(kMaxExtendsDepth)) {
    // Only a regular file: reading a FIFO here would take the bytes meant for the loader.
    struct stat st;
    if (::stat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) break;
    const std::string identity = file_identity(path);
    if (std::find(seen.begin(), seen.end(), identity) != seen.end()) break;
    seen.push_back(identity);
    files.push_back(path);
    json j;
    try {
      j = load_file(path).value;
    } catch (const Error&) {
      break;  // loading the configuration reports it
    }
    if (!j.is_object() || !j.contains("extends") || !j["extends"].is_string()) break;
    const std::string target = j["extends"].get<std::string>();
    if (!looks_like_path(target)) break;  // a preset (or an unknown name: an error later)
    path = extends_path(target, path).string();
  }
  return files;
}

PipelineConfig config_from_json(const nlohmann::json& j, const std::string& origin) {
  std::vector<ChainLink> chain{{identity_of(origin), origin}};
  json resolved = resolve_extends(j, origin, chain);
  Errors err;
  return build(resolved, origin, err);
}

nlohmann::ordered_json config_to_json(const PipelineConfig& c) {
  using ojson = nlohmann::ordered_json;
  auto stage = [&](uint32_t i) { return i < c.stages.size() ? c.stages[i].name : std::string(); };
  ojson j;
  j["name"] = c.name;
  j["description"] = c.description;
  j["kind"] = kind_name(c.kind);
  j["stages"] = ojson::array();
  for (const StageConfig& s : c.stages)
    j["stages"].push_back(
        {{"name", s.name}, {"role", role_name(s.role)}, {"latency_ps", s.latency_ps}});
  j["latch_overhead_ps"] = c.latch_overhead_ps;
  j["forwarding"] = ojson::array();
  for (const ForwardPath& p : c.forwarding)
    j["forwarding"].push_back({{"from", stage(p.from)}, {"to", stage(p.to)}});
  j["split_phase_regfile"] = c.split_phase_regfile;
  j["hazard_detection"] = c.hazard_detection;
  j["branches"] = {
      {"policy", policy_name(c.branches.policy)}, {"resolve", stage(c.branches.resolve_stage)},
      {"jal", stage(c.branches.jal_stage)},       {"jalr", stage(c.branches.jalr_stage)},
      {"bht_entries", c.branches.bht_entries},    {"btb_entries", c.branches.btb_entries},
      {"bht_initial", c.branches.bht_initial},
  };
  j["end_stage"] = stage(c.end_stage);
  j["skip_unused_stages"] = c.skip_unused_stages;
  j["execute"] = execute_mode_name(c.execute);
  j["functional_units"] = ojson::array();
  for (const FunctionalUnit& f : c.functional_units) {
    ojson classes = ojson::array();
    for (OpClass o : kOpClasses)
      if (f.classes & static_cast<uint8_t>(o)) classes.push_back(op_class_name(o));
    j["functional_units"].push_back({{"name", f.name},
                                     {"classes", classes},
                                     {"latency", f.latency},
                                     {"pipelined", f.pipelined},
                                     {"count", f.count}});
  }
  ojson mem = {{"instruction_latency", c.memory.instruction_latency},
               {"data_latency", c.memory.data_latency},
               {"unified_memory_port", c.memory.unified_memory_port}};
  for (const auto& [key, k] :
       {std::pair<const char*, const CacheConfig&>{"icache", c.memory.icache},
        {"dcache", c.memory.dcache}}) {
    if (!k.enabled) continue;
    ojson o = {{"size_bytes", k.size_bytes},
               {"line_bytes", k.line_bytes},
               {"ways", k.ways},
               {"replacement", replacement_name(k.replacement)}};
    if (std::string(key) == "dcache") o["write_policy"] = write_policy_name(k.write_policy);
    o["hit_latency"] = k.hit_latency;
    o["miss_penalty"] = k.miss_penalty;
    o["seed"] = k.seed;
    mem[key] = o;
  }
  j["memory"] = mem;
  return j;
}

std::vector<PresetInfo> list_presets() {
  std::vector<PresetInfo> out;
  for (const EmbeddedPreset* p : presets_in_teaching_order()) {
    json j = parse_text(p->text, fmt::format("configs/{}.json (built in)", p->name));
    std::string description;
    if (j.is_object() && j.contains("description") && j["description"].is_string())
      description = j["description"].get<std::string>();
    out.push_back({p->name, description});
  }
  return out;
}

}  // namespace pipesim
