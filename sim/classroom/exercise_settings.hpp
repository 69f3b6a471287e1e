// The grading settings of an exercise, read from the front matter of its .md (docs/classroom.md,
// "Exercise settings"): a block of `key: value` lines between two `---` lines at the very top,
// as GitHub and static site generators read it. A pure function of the text; strict: an unknown
// key, a key given twice or a bad value is a SourceError naming the line.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sim/classroom/grade_policy.hpp"

namespace pipesim::classroom {

// The most lines a front matter block may have (a real one has about five): a file that opens
// with `---` and never closes it is reported, not read to the end.
inline constexpr int kMaxFrontMatterLines = 64;
// The most points one exercise (on one machine) may be worth.
inline constexpr unsigned kMaxExercisePoints = 1000;

// What the front matter says; a key it leaves out is empty (the command line or the default
// decides).
struct ExerciseSettings {
  std::vector<std::string> machines;           // `machines: 5-stage, 5-stage-branch-in-id`
  std::optional<FlushedRows> flushed_rows;     // `flushed-rows: optional|required|forbidden`
  std::optional<unsigned> flushed_row_points;  // `flushed-row-points: 5`
  std::optional<bool> template_cycles;         // `template: show cycles` / `hide cycles`
  std::optional<bool> template_flushed;        // `template: show flushed` / `hide flushed`
  std::optional<unsigned> points;              // `points: 10` (per machine; default 100)
  bool has_front_matter = false;
};

// Reads the front matter of an exercise .md (`file` names it in messages). Text that does not
// start with a `---` line has none: every setting is empty.
ExerciseSettings parse_exercise_settings(std::string_view text, const std::string& file);

// "optional" -> FlushedRows::Optional...; nullopt for any other word.
std::optional<FlushedRows> flushed_rows_from_name(std::string_view name);
const char* flushed_rows_name(FlushedRows f);

// The settings applied over the defaults (the command line applies its options after this).
GradePolicy grade_policy(const ExerciseSettings& s);
TemplateOptions template_options(const ExerciseSettings& s);

}  // namespace pipesim::classroom
