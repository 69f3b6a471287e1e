#include "sim/sweep/summary.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "isa/error.hpp"
#include "sim/json/json_source.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim::sweep {
namespace {

// A table a summary reads back: larger than one job's result, as large as a table gets.
constexpr UserFileKind kSweepTableFile{"a sweep table", std::size_t{1} << 30};

std::size_t index_of(std::vector<std::string>& names, std::map<std::string, std::size_t>& index,
                     const std::string& name) {
  const auto [it, added] = index.emplace(name, names.size());
  if (added) names.push_back(name);
  return it->second;
}

std::optional<double> geomean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  double logs = 0;
  for (double v : values) logs += std::log(v);
  return std::exp(logs / static_cast<double>(values.size()));
}

double number(const Row& row, const char* group, const char* key, std::size_t n) {
  const Row* v = row.contains(group) ? &row[group] : nullptr;
  if (!v || !v->is_object() || !v->contains(key) || !(*v)[key].is_number())
    throw Error(
        fmt::format("row {}: no number in {}.{} (is this a pipesim sweep table?)", n, group, key));
  return (*v)[key].get<double>();
}

std::string text(const Row& row, const char* key, std::size_t n) {
  if (!row.contains(key) || !row[key].is_string())
    throw Error(fmt::format("row {}: no \"{}\" cell (is this a pipesim sweep table?)", n, key));
  return row[key].get<std::string>();
}

// One CSV record from `at` (RFC 4180: quoted cells may hold commas, doubled quotes and line
// breaks); false at the end of the text.
bool csv_record(const std::string& s, std::size_t& at, std::vector<std::string>& cells) {
  cells.clear();
  if (at >= s.size()) return false;
  std::string cell;
  bool quoted = false;
  for (; at < s.size(); ++at) {
    const char c = s[at];
    if (quoted) {
      if (c != '"')
        cell += c;
      else if (at + 1 < s.size() && s[at + 1] == '"')
        cell += '"', ++at;
      else
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      cells.push_back(std::move(cell));
      cell.clear();
    } else if (c == '\n') {
      ++at;
      break;
    } else if (c != '\r') {
      cell += c;
    }
  }
  cells.push_back(std::move(cell));
  return true;
}

}  // namespace

std::string machine_label(const std::string& config, const std::string& sets) {
  return sets.empty() ? config : config + " " + sets;
}

void check_baseline(const std::vector<Job>& jobs, const std::string& baseline) {
  std::vector<std::string> machines;
  for (const Job& job : jobs) {
    const std::string label = machine_label(job.config, sets_text(job));
    if (label == baseline) return;
    if (std::find(machines.begin(), machines.end(), label) == machines.end())
      machines.push_back(label);
  }
  throw Error(fmt::format("--baseline '{}' is none of the sweep's machines: '{}'", baseline,
                          fmt::join(machines, "', '")));
}

void SummaryBuilder::add(const Row& row) {
  const std::size_t n = ++rows_;
  const std::string machine = machine_label(
      text(row, "config", n),
      row.contains("sets") && row["sets"].is_string() ? row["sets"].get<std::string>() : "");
  Run run{index_of(machines_, machine_index_, machine),
          index_of(programs_, program_index_, text(row, "program", n)), false, 0, 0};
  const std::string halt = text(row, "halt", n);
  const double instructions = number(row, "stats", "instructions", n);
  run.time_ns = number(row, "stats", "time_ns", n);
  run.counted = (halt == "exit" || halt == "ebreak") && instructions > 0 && run.time_ns > 0;
  if (run.counted) run.cpi = number(row, "stats", "cycles", n) / instructions;
  if (!pairs_.emplace(run.machine, run.program).second)
    throw Error(
        fmt::format("row {}: a second run of {} on {}: a summary compares one run of "
                    "each program on each machine",
                    n, programs_[run.program], machines_[run.machine]));
  runs_.push_back(run);
}

SweepSummary SummaryBuilder::finish(const std::string& baseline) const {
  if (machines_.empty()) throw Error("the table has no rows to summarize");
  SweepSummary s;
  s.programs = programs_;
  s.baseline = baseline.empty() ? machines_.front() : baseline;
  const auto base = std::find(machines_.begin(), machines_.end(), s.baseline);
  if (base == machines_.end())
    throw Error(fmt::format("--baseline '{}' is none of the table's machines: '{}'", baseline,
                            fmt::join(machines_, "', '")));
  const std::size_t b = static_cast<std::size_t>(base - machines_.begin());
  s.cpi.assign(machines_.size(), std::vector<std::optional<double>>(programs_.size()));
  std::vector<std::optional<double>> base_time(programs_.size());
  for (const Run& r : runs_) {
    if (!r.counted) continue;
    s.cpi[r.machine][r.program] = r.cpi;
    if (r.machine == b) base_time[r.program] = r.time_ns;
  }
  for (std::size_t m = 0; m < machines_.size(); ++m) {
    MachineSummary ms;
    ms.machine = machines_[m];
    std::vector<double> cpis, speedups;
    for (const Run& r : runs_) {
      if (r.machine != m) continue;
      ++ms.runs;
      if (!r.counted) continue;
      ++ms.counted;
      cpis.push_back(r.cpi);
      if (base_time[r.program]) speedups.push_back(*base_time[r.program] / r.time_ns);
    }
    ms.cpi = geomean(cpis);
    ms.speedup = geomean(speedups);
    ms.compared = speedups.size();
    s.machines.push_back(std::move(ms));
  }
  return s;
}

std::vector<Row> read_table_rows(const std::string& path) {
  const std::string content = read_user_file(path, kSweepTableFile);
  if (table_format(path) == "json") {
    const auto doc = parse_json_source<Row>(content, path, /*ignore_comments=*/false);
    if (!doc.is_object() || !doc.contains("rows") || !doc["rows"].is_array())
      throw Error(fmt::format("{}: not a pipesim sweep table (no \"rows\" array)", path));
    return doc["rows"].get<std::vector<Row>>();
  }
  // CSV: the cells a summary reads, nested again as in the JSON form ("stats.cycles").
  std::vector<Row> rows;
  std::size_t at = 0;
  std::vector<std::string> header, cells;
  if (!csv_record(content, at, header))
    throw Error(fmt::format("{}: empty (no header line)", path));
  while (csv_record(content, at, cells)) {
    if (cells.size() == 1 && cells[0].empty()) continue;  // a blank last line
    Row row;
    for (std::size_t c = 0; c < header.size() && c < cells.size(); ++c) {
      const std::string& name = header[c];
      if (name == "program" || name == "config" || name == "sets" || name == "halt") {
        row[name] = cells[c];
      } else if (name == "stats.cycles" || name == "stats.instructions" ||
                 name == "stats.time_ns") {
        const Row value = Row::parse(cells[c], nullptr, false);
        row["stats"][name.substr(6)] = value.is_discarded() ? Row() : value;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::vector<std::string>> summary_rows(const SweepSummary& s) {
  std::vector<std::vector<std::string>> rows = {
      {"machine", "runs", "counted", "geomean CPI", "speedup"}};
  const auto fixed = [](std::optional<double> v) {
    return v ? fmt::format("{:.3f}", *v) : std::string("-");
  };
  for (const MachineSummary& m : s.machines)
    rows.push_back({m.machine, std::to_string(m.runs), std::to_string(m.counted), fixed(m.cpi),
                    fixed(m.speedup)});
  return rows;
}

std::string summary_text(const SweepSummary& s, report::TableFormat format) {
  if (format == report::TableFormat::Json) {
    nlohmann::ordered_json j;
    j["baseline"] = s.baseline;
    j["machines"] = nlohmann::ordered_json::array();
    for (const MachineSummary& m : s.machines)
      j["machines"].push_back(
          {{"machine", m.machine},
           {"runs", m.runs},
           {"counted", m.counted},
           {"geomean_cpi", m.cpi ? nlohmann::ordered_json(*m.cpi) : nullptr},
           {"speedup", m.speedup ? nlohmann::ordered_json(*m.speedup) : nullptr},
           {"compared", m.compared}});
    return json_text(j, 2) + "\n";
  }
  const std::string table =
      report::render_rows(summary_rows(s),
                          {report::Align::Left, report::Align::Right, report::Align::Right,
                           report::Align::Right, report::Align::Right},
                          true, format);
  if (format != report::TableFormat::Text) return table;
  return fmt::format(
             "baseline: {}\nspeedup: the baseline's time over the machine's, geometric mean over "
             "the programs both ran to the end; CPI: geometric mean over the machine's runs that "
             "ended by exit or ebreak (counted)\n\n",
             s.baseline) +
         table;
}

}  // namespace pipesim::sweep
