// Replays every file of tests/fuzz/corpus/<harness>/ through what that fuzz harness does
// (tests/fuzz/targets.hpp), in the ordinary (and the sanitizer) build: the seeds, and every
// input a fuzzer found a bug with, saved there as crash-* once the bug was fixed
// (docs/reliability.md). An input passes when it ends in a result or a pipesim::Error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/fuzz/targets.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;

namespace {

using Target = void (*)(const uint8_t*, std::size_t);

// Runs every file of the corpus folder through `target`; returns how many there were.
std::size_t replay(const std::string& harness, Target target) {
  const fs::path dir = fs::path(PIPESIM_SOURCE_DIR) / "tests" / "fuzz" / "corpus" / harness;
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.is_regular_file()) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    const std::vector<uint8_t> bytes = pipesim::test::read_bytes(f);
    INFO(f.string());
    CHECK_NOTHROW(target(bytes.data(), bytes.size()));
  }
  return files.size();
}

}  // namespace

TEST_CASE("fuzz corpus: assembler inputs", "[fuzz]") {
  CHECK(replay("asm", pipesim::fuzz::asm_target) >= 10);
}
TEST_CASE("fuzz corpus: ELF inputs", "[fuzz]") {
  CHECK(replay("elf", pipesim::fuzz::elf_target) >= 3);
}
TEST_CASE("fuzz corpus: configuration inputs", "[fuzz]") {
  CHECK(replay("config", pipesim::fuzz::config_target) >= 10);
}
TEST_CASE("fuzz corpus: answer-file inputs", "[fuzz]") {
  CHECK(replay("answer", pipesim::fuzz::answer_target) >= 10);
}
TEST_CASE("fuzz corpus: whole-run inputs", "[fuzz]") {
  CHECK(replay("run", pipesim::fuzz::run_target) >= 3);
}
