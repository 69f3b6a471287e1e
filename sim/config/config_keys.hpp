// The configuration schema as one table: every key a configuration may hold, where it lives, the
// type of its value, its default and one line saying what it is for. The loader's unknown-key
// checks, its --set path walk and its defaults all read this table; docs/config.md documents the
// same keys (tests/unit/config_keys_test.cpp checks that the two agree).
//
// Adding a key: a row here (config_keys.cpp), a field in config.hpp, its validation in
// config_validate*.cpp, its output in config_json.cpp, a row in docs/config.md, and a perturbed
// value in tests/differential/engine_perturbation_test.cpp.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pipesim {

// The type of a key's value. The object types (Root, Stage, Path, Branches, Unit, Memory, Cache)
// are also the places keys live in.
enum class KeyType : uint8_t {
  String,
  Integer,
  Bool,
  Stages,      // list of stage objects
  Stage,       // {name, role, latency_ps}
  Forwarding,  // "full", "none" or a list of path objects
  Path,        // {from, to, from_lanes, to_lanes}
  Lanes,       // list of lane numbers (issue slots)
  Branches,    // the branches object
  Units,       // list of functional-unit objects
  Unit,        // {name, classes, latency, pipelined, count}
  Classes,     // list of class names
  Memory,      // the memory object
  Cache,       // {size_bytes, line_bytes, ways, ...}
  Issue,       // the issue object (superscalar pairing rules)
  Slots,       // list of issue slots, each a list of class names
  Ecall,       // the ecall object
  ClassPaths,  // class_stages: {class name: list of stage names}
  Root,        // the configuration itself (never a key's type)
};

// Where a key's default comes from when the key is absent.
enum class KeyDefault : uint8_t {
  Value,     // ConfigKey::default_value, as JSON text
  Derived,   // computed from other keys; ConfigKey::default_value says how, in words
  Required,  // no default: a missing key is an error
  None,      // nothing (only `extends`: no base)
};

struct ConfigKey {
  KeyType object;  // the object the key belongs to
  const char* name;
  KeyType type;
  KeyDefault has_default;
  const char* default_value;  // Value: JSON text ("64", "true", "\"lru\""); Derived: the rule
  const char* doc;            // one line
};

// Every key, grouped by the object it belongs to; within an object in the order the loader's
// messages list them ("allowed here: ...").
std::span<const ConfigKey> config_keys();

// The keys of one object type (empty for a type that is not an object).
std::span<const ConfigKey> keys_of(KeyType object);

// The row of `name` in `object`; throws std::logic_error if there is none (a programming error).
const ConfigKey& config_key(KeyType object, const char* name);

// The JSON paths an object type occurs at, with "[]" for any list element: "" (Root),
// "stages[]", "forwarding[]", "branches", "functional_units[]", "memory", and the two caches
// "memory.icache" and "memory.dcache".
std::vector<std::string> object_paths(KeyType object);

// The full JSON path of every key, one per place it occurs ("branches.policy",
// "functional_units[].latency", "memory.icache.size_bytes", "memory.dcache.size_bytes").
struct KeyPath {
  std::string path;
  const ConfigKey* key;
};
std::vector<KeyPath> config_key_paths();

// The default of a key whose has_default is Value, parsed.
const nlohmann::json& default_of(const ConfigKey& key);
uint32_t default_int(KeyType object, const char* name);
bool default_bool(KeyType object, const char* name);
std::string default_string(KeyType object, const char* name);

// A value of type `t` as messages describe it ("an integer", "a list of stages").
const char* type_text(KeyType t);

}  // namespace pipesim
