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
#include "sim/sweep/jobs.hpp"

namespace pipesim::sweep {
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
                    file, sweep_schema(), why));
  };
  if (!doc.is_object()) throw not_result("not a JSON object");
  if (doc.contains("schema") && doc["schema"].is_string() && doc["schema"] != sweep_schema() &&
      doc["schema"].get<std::string>().starts_with("pipesim.sweep/"))
    throw Error(fmt::format(
        "{}: a sweep result of schema {}, written by another pipesim version (this one reads and "
        "writes {}): its rows have other columns; run its sweep or job again",
        file, excerpt(doc["schema"].get<std::string>()), sweep_schema()));
  if (!doc.contains("schema") || doc["schema"] != sweep_schema())
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
    part.job = JobId{j["sweep"].get<std::string>(), j["number"].get<std::size_t>(),
                     j["count"].get<std::size_t>()};
    if (j.contains("per_job") || j.contains("runs")) {
      // A packed job: its share of the runs, each job but the last `per_job` of them.
      if (!j.value("per_job", Row()).is_number_unsigned() ||
          !j.value("runs", Row()).is_number_unsigned() || j["per_job"] < 2 ||
          packed_job_count(j["runs"].get<std::size_t>(), j["per_job"].get<std::size_t>()) !=
              part.job->count)
        throw not_result(
            "a packed \"job\" has \"per_job\": N > 1 and \"runs\": R, and R runs in jobs of "
            "N make \"count\" jobs");
      part.job->per_job = j["per_job"].get<std::size_t>();
      part.job->runs = j["runs"].get<std::size_t>();
    }
    if (part.rows.size() != part.job->rows())
      throw not_result(fmt::format("job {} of {} holds {} rows, not {}", part.job->number,
                                   part.job->count, part.rows.size(), part.job->rows()));
  }
  return part;
}

// "4, 7-12, 15": every number of a sorted list, runs of consecutive ones as ranges, so that even
// 10^5 missing jobs make a readable message.
std::string number_ranges(const std::vector<std::size_t>& numbers) {
  std::string out;
  for (std::size_t i = 0; i < numbers.size();) {
    std::size_t j = i;
    while (j + 1 < numbers.size() && numbers[j + 1] == numbers[j] + 1) ++j;
    out += (out.empty() ? "" : ", ") +
           (j == i ? fmt::format("{}", numbers[i]) : fmt::format("{}-{}", numbers[i], numbers[j]));
    i = j + 1;
  }
  return out;
}

// Every row of a table must come from the same pipesim and the same program and config files:
// a file edited between jobs gives numbers of another experiment (docs/sweeps.md).
class SameInputs {
 public:
  void add(const Row& row, const std::string& file) {
    same("pipesim version", "", row.value("pipesim", Row()), file);
    same("program", row.value("program", ""), row.value("program_sha256", Row()), file);
    same("config", row.value("config", ""), row.value("config_sha256", Row()), file);
  }

 private:
  struct Seen {
    Row value;
    std::string file;
  };
  void same(const char* what, const std::string& name, const Row& value, const std::string& file) {
    const auto [it, added] = seen_.emplace(std::string(what) + "\n" + name, Seen{value, file});
    if (added || it->second.value == value) return;
    const auto shown = [](const Row& v) {
      return v.is_string() ? v.get<std::string>() : json_text(v);
    };
    if (name.empty())
      throw Error(fmt::format(
          "{} was written by pipesim {} and {} by pipesim {}: results of different versions "
          "are not one experiment; run the older jobs again",
          it->second.file, shown(it->second.value), file, shown(value)));
    throw Error(fmt::format(
        "{} '{}' was not the same file in every run: {} ran one with SHA-256 {}, {} one with "
        "{} (edited between jobs?); run the jobs of the old version again",
        what, name, it->second.file, shown(it->second.value), file, shown(value)));
  }
  std::map<std::string, Seen> seen_;
};

}  // namespace

MergePlan plan_merge(const std::vector<std::string>& paths) {
  MergePlan plan;
  ColumnSet columns;
  SameInputs inputs;
  std::optional<Part> first_job, first_whole;  // without their rows
  std::vector<std::string> by_number;          // jobs: file of job K at K - 1
  for (const std::string& file : result_files(paths)) {
    Part part = read_part(file);
    for (const Row& row : part.rows) {
      columns.add(row);
      inputs.add(row, file);
    }
    part.rows.clear();
    std::optional<Part>& first = part.job ? first_job : first_whole;
    if (!first) first = part;
    if (first_job && first_whole)
      throw Error(
          fmt::format("{} is the result of one job of an emitted sweep, {} is a whole "
                      "sweep's table: merge them separately",
                      first_job->file, first_whole->file));
    if (!part.job) {
      plan.files.push_back(file);
      continue;
    }
    const JobId& id = *first_job->job;
    if (part.job->sweep != id.sweep || part.job->count != id.count ||
        part.job->per_job != id.per_job)
      throw Error(fmt::format(
          "{} (sweep {}, {} jobs) and {} (sweep {}, {} jobs) come from different sweeps; "
          "remove the stale result files or merge each sweep's files separately",
          first_job->file, excerpt(id.sweep), id.count, file, excerpt(part.job->sweep),
          part.job->count));
    by_number.resize(id.count);
    std::string& slot = by_number[part.job->number - 1];
    if (!slot.empty())
      throw Error(fmt::format("{} and {}: both hold job {}", slot, file, part.job->number));
    slot = file;
  }
  if (first_job) {
    std::vector<std::size_t> missing;
    for (std::size_t k = 1; k <= by_number.size(); ++k)
      if (by_number[k - 1].empty()) missing.push_back(k);
    if (!missing.empty())
      throw Error(fmt::format(
          "the results of {} of the {} jobs are missing: job {} (job K is line K of the jobs "
          "file; run those lines again)",
          missing.size(), by_number.size(), number_ranges(missing)));
    plan.files = std::move(by_number);
    plan.jobs = true;
  }
  plan.columns = columns.columns();
  return plan;
}

void write_merge(const MergePlan& plan, TableWriter& writer) {
  // Each file is read again, one at a time: the rows are never all in memory. One that changed
  // since plan_merge looked at it is refused, not written.
  for (std::size_t k = 0; k < plan.files.size(); ++k) {
    const Part part = read_part(plan.files[k]);
    if (plan.jobs != part.job.has_value() || (part.job && part.job->number != k + 1))
      throw Error(fmt::format("{}: changed while it was being merged", plan.files[k]));
    for (const Row& row : part.rows) writer.row(row);
  }
}

std::vector<Row> merge_results(const std::vector<std::string>& paths) {
  const MergePlan plan = plan_merge(paths);
  std::vector<Row> rows;
  for (const std::string& file : plan.files)
    for (Row& row : read_part(file).rows) rows.push_back(std::move(row));
  return rows;
}

}  // namespace pipesim::sweep
