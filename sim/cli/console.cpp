// What pipesim says on stderr besides errors: warnings and --verbose notes, by verbosity.
#include <iostream>

#include "sim/cli/command.hpp"

namespace pipesim::cli {
namespace {
Verbosity g_verbosity = Verbosity::Normal;
}

Verbosity verbosity() {
  return g_verbosity;
}
void set_verbosity(Verbosity v) {
  g_verbosity = v;
}

void print_warnings(const std::vector<std::string>& warnings) {
  if (g_verbosity == Verbosity::Quiet) return;
  for (const std::string& w : warnings) std::cerr << w;
}

void verbose_note(const std::string& line) {
  if (g_verbosity == Verbosity::Verbose) std::cerr << "pipesim: " << line << "\n";
}

}  // namespace pipesim::cli
