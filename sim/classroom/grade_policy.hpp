// How an exercise wants its answers graded (docs/classroom.md, "Grading"): data set by the
// teacher, in the exercise's front matter or on the command line, never by the answer.
#pragma once

#include <string>

namespace pipesim::classroom {

// Whether an answer must draw the wrong-path (flushed) instructions. Textbooks differ: many
// leave them out, pipesim's own diagram draws them.
enum class FlushedRows {
  Optional,   // both ways are right (the default)
  Required,   // each missing flushed row costs `missing_flushed_row_points`
  Forbidden,  // each drawn flushed row costs `missing_flushed_row_points`
};

struct GradePolicy {
  FlushedRows flushed_rows = FlushedRows::Optional;
  unsigned missing_flushed_row_points = 5;
};

// What a blank answer sheet (`check --template`) shows: no giveaways unless the teacher asks.
struct TemplateOptions {
  bool show_cycle_count = false;   // the header stops at the run's last cycle
  bool show_flushed_rows = false;  // rows for wrong-path instructions
};

}  // namespace pipesim::classroom
