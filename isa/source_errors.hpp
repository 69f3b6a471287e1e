// Every error of one source at once, for readers that report them all (the assembler), and the
// text hygiene of what is printed about a source.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "isa/error.hpp"

namespace pipesim {

// The errors of one source: the base holds the first, so that code that shows one error shows
// the first; format_diagnostics shows all.
struct SourceErrors : SourceError {
  SourceErrors(std::vector<SourceError> all, bool stopped_);
  std::vector<SourceError> errors;  // in source order; never empty
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

// All errors of a SourceErrors, each as format_diagnostic shows it, then
// "FILE: error: too many errors, stopping after 20" if it stopped; for any other SourceError,
// format_diagnostic(e).
std::string format_diagnostics(const SourceError& e);

}  // namespace pipesim
