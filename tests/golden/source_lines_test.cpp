// C source lines in the outputs: a program with .file/.loc run through `pipesim run --diagram`,
// `--html`, `explain` and `check`. The expected rows are derived by hand (5-stage: IF ID EX MEM
// WB, forwarding, a load-use stall of one cycle; tests/golden/classroom_check_test.cpp works the
// same program out), and the C line of each row from the .loc directives: gas gives every
// instruction the line of the last .loc before it, and `.loc 1 0` makes no row, so `ecall`
// keeps line 4 (checked against gas + addr2line in tests/differential/c_lines_gnu_test.cpp).
#include <catch2/catch.hpp>

#include <fstream>
#include <string>

#include "isa/assembler.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::run_pipesim;
using pipesim::test::temp_file;

namespace {

//   lw    IF1 ID2 EX3 MEM4 WB5           demo.c:3
//   add       IF2 ID3 S4  EX5 MEM6 WB7   demo.c:4
//   li            IF3 S4  ID5 EX6  MEM7 WB8   demo.c:4 (no .loc before it)
//   ecall                 IF5 ID6  EX7  MEM8 WB9   demo.c:4 (.loc 1 0 makes no row)
const char* kDemo = R"(
	.file "demo.c"
	.file 1 "src/demo.c"
	.text
	.globl _start
_start:
	.loc 1 3 5
	lw   a0, -4(sp)
	.loc 1 4 5 is_stmt 0
	add  a1, a0, a0
	li   a7, 93
	.loc 1 0
	ecall
)";

// The same program without line information.
const char* kPlain = R"(
	.text
	.globl _start
_start:
	lw   a0, -4(sp)
	add  a1, a0, a0
	li   a7, 93
	ecall
)";

std::string run_ok(std::vector<std::string> args) {
  const auto r = run_pipesim(std::move(args));
  INFO(r.describe() << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  return r.out;
}

}  // namespace

TEST_CASE("source lines: the assembler gives each instruction its .loc line", "[asm][dwarf]") {
  const pipesim::Program p = pipesim::assemble(kDemo, "demo.s").program;
  CHECK(p.c_source.text(0x10000) == "demo.c:3");
  CHECK(p.c_source.text(0x10004) == "demo.c:4");
  CHECK(p.c_source.text(0x10008) == "demo.c:4");
  CHECK(p.c_source.text(0x1000c) == "demo.c:4");
  CHECK(p.c_source.files == std::vector<std::string>{"src/demo.c"});
  CHECK(pipesim::assemble(kPlain, "plain.s").program.c_source.empty());
}

TEST_CASE("source lines: --diagram shows them in a column; without them it is unchanged",
          "[golden][dwarf]") {
  const std::string demo = temp_file("demo.s", kDemo), plain = temp_file("plain.s", kPlain);
  const std::string with = run_ok({"run", demo, "--config", "5-stage", "--diagram"});
  CHECK(with.find("                                   1   2   3   4   5   6   7   8   9\n"
                  "00010000  lw a0, -4(sp)   demo.c:3 IF  ID  EX  MEM WB\n"
                  "00010004  add a1, a0, a0  demo.c:4     IF  ID  S   EX  MEM WB\n"
                  "00010008  li a7, 93       demo.c:4         IF  S   ID  EX  MEM WB\n"
                  "0001000c  ecall           demo.c:4                 IF  ID  EX  MEM WB\n") !=
        std::string::npos);
  const std::string without = run_ok({"run", plain, "--config", "5-stage", "--diagram"});
  CHECK(without.find("                         1   2   3   4   5   6   7   8   9\n"
                     "00010000  lw a0, -4(sp)  IF  ID  EX  MEM WB\n") != std::string::npos);
  CHECK(without.find("demo.c") == std::string::npos);
}

TEST_CASE("source lines: explain, check and --html carry them", "[golden][dwarf]") {
  const std::string demo = temp_file("demo2.s", kDemo);
  const std::string explained = run_ok({"explain", demo, "--config", "5-stage"});
  CHECK(explained.find("  1 stall (1 cycle): demo.c:4: `add a1, a0, a0` at 0x10004 waits in ID: "
                       "load-use on a0") != std::string::npos);

  // An answer with the stall left out: row 2 is wrong in cycle 4 (EX written, S expected).
  const std::string answer = temp_file("answer.txt",
                                       "1 2 3 4 5 6 7 8 9\nlw IF ID EX MEM WB\n"
                                       "add - IF ID EX MEM WB\nli - - IF S ID EX MEM WB\n"
                                       "ecall - - - - IF ID EX MEM WB\n");
  const auto graded = run_pipesim({"check", demo, "--config", "5-stage", "--answer", answer});
  INFO(graded.out << graded.err);
  CHECK(graded.out.find("row 2 `add a1, a0, a0` (demo.c:4), cycle 4:") != std::string::npos);
  const auto json =
      run_pipesim({"check", demo, "--config", "5-stage", "--answer", answer, "--format", "json"});
  CHECK(json.out.find("\"source\": \"demo.c:4\"") != std::string::npos);

  const std::string html = temp_file("view.html", "");
  run_ok({"run", demo, "--config", "5-stage", "--html", html});
  std::ifstream in(html);
  const std::string page((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  CHECK(page.find("lw a0, -4(sp)  demo.c:3") != std::string::npos);
}
