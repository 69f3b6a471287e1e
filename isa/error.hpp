// Errors caused by the user's input. The command line prints them and exits with status 2;
// anything else escaping is a bug in pipesim.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>

namespace pipesim {

// what() is the message without the "error: " prefix, which the printer adds.
struct Error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An error at a place in a source file. The printer shows it GCC-style:
//   prog.s:3:5: error: unknown instruction 'addx'
//       addx a0, a1, a2
//       ^
struct SourceError : Error {
  SourceError(std::string file_, int line_, int column_, std::string message, std::string text_)
      : Error(std::move(message)),
        file(std::move(file_)),
        line(line_),
        column(column_),
        text(std::move(text_)) {}
  std::string file;
  int line;          // 1-based
  int column;        // 1-based
  std::string text;  // the offending source line, without its newline
};

// The most of a source line a diagnostic shows (bytes, about as many columns): a longer line is
// cut to a window around the column.
inline constexpr std::size_t kDiagnosticWidth = 160;

// Renders a diagnostic in the format above; severity is "error" or "warning".
std::string format_diagnostic(const std::string& file, int line, int column,
                              const std::string& severity, const std::string& message,
                              const std::string& text);
inline std::string format_diagnostic(const SourceError& e) {
  return format_diagnostic(e.file, e.line, e.column, "error", e.what(), e.text);
}

}  // namespace pipesim
