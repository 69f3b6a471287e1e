// "Did you mean" hints for a mistyped name (mnemonic, directive, register, label): the closest
// known name, when it is close enough that the hint is more likely right than noise.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace pipesim::assembler {

// The names of `known` closest to `word` by Damerau-Levenshtein distance (adjacent swaps count
// one), or none when none is close: at most 1 edit for names of up to 4 characters, 2 for
// longer ones, never for a 1-character name (every short name is close to it) nor one longer
// than 64 characters (a pasted blob is no typo; it also bounds the work). Equally close names
// come shortest first ("addd": add, addi), at most kMaxSuggestions of them.
inline constexpr std::size_t kMaxSuggestions = 3;
std::vector<std::string_view> closest_names(std::string_view word,
                                            const std::vector<std::string_view>& known);

// "; did you mean 'x'?" ("'x' or 'y'", "'x', 'y' or 'z'") for the closest names, or "" (ready to
// append to a message).
std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& known);

// What RV32 offers in place of a register name that looks like one but is not ("t9", "x32",
// "a8", "s12"): "; RV32 has t0-t6" ("x01": "; write 'x1' (no leading zeros)"), or "" when the
// name is not of such a family.
std::string register_family_hint(std::string_view name);

}  // namespace pipesim::assembler
