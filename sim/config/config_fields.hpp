// Internal to the configuration loader (config_*.cpp): the list of problems found so far, and
// readers of typed JSON fields that add a problem, named by its JSON path, instead of throwing.
// Every problem is collected so that a configuration's mistakes are reported at once.
#pragma once

#include <fmt/format.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/config/config.hpp"
#include "sim/config/config_keys.hpp"

namespace pipesim::config_detail {

using json = nlohmann::json;

// The ranges validation enforces.
inline constexpr int64_t kMaxLatencyPs = 1'000'000;  // 1 µs per stage: sums stay within 32 bits
inline constexpr int64_t kMaxTableEntries = 65536;
inline constexpr int64_t kMaxUnitLatency = 1000;
inline constexpr int64_t kMaxUnitCount = 8;
inline constexpr int64_t kMaxMemoryCycles = 100000;

// Every value of each enum, in the order messages list them.
inline constexpr std::array kRoles = {StageRole::Fetch, StageRole::Decode, StageRole::Execute,
                                      StageRole::Memory, StageRole::Writeback};
inline constexpr std::array kPolicies = {BranchPolicy::Stall,  BranchPolicy::NotTaken,
                                         BranchPolicy::Taken,  BranchPolicy::Btfn,
                                         BranchPolicy::OneBit, BranchPolicy::TwoBit};
inline constexpr std::array kKinds = {MachineKind::Pipelined, MachineKind::SingleCycle,
                                      MachineKind::MultiCycle};
inline constexpr std::array kExecuteModes = {ExecuteMode::Blocking, ExecuteMode::Parallel};
inline constexpr std::array kReplacements = {Replacement::Lru, Replacement::Fifo,
                                             Replacement::Random};
inline constexpr std::array kWritePolicies = {WritePolicy::WriteBack, WritePolicy::WriteThrough};
inline constexpr std::array kMisalignedModes = {Misaligned::Fault, Misaligned::Allow};
inline constexpr std::array kAlignments = {PacketAlignment::Any, PacketAlignment::Aligned,
                                           PacketAlignment::Packet};
inline constexpr std::array kProgramEnds = {ProgramEnd::Fault, ProgramEnd::Drain};
inline constexpr std::array kForwardedOperands = {ForwardedOperands::All, ForwardedOperands::Alu};
inline constexpr std::array kOpClasses = {OpClass::Alu, OpClass::Mul, OpClass::Div, OpClass::Mem,
                                          OpClass::Branch};

// An enum value as JSON spells it.
inline const char* name_of(StageRole r) {
  return role_name(r);
}
inline const char* name_of(BranchPolicy p) {
  return policy_name(p);
}
inline const char* name_of(MachineKind k) {
  return kind_name(k);
}
inline const char* name_of(ExecuteMode m) {
  return execute_mode_name(m);
}
inline const char* name_of(ProgramEnd e) {
  return program_end_name(e);
}
inline const char* name_of(ForwardedOperands f) {
  return forwarded_operands_name(f);
}
inline const char* name_of(PacketAlignment a) {
  return alignment_name(a);
}
inline const char* name_of(Misaligned m) {
  return misaligned_name(m);
}
inline const char* name_of(Replacement r) {
  return replacement_name(r);
}
inline const char* name_of(WritePolicy w) {
  return write_policy_name(w);
}

inline bool is_predictor(BranchPolicy p) {
  return p == BranchPolicy::OneBit || p == BranchPolicy::TwoBit;
}

// ---- Text of messages -------------------------------------------------------------------------

// A JSON value as it appears in messages, shortened if long.
std::string show(const json& v);
// A string as messages quote it; bytes that are not UTF-8 (a --set value may be anything) are
// replaced, and a long string is shown by its beginning.
std::string quote(const std::string& s);
std::string join_key(const std::string& path, const std::string& key);  // "a.b"
std::string join_index(const std::string& path, size_t i);              // "a[3]"

template <class Range, class F>
std::string join(const Range& r, F text, const char* sep = ", ") {
  std::string out;
  for (const auto& x : r) {
    if (!out.empty()) out += sep;
    out += text(x);
  }
  return out;
}

// " (did you mean "x"?)" when one of `keys` is close to the unknown key, else "".
std::string suggestion(const std::string& unknown, std::span<const ConfigKey> keys);

// ---- Problems ---------------------------------------------------------------------------------

// The problems found so far, each "json.path: what is wrong".
struct Errors {
  std::vector<std::string> list;
  void add(const std::string& path, const std::string& message) {
    list.push_back(path.empty() ? message : path + ": " + message);
  }
  bool empty() const { return list.empty(); }
};

// Throws every problem in one pipesim::Error naming the configuration.
[[noreturn]] void throw_errors(const std::string& origin, const Errors& err);

// ---- Reading fields ---------------------------------------------------------------------------

// Reports every key of `obj` (an object of type `object` at `path`) the key table does not list.
void check_keys(const json& obj, KeyType object, const std::string& path, Errors& err);

// The value of `key` in `obj`, or nullptr.
const json* field(const json& obj, const char* key);

// Each reader returns nullopt if the key is absent, or (after adding a problem) if its value is
// of the wrong type or out of range.
std::optional<std::string> get_string(const json& obj, const char* key, const std::string& path,
                                      Errors& err);
std::optional<bool> get_bool(const json& obj, const char* key, const std::string& path,
                             Errors& err);
// An integer in [lo, hi]; `rule` describes the range in messages ("a positive integer").
std::optional<uint32_t> get_int(const json& obj, const char* key, const std::string& path,
                                int64_t lo, int64_t hi, const char* rule, Errors& err);

// A string naming one of `values`; `what` names the kind of value in messages ("policy").
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

}  // namespace pipesim::config_detail
