// libFuzzer harness: binary traces (`pipesim convert`). What one input does is in targets.hpp,
// shared with tests/differential/fuzz_corpus_test.cpp, which replays the seeds and every saved
// crash.
#include <cstddef>
#include <cstdint>

#include "tests/fuzz/targets.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  pipesim::fuzz::btrace_target(data, size);
  return 0;
}
