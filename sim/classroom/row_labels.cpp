// Row labels: tokens compared after normalising case, separators, register names and integers.
#include "sim/classroom/row_labels.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "isa/isa.hpp"

namespace pipesim::classroom {

namespace {

bool is_hex_digit(char c) {
  return std::isxdigit(static_cast<unsigned char>(c)) != 0;
}
bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

// `16`, `-4`, `0x10`, `-0x4` as a decimal text; nullopt for anything else (or too large).
std::optional<std::string> canonical_integer(std::string_view t) {
  const bool negative = !t.empty() && t.front() == '-';
  if (negative) t.remove_prefix(1);
  int base = 10;
  if (t.size() > 2 && t[0] == '0' && t[1] == 'x') {
    t.remove_prefix(2);
    base = 16;
  }
  if (t.empty()) return std::nullopt;
  uint64_t value = 0;
  const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), value, base);
  if (ec != std::errc{} || end != t.data() + t.size()) return std::nullopt;
  return (negative && value != 0 ? "-" : "") + std::to_string(value);
}

std::string canonical_token(std::string t) {
  if (const auto reg = isa::parse_register(t)) return std::string(isa::abi_name(*reg));
  if (const auto n = canonical_integer(t)) return *n;
  return t;
}

// A pc as people write it: `0x` and hex digits, or 4 to 8 hex digits with at least one decimal
// digit (so that `add` or `beef` are not read as addresses); a trailing `:` is allowed.
std::optional<uint32_t> read_pc(std::string_view t) {
  if (!t.empty() && t.back() == ':') t.remove_suffix(1);
  const bool prefixed = t.size() > 2 && t[0] == '0' && t[1] == 'x';
  if (prefixed) t.remove_prefix(2);
  if (t.empty() || t.size() > 8 || !std::all_of(t.begin(), t.end(), is_hex_digit)) return {};
  if (!prefixed && (t.size() < 4 || std::none_of(t.begin(), t.end(), is_digit))) return {};
  uint32_t value = 0;
  std::from_chars(t.data(), t.data() + t.size(), value, 16);
  return value;
}

bool is_row_number(std::string_view t) {
  if (!t.empty() && (t.back() == '.' || t.back() == ')')) t.remove_suffix(1);
  return !t.empty() && t.size() <= 4 && std::all_of(t.begin(), t.end(), is_digit);
}

// Words split at blanks, commas and backquotes; parentheses are words of their own.
std::vector<std::string> raw_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) words.push_back(word);
    word.clear();
  };
  for (char c : text) {
    const char lc = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == '`') {
      flush();
    } else if (c == '(' || c == ')') {
      flush();
      words.emplace_back(1, c);
    } else {
      word += lc;
    }
  }
  flush();
  return words;
}

}  // namespace

std::vector<std::string> instruction_tokens(std::string_view text) {
  std::vector<std::string> tokens = raw_words(text);
  for (std::string& t : tokens) t = canonical_token(std::move(t));
  return tokens;
}

RowLabel read_row_label(std::string_view label) {
  std::vector<std::string> words = raw_words(label);
  std::size_t first = 0;
  RowLabel out;
  if (words.size() > 1 && is_row_number(words[0])) ++first;
  if (first < words.size()) {
    out.pc = read_pc(words[first]);
    if (out.pc) ++first;
  }
  // Assembly labels before the instruction (`loop:`), as a source line may start.
  while (first + 1 < words.size() && words[first].size() > 1 && words[first].back() == ':') ++first;
  for (std::size_t i = first; i < words.size(); ++i)
    out.tokens.push_back(canonical_token(std::move(words[i])));
  return out;
}

bool label_names(const std::vector<std::string>& label, const std::vector<std::string>& insn) {
  return !label.empty() && label.size() <= insn.size() &&
         std::equal(label.begin(), label.end(), insn.begin());
}

}  // namespace pipesim::classroom
