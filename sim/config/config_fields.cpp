// The loader's field readers and problem list (config_fields.hpp).
#include "sim/config/config_fields.hpp"

#include <algorithm>
#include <string_view>

#include "isa/error.hpp"
#include "sim/config/config_load.hpp"
#include "sim/json/json_source.hpp"
#include "sim/json/json_text.hpp"

namespace pipesim::config_detail {

namespace {

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

}  // namespace

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

[[noreturn]] void throw_errors(const std::string& origin, const Errors& err) {
  std::string msg =
      err.list.size() == 1
          ? fmt::format("invalid configuration '{}': {}", origin, err.list.front())
          : fmt::format("invalid configuration '{}' ({} problems):", origin, err.list.size());
  if (err.list.size() > 1)
    for (const std::string& e : err.list) msg += "\n  " + e;
  throw ConfigError(msg, origin, err.list);
}

// Reports every key of `obj` (an object at `path`) that is not in `keys`.
void check_keys(const json& obj, KeyType object, const std::string& path, Errors& err) {
  const std::span<const ConfigKey> keys = keys_of(object);
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    bool known = std::any_of(keys.begin(), keys.end(),
                             [&](const ConfigKey& k) { return it.key() == k.name; });
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

}  // namespace pipesim::config_detail
