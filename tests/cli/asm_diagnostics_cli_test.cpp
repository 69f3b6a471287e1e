// The command line prints every assembler error of a source, each with its line and caret, and
// exits with status 2 (issue 17). Expected texts are written by hand.
#include <catch2/catch.hpp>

#include <string>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::ProcessOptions;
using pipesim::test::run_pipesim;
using pipesim::test::TempDir;

namespace {

// Two slips and a line that is fine; "addi a0, a0, 1 ; add one" is 17 bytes before "add".
const char kSource[] =
    "_start: li a0, 1\n"
    "        addi a0, a0, 1 ; add one\n"
    "        ecall a0\n";

const char kExpected[] =
    "p.s:2:26: error: 'add' takes 3 operands, not 1 (in GNU syntax '#' starts a comment; ';' "
    "separates statements)\n"
    "            addi a0, a0, 1 ; add one\n"
    "                             ^\n"
    "p.s:3:9: error: 'ecall' takes 0 operands, not 1\n"
    "            ecall a0\n"
    "            ^\n";

}  // namespace

TEST_CASE("pipesim asm and run print every assembler error, then exit 2", "[asm][diag][cli]") {
  const TempDir tmp("pipesim-asmdiag");
  pipesim::test::write_file(tmp / "p.s", kSource);
  ProcessOptions in_dir;
  in_dir.cwd = tmp.path.string();
  for (const char* command : {"asm", "run"}) {
    INFO(command);
    const auto r = run_pipesim({command, "p.s"}, in_dir);
    REQUIRE(r.exited());
    CHECK(r.exit_code == 2);
    CHECK(r.out.empty());
    CHECK(r.err == kExpected);
  }
}

TEST_CASE("pipesim stops after 20 assembler errors and says so", "[asm][diag][cli]") {
  const TempDir tmp("pipesim-asmdiag");
  std::string source;
  for (int i = 0; i < 30; ++i) source += "bad\n";
  pipesim::test::write_file(tmp / "p.s", source);
  ProcessOptions in_dir;
  in_dir.cwd = tmp.path.string();
  const auto r = run_pipesim({"asm", "p.s"}, in_dir);
  REQUIRE(r.exited());
  CHECK(r.exit_code == 2);
  // 20 errors of three lines each, then the stop.
  std::string expected;
  for (int line = 1; line <= 20; ++line)
    expected +=
        "p.s:" + std::to_string(line) + ":1: error: unknown instruction 'bad'\n    bad\n    ^\n";
  expected += "p.s: error: too many errors, stopping after 20\n";
  CHECK(r.err == expected);
}
