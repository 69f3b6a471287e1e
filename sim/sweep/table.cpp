#include "sim/sweep/table.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

#include "isa/error.hpp"

namespace pipesim::sweep {
namespace {

constexpr const char* kSchema = "pipesim.sweep/1";

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
    text = value.dump();  // numbers, booleans, arrays (compact JSON)
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
  if (job) doc["job"] = {{"index", job->index}, {"count", job->count}};
  doc["rows"] = rows;
  return doc.dump(2) + "\n";
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

std::vector<Row> merge_results(const std::vector<std::string>& paths) {
  namespace fs = std::filesystem;
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<std::string> in_dir;
      for (const auto& e : fs::directory_iterator(p, ec))
        if (e.path().extension() == ".json") in_dir.push_back(e.path().string());
      if (ec) throw Error(fmt::format("{}: cannot read the directory: {}", p, ec.message()));
      if (in_dir.empty()) throw Error(fmt::format("{}: no .json result files in it", p));
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else {
      files.push_back(p);
    }
  }

  struct Part {
    std::optional<JobId> job;
    std::vector<Row> rows;
    std::string file;
  };
  std::vector<Part> parts;
  for (const std::string& file : files) {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw Error(fmt::format("{}: cannot read the file", file));
    std::stringstream text;
    text << in.rdbuf();
    const auto doc = nlohmann::ordered_json::parse(text.str(), nullptr, false);
    if (!doc.is_object() || doc.value("schema", "") != kSchema || !doc.contains("rows") ||
        !doc["rows"].is_array())
      throw Error(fmt::format("{}: not a pipesim sweep result ({{\"schema\": \"{}\", ...}})", file,
                              kSchema));
    Part part{std::nullopt, doc["rows"].get<std::vector<Row>>(), file};
    if (doc.contains("job")) {
      const auto& j = doc["job"];
      if (!j.is_object() || !j.contains("index") || !j.contains("count") ||
          !j["index"].is_number_unsigned() || !j["count"].is_number_unsigned())
        throw Error(fmt::format("{}: \"job\" must be {{\"index\": N, \"count\": N}}", file));
      part.job = JobId{j["index"].get<std::size_t>(), j["count"].get<std::size_t>()};
    }
    parts.push_back(std::move(part));
  }

  // Results of --emit-jobs: put them in job order and make sure the sweep is complete.
  const bool from_jobs = std::any_of(parts.begin(), parts.end(), [](auto& p) { return p.job; });
  if (from_jobs) {
    const std::size_t count = parts.front().job ? parts.front().job->count : 0;
    std::vector<const Part*> by_index(count, nullptr);
    for (const Part& p : parts) {
      if (!p.job || p.job->count != count || p.job->index >= count)
        throw Error(fmt::format("{}: not a job of the same sweep as {} ({} jobs)", p.file,
                                parts.front().file, count));
      if (by_index[p.job->index])
        throw Error(fmt::format("{} and {}: both hold job {}", by_index[p.job->index]->file, p.file,
                                p.job->index));
      by_index[p.job->index] = &p;
    }
    std::vector<std::string> missing;
    for (std::size_t i = 0; i < count; ++i)
      if (!by_index[i]) missing.push_back(std::to_string(i));
    if (!missing.empty())
      throw Error(fmt::format("results of {} of the {} jobs are missing: job {}", missing.size(),
                              count, fmt::join(missing, ", ")));
    std::vector<Row> rows;
    for (const Part* p : by_index) rows.insert(rows.end(), p->rows.begin(), p->rows.end());
    return rows;
  }
  std::vector<Row> rows;
  for (const Part& p : parts) rows.insert(rows.end(), p.rows.begin(), p.rows.end());
  return rows;
}

}  // namespace pipesim::sweep
