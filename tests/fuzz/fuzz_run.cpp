// libFuzzer harness: whole runs of programs nobody wrote. Every 4 input bytes become one valid
// RV32IM instruction (the first byte picks the instruction from the table, the rest its
// registers and a small immediate, so branches stay near and loads and stores often reach the
// data page), and an ebreak ends the program. It runs on every preset with --check: the
// pipeline model is compared with the functional model at every commit and throws
// std::logic_error on any disagreement, which escapes this harness as a crash (a found bug).
#include <cstddef>
#include <cstdint>
#include <vector>

#include "isa/error.hpp"
#include "isa/isa.hpp"
#include "isa/program.hpp"
#include "sim/host_io.hpp"
#include "sim/pipe/config_load.hpp"
#include "sim/pipe/machine.hpp"
#include "tests/fuzz/word_program.hpp"

// Each input runs 2 x 18 machines, each mapping a 1 MiB stack: keep ASan's bookkeeping of those
// allocations small, or it takes most of the time.
extern "C" const char* __asan_default_options() {
  return "malloc_context_size=2:quarantine_size_mb=16";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const std::vector<pipesim::PipelineConfig> machines = [] {
    std::vector<pipesim::PipelineConfig> all;
    for (const pipesim::PresetInfo& p : pipesim::list_presets())
      all.push_back(pipesim::load_config(p.name));
    return all;
  }();
  if (size > 4 * 256) return -1;  // long programs add little but time
  const pipesim::Program program = pipesim::fuzz::program_from_bytes(data, size);
  const uint64_t words = program.segments[0].bytes.size() / 4;
  for (const pipesim::PipelineConfig& config : machines) {
    pipesim::CapturedIo io;
    pipesim::RunLimits limits;
    limits.max_cycles = 200 + 40 * words;  // loops end here
    (void)pipesim::run_machine(config, program, io, {}, limits, /*check=*/true);
  }
  return 0;
}
