// Replays every seed of each fuzz harness through what that harness does (tests/fuzz/targets.hpp),
// in the ordinary (and the sanitizer) build: the files of tests/fuzz/corpus/<harness>/ (every
// input a fuzzer found a bug with, saved there as crash-* once the bug was fixed, and hand-made
// edge cases; docs/reliability.md) and the programs, presets and corpus files tests/fuzz/seeds.txt
// gathers, as scripts/fuzz.sh does. An input passes when it ends in a result or a pipesim::Error.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "tests/fuzz/targets.hpp"
#include "tests/support/files.hpp"

namespace fs = std::filesystem;

namespace {

using Target = void (*)(const uint8_t*, std::size_t);

const fs::path kRoot = PIPESIM_SOURCE_DIR;

// The files of `folder` (and below it if `recursive`) whose names end in `ending` ("": all).
std::vector<fs::path> files_in(const fs::path& folder, const std::string& ending, bool recursive) {
  std::vector<fs::path> files;
  const auto take = [&](const fs::directory_entry& e) {
    const std::string name = e.path().filename().string();
    if (e.is_regular_file() && name.size() >= ending.size() &&
        name.compare(name.size() - ending.size(), ending.size(), ending) == 0)
      files.push_back(e.path());
  };
  if (recursive)
    for (const auto& e : fs::recursive_directory_iterator(folder)) take(e);
  else
    for (const auto& e : fs::directory_iterator(folder)) take(e);
  return files;
}

// Every seed of `harness`: its committed folder (which may be absent when it has none of its
// own) and each source tests/fuzz/seeds.txt lists for it, each of which must yield a file.
std::vector<fs::path> seed_files(const std::string& harness) {
  std::vector<fs::path> files;
  const fs::path own = kRoot / "tests" / "fuzz" / "corpus" / harness;
  if (fs::exists(own)) files = files_in(own, "", false);
  std::istringstream list(pipesim::test::read_file(kRoot / "tests" / "fuzz" / "seeds.txt"));
  for (std::string line; std::getline(list, line);) {
    std::istringstream words(line);
    std::string name, folder, ending, recursive;
    if (!(words >> name) || name[0] == '#' || name != harness) continue;
    INFO("tests/fuzz/seeds.txt: " << line);
    REQUIRE(words >> folder >> ending);
    words >> recursive;
    REQUIRE((recursive.empty() || recursive == "recursive"));
    const std::vector<fs::path> found = files_in(kRoot / folder, ending, !recursive.empty());
    CHECK(!found.empty());
    files.insert(files.end(), found.begin(), found.end());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Runs every seed of the harness through `target`; returns how many there were.
std::size_t replay(const std::string& harness, Target target) {
  const std::vector<fs::path> files = seed_files(harness);
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
TEST_CASE("fuzz corpus: binary trace inputs", "[fuzz]") {
  CHECK(replay("btrace", pipesim::fuzz::btrace_target) >= 3);
}
TEST_CASE("fuzz corpus: whole-run inputs", "[fuzz]") {
  CHECK(replay("run", pipesim::fuzz::run_target) >= 3);
}
