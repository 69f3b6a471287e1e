// The source file being assembled: its lines, the one place that turns a position in it into a
// SourceError or a formatted warning, and the list of errors the assembler recovers from.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "isa/source_errors.hpp"

namespace pipesim::assembler {

// A place in the source: 1-based line and column.
struct Loc {
  int line = 0;
  int col = 0;
};

class Source {
 public:
  // Refers to `text`, which must outlive the Source (no copy: a source may be hundreds of MiB).
  // A UTF-8 byte order mark at the start is skipped, as GNU as does. Lines end at "\n" (a "\r"
  // before it is dropped), or at "\r" in a file that has no "\n" at all (classic Mac OS); GNU
  // as takes such a file as one line, which cannot be what its writer meant.
  Source(std::string_view text, std::string file);

  const std::string& file() const { return file_; }
  int line_count() const { return static_cast<int>(starts_.size()); }
  // Line n (1-based) without its end of line.
  std::string_view line(int n) const;

  // The error at `at` (its message made printable: no control characters, no megabytes).
  SourceError make_error(Loc at, const std::string& message) const;
  [[noreturn]] void error(Loc at, const std::string& message) const;
  // An error after which going on makes no sense (a bound on the work or the memory of the
  // assembly was passed): the assembly stops with the errors so far.
  [[noreturn]] void fatal(Loc at, const std::string& message) const;
  std::string warning(Loc at, const std::string& message) const;

 private:
  std::string file_;
  std::string_view text_;
  char eol_ = '\n';
  std::vector<std::size_t> starts_;  // offset of each line's first character in text_
};

// The errors of one assembly. The assembler reports an error and goes on with the next
// statement, so that one run shows every mistake; after kMaxErrors it stops.
// What Source::fatal throws.
struct FatalSourceError : SourceError {
  using SourceError::SourceError;
};

class ErrorList {
 public:
  // Thrown by add() past kMaxErrors or after a fatal error; ends the assembly (not a
  // SourceError, so that the statement-level recovery does not catch it).
  struct Stop {
    bool too_many;
  };

  // Records e (once: an error inside a `.rept` body repeats); throws Stop past the limit or
  // after recording a FatalSourceError.
  void add(const SourceError& e);
  bool empty() const { return errors_.empty(); }
  // Throws every error as one SourceErrors, in source order, if there is any.
  void throw_if_any(bool stopped) const;

 private:
  std::vector<SourceError> errors_;  // each with only the shown window of its line
  std::vector<LineWindow> windows_;
};

}  // namespace pipesim::assembler
