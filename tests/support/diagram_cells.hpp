// Reads a printed pipeline diagram back as (label, cycle, cell) triples, whatever its layout (one
// table, or blocks of cycles one under another), so that two layouts can be compared cell by
// cell; and the helpers the width tests use (ANSI escapes removed, display columns).
#pragma once

#include <cstddef>
#include <cstdint>
#include <set>
#include <sstream>
#include <string>
#include <tuple>
#include <vector>

namespace pipesim::test {

// `s` without ANSI CSI escape sequences ("ESC [ ... letter").
inline std::string strip_ansi(const std::string& s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\x1b' && i + 1 < s.size() && s[i + 1] == '[') {
      i += 2;
      while (i < s.size() && !(s[i] >= '@' && s[i] <= '~')) ++i;
      continue;
    }
    out += s[i];
  }
  return out;
}

// Terminal columns of a line of plain text (UTF-8 code points; the diagrams have no wide ones).
inline std::size_t columns(const std::string& line) {
  std::size_t n = 0;
  for (char c : line) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

using CellTriple = std::tuple<std::string, uint64_t, std::string>;  // label, cycle, cell

struct DiagramCells {
  std::multiset<CellTriple> cells;   // a flushed row's mark is the cell "flushed"
  std::set<uint64_t> header_cycles;  // every cycle number in a header row
  std::vector<std::string> labels;   // every row's label, in order of appearance
  int blocks = 0;                    // header rows
};

// A header row: spaces, then cycle numbers separated by spaces. Row lines follow their header
// until a blank line; a row's label is the text before the header's first column.
inline DiagramCells read_diagram(const std::string& text) {
  DiagramCells d;
  std::vector<std::size_t> starts;  // the columns of the current block's cycles
  std::vector<uint64_t> numbers;
  for (const std::string& line : split_lines(text)) {
    if (line.empty()) {
      starts.clear();
      continue;
    }
    if (line[0] == ' ' && line.find_first_not_of(" 0123456789") == std::string::npos) {
      starts.clear();
      numbers.clear();
      for (std::size_t i = 0; i < line.size(); ++i)
        if (line[i] != ' ' && (i == 0 || line[i - 1] == ' ')) {
          starts.push_back(i);
          numbers.push_back(std::stoull(line.substr(i)));
          d.header_cycles.insert(numbers.back());
        }
      ++d.blocks;
      continue;
    }
    if (starts.empty()) continue;  // not part of a table (the legend)
    std::string row = line;
    std::string label = row.substr(0, starts[0]);
    while (!label.empty() && label.back() == ' ') label.pop_back();
    d.labels.push_back(label);
    const std::size_t mark = row.find(" flushed", starts[0] - 1);
    std::size_t mark_at = std::string::npos;
    if (mark != std::string::npos) {
      mark_at = mark + 1;
      row = row.substr(0, mark);
    }
    const std::size_t step = starts.size() > 1 ? starts[1] - starts[0] : 4;
    for (std::size_t k = 0; k < starts.size(); ++k) {
      if (starts[k] >= row.size()) break;
      std::string cell = row.substr(starts[k], step - 1);
      while (!cell.empty() && cell.back() == ' ') cell.pop_back();
      if (!cell.empty()) d.cells.insert({label, numbers[k], cell});
    }
    if (mark_at != std::string::npos) {
      // The mark is in the first column starting at or after it (past the last: the next cycle).
      uint64_t cycle = numbers.back() + 1;
      for (std::size_t k = 0; k < starts.size(); ++k)
        if (starts[k] >= mark_at) {
          cycle = numbers[k];
          break;
        }
      d.cells.insert({label, cycle, "flushed"});
    }
  }
  return d;
}

}  // namespace pipesim::test
