// --set PATH=VALUE: the path is walked through the key table (config_keys.hpp) and the JSON
// together, the value parsed as JSON if it is JSON and checked against the key's type.
#include "sim/config/config_set.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

#include "sim/json/json_source.hpp"
#include "sim/json/json_text.hpp"

namespace pipesim::config_detail {

namespace {

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

// Where a --set path leads in a configuration: the JSON node (created if absent), the path as
// messages spell it and the type the key table gives it.
struct SetTarget {
  json* node = nullptr;
  std::string path;
  KeyType type = KeyType::Root;
};

// Walks the key table and `copy` together along `segments`; nullopt after a problem.
std::optional<SetTarget> set_target(json& copy, const std::vector<Segment>& segments,
                                    const std::string& where, Errors& err) {
  std::span<const ConfigKey> keys = keys_of(KeyType::Root);
  bool in_list = false;  // the current value is a list of `element`s
  KeyType element = KeyType::Stage;
  SetTarget t{&copy, "", KeyType::Root};
  for (const Segment& seg : segments) {
    if (seg.key.empty()) {
      if (!in_list) {
        err.add(where, fmt::format("{} is not a list", t.path));
        return std::nullopt;
      }
      if (!t.node->is_array()) {
        err.add(where, fmt::format("{} is {}, not a list; set the whole value instead", t.path,
                                   show(*t.node)));
        return std::nullopt;
      }
      if (seg.index >= t.node->size()) {
        err.add(where, fmt::format("{} has no element [{}] (it has {})", t.path, seg.index,
                                   t.node->size()));
        return std::nullopt;
      }
      t.path = join_index(t.path, seg.index);
      t.node = &(*t.node)[seg.index];
      t.type = element;
      keys = keys_of(t.type);
      in_list = false;
      continue;
    }
    auto k = std::find_if(keys.begin(), keys.end(),
                          [&](const ConfigKey& key) { return seg.key == key.name; });
    std::string full = join_key(t.path, seg.key);
    if (k == keys.end() || in_list) {
      if (in_list || keys.empty())
        err.add(where, fmt::format("{} has no key {}", t.path, quote(seg.key)));
      else
        err.add(where, fmt::format("unknown key {}{}", quote(full), suggestion(seg.key, keys)));
      return std::nullopt;
    }
    if (full == "extends") {
      err.add(where, "extends cannot be set with --set (it is resolved before --set applies)");
      return std::nullopt;
    }
    if (!t.node->is_object()) *t.node = json::object();
    t.path = full;
    t.node = &(*t.node)[seg.key];
    t.type = k->type;
    keys = keys_of(t.type);
    in_list = t.type == KeyType::Stages || t.type == KeyType::Forwarding ||
              t.type == KeyType::Units || t.type == KeyType::Classes || t.type == KeyType::Slots ||
              t.type == KeyType::Lanes;
    element = t.type == KeyType::Stages    ? KeyType::Stage
              : t.type == KeyType::Units   ? KeyType::Unit
              : t.type == KeyType::Classes ? KeyType::String
              : t.type == KeyType::Slots   ? KeyType::Classes
              : t.type == KeyType::Lanes   ? KeyType::Integer
                                           : KeyType::Path;
  }
  return t;
}

// Whether `value` fits a key of `type`; a string key takes the text itself whatever it parses
// as (name=123 names the machine "123").
bool fits_type(json& value, KeyType type, const std::string& text) {
  switch (type) {
    case KeyType::String:
      if (!value.is_string()) value = text;
      return true;
    case KeyType::Integer:
      return value.is_number_integer();
    case KeyType::Bool:
      return value.is_boolean();
    case KeyType::Stages:
    case KeyType::Units:
    case KeyType::Classes:
    case KeyType::Slots:
    case KeyType::Lanes:
      return value.is_array();
    case KeyType::Forwarding:
      return value.is_string() || value.is_array();
    case KeyType::Stage:
    case KeyType::Path:
    case KeyType::Branches:
    case KeyType::Unit:
    case KeyType::Memory:
    case KeyType::Cache:
    case KeyType::Issue:
    case KeyType::Ecall:
    case KeyType::ClassPaths:
    case KeyType::Root:
      return value.is_object();
  }
  return false;
}

}  // namespace

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
  // The copy replaces `j` only on success.
  json copy = j.is_object() ? j : json::object();
  const std::optional<SetTarget> target = set_target(copy, *segments, where, err);
  if (!target) return;

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
  if (!fits_type(value, target->type, text)) {
    err.add(where, fmt::format("{} expects {}, got {}", target->path, type_text(target->type),
                               show(value)));
    return;
  }
  *target->node = value;
  j = std::move(copy);
}

}  // namespace pipesim::config_detail
