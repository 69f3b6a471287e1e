#include "sim/classroom/answer_cells.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace pipesim::classroom {

namespace {

// Damerau-Levenshtein distance (optimal string alignment) between two short lower-case words.
std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::vector<std::size_t>> d(a.size() + 1, std::vector<std::size_t>(b.size() + 1));
  for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = i;
  for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i)
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.size()][b.size()];
}

}  // namespace

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_blank(char c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f';
}

std::string trim_copy(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && (is_blank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return std::string(s);
}

Vocabulary::Vocabulary(const std::vector<std::string>& words) {
  for (const std::string& w : words) words_.emplace(lower(w), w);
}

std::optional<Cell> Vocabulary::classify(std::string_view token) const {
  const std::string l = lower(token);
  if (l == "s" || l == "stall") return Cell{CellKind::Stall, "S"};
  if (l == "-" || l == ".") return Cell{CellKind::Empty, {}};
  if (l == "*") return Cell{CellKind::Star, "*"};
  if (l == "flushed" || l == "flush") return Cell{CellKind::Flushed, {}};
  auto it = words_.find(l);
  if (it != words_.end()) return Cell{CellKind::Word, it->second};
  return std::nullopt;
}

bool Vocabulary::strong(std::string_view token) const {
  const std::optional<Cell> c = classify(token);
  if (!c || c->kind == CellKind::Flushed) return false;
  if (c->kind != CellKind::Word) return true;
  return std::none_of(token.begin(), token.end(),
                      [](char ch) { return std::islower(static_cast<unsigned char>(ch)); });
}

std::string Vocabulary::unknown(std::string_view token) const {
  std::string message = fmt::format("unknown cell `{}`", token);
  std::string hint;
  // A pasted blob is no typo (and bounds the work).
  if (token.size() > 32) hint = "-";
  const std::string l = lower(token);
  std::vector<std::pair<std::string, std::string>> known;  // lower case, as written in the hint
  for (const auto& [key, spelled] : words_) known.emplace_back(key, spelled);
  known.emplace_back("stall", "stall");
  known.emplace_back("flushed", "flushed");
  std::sort(known.begin(), known.end());
  std::size_t best = hint.empty() ? 3 : 0;
  for (const auto& [key, spelled] : known) {
    // A cut-off word (`flus` for flushed, a cell split across columns) is a typo of the word it
    // starts, however many letters are missing.
    const std::size_t d = l.size() >= 3 && key.rfind(l, 0) == 0 ? 1 : edit_distance(l, key);
    if (d < best && d < l.size()) {
      best = d;
      hint = spelled;
    }
  }
  if (hint == "stall") return message + "; did you mean `stall` (or `S`)?";
  if (!hint.empty() && hint != "-") return message + fmt::format("; did you mean `{}`?", hint);
  return message +
         ": write a stage name, S (or stall), - or . for an empty cell, or flushed at the end of "
         "the row (a | after the label separates it from the cells)";
}

}  // namespace pipesim::classroom
