// The source text being assembled: its lines, the one place that turns a position in it into a
// SourceError or a formatted warning, and the list of errors the assembler recovers from. The
// main file is the root Source; every included file and every macro or repetition expansion is
// another Source the root owns, named by an index (Loc::file), so that a message anywhere names
// the right file and line.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "isa/source_errors.hpp"

namespace pipesim::assembler {

// A place in the source: 1-based line and column, in the Source with index `file` (0 is the
// main file).
struct Loc {
  int line = 0;
  int col = 0;
  int file = 0;
};

class Source {
 public:
  // The main file. Refers to `text`, which must outlive the Source (no copy: a source may be
  // hundreds of MiB). A UTF-8 byte order mark at the start is skipped, as GNU as does (in
  // included files too). Lines end at "\n" (a "\r" before it is dropped), or at "\r" in a file
  // that has no "\n" at all (classic Mac OS); GNU as takes such a file as one line, which cannot
  // be what its writer meant.
  Source(std::string_view text, std::string file);
  Source(const Source&) = delete;
  Source& operator=(const Source&) = delete;

  // Adds a text (owned) read or made during assembly; only on the main file's Source. `origin`
  // gives, for each of its lines, the line of `file` it was written on (an expansion of a macro
  // body); empty when the text is the file itself (an included file). `main_line` is the line of
  // the main file it stands for in listings. The text is read `times` times over (a .rept body
  // is held once however often it repeats). Returns its index.
  int add(std::string text, std::string file, std::vector<int> origin, int main_line,
          int times = 1);
  const Source& at(int index) const;
  int index() const { return index_; }

  const std::string& file() const { return file_; }
  int line_count() const { return static_cast<int>(starts_.size()) * times_; }
  // Line n (1-based) without its end of line.
  std::string_view line(int n) const;
  // The line of file() that line n was written on (n itself unless an expansion).
  int origin_line(int n) const;
  // The line of the main file that line n of this source stands for (for listings).
  int main_line(int n) const;
  // Whether its text is the main file's own (the main file, or an expansion of text in it).
  bool in_main_file() const { return main_line_ == 0; }

  // The error at `at` (its message made printable: no control characters, no megabytes).
  SourceError make_error(Loc at, const std::string& message) const;
  [[noreturn]] void error(Loc at, const std::string& message) const;
  // An error after which going on makes no sense (a bound on the work or the memory of the
  // assembly was passed): the assembly stops with the errors so far.
  [[noreturn]] void fatal(Loc at, const std::string& message) const;
  std::string warning(Loc at, const std::string& message) const;

 private:
  Source(std::string text, std::string file, std::vector<int> origin, int main_line, int times,
         int index, const Source* root);
  // Line n of the text read `times_` times over: the line of the text itself.
  int own_line(int n) const {
    return starts_.empty() ? n : (n - 1) % static_cast<int>(starts_.size()) + 1;
  }
  void find_lines();

  std::string owned_;  // the text of an added source
  std::string file_;
  std::string_view text_;
  char eol_ = '\n';
  std::vector<std::size_t> starts_;  // offset of each line's first character in text_
  std::vector<int> origin_;
  int main_line_ = 0;  // added sources not from the main file: what they stand for
  int times_ = 1;
  int index_ = 0;
  const Source* root_ = this;
  std::vector<std::unique_ptr<Source>> added_;  // the main file's Source only
};

// What Source::fatal throws.
struct FatalSourceError : SourceError {
  using SourceError::SourceError;
};

// The errors of one assembly. The assembler reports an error and goes on with the next
// statement, so that one run shows every mistake; after kMaxErrors it stops.
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
