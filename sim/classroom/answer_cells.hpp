// What a student may write in one cell of an answer, shared by the readers of every answer format
// (answer_text.cpp, answer_tables.cpp): the machine's words, the marks, and a did-you-mean for a
// word that is none of them.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace pipesim::classroom {

enum class CellKind { Word, Stall, Empty, Star, Flushed };
struct Cell {
  CellKind kind;
  std::string text;  // canonical text (Word, Stall "S", Star "*")
};

std::string lower(std::string_view s);
bool is_blank(char c);  // space, tab, \v, \f
std::string trim_copy(std::string_view s);

class Vocabulary {
 public:
  explicit Vocabulary(const std::vector<std::string>& words);
  std::optional<Cell> classify(std::string_view token) const;
  // A token that clearly starts the cells: a mark, or a cell word written without lower-case
  // letters (disassembly is lower case, so `div` in a label is a mnemonic, `DIV` a unit).
  bool strong(std::string_view token) const;
  // "unknown cell `stl`; did you mean `stall` (or `S`)?": the message for a word that is not a
  // cell, with the nearest cell word when one is near (at most 2 edits, fewer than its length),
  // else what a cell may be.
  std::string unknown(std::string_view token) const;

 private:
  std::unordered_map<std::string, std::string> words_;  // lower case -> as the config spells it
};

}  // namespace pipesim::classroom
