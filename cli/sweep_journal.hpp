// The journal of a sweep that writes a table file (docs/sweeps.md, "Resuming"): each row, as it
// goes into the table, is also appended to TABLE.journal, one JSON line each after a header line
// naming the sweep. Rows are written in job order, so the journal always holds the first rows of
// the table. A sweep stopped by Ctrl-C, a crash or a power cut leaves it behind; `--resume`
// writes those rows into the table again and runs only the jobs after them.
#pragma once

#include <cstddef>
#include <functional>
#include <string>

#include "sim/sweep/runner.hpp"

namespace pipesim::cli {

class SweepJournal {
 public:
  // Opens TABLE.journal for the sweep `sweep_id` of `loaded`. With `resume`, the rows already
  // there are checked against the sweep (its id, and the program and config files' SHA-256 of
  // each row against the files as loaded now) and handed to `replay` in order; a last line cut
  // short is dropped. Without `resume` the journal starts empty. Throws pipesim::Error.
  SweepJournal(const std::string& table, const std::string& sweep_id,
               const sweep::LoadedSweep& loaded, bool resume,
               const std::function<void(sweep::Row&&)>& replay);
  ~SweepJournal();
  SweepJournal(const SweepJournal&) = delete;
  SweepJournal& operator=(const SweepJournal&) = delete;

  const std::string& path() const { return path_; }
  // Rows read back by --resume: the jobs to skip.
  std::size_t resumed() const { return resumed_; }
  // Rows in the journal now.
  std::size_t rows() const { return rows_; }
  // Appends a row; throws pipesim::Error when it cannot be written.
  void append(const sweep::Row& row);
  // The table is written: the journal is not needed any more.
  void remove();

 private:
  // Hands the journal's rows to `replay`; returns the bytes to keep (0: nothing to resume).
  std::size_t replay_rows(const std::string& header, const sweep::LoadedSweep& loaded,
                          const std::function<void(sweep::Row&&)>& replay);
  std::string path_;
  int fd_ = -1;
  std::size_t resumed_ = 0;
  std::size_t rows_ = 0;
};

}  // namespace pipesim::cli
