// A sweep's results as a table: one row per run, written as CSV or as a JSON document, and read
// back from the JSON files of separately run jobs (`pipesim merge`).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace pipesim::sweep {

using Row = nlohmann::ordered_json;

// Where a row came from when a sweep is split into jobs (`--emit-jobs`): job `number` (1-based)
// of the `count` jobs of the sweep `sweep` (sweep_id() in jobs.hpp).
struct JobId {
  std::string sweep;
  std::size_t number = 0, count = 0;
};

// {"schema": "pipesim.sweep/2", ["job": {"sweep", "number", "count"},] "rows": [...]},
// indented. A job's document holds exactly one row.
std::string to_json_document(const std::vector<Row>& rows, std::optional<JobId> job = {});

// RFC 4180 CSV with a header line. Nested objects become dotted columns ("stats.cpi",
// "machine.branches.policy"); arrays stay whole as compact JSON in one cell; null is an empty
// cell. Columns appear in the order they first occur in the rows.
std::string to_csv(const std::vector<Row>& rows);

// "csv" or "json" from an output file's extension; throws pipesim::Error for anything else.
std::string table_format(const std::string& path);

// The files merge_results() reads: each path that is a file, and the *.json files of each path
// that is a directory (sorted by name). Throws pipesim::Error for a path that does not exist
// or a directory without result files.
std::vector<std::string> result_files(const std::vector<std::string>& paths);

// Reads result documents (files, or directories whose *.json files are all read) and returns
// their rows in order: by job number when the files come from --emit-jobs (then every job of
// one sweep must be present exactly once, and nothing else), otherwise in the order of
// result_files(). Throws pipesim::Error naming the file for anything unreadable, empty or not a
// sweep result, and listing missing jobs.
std::vector<Row> merge_results(const std::vector<std::string>& paths);

}  // namespace pipesim::sweep
