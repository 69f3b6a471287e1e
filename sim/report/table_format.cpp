// Rendering tables as text, CSV or Markdown.
#include "sim/report/table_format.hpp"

namespace pipesim::report {
namespace {

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string markdown_cell(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '|') out += '\\';
    out += c == '\n' ? ' ' : c;
  }
  return out;
}

std::string csv(const std::vector<std::vector<std::string>>& rows, bool header) {
  std::string out = header ? "" : "key,value\r\n";
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "," : "") + csv_cell(row[i]);
    out += "\r\n";
  }
  return out;
}

std::string markdown(const std::vector<std::vector<std::string>>& rows,
                     const std::vector<Align>& align, bool header) {
  std::vector<std::vector<std::string>> body = rows;
  std::vector<std::string> head;
  if (header && !body.empty()) {
    head = body.front();
    body.erase(body.begin());
  } else {
    head = {"key", "value"};
  }
  auto line = [](const std::vector<std::string>& cells) {
    std::string s = "|";
    for (const std::string& c : cells) s += " " + markdown_cell(c) + " |";
    return s + "\n";
  };
  std::string out = line(head) + "|";
  for (std::size_t i = 0; i < head.size(); ++i)
    out += i < align.size() && align[i] == Align::Right ? " ---: |" : " --- |";
  out += "\n";
  for (const auto& row : body) out += line(row);
  return out;
}

}  // namespace

std::optional<TableFormat> parse_table_format(std::string_view name) {
  if (name == "text") return TableFormat::Text;
  if (name == "json") return TableFormat::Json;
  if (name == "csv") return TableFormat::Csv;
  if (name == "markdown") return TableFormat::Markdown;
  return std::nullopt;
}

std::string render_rows(const std::vector<std::vector<std::string>>& rows,
                        const std::vector<Align>& align, bool header, TableFormat format) {
  switch (format) {
    case TableFormat::Csv:
      return csv(rows, header);
    case TableFormat::Markdown:
      return markdown(rows, align, header);
    case TableFormat::Text:
    case TableFormat::Json:
      break;
  }
  return render_table(rows, align, 2);
}

}  // namespace pipesim::report
