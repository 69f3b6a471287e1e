// Writing a sweep's table row by row (table.hpp): CSV or the JSON document.
#include <fmt/format.h>

#include <map>
#include <stdexcept>

#include "sim/json/json_text.hpp"
#include "sim/sweep/table.hpp"

namespace pipesim::sweep {
namespace {

// /3: every row records the pipesim version and the SHA-256 of its program and config files
// ("pipesim", "inputs"), so that merge refuses results of edited inputs. /2: exit_code null
// unless the run exited, fault with pc and cycle, fault_pc, set.* (one cell per --set
// dimension). Results of older schemas are refused, not mixed into a /3 table.
constexpr const char* kSchema = "pipesim.sweep/3";

// Calls `cell(name, text)` for every cell of the row, in order.
template <class Cell>
void flatten(const Row& value, const std::string& prefix, const Cell& cell) {
  if (value.is_object()) {
    for (const auto& [key, v] : value.items())
      flatten(v, prefix.empty() ? key : prefix + "." + key, cell);
    return;
  }
  if (value.is_string())
    cell(prefix, value.get_ref<const std::string&>());
  else
    cell(prefix, value.is_null() ? std::string() : json_text(value));  // numbers, arrays...
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The document without its rows, ending just after the "[" of "rows": [.
std::string json_head(const std::optional<JobId>& job) {
  nlohmann::ordered_json doc;
  doc["schema"] = kSchema;
  if (job) {
    doc["job"] = {{"sweep", job->sweep}, {"number", job->number}, {"count", job->count}};
    if (job->per_job > 1) {
      doc["job"]["per_job"] = job->per_job;
      doc["job"]["runs"] = job->runs;
    }
  }
  doc["rows"] = nlohmann::ordered_json::array();
  std::string text = json_text(doc, 2);  // ... "rows": []\n}
  return text.substr(0, text.size() - std::string_view("]\n}").size());
}

}  // namespace

const char* sweep_schema() {
  return kSchema;
}

void ColumnSet::add(const Row& row) {
  flatten(row, "", [this](const std::string& name, const std::string&) {
    if (seen_.insert(name).second) columns_.push_back(name);
  });
}

std::vector<std::string> csv_columns(const std::vector<Row>& rows) {
  ColumnSet set;
  for (const Row& row : rows) set.add(row);
  return set.columns();
}

TableWriter::TableWriter(report::ByteSink& sink, std::string format,
                         std::vector<std::string> columns, std::optional<JobId> job)
    : sink_(sink), format_(std::move(format)), columns_(std::move(columns)), job_(std::move(job)) {
  if (format_ == "json") {
    sink_.write(json_head(job_));
    return;
  }
  std::string line;
  for (std::size_t c = 0; c < columns_.size(); ++c) line += (c ? "," : "") + csv_cell(columns_[c]);
  sink_.write(line + "\n");
}

void TableWriter::row(const Row& row) {
  if (format_ == "json") {
    // As json_text(document, 2) lays it out: each row at an indent of four.
    std::string text = (rows_ ? ",\n    " : "\n    ");
    for (char c : json_text(row, 2)) text += c == '\n' ? std::string("\n    ") : std::string(1, c);
    sink_.write(text);
    ++rows_;
    return;
  }
  std::map<std::string, std::string> cells;
  flatten(row, "", [&cells](const std::string& name, const std::string& text) {
    cells.emplace(name, text);
  });
  std::string line;
  std::size_t used = 0;
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    if (c) line += ",";
    if (auto it = cells.find(columns_[c]); it != cells.end()) {
      line += csv_cell(it->second);
      ++used;
    }
  }
  if (used != cells.size())
    throw std::logic_error("sweep table: a row has a cell that is not one of the columns");
  sink_.write(line + "\n");
  ++rows_;
}

void TableWriter::finish() {
  if (format_ == "json") sink_.write(rows_ ? "\n  ]\n}\n" : "]\n}\n");
}

std::string to_json_document(const std::vector<Row>& rows, std::optional<JobId> job) {
  report::StringSink sink;
  TableWriter writer(sink, "json", {}, std::move(job));
  for (const Row& row : rows) writer.row(row);
  writer.finish();
  return sink.text;
}

std::string to_csv(const std::vector<Row>& rows) {
  report::StringSink sink;
  TableWriter writer(sink, "csv", csv_columns(rows));
  for (const Row& row : rows) writer.row(row);
  writer.finish();
  return sink.text;
}

}  // namespace pipesim::sweep
