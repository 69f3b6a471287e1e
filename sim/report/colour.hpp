// ANSI colours for the text views printed on a terminal (`--color`): one colour per pipeline
// stage, stalls and flushed instructions highlighted. Only the renderers' callers decide whether
// to colour (a terminal, NO_COLOR, --color); a renderer that colours computes every width from
// the text without these codes, so that coloured and plain output line up the same.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace pipesim::report {

// SGR parameters ("ESC [ <sgr> m"): the stages cycle through six colours that read on both dark
// and light backgrounds; a stall is reverse video in yellow, so that the `S` cells stand out as a
// band; a flushed row is dim and its `flushed` mark red.
inline constexpr std::array<std::string_view, 6> kStageColours{"36", "32", "33", "35", "34", "96"};
inline constexpr std::string_view kStallColour = "1;7;33";
inline constexpr std::string_view kFlushedCellColour = "2";
inline constexpr std::string_view kFlushedMarkColour = "1;31";

// `text` between the escape that sets `sgr` and the one that resets it; empty text stays empty
// (no codes around nothing).
inline std::string paint(std::string_view text, std::string_view sgr) {
  if (text.empty()) return {};
  std::string out = "\x1b[";
  out += sgr;
  out += 'm';
  out += text;
  out += "\x1b[0m";
  return out;
}

inline std::string_view stage_colour(std::size_t stage) {
  return kStageColours[stage % kStageColours.size()];
}

}  // namespace pipesim::report
