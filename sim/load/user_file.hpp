// Reading the files users name (programs, configurations and their `extends`, answers, task
// files, sweep results): the one place that opens them, so that every kind is refused the same
// way when it is not a file to read (a directory, a device such as /dev/zero) or is larger than
// pipesim will hold in memory for it. A pipe (bash's <(...), /dev/fd/N) is read, up to the limit.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace pipesim {

// A kind of input file: how messages name it and the most bytes read from one.
struct UserFileKind {
  const char* what;  // "a configuration file"
  std::size_t limit;
  // Whether a pipe is read: not for a file pipesim is about to replace (a FIFO left where an
  // output goes would wait for a writer forever).
  bool pipe_ok = true;
};

// Programs: assembly sources, ELF files and raw binaries (a guest has at most 256 MiB of memory).
inline constexpr UserFileKind kProgramFile{"a program", std::size_t{256} << 20};
// Hand-written JSON and text: a real one is a few KiB.
inline constexpr UserFileKind kConfigFile{"a configuration file", std::size_t{4} << 20};
inline constexpr UserFileKind kTaskFile{"a task file", std::size_t{4} << 20};
inline constexpr UserFileKind kAnswerFile{"an answer file", std::size_t{4} << 20};
// An answer found in a folder of submissions (check --batch, --course): a FIFO there has no
// writer to wait for, so it is a record with its error, never a hang.
inline constexpr UserFileKind kSubmittedAnswerFile{"an answer file", std::size_t{4} << 20, false};
// Written by pipesim: `exercise new` compares the files it would replace with what it generates.
inline constexpr UserFileKind kExerciseFile{"an exercise file", std::size_t{4} << 20, false};
// Written by pipesim: one row per run, about 1 KiB each.
inline constexpr UserFileKind kSweepResultFile{"a sweep result file", std::size_t{64} << 20};

// The whole file. Throws pipesim::Error: "cannot open 'PATH': REASON" when it cannot be opened,
// "cannot read 'PATH': REASON" when it is a directory, not a regular file or a pipe (nor a pipe
// unless kind.pipe_ok), larger than
// kind.limit ("too large for a configuration file (limit 4 MiB)") or a read fails.
std::string read_user_file(const std::string& path, const UserFileKind& kind);
std::vector<uint8_t> read_user_bytes(const std::string& path, const UserFileKind& kind);

// A file read piece by piece, of any size (a binary trace): opened with the same checks as
// read_user_file (kind.limit is not used), "-" for stdin. Throws pipesim::Error as it does.
class UserFileStream {
 public:
  UserFileStream(const std::string& path, const UserFileKind& kind);
  ~UserFileStream();
  UserFileStream(const UserFileStream&) = delete;
  UserFileStream& operator=(const UserFileStream&) = delete;
  // The next bytes, up to `max`; 0 at the end.
  std::size_t read(char* to, std::size_t max);

 private:
  std::string path_;
  int fd_ = -1;
  bool owned_ = false;
};

}  // namespace pipesim
