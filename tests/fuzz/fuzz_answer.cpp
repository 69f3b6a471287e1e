// libFuzzer harness: answer files of `pipesim check`. The first byte picks the machine (a
// preset); the rest is the answer text. Parsing must succeed or throw pipesim::SourceError (a
// place in the file); an answer that parses is then graded against the machine's run of a
// small program with a load-use stall, a taken branch and a division, as `check` would.
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/classroom/hazard_events.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/pipe/config_load.hpp"

namespace {

constexpr const char* kProgram = R"(
        .data
v:      .word 5
        .text
_start: li   a0, 7
        lw   a1, v
        add  a2, a1, a0
        div  a3, a0, a0
        beq  a3, a3, done
        addi a0, a0, 1
done:   li   a7, 93
        ecall
)";

// Everything `check` computes before it reads the answer, per preset.
struct Exercise {
  pipesim::classroom::RecordedRun run;
  pipesim::classroom::AnswerKey key;
  pipesim::classroom::HazardEvents events;

  explicit Exercise(const pipesim::PipelineConfig& config)
      : run(pipesim::classroom::record_run(config,
                                           pipesim::assemble(kProgram, "exercise.s").program)),
        key(pipesim::classroom::make_answer_key(run)),
        events(run.recorder) {}
};

const std::vector<const Exercise*>& exercises() {
  static const std::vector<const Exercise*> all = [] {
    std::vector<const Exercise*> v;
    for (const pipesim::PresetInfo& p : pipesim::list_presets())
      v.push_back(new Exercise(pipesim::load_config(p.name)));  // lives as long as the process
    return v;
  }();
  return all;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::vector<const Exercise*>& all = exercises();
  const Exercise& ex = *all[data[0] % all.size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const pipesim::classroom::ParsedAnswer answer =
        pipesim::classroom::parse_answer(text, "answer.txt", ex.key.words);
    (void)pipesim::classroom::grade_answer(ex.run, ex.key, ex.events, answer);
  } catch (const pipesim::SourceError&) {
    // A malformed answer, reported with its place: what the student sees. Fine.
  }
  return 0;
}
