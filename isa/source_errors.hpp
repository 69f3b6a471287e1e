// Every error of one source at once, for readers that report them all (the assembler), and the
// text hygiene of what is printed about a source.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "isa/error.hpp"

namespace pipesim {

// The part of a source line a diagnostic shows (see kDiagnosticWidth): bytes [begin, end), and
// whether the line goes on after it.
struct LineWindow {
  std::size_t begin = 0, end = 0;
  bool cut_end = false;
};
LineWindow diagnostic_window(std::string_view text, int column);

// The errors of one source: the base holds the first, so that code that shows one error shows
// the first; format_diagnostics shows all. Each of `errors` keeps as its text only the window
// of its line that is shown (20 errors on a 10 MB line must not hold 200 MB).
struct SourceErrors : SourceError {
  SourceErrors(std::vector<SourceError> all, std::vector<LineWindow> windows_, bool stopped_);
  std::vector<SourceError> errors;  // in source order; never empty
  std::vector<LineWindow> windows;  // where each error's text is in its line
  bool stopped;                     // there were more: the reader gave up (kMaxErrors)
};

// The most errors one source reports before "too many errors, stopping", as compilers'
// -fmax-errors does: past that, later errors are mostly echoes of the first ones.
inline constexpr std::size_t kMaxErrors = 20;

// A message safe to print and to put in JSON: control characters and bytes that are not UTF-8
// become \xNN (a NUL would cut what() short), and a message longer than 2 * kDiagnosticWidth
// (one quoting a 10 MB token) keeps its first 200 and last 80 bytes around a "…".
// format_diagnostic shows messages and lines this way (the caret still under the column).
std::string printable_message(std::string_view message);
// Text from a file shown in a table or a line of output (a task's name, a resource's): the same
// escapes, tabs included (a table's columns would not line up), and never cut.
std::string printable_name(std::string_view name);

// A diagnostic whose shown text is bytes [offset, offset + size) of its line (cut_end: the line
// goes on), as format_diagnostic shows the window of a whole line.
std::string format_window(const std::string& file, int line, int column,
                          const std::string& severity, const std::string& message,
                          std::string_view shown_text, std::size_t offset, bool cut_end);

// All errors of a SourceErrors, each as format_diagnostic shows it, then
// "FILE: error: too many errors, stopping after 20" if it stopped; for any other SourceError,
// format_diagnostic(e).
std::string format_diagnostics(const SourceError& e);

}  // namespace pipesim
