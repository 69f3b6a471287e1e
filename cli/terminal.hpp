// Whether stdout is a terminal and how wide it is, and what the text views (--diagram,
// --occupancy, check --key) make of it: on a terminal they fit its width and are in colour;
// piped or written to a file they stay as they were (goldens, answer keys), unless asked.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

#include "sim/classroom/answer_key.hpp"

namespace pipesim::cli {

// The options, as given: --width N (0: not given) and --color auto|always|never.
struct DisplayOptions {
  std::size_t width = 0;
  std::string colour = "auto";
};
void add_display_options(CLI::App* app, DisplayOptions& o);

// What a view printed to `to_stdout` (or to a file) does: `width` 0 means "not fitted" (the
// layout of a pipe); with --width N it is N wherever the view goes.
struct Display {
  std::size_t width = 0;
  bool colour = false;
};
Display resolve_display(const DisplayOptions& o, bool to_stdout);

// `check --key`: the key as drawn (key.text) unless `display` fits it to a width or colours it.
std::string key_text(const classroom::RecordedRun& run, const classroom::AnswerKey& key,
                     const Display& display);

// The terminal's width: $COLUMNS when it is a whole number of at least 1, else the window size of
// stdout (TIOCGWINSZ), else 80.
std::size_t terminal_columns();
bool stdout_is_terminal();
// NO_COLOR (no-color.org): set to any non-empty value, it turns colour off unless --color=always.
bool no_color_requested();

}  // namespace pipesim::cli
