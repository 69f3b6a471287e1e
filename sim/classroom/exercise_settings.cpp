// Reading an exercise's front matter. Only the few keys below, each a single line: a YAML
// subset that GitHub still renders as a small table above the exercise.
#include "sim/classroom/exercise_settings.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "isa/error.hpp"

namespace pipesim::classroom {

namespace {

constexpr const char* kKnownKeys = "machines, flushed-rows, flushed-row-points, template, points";

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// "a, b ,c" -> {"a", "b", "c"}; an empty item is nullopt.
std::optional<std::vector<std::string>> comma_items(std::string_view s) {
  std::vector<std::string> out;
  for (;;) {
    const std::size_t comma = s.find(',');
    const std::string_view item = trim(s.substr(0, comma));
    if (item.empty()) return std::nullopt;
    out.emplace_back(item);
    if (comma == std::string_view::npos) return out;
    s.remove_prefix(comma + 1);
  }
}

// One front matter line being read: where it is, for messages.
struct Line {
  const std::string& file;
  int number;
  std::string_view text;

  [[noreturn]] void fail(std::size_t column, const std::string& message) const {
    throw SourceError(file, number, static_cast<int>(column) + 1, message, std::string(text));
  }
  std::size_t column_of(std::string_view part) const {
    return static_cast<std::size_t>(part.data() - text.data());
  }
};

unsigned parse_count(const Line& line, std::string_view value, unsigned max, const char* key) {
  unsigned n = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (ec != std::errc() || end != value.data() + value.size() || n > max)
    line.fail(line.column_of(value),
              fmt::format("`{}` takes a whole number from 0 to {}, not `{}`", key, max, value));
  return n;
}

// `show cycles, flushed` or `hide flushed`.
void parse_template(const Line& line, std::string_view value, ExerciseSettings& s) {
  const std::size_t space = value.find(' ');
  const std::string_view verb = value.substr(0, space);
  if ((verb != "show" && verb != "hide") || space == std::string_view::npos)
    line.fail(line.column_of(value),
              "`template` takes `show` or `hide` and a list of cycles, flushed (e.g. `hide "
              "cycles, flushed`)");
  const std::string_view list = trim(value.substr(space + 1));
  const auto items = comma_items(list);
  if (!items) line.fail(line.column_of(list), "`template`: an empty item in the list");
  for (const std::string& item : *items) {
    if (item == "cycles")
      s.template_cycles = verb == "show";
    else if (item == "flushed")
      s.template_flushed = verb == "show";
    else
      line.fail(line.column_of(list),
                fmt::format("`template` shows or hides `cycles` or `flushed`, not `{}`", item));
  }
}

void parse_setting(const Line& line, std::string_view key, std::string_view value,
                   ExerciseSettings& s) {
  if (key == "machines") {
    auto items = comma_items(value);
    if (!items) line.fail(line.column_of(value), "`machines`: an empty item in the list");
    s.machines = std::move(*items);
  } else if (key == "flushed-rows") {
    s.flushed_rows = flushed_rows_from_name(value);
    if (!s.flushed_rows)
      line.fail(line.column_of(value),
                fmt::format("`flushed-rows` is optional, required or forbidden, not `{}`", value));
  } else if (key == "flushed-row-points") {
    s.flushed_row_points = parse_count(line, value, 100, "flushed-row-points");
  } else if (key == "points") {
    s.points = parse_count(line, value, kMaxExercisePoints, "points");
  } else if (key == "template") {
    parse_template(line, value, s);
  } else {
    line.fail(line.column_of(key),
              fmt::format("unknown exercise setting `{}` (known: {})", key, kKnownKeys));
  }
}

}  // namespace

std::optional<FlushedRows> flushed_rows_from_name(std::string_view name) {
  if (name == "optional") return FlushedRows::Optional;
  if (name == "required") return FlushedRows::Required;
  if (name == "forbidden") return FlushedRows::Forbidden;
  return std::nullopt;
}

const char* flushed_rows_name(FlushedRows f) {
  switch (f) {
    case FlushedRows::Optional:
      return "optional";
    case FlushedRows::Required:
      return "required";
    case FlushedRows::Forbidden:
      return "forbidden";
  }
  return "optional";
}

ExerciseSettings parse_exercise_settings(std::string_view text, const std::string& file) {
  ExerciseSettings s;
  std::vector<std::string> seen;
  std::size_t pos = 0;
  for (int number = 1;; ++number) {
    if (pos >= text.size()) {
      if (number == 1) return s;
      throw SourceError(file, 1, 1, "the front matter opened here has no closing `---` line",
                        "---");
    }
    const std::size_t eol = std::min(text.find('\n', pos), text.size());
    const std::string_view raw = text.substr(pos, eol - pos);
    pos = eol + 1;
    const Line line{file, number, raw};
    const std::string_view content = trim(raw);
    if (number == 1) {
      // At the very start, as GitHub reads it: " ---" or a later `---` opens nothing.
      if (raw != "---" && raw != "---\r")
        return s;  // no front matter: the .md is only the question
      s.has_front_matter = true;
      continue;
    }
    if (content == "---") return s;
    if (number > kMaxFrontMatterLines)
      throw SourceError(file, 1, 1,
                        fmt::format("the front matter opened here has no closing `---` line "
                                    "within {} lines",
                                    kMaxFrontMatterLines),
                        "---");
    if (content.empty() || content.front() == '#') continue;
    const std::size_t colon = content.find(':');
    if (colon == std::string_view::npos)
      line.fail(line.column_of(content), "expected `key: value` in the front matter");
    const std::string_view key = trim(content.substr(0, colon));
    const std::string_view value = trim(content.substr(colon + 1));
    for (const std::string& k : seen)
      if (k == key) line.fail(line.column_of(key), fmt::format("`{}` is given twice", key));
    seen.emplace_back(key);
    if (value.empty()) line.fail(line.column_of(content), fmt::format("`{}` has no value", key));
    parse_setting(line, key, value, s);
  }
}

GradePolicy grade_policy(const ExerciseSettings& s) {
  GradePolicy p;
  if (s.flushed_rows) p.flushed_rows = *s.flushed_rows;
  if (s.flushed_row_points) p.missing_flushed_row_points = *s.flushed_row_points;
  return p;
}

TemplateOptions template_options(const ExerciseSettings& s) {
  TemplateOptions t;
  // An exercise that requires the flushed rows asks for them on the sheet, unless it says not to.
  t.show_flushed_rows = s.flushed_rows == FlushedRows::Required;
  if (s.template_cycles) t.show_cycle_count = *s.template_cycles;
  if (s.template_flushed) t.show_flushed_rows = *s.template_flushed;
  return t;
}

}  // namespace pipesim::classroom
