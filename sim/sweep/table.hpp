// A sweep's results as a table: one row per run, written as CSV or as a JSON document, and read
// back from the JSON files of separately run jobs (`pipesim merge`).
#pragma once

#include <algorithm>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "sim/report/byte_sink.hpp"

namespace pipesim::sweep {

using Row = nlohmann::ordered_json;

// Where a row came from when a sweep is split into jobs (`--emit-jobs`): job `number` (1-based)
// of the `count` jobs of the sweep `sweep` (sweep_id() in jobs.hpp).
struct JobId {
  std::string sweep;
  std::size_t number = 0, count = 0;
  // A packed job (--per-job N, N > 1) runs `per_job` of the sweep's `runs` runs (the last job
  // the rest); `runs` is 0 for a job of one run.
  std::size_t per_job = 1, runs = 0;
  // The rows its result must hold.
  std::size_t rows() const {
    return per_job == 1 ? 1 : std::min(per_job, runs - (number - 1) * per_job);
  }
};

// The columns of a CSV table of `rows`: nested objects become dotted columns ("stats.cpi",
// "machine.branches.policy"), in the order they first occur. Rows of the same shapes give the
// same columns, so a sweep knows its header before its first run (sweep_columns, runner.hpp).
std::vector<std::string> csv_columns(const std::vector<Row>& rows);
// The same, one row at a time (merge reads its rows twice: once for the columns, once to write).
class ColumnSet {
 public:
  void add(const Row& row);
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  std::vector<std::string> columns_;
  std::set<std::string> seen_;
};

// Writes a table row by row into `sink` (a sweep as it runs, merge), so that no more than one
// row is held: "csv" is RFC 4180 CSV whose header line is `columns`, arrays staying whole as
// compact JSON in one cell and null an empty cell; "json" is {"schema": "pipesim.sweep/3",
// ["job": {"sweep", "number", "count"},] "rows": [...]}, indented (a job's document holds exactly
// one row). A row with a cell that is not a column is a bug: std::logic_error.
class TableWriter {
 public:
  TableWriter(report::ByteSink& sink, std::string format, std::vector<std::string> columns,
              std::optional<JobId> job = {});
  void row(const Row& row);
  // Writes the end of the document; nothing is written after it.
  void finish();

 private:
  report::ByteSink& sink_;
  std::string format_;
  std::vector<std::string> columns_;
  std::optional<JobId> job_;
  std::size_t rows_ = 0;
};

// "pipesim.sweep/3": the schema the documents are written in, and the only one read.
const char* sweep_schema();

// The whole table at once, through TableWriter.
std::string to_json_document(const std::vector<Row>& rows, std::optional<JobId> job = {});
std::string to_csv(const std::vector<Row>& rows);

// "csv" or "json" from an output file's extension; throws pipesim::Error for anything else.
std::string table_format(const std::string& path);

// The files merge_results() reads: each path that is a file, and the *.json files of each path
// that is a directory (sorted by name). Throws pipesim::Error for a path that does not exist
// or a directory without result files.
std::vector<std::string> result_files(const std::vector<std::string>& paths);

// Merging result documents (files, or directories whose *.json files are all read) into one
// table, in two passes so that memory does not grow with the number of runs. plan_merge reads
// every file once and keeps only its name: rows in order by job number when the files come from
// --emit-jobs (then every job of one sweep must be present exactly once, and nothing else),
// otherwise in the order of result_files(); the CSV columns; and it checks that every row was
// computed by the same pipesim version from the same program and config files (their SHA-256).
// write_merge reads them again, one at a time, into the writer. Both throw pipesim::Error naming
// the file for anything unreadable, empty or not a sweep result, for mixed inputs, and listing
// every missing job.
struct MergePlan {
  std::vector<std::string> files;  // in row order
  std::vector<std::string> columns;
  bool jobs = false;  // files[k] is job k + 1
};
MergePlan plan_merge(const std::vector<std::string>& paths);
void write_merge(const MergePlan& plan, TableWriter& writer);
// Both passes, the rows collected (tests).
std::vector<Row> merge_results(const std::vector<std::string>& paths);

}  // namespace pipesim::sweep
