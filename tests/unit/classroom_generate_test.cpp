// `pipesim exercise new`: generated exercises are deterministic per seed (the random numbers are
// mt19937 outputs, fixed by the C++ standard, mapped to ranges without std distributions) and
// valid: they assemble, end by themselves and have a hazard of their topic, checked here again
// independently of the generator's own check.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <set>

#include "isa/assembler.hpp"
#include "sim/classroom/exercise_gen.hpp"
#include "sim/classroom/portable_random.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using namespace pipesim;
using namespace pipesim::classroom;

namespace {

const Topic kAll[] = {Topic::Raw,        Topic::LoadUse, Topic::Branch,
                      Topic::Structural, Topic::Mixed,   Topic::DualIssue};

uint64_t stalls(const PipelineStats& st, StallCause c) {
  return st.stall_cycles[static_cast<std::size_t>(c)];
}

}  // namespace

TEST_CASE("portable random: mt19937 outputs mapped by rejection", "[generate]") {
  // std::mt19937 seeded with 1 starts 1791095845, 4282876139 (the standard engine; the same
  // values are listed for every conforming library). Both are below 4294967290, the largest
  // multiple of 10 under 2^32, so below(10) maps them by modulo: 5, then 9.
  PortableRandom r(1);
  CHECK(r.below(10) == 5);
  CHECK(r.below(10) == 9);
  // The C++ standard's own check: the 10000th output of a default-seeded (5489) mt19937.
  std::mt19937 e;
  e.discard(9999);
  CHECK(e() == 4123659995u);
  PortableRandom s(7);
  for (int i = 0; i < 1000; ++i) {
    const int32_t v = s.between(-3, 3);
    CHECK(v >= -3);
    CHECK(v <= 3);
  }
}

TEST_CASE("exercise generator: the same topic and seed give the same exercise", "[generate]") {
  for (Topic t : kAll) {
    std::set<std::string> distinct;
    for (uint32_t seed = 0; seed < 20; ++seed) {
      const GeneratedExercise a = generate_exercise(t, seed);
      const GeneratedExercise b = generate_exercise(t, seed);
      CHECK(a.source == b.source);
      CHECK(a.question == b.question);
      CHECK(a.key == b.key);
      CHECK(a.answers == b.answers);
      distinct.insert(a.source);
    }
    INFO(topic_name(t));
    CHECK(distinct.size() >= 15);  // seeds do give fresh programs (the seed is also in the header)
  }
}

TEST_CASE("exercise generator: 50 seeds per topic, each valid with a hazard of its topic",
          "[generate]") {
  for (Topic t : kAll) {
    for (uint32_t seed = 100; seed < 150; ++seed) {
      const GeneratedExercise g = generate_exercise(t, seed);
      INFO(g.name << "\n" << g.source);
      const AsmResult a = assemble(g.source, g.name + ".s");
      const RecordedRun run = record_run(load_config(g.machine), a.program);
      const PipelineStats& st = run.result.stats;
      CHECK(run.result.halt == Halt::Exit);
      CHECK(st.cycles == g.cycles);
      CHECK(st.instructions <= 40);  // short: a diagram fits on a page
      switch (t) {
        case Topic::Raw:
          CHECK(stalls(st, StallCause::Raw) > 0);
          break;
        case Topic::LoadUse:
          CHECK(stalls(st, StallCause::LoadUse) > 0);
          break;
        case Topic::Branch:
          CHECK(stalls(st, StallCause::Control) > 0);
          break;
        case Topic::Structural:
          CHECK(stalls(st, StallCause::Structural) > 0);
          break;
        case Topic::Mixed:
          CHECK(stalls(st, StallCause::LoadUse) > 0);
          CHECK(stalls(st, StallCause::Control) > 0);
          break;
        case Topic::DualIssue: {
          CHECK(stalls(st, StallCause::Issue) > 0);
          // At least one pair issued together: two committed instructions entered EX (stage 2
          // of 2-wide's IF ID EX MEM WB) in one cycle.
          std::map<uint64_t, int> in_ex;
          for (const InsnRecord& r : run.recorder.instructions())
            if (r.committed) ++in_ex[r.enter[2]];
          bool paired = false;
          for (const auto& [cycle, n] : in_ex) paired = paired || (cycle != 0 && n == 2);
          CHECK(paired);
          break;
        }
      }
      CHECK(g.hazard_cycles > 0);
      CHECK(g.source.rfind("# Exercise " + g.name, 0) == 0);
      CHECK_THAT(g.question, Catch::Contains("## Question"));
      CHECK_THAT(g.answers, Catch::Contains(std::to_string(g.cycles) + " cycles"));
    }
  }
}

TEST_CASE("exercise new: the command line writes four files, the same each time",
          "[generate][cli]") {
  const test::TempDir scratch("pipesim-exercise");
  const fs::path dir = scratch.path / "out";  // exercise new makes the folder
  const auto r = test::run_process({PIPESIM_BINARY, "exercise", "new", "--topic", "load-use",
                                    "--seed", "3", "-o", dir.string()});
  REQUIRE(r.exit_code == 0);
  for (const char* ext : {".s", ".md", ".key.txt", ".answers.md"})
    CHECK(fs::exists(dir / (std::string("load-use-3") + ext)));
  const std::string first = test::read_file(dir / "load-use-3.s");
  CHECK(first == generate_exercise(Topic::LoadUse, 3).source);
  // The key is a gradable answer: checking it scores 100.
  const auto check =
      test::run_process({PIPESIM_BINARY, "check", (dir / "load-use-3.s").string(), "--config",
                         "5-stage", "--answer", (dir / "load-use-3.key.txt").string()});
  CHECK(check.exit_code == 0);
  CHECK_THAT(check.out, Catch::Contains("score 100/100"));
  // A two-issue exercise's key is graded on its own machine.
  const auto dual = test::run_process({PIPESIM_BINARY, "exercise", "new", "--topic", "dual-issue",
                                       "--seed", "5", "-o", dir.string()});
  REQUIRE(dual.exit_code == 0);
  const auto dual_check =
      test::run_process({PIPESIM_BINARY, "check", (dir / "dual-issue-5.s").string(), "--config",
                         "2-wide", "--answer", (dir / "dual-issue-5.key.txt").string()});
  CHECK(dual_check.exit_code == 0);
  CHECK_THAT(dual_check.out, Catch::Contains("score 100/100"));
  // Counted in issue slots: a 2-wide 5-stage pipeline fills 2 slots in each of its first 4
  // cycles.
  CHECK_THAT(test::read_file(dir / "dual-issue-5.answers.md"),
             Catch::Contains("8 slots to fill the pipeline"));
  const auto bad =
      test::run_process({PIPESIM_BINARY, "exercise", "new", "--topic", "cache", "--seed", "1"});
  CHECK(bad.exit_code == 2);
}

TEST_CASE("portable random: the whole int32 range", "[generate]") {
  // span 2^32 does not fit below()'s argument: the engine's output is used as is (a bug once
  // divided by zero here). mt19937(1)'s first output 1791095845 plus INT32_MIN.
  PortableRandom r(1);
  CHECK(r.between(INT32_MIN, INT32_MAX) == static_cast<int32_t>(1791095845LL + INT32_MIN));
}
