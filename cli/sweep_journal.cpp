#include "cli/sweep_journal.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <vector>

#include "cli/output_file.hpp"
#include "isa/error.hpp"
#include "sim/json/json_text.hpp"

namespace pipesim::cli {
namespace {

constexpr const char* kJournalSchema = "pipesim.sweep-journal/1";
// A row is a few KiB: a longer line was not written by pipesim.
constexpr std::size_t kMaxJournalLine = std::size_t{64} << 20;

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
  // Written in place, so it must be a plain file of its own: not a FIFO (opening one to write
  // would wait for a reader; O_NONBLOCK makes that an error instead), a device, or a symbolic
  // link to some other file (O_NOFOLLOW), which truncating would destroy.
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC, 0666);
  if (fd_ < 0) throw Error(cannot_write(path_, errno));
  struct stat st {};
  if (::fstat(fd_, &st) != 0 || !S_ISREG(st.st_mode))
    throw Error(
        fmt::format("cannot write '{}': not a regular file (a sweep keeps its journal "
                    "there: move it away)",
                    path_));
  const std::string header = header_line(sweep_id, loaded.jobs.size());
  std::size_t keep = 0;  // bytes of the journal that stay: the header and whole, valid rows
  if (resume) keep = replay_rows(header, loaded, replay);
  resumed_ = rows_;
  if (::ftruncate(fd_, static_cast<off_t>(keep)) != 0 ||
      ::lseek(fd_, static_cast<off_t>(keep), SEEK_SET) < 0)
    throw Error(cannot_write(path_, errno));
  if (keep == 0) write_all(fd_, path_, header);
}

std::size_t SweepJournal::replay_rows(const std::string& header, const sweep::LoadedSweep& loaded,
                                      const std::function<void(sweep::Row&&)>& replay) {
  // Line by line, a block at a time: a journal is as large as its table, and resuming must not
  // hold it all. A line that does not parse (cut short by the interruption) ends the replay:
  // its run and the ones after it run again.
  std::size_t keep = 0;
  std::string pending;
  bool more = true;
  std::vector<char> block(std::size_t{1} << 16);
  while (more) {
    const ssize_t n = ::read(fd_, block.data(), block.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(fmt::format("cannot read '{}': {}", path_, std::strerror(errno)));
    if (n == 0) break;
    pending.append(block.data(), static_cast<std::size_t>(n));
    std::size_t at = 0;
    for (std::size_t end; more && (end = pending.find('\n', at)) != std::string::npos;
         at = end + 1) {
      const std::string_view line(pending.data() + at, end - at + 1);  // with its '\n'
      if (keep == 0) {
        if (line != header)
          throw Error(fmt::format(
              "{}: the journal of another sweep (its command line differs from this one); run "
              "without --resume to start over",
              path_));
        keep = header.size();
        continue;
      }
      sweep::Row row = sweep::Row::parse(line, nullptr, false);
      if (row.is_discarded() || rows_ == loaded.jobs.size()) {
        more = false;
        break;
      }
      check_row(path_, rows_, row, loaded);
      replay(std::move(row));
      ++rows_;
      keep += line.size();
    }
    pending.erase(0, at);
    if (pending.size() > kMaxJournalLine)
      throw Error(
          fmt::format("{}: a line longer than {} MiB: not a journal pipesim wrote; run "
                      "without --resume to start over",
                      path_, kMaxJournalLine >> 20));
  }
  return keep;
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
