// Where a configuration comes from: the embedded presets (configs/*.json), JSON files, the
// `extends` chain that merges one into another, and the --set overrides (config_set.cpp) applied
// before validation (config_validate.cpp). The entry points of config_load.hpp.
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>

#include "isa/error.hpp"
#include "sim/config/config_describe.hpp"
#include "sim/config/config_fields.hpp"
#include "sim/config/config_load.hpp"
#include "sim/config/config_presets.hpp"
#include "sim/config/config_set.hpp"
#include "sim/config/config_validate.hpp"
#include "sim/json/json_source.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim {

namespace {

using namespace config_detail;

constexpr int kMaxExtendsDepth = 16;

// Whether a --config or `extends` value is a file path rather than a preset name.
bool looks_like_path(const std::string& s) {
  return s.find('/') != std::string::npos ||
         (s.size() > 5 && s.compare(s.size() - 5, 5, ".json") == 0);
}

const EmbeddedPreset* find_preset(const std::string& name) {
  for (const EmbeddedPreset& p : embedded_presets())
    if (name == p.name) return &p;
  return nullptr;
}

// Teaching order for `pipesim configs`; presets not named here follow, alphabetically.
constexpr const char* kTeachingOrder[] = {
    "single-cycle",
    "multi-cycle",
    "5-stage-no-interlocks",
    "5-stage-no-forwarding",
    "5-stage",
    "5-stage-branch-in-id",
    "5-stage-2bit",
    "7-stage",
    "5-stage-mul-div",
    "5-stage-parallel-fu",
    "5-stage-two-dividers",
    "5-stage-unified-memory",
    "5-stage-cache",
    "2-wide",
    "2-wide-any",
    "qtrvsim-single",
    "qtrvsim-stall",
    "qtrvsim",
    "ripes-single-cycle",
    "ripes-multi-cycle",
    "ripes-5s-no-fw-hz",
    "ripes-5s-no-fw",
    "ripes-5s-no-hz",
    "ripes-5s",
    "ripes-6s-dual",
};

std::vector<const EmbeddedPreset*> presets_in_teaching_order() {
  std::vector<const EmbeddedPreset*> order;
  for (const char* name : kTeachingOrder)
    if (const EmbeddedPreset* p = find_preset(name)) order.push_back(p);
  for (const EmbeddedPreset& p : embedded_presets())  // sorted by name
    if (std::find(order.begin(), order.end(), &p) == order.end()) order.push_back(&p);
  return order;
}

std::string preset_names() {
  return join(presets_in_teaching_order(),
              [](const EmbeddedPreset* p) { return std::string(p->name); });
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

// Whether --set changed anything but the name and the description.
bool changes_machine(json before, json after) {
  for (json* j : {&before, &after})
    if (j->is_object()) {
      j->erase("name");
      j->erase("description");
    }
  return before != after;
}

}  // namespace

namespace {

// A loaded source with its `extends` resolved, the --set overrides applied, validated.
PipelineConfig config_from_source(const Source& src, const std::vector<std::string>& sets) {
  std::vector<ChainLink> chain{{src.identity, src.origin}};
  json j = resolve_extends(src.value, src.origin, chain);
  const json before_sets = j;
  Errors err;
  for (const std::string& s : sets) apply_set(j, s, err);
  PipelineConfig c = validate_config(j, src.origin, err);
  // The hand-written description is of the machine before --set ("predict not-taken" after
  // --set branches.policy=2-bit): as with `extends`, a changed machine does not inherit it, and
  // is described from its fields instead, unless a --set gave it a description of its own. The
  // words depend on the machine, not on how the --set spelled it: equal machines, equal configs.
  if (changes_machine(before_sets, j) &&
      j.value("description", json()) == before_sets.value("description", json()))
    c.description = fmt::format("{} changed by --set: {}", c.name, describe_machine(c));
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
  return config_from_source(src, sets);
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

PipelineConfig config_from_json(const nlohmann::json& j, const std::string& origin,
                                const std::vector<std::string>& sets) {
  return config_from_source({j, origin, identity_of(origin)}, sets);
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
