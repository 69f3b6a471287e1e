// Every program in programs/ on every preset: a machine with interlocks must end exactly as the
// functional model does (same halt, exit code, output, registers and instruction count) and
// check itself against it at every commit; a machine without interlocks must still finish
// cleanly. The accounting identity holds on every pipelined run.
#include <catch2/catch.hpp>
#include <filesystem>

#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/load/load.hpp"
#include "sim/pipe/machine.hpp"

using namespace pipesim;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> program_files() {
  std::vector<std::string> files;
  for (const auto& e :
       fs::directory_iterator(fs::path(PIPESIM_SOURCE_DIR) / "programs" / "examples"))
    if (e.path().extension() == ".s") files.push_back(e.path().string());
#if PIPESIM_PROGRAMS_BUILT
  for (const auto& e : fs::directory_iterator(fs::path(PIPESIM_SOURCE_DIR) / "programs" / "c"))
    if (e.path().extension() == ".c")
      files.push_back(
          (fs::path(PIPESIM_PROGRAMS_DIR) / (e.path().stem().string() + ".elf")).string());
#endif
  std::sort(files.begin(), files.end());
  return files;
}

void run_every_program(const std::string& preset) {
  const PipelineConfig config = load_config(preset);
  const auto files = program_files();
  REQUIRE(files.size() >= 10);
  for (const std::string& file : files) {
    INFO("preset " << preset << ", program " << file);
    const Program program = load_program_file(file).program;
    CapturedIo golden_io;
    Iss golden(program, golden_io);
    golden.run(100'000'000);
    REQUIRE(golden.halt() == Halt::Exit);

    // Without interlocks a program computes wrong values and may loop forever (crc32 does):
    // there it only has to stop cleanly. A limit of 40 cycles per instruction of the functional
    // run (a run that ends needs a few) ends that loop in well under a second instead of after
    // 200 M cycles (9 s; 85 s under the sanitizers).
    const uint64_t limit =
        config.hazard_detection ? 200'000'000 : 40 * golden.instructions() + 10'000;
    CapturedIo io;
    const MachineResult r = run_machine(config, program, io, {}, RunLimits{limit},
                                        /*check=*/true);
    if (config.kind == MachineKind::Pipelined) {
      const PipelineStats& s = r.stats;
      // Every end-stage slot of every cycle is an instruction, a fill or stall slot, or a slot
      // of the last cycle whose instruction does not complete (a faulting one, and on a
      // superscalar machine those behind it).
      CHECK(s.issue_width == config.issue.width);
      CHECK(s.issue_width * s.cycles ==
            s.instructions + s.fill_cycles + s.total_stall_cycles() + s.halt_slots);
      if (s.issue_width == 1) CHECK(s.halt_slots == (r.halt == Halt::Fault ? 1 : 0));
    }
    if (!config.hazard_detection) {
      CHECK(r.halt != Halt::None);  // it finished one way or another, without crashing
      continue;
    }
    CHECK(r.halt == golden.halt());
    CHECK(r.exit_code == golden.exit_code());
    CHECK(io.out == golden_io.out);
    CHECK(r.stats.instructions == golden.instructions());
    // counters.s keeps cycle readings in s0 and s1: they depend on the machine by design
    // (docs/isa.md; tests/golden/counters_test.cpp checks them against the trace).
    const bool reads_cycles = fs::path(file).filename() == "counters.s";
    for (unsigned reg = 0; reg < 32; ++reg)
      if (!reads_cycles || (reg != 8 && reg != 9)) CHECK(r.regs[reg] == golden.state().regs[reg]);
    if (config.kind == MachineKind::SingleCycle) CHECK(r.stats.cycles == golden.instructions());
  }
}

}  // namespace

#define EVERY_PROGRAM_ON(preset)                                   \
  TEST_CASE("programs on preset " preset, "[programs][presets]") { \
    run_every_program(preset);                                     \
  }

EVERY_PROGRAM_ON("single-cycle")
EVERY_PROGRAM_ON("multi-cycle")
EVERY_PROGRAM_ON("5-stage")
EVERY_PROGRAM_ON("5-stage-no-forwarding")
EVERY_PROGRAM_ON("5-stage-branch-in-id")
EVERY_PROGRAM_ON("5-stage-2bit")
EVERY_PROGRAM_ON("5-stage-no-interlocks")
EVERY_PROGRAM_ON("7-stage")
EVERY_PROGRAM_ON("qtrvsim")
EVERY_PROGRAM_ON("qtrvsim-stall")
EVERY_PROGRAM_ON("qtrvsim-single")
EVERY_PROGRAM_ON("5-stage-mul-div")
EVERY_PROGRAM_ON("5-stage-parallel-fu")
EVERY_PROGRAM_ON("5-stage-two-dividers")
EVERY_PROGRAM_ON("5-stage-unified-memory")
EVERY_PROGRAM_ON("5-stage-cache")
EVERY_PROGRAM_ON("2-wide")
EVERY_PROGRAM_ON("2-wide-any")
EVERY_PROGRAM_ON("ripes-single-cycle")
EVERY_PROGRAM_ON("ripes-multi-cycle")

EVERY_PROGRAM_ON("ripes-5s")
EVERY_PROGRAM_ON("ripes-5s-no-fw")
EVERY_PROGRAM_ON("ripes-5s-no-hz")
EVERY_PROGRAM_ON("ripes-5s-no-fw-hz")
EVERY_PROGRAM_ON("ripes-6s-dual")

TEST_CASE("every preset is covered by the program test", "[programs][presets]") {
  // A new preset must be added above.
  CHECK(list_presets().size() == 25);
}
