// A sweep's results as a table: one row per run, written as CSV or as a JSON document, and read
// back from the JSON files of separately run jobs (`pipesim merge`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pipesim::sweep {

using Row = nlohmann::ordered_json;

// Where a row came from when a sweep is split into jobs (`--emit-jobs`): job `index` of `count`.
struct JobId {
  std::size_t index = 0, count = 0;
};

// {"schema": "pipesim.sweep/1", ["job": {"index", "count"},] "rows": [...]}, indented.
std::string to_json_document(const std::vector<Row>& rows, std::optional<JobId> job = {});

// RFC 4180 CSV with a header line. Nested objects become dotted columns ("stats.cpi",
// "machine.branches.policy"); arrays stay whole as compact JSON in one cell; null is an empty
// cell. Columns appear in the order they first occur in the rows.
std::string to_csv(const std::vector<Row>& rows);

// "csv" or "json" from an output file's extension; throws pipesim::Error for anything else.
std::string table_format(const std::string& path);

// Reads result documents (files, or directories whose *.json files are all read) and returns
// their rows in order: by job index when the files come from --emit-jobs (then every job of the
// sweep must be present exactly once), otherwise in file-name order. Throws pipesim::Error
// naming the file for anything unreadable, and listing missing or repeated jobs.
std::vector<Row> merge_results(const std::vector<std::string>& paths);

}  // namespace pipesim::sweep
