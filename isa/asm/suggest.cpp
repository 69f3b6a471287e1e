// Edit distance over short names; see suggest.hpp for when a hint is given.
#include "isa/asm/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace pipesim::assembler {
namespace {

// Longer words are not looked at: no typo is that long, and the distance costs |a|*|b|.
constexpr std::size_t kMaxSuggestedLength = 64;

char lower(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}

// Optimal-string-alignment distance (Damerau-Levenshtein without re-editing a swapped pair),
// case-insensitive so that "ADDD" still finds "add".
std::size_t distance(std::string_view a, std::string_view b) {
  const std::size_t n = a.size(), m = b.size();
  std::vector<std::size_t> prev2(m + 1), prev(m + 1), cur(m + 1);
  for (std::size_t j = 0; j <= m; ++j) prev[j] = j;
  for (std::size_t i = 1; i <= n; ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= m; ++j) {
      const std::size_t cost = lower(a[i - 1]) == lower(b[j - 1]) ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && lower(a[i - 1]) == lower(b[j - 2]) &&
          lower(a[i - 2]) == lower(b[j - 1]))
        cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2.swap(prev);
    prev.swap(cur);
  }
  return prev[m];
}

}  // namespace

std::vector<std::string_view> closest_names(std::string_view word,
                                            const std::vector<std::string_view>& known) {
  std::vector<std::string_view> best;
  if (word.size() < 2 || word.size() > kMaxSuggestedLength) return best;
  const std::size_t limit = word.size() <= 4 ? 1 : 2;
  std::size_t best_distance = limit + 1;
  for (std::string_view k : known) {
    if (k.size() < 2 || k.size() > word.size() + limit || k.size() + limit < word.size()) continue;
    const std::size_t d = distance(word, k);
    if (d > limit) continue;
    if (d < best_distance) best.clear(), best_distance = d;
    if (d == best_distance && std::find(best.begin(), best.end(), k) == best.end())
      best.push_back(k);
  }
  std::stable_sort(best.begin(), best.end(),
                   [](std::string_view a, std::string_view b) { return a.size() < b.size(); });
  if (best.size() > kMaxSuggestions) best.resize(kMaxSuggestions);
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string_view>& known) {
  const std::vector<std::string_view> best = closest_names(word, known);
  if (best.empty()) return "";
  std::string list;
  for (std::size_t i = 0; i < best.size(); ++i)
    list += fmt::format("{}'{}'", i == 0 ? "" : i + 1 == best.size() ? " or " : ", ", best[i]);
  return fmt::format("; did you mean {}?", list);
}

std::string register_family_hint(std::string_view name) {
  struct Family {
    std::string_view prefix;
    unsigned count;
  };
  static constexpr Family kFamilies[] = {{"x", 32}, {"a", 8}, {"t", 7}, {"s", 12}};
  if (name.size() < 2 || name.size() > 12) return "";
  const std::string_view digits = name.substr(1);
  if (!std::all_of(digits.begin(), digits.end(),
                   [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }))
    return "";
  for (const Family& f : kFamilies) {
    if (name[0] != f.prefix[0]) continue;
    // "x01": GNU as takes no leading zeros, but the register exists.
    const std::size_t nonzero = std::min(digits.find_first_not_of('0'), digits.size() - 1);
    const std::string_view plain = digits.substr(nonzero);
    if (nonzero > 0 && plain.size() <= 2 && std::stoul(std::string(plain)) < f.count)
      return fmt::format("; write '{}{}' (no leading zeros)", f.prefix, plain);
    return fmt::format("; RV32 has {}0-{}{}", f.prefix, f.prefix, f.count - 1);
  }
  return "";
}

}  // namespace pipesim::assembler
