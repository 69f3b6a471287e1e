// The formats `run` and `compare` print their summaries in (--format): the aligned text table,
// JSON, CSV (RFC 4180) or a Markdown table. Text, CSV and Markdown show the same cells; JSON has
// the numbers as numbers (each command builds its own JSON).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/report/text.hpp"

namespace pipesim::report {

enum class TableFormat { Text, Json, Csv, Markdown };
inline constexpr const char* kTableFormatNames = "text, json, csv, markdown";
std::optional<TableFormat> parse_table_format(std::string_view name);

// rows[0] is the header for CSV and Markdown when `header` is true; text keeps it as a line.
// A key/value summary has no header: CSV writes "key,value" lines under a "key,value" header,
// Markdown a two-column table headed "| | |"… so each format stands on its own.
std::string render_rows(const std::vector<std::vector<std::string>>& rows,
                        const std::vector<Align>& align, bool header, TableFormat format);

}  // namespace pipesim::report
