// What an engineer reads first about a sweep (`pipesim summarize TABLE`, `sweep --summary`): per
// machine, the geometric mean CPI over its programs and its speedup against a baseline machine,
// and a bar chart of every program's CPI on every machine (SVG, drawn here: no plotting library).
// docs/sweeps.md, "Summary".
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "sim/report/table_format.hpp"
#include "sim/sweep/plan.hpp"
#include "sim/sweep/table.hpp"

namespace pipesim::sweep {

struct MachineSummary {
  std::string machine;  // the config as named in the sweep, with its --set values
  std::size_t runs = 0;
  std::size_t counted = 0;        // runs that ended by exit or ebreak, with instructions
  std::optional<double> cpi;      // geometric mean over the counted runs
  std::optional<double> speedup;  // geometric mean of baseline time / this time
  std::size_t compared = 0;       // programs counted both here and on the baseline
};

struct SweepSummary {
  std::string baseline;
  std::vector<std::string> programs;                    // in table order
  std::vector<MachineSummary> machines;                 // in table order
  std::vector<std::vector<std::optional<double>>> cpi;  // [machine][program]
};

// Builds a summary from rows as they come (a sweep's own rows, or a table read back), keeping
// only a few numbers per row.
class SummaryBuilder {
 public:
  // Throws pipesim::Error for a row without the cells a summary needs, naming the row.
  void add(const Row& row);
  // `baseline`: a machine of the table (empty: the first). Throws pipesim::Error for a
  // baseline that is not one.
  SweepSummary finish(const std::string& baseline) const;

 private:
  struct Run {
    std::size_t machine, program;
    bool counted;
    double cpi, time_ns;
  };
  std::vector<std::string> machines_, programs_;
  std::map<std::string, std::size_t> machine_index_, program_index_;
  std::set<std::pair<std::size_t, std::size_t>> pairs_;  // (machine, program) seen
  std::vector<Run> runs_;
  std::size_t rows_ = 0;
};

// The name a summary gives the machine of a job: its config, then its --set values.
std::string machine_label(const std::string& config, const std::string& sets);
// Throws pipesim::Error unless `baseline` is the machine_label of one of the jobs: a sweep
// checks its --baseline before the runs, not after them.
void check_baseline(const std::vector<Job>& jobs, const std::string& baseline);

// The rows of a sweep table file (.json as written by sweep and merge, or .csv), for the
// summary. Throws pipesim::Error naming the file.
std::vector<Row> read_table_rows(const std::string& path);

// The summary as a table (header first): machine, runs, counted, geomean CPI, speedup.
std::vector<std::vector<std::string>> summary_rows(const SweepSummary& s);
// The summary as `summarize` prints it: in text, a line naming the baseline and what the numbers
// mean, then the table; CSV and Markdown the table alone; JSON the numbers.
std::string summary_text(const SweepSummary& s, report::TableFormat format);
// A grouped bar chart: one group of bars per program, one colour per machine, CPI upwards.
std::string summary_svg(const SweepSummary& s);

}  // namespace pipesim::sweep
