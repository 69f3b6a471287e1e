#include "sim/sweep/table.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <map>

#include "isa/error.hpp"
#include "sim/json/json_source.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim::sweep {
namespace {

// /2: exit_code null unless the run exited, fault with pc and cycle, fault_pc, set.* (one cell
// per --set dimension). Results of /1 are refused, not mixed into a /2 table.
constexpr const char* kSchema = "pipesim.sweep/2";

void flatten(const nlohmann::ordered_json& value, const std::string& prefix,
             std::vector<std::pair<std::string, std::string>>& cells) {
  if (value.is_object()) {
    for (const auto& [key, v] : value.items())
      flatten(v, prefix.empty() ? key : prefix + "." + key, cells);
    return;
  }
  std::string text;
  if (value.is_string())
    text = value.get<std::string>();
  else if (!value.is_null())
    text = json_text(value);  // numbers, booleans, arrays (compact JSON)
  cells.emplace_back(prefix, std::move(text));
}

std::string csv_cell(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

std::string to_json_document(const std::vector<Row>& rows, std::optional<JobId> job) {
  nlohmann::ordered_json doc;
  doc["schema"] = kSchema;
  if (job) doc["job"] = {{"sweep", job->sweep}, {"number", job->number}, {"count", job->count}};
  doc["rows"] = rows;
  return json_text(doc, 2) + "\n";
}

std::string to_csv(const std::vector<Row>& rows) {
  std::vector<std::string> columns;
  std::map<std::string, std::size_t> column_of;
  std::vector<std::map<std::size_t, std::string>> table;
  for (const Row& row : rows) {
    std::vector<std::pair<std::string, std::string>> cells;
    flatten(row, "", cells);
    auto& line = table.emplace_back();
    for (auto& [name, text] : cells) {
      auto [it, added] = column_of.emplace(name, columns.size());
      if (added) columns.push_back(name);
      line[it->second] = std::move(text);
    }
  }
  std::string out;
  for (std::size_t c = 0; c < columns.size(); ++c) out += (c ? "," : "") + csv_cell(columns[c]);
  out += "\n";
  for (const auto& line : table) {
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (c) out += ",";
      if (auto it = line.find(c); it != line.end()) out += csv_cell(it->second);
    }
    out += "\n";
  }
  return out;
}

std::string table_format(const std::string& path) {
  const std::string ext = std::filesystem::path(path).extension().string();
  if (ext == ".csv" || path == "-") return "csv";
  if (ext == ".json") return "json";
  throw Error(fmt::format("{}: the output file must end in .csv or .json", path));
}

std::vector<std::string> result_files(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    const fs::file_status status = fs::status(p, ec);
    if (!fs::exists(status)) throw Error(fmt::format("{}: no such file or directory", p));
    if (!fs::is_directory(status)) {
      files.push_back(p);
      continue;
    }
    // Only visible *.json files: write_output's temporary files (".run-3.json.tmp-…") and
    // other hidden files are not results.
    std::vector<std::string> in_dir;
    for (const auto& e : fs::directory_iterator(p, ec)) {
      const std::string name = e.path().filename().string();
      if (e.path().extension() == ".json" && !name.starts_with('.') && !e.is_directory())
        in_dir.push_back(e.path().string());
    }
    if (ec) throw Error(fmt::format("{}: cannot read the directory: {}", p, ec.message()));
    if (in_dir.empty()) throw Error(fmt::format("{}: no .json result files in it", p));
    std::sort(in_dir.begin(), in_dir.end());
    files.insert(files.end(), in_dir.begin(), in_dir.end());
  }
  return files;
}

namespace {

struct Part {
  std::optional<JobId> job;
  std::vector<Row> rows;
  std::string file;
};

Part read_part(const std::string& file) {
  const std::string text = read_user_file(file, kSweepResultFile);
  if (text.empty())
    throw Error(fmt::format("{}: the file is empty (did its job fail or not run?)", file));
  nlohmann::ordered_json doc;
  try {
    doc = parse_json_source<nlohmann::ordered_json>(text, file, /*ignore_comments=*/false);
  } catch (const SourceError& e) {
    // A result file is written by pipesim, not by hand: a bad one was cut short or damaged.
    throw Error(fmt::format("{}: not valid JSON (truncated or corrupt?): line {}, column {}: {}",
                            file, e.line, e.column,
                            std::string_view(e.what()).substr(kInvalidJson.size())));
  }
  const auto not_result = [&](const std::string& why) {
    return Error(
        fmt::format("{}: not a pipesim sweep result ({{\"schema\": \"{}\", \"rows\": "
                    "[...]}}): {}",
                    file, kSchema, why));
  };
  if (!doc.is_object()) throw not_result("not a JSON object");
  if (doc.contains("schema") && doc["schema"].is_string() && doc["schema"] != kSchema &&
      doc["schema"].get<std::string>().starts_with("pipesim.sweep/"))
    throw Error(fmt::format(
        "{}: a sweep result of schema {}, written by another pipesim version (this one reads and "
        "writes {}): its rows have other columns; run its sweep or job again",
        file, excerpt(doc["schema"].get<std::string>()), kSchema));
  if (!doc.contains("schema") || doc["schema"] != kSchema)
    throw not_result(
        fmt::format("\"schema\" is {}", json_excerpt(doc.value("schema", nlohmann::json()))));
  if (!doc.contains("rows") || !doc["rows"].is_array()) throw not_result("no \"rows\" array");
  Part part{std::nullopt, {}, file};
  for (const auto& row : doc["rows"]) {
    if (!row.is_object()) throw not_result("a row is not an object");
    part.rows.push_back(row);
  }
  if (doc.contains("job")) {
    const auto& j = doc["job"];
    if (!j.is_object() || !j.contains("sweep") || !j["sweep"].is_string() ||
        !j.contains("number") || !j["number"].is_number_unsigned() || !j.contains("count") ||
        !j["count"].is_number_unsigned() || j["number"] < 1 || j["number"] > j["count"])
      throw not_result("\"job\" must be {\"sweep\": ID, \"number\": K, \"count\": N}, 1 <= K <= N");
    if (part.rows.size() != 1)
      throw not_result(fmt::format("a job's result holds one row, not {}", part.rows.size()));
    part.job = JobId{j["sweep"].get<std::string>(), j["number"].get<std::size_t>(),
                     j["count"].get<std::size_t>()};
  }
  return part;
}

// Results of --emit-jobs: in job order, one sweep, complete.
std::vector<Row> merge_jobs(const std::vector<Part>& parts) {
  const Part& first = parts.front();
  const JobId& id = *first.job;
  std::vector<const Part*> by_number(id.count + 1, nullptr);
  for (const Part& p : parts) {
    if (p.job->sweep != id.sweep || p.job->count != id.count)
      throw Error(fmt::format(
          "{} (sweep {}, {} jobs) and {} (sweep {}, {} jobs) come from different sweeps; "
          "remove the stale result files or merge each sweep's files separately",
          first.file, excerpt(id.sweep), id.count, p.file, excerpt(p.job->sweep), p.job->count));
    if (const Part* other = by_number[p.job->number])
      throw Error(fmt::format("{} and {}: both hold job {}", other->file, p.file, p.job->number));
    by_number[p.job->number] = &p;
  }
  std::vector<std::string> missing;
  for (std::size_t k = 1; k <= id.count; ++k)
    if (!by_number[k]) missing.push_back(std::to_string(k));
  if (!missing.empty()) {
    constexpr std::size_t kShown = 20;
    const std::size_t n = missing.size();
    if (n > kShown) missing.resize(kShown);
    throw Error(fmt::format(
        "the results of {} of the {} jobs are missing: job {}{} (job K is line K of the jobs file; "
        "run those lines again)",
        n, id.count, fmt::join(missing, ", "), n > kShown ? ", ..." : ""));
  }
  std::vector<Row> rows;
  for (std::size_t k = 1; k <= id.count; ++k) rows.push_back(by_number[k]->rows.front());
  return rows;
}

}  // namespace

std::vector<Row> merge_results(const std::vector<std::string>& paths) {
  std::vector<Part> parts;
  for (const std::string& file : result_files(paths)) parts.push_back(read_part(file));

  const auto job = std::find_if(parts.begin(), parts.end(), [](auto& p) { return p.job; });
  const auto whole = std::find_if(parts.begin(), parts.end(), [](auto& p) { return !p.job; });
  if (job != parts.end() && whole != parts.end())
    throw Error(
        fmt::format("{} is the result of one job of an emitted sweep, {} is a whole "
                    "sweep's table: merge them separately",
                    job->file, whole->file));
  if (job != parts.end()) return merge_jobs(parts);
  std::vector<Row> rows;
  for (const Part& p : parts) rows.insert(rows.end(), p.rows.begin(), p.rows.end());
  return rows;
}

}  // namespace pipesim::sweep
