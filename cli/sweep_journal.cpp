#include "cli/sweep_journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "cli/output_file.hpp"
#include "isa/error.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/user_file.hpp"

namespace pipesim::cli {
namespace {

constexpr const char* kJournalSchema = "pipesim.sweep-journal/1";
// As large as the table it shadows may grow: a row is a few KiB.
constexpr UserFileKind kJournalFile{"a sweep journal", std::size_t{64} << 30, false};

void write_all(int fd, const std::string& path, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(cannot_write(path, errno));
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
}

std::string header_line(const std::string& sweep_id, std::size_t jobs) {
  nlohmann::ordered_json h;
  h["schema"] = kJournalSchema;
  h["sweep"] = sweep_id;
  h["jobs"] = jobs;
  return json_text(h) + "\n";
}

// A row of the journal must be the row job `index` of this sweep would give now: the same job,
// the same pipesim, the same program and config files.
void check_row(const std::string& path, std::size_t index, const sweep::Row& row,
               const sweep::LoadedSweep& loaded) {
  const sweep::Job& job = loaded.jobs[index];
  const auto differs = [&](const std::string& what) {
    return Error(fmt::format(
        "{}: row {} {} since the sweep was interrupted; run without --resume to start over", path,
        index + 1, what));
  };
  if (!row.is_object() || row.value("program", "") != job.program ||
      row.value("config", "") != job.config)
    throw differs("is not the same run as job " + std::to_string(index + 1));
  if (row.value("pipesim", "") != PIPESIM_VERSION)
    throw differs("was computed by another pipesim version");
  if (row.value("program_sha256", sweep::Row()) != loaded.program_sha256.at(job.program))
    throw differs(fmt::format("ran program '{}', which has changed", job.program));
  if (row.value("config_sha256", sweep::Row()) != loaded.config_sha256.at(job.config))
    throw differs(fmt::format("ran config '{}', which has changed", job.config));
}

}  // namespace

SweepJournal::SweepJournal(const std::string& table, const std::string& sweep_id,
                           const sweep::LoadedSweep& loaded, bool resume,
                           const std::function<void(sweep::Row&&)>& replay)
    : path_(table + ".journal") {
  const std::string header = header_line(sweep_id, loaded.jobs.size());
  std::size_t keep = 0;  // bytes of the journal that stay: the header and whole, valid rows
  if (resume && ::access(path_.c_str(), F_OK) == 0) {
    const std::string text = read_user_file(path_, kJournalFile);
    if (!text.starts_with(header))
      throw Error(fmt::format(
          "{}: the journal of another sweep (its command line differs from this one); run "
          "without --resume to start over",
          path_));
    keep = header.size();
    for (std::size_t at = keep; at < text.size() && rows_ < loaded.jobs.size();) {
      const std::size_t end = text.find('\n', at);
      if (end == std::string::npos) break;  // the last line, cut short: run that job again
      sweep::Row row = sweep::Row::parse(text.substr(at, end - at), nullptr, false);
      if (row.is_discarded()) break;
      check_row(path_, rows_, row, loaded);
      replay(std::move(row));
      ++rows_;
      at = keep = end + 1;
    }
    resumed_ = rows_;
  }
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0666);
  if (fd_ < 0) throw Error(cannot_write(path_, errno));
  if (::ftruncate(fd_, static_cast<off_t>(keep)) != 0 ||
      ::lseek(fd_, static_cast<off_t>(keep), SEEK_SET) < 0)
    throw Error(cannot_write(path_, errno));
  if (keep == 0) write_all(fd_, path_, header);
}

SweepJournal::~SweepJournal() {
  if (fd_ >= 0) ::close(fd_);
}

void SweepJournal::append(const sweep::Row& row) {
  write_all(fd_, path_, json_text(row) + "\n");
  ++rows_;
}

void SweepJournal::remove() {
  ::close(fd_);
  fd_ = -1;
  std::remove(path_.c_str());
}

}  // namespace pipesim::cli
