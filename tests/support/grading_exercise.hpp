// A small program graded as `pipesim check` grades it (run, key, events), and the two programs
// the grading tests derive their expected diagrams from by hand (5-stage: IF ID EX MEM WB,
// forwarding, branches decided in EX and predicted not-taken).
#pragma once

#include <sstream>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grade_report.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"
#include "sim/report/hazard_events.hpp"

namespace pipesim::test::grading {

// lw a0 at cycle 1; add needs a0 in EX at cycle 4 but the load's value exists after MEM
// (cycle 4): add holds in ID for one cycle (S in cycle 4), li waits behind it in IF:
//   lw    IF1 ID2 EX3 MEM4 WB5
//   add       IF2 ID3 S4  EX5 MEM6 WB7
//   li            IF3 S4  ID5 EX6  MEM7 WB8
//   ecall                 IF5 ID6  EX7  MEM8 WB9      9 cycles = 4 instructions + 4 fill + 1
inline constexpr const char* kLoadUse = R"(
_start: lw   a0, -4(sp)
        add  a1, a0, a0
        li   a7, 93
        ecall
)";

// beq is always taken, decided in EX in cycle 3: the two instructions behind it are flushed.
//   beq       IF1 ID2 EX3 MEM4 WB5
//   addi (+4)     IF2 ID3 flushed(4)
//   addi (+8)         IF3 flushed(4)
//   li                    IF4 ID5 EX6 MEM7 WB8
//   ecall                     IF5 ID6 EX7 MEM8 WB9   9 cycles = 3 + 4 + 2
inline constexpr const char* kBranch = R"(
_start: beq  zero, zero, target
        addi a0, a0, 1
        addi a0, a0, 2
target: li   a7, 93
        ecall
)";

struct Exercise {
  classroom::RecordedRun run;
  classroom::AnswerKey key;
  report::HazardEvents events;
  explicit Exercise(const std::string& source, const std::string& machine = "5-stage")
      : run(classroom::record_run(load_config(machine), assemble(source, "ex.s").program)),
        key(classroom::make_answer_key(run)),
        events(run.recorder) {}
  classroom::ParsedAnswer parse(const std::string& text) const {
    return classroom::parse_answer(text, "answer.txt", key.words);
  }
  classroom::Grade grade(const std::string& text, const classroom::GradePolicy& policy = {}) const {
    return classroom::grade_answer(run, key, events, parse(text), policy);
  }
  // The text report's lines.
  std::vector<std::string> feedback(const classroom::Grade& g) const {
    const classroom::GradeContext ctx{"ex.s", run.config.name, "mine.txt", nullptr};
    std::istringstream in(classroom::render_grade_text(ctx, key, g));
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
  }
};

}  // namespace pipesim::test::grading
