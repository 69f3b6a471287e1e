// libFuzzer harness: whole runs of random valid programs on every preset and on a superscalar
// machine drawn from the input. What one input does is in targets.hpp, shared with
// tests/differential/fuzz_corpus_test.cpp, which replays the seeds and every saved crash.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/targets.hpp"

// Each input runs every preset and one superscalar machine drawn from it, each mapping a 1 MiB
// stack: keep ASan's bookkeeping of those allocations small, or it takes most of the time.
extern "C" const char* __asan_default_options() {
  return "malloc_context_size=2:quarantine_size_mb=16";
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4 * 256) return -1;  // not added to the corpus
  pipesim::fuzz::run_target(data, size);
  return 0;
}
