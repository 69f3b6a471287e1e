// Terminal detection for the text views: isatty, $COLUMNS, TIOCGWINSZ, NO_COLOR.
#include "cli/terminal.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>

#include "cli/command.hpp"

namespace pipesim::cli {

namespace {
constexpr std::size_t kFallbackColumns = 80;  // a terminal that does not say how wide it is
}

void add_display_options(CLI::App* app, DisplayOptions& o) {
  app->add_option("--width", o.width,
                  "Fit the pipeline diagram (--diagram, --occupancy, check --key) to N columns, "
                  "in blocks of cycles (default: the terminal's width when stdout is one; piped "
                  "output is not fitted)")
      ->check(positive_count())
      ->type_name("N");
  app->add_option("--color", o.colour,
                  "Colour the diagram by stage: auto (when stdout is a terminal and NO_COLOR is "
                  "not set; default), always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->type_name("WHEN");
}

bool stdout_is_terminal() {
  return isatty(STDOUT_FILENO) == 1;
}

bool no_color_requested() {
  const char* v = std::getenv("NO_COLOR");
  return v != nullptr && *v != '\0';
}

std::size_t terminal_columns() {
  if (const char* env = std::getenv("COLUMNS")) {
    char* end = nullptr;
    const unsigned long long v = std::strtoull(env, &end, 10);
    // Only a plain number: "80x" or "-1" is not a width (strtoull would read -1 as huge).
    if (*env >= '0' && *env <= '9' && *end == '\0' && v >= 1 && v <= 1'000'000)
      return static_cast<std::size_t>(v);
  }
  struct winsize ws {};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return kFallbackColumns;
}

std::string key_text(const classroom::RecordedRun& run, const classroom::AnswerKey& key,
                     const Display& display) {
  if (display.width == 0 && !display.colour) return key.text;
  report::DiagramOptions options = key.diagram;
  options.width = display.width;
  options.colour = display.colour;
  return report::render_diagram(run.recorder, run.config, nullptr, options);
}

Display resolve_display(const DisplayOptions& o, bool to_stdout) {
  const bool terminal = to_stdout && stdout_is_terminal();
  Display d;
  d.width = o.width > 0 ? o.width : terminal ? terminal_columns() : 0;
  d.colour = o.colour == "always" || (o.colour == "auto" && terminal && !no_color_requested());
  return d;
}

}  // namespace pipesim::cli
