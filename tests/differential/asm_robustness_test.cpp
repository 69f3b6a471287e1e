// Robustness: mutated corpus sources must assemble or fail with a SourceError that points into
// the file; never another exception (or a crash, which the sanitizer build would catch).
// The mutations come from a fixed linear congruential generator, so runs are reproducible.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "tests/support/files.hpp"

namespace {

struct Lcg {
  uint64_t s = 0x9e3779b97f4a7c15ull;
  uint32_t next(uint32_t n) {
    s = s * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<uint32_t>((s >> 33) % n);
  }
};

int lines_in(const std::string& s) {
  return static_cast<int>(std::count(s.begin(), s.end(), '\n')) + 1;
}

}  // namespace

TEST_CASE("mutated sources fail only with SourceErrors inside the file", "[asm][robustness]") {
  namespace fs = std::filesystem;
  const fs::path corpus = fs::path(PIPESIM_SOURCE_DIR) / "tests" / "asm" / "corpus";
  std::vector<std::string> sources;
  for (const auto& e : fs::directory_iterator(corpus)) {
    if (e.path().extension() != ".s") continue;
    sources.push_back(pipesim::test::read_file(e.path()));
  }
  std::sort(sources.begin(), sources.end());
  REQUIRE_FALSE(sources.empty());
  static const std::string kInsert = "\"'()%,;:#/*+-~<>0123456789abxf. \n\\";
  Lcg rng;
  int errors = 0;
  for (int round = 0; round < 1500; ++round) {
    std::string s = sources[rng.next(static_cast<uint32_t>(sources.size()))];
    for (int m = 0, n = 1 + static_cast<int>(rng.next(3)); m < n && !s.empty(); ++m) {
      const std::size_t at = rng.next(static_cast<uint32_t>(s.size()));
      switch (rng.next(3)) {
        case 0:
          s.erase(at, 1 + rng.next(4));
          break;
        case 1:
          s.insert(at, 1, kInsert[rng.next(static_cast<uint32_t>(kInsert.size()))]);
          break;
        default:
          s.insert(at, s.substr(rng.next(static_cast<uint32_t>(s.size())), 1 + rng.next(8)));
      }
    }
    try {
      pipesim::assemble(s, "m.s");
    } catch (const pipesim::SourceError& e) {
      ++errors;
      INFO("source:\n" << s << "\nerror: " << pipesim::format_diagnostic(e));
      CHECK(e.line >= 1);
      CHECK(e.line <= lines_in(s));
      CHECK(e.column >= 1);
    } catch (const std::exception& e) {
      FAIL("unexpected exception: " << e.what() << "\nsource:\n" << s);
    }
  }
  CHECK(errors > 0);
}
