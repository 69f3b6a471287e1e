// A parsed answer written back as the tables spreadsheets and Markdown produce (TSV with CRLF,
// CSV with RFC 4180 quotes, a Markdown table): so that tests can hand the reader the same answer
// in every format it accepts.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/classroom/answer_parser.hpp"

namespace pipesim::test {

// One table row per parsed row: the label, then one field per cycle of the header, the `flushed`
// mark in the cycle after the row's last cell (as pipesim's diagram puts it).
inline std::vector<std::vector<std::string>> as_fields(const classroom::ParsedAnswer& a) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> header{""};
  for (uint64_t c = a.first_cycle; c <= a.last_cycle; ++c) header.push_back(std::to_string(c));
  rows.push_back(header);
  for (const classroom::AnswerRow& r : a.rows) {
    std::vector<std::string> row{r.label};
    const uint64_t mark = r.cells.empty() ? a.first_cycle : r.cells.rbegin()->first + 1;
    for (uint64_t c = a.first_cycle; c <= a.last_cycle; ++c) {
      auto it = r.cells.find(c);
      row.push_back(it != r.cells.end() ? it->second : r.flushed && c == mark ? "flushed" : "");
    }
    rows.push_back(row);
  }
  return rows;
}

inline std::string csv_quote(const std::string& s) {
  if (s.find_first_of(",\"") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

inline std::string to_tsv(const classroom::ParsedAnswer& a) {
  std::string out;
  for (const auto& row : as_fields(a)) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "\t" : "") + row[i];
    out += "\r\n";  // as a spreadsheet on Windows writes it
  }
  return out;
}

inline std::string to_csv(const classroom::ParsedAnswer& a) {
  std::string out;
  for (const auto& row : as_fields(a)) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_quote(row[i]);
    out += "\n";
  }
  return out;
}

inline std::string to_markdown(const classroom::ParsedAnswer& a) {
  std::string out;
  const auto rows = as_fields(a);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    out += "|";
    for (const std::string& f : rows[r]) out += " " + f + " |";
    out += "\n";
    if (r == 0) {
      out += "|";
      for (std::size_t i = 0; i < rows[r].size(); ++i) out += i ? " :-: |" : "---|";
      out += "\n";
    }
  }
  return out;
}

// A text's lines, without their line breaks; and back, each line ending in one.
inline std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    out.push_back(text.substr(pos, end - pos));
    pos = end == std::string::npos ? text.size() : end + 1;
  }
  return out;
}
inline std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += l + "\n";
  return out;
}

}  // namespace pipesim::test
