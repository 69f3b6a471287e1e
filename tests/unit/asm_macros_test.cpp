// Macros, conditionals, repetitions and includes: the errors (each at its place, with the exact
// message, hand-derived) and the places they are reported at (the line of a macro body, the
// included file). What they assemble to is compared with GNU as in the corpus (70_*.s ..
// 74_*.s, tests/differential/asm_gnu_test.cpp).
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "sim/load/load.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

struct BadSource {
  const char* source;
  int line;
  int col;
  const char* message;
};

const BadSource kCases[] = {
    {".if 1\nnop\n", 1, 1, "'.if' without '.endif'"},
    {"nop\n  .ifdef x\n.if 0\n.endif\n", 2, 3, "'.if' without '.endif'"},
    {"nop\n.else\n", 2, 1, "'.else' without '.if'"},
    {".elseif 1\n", 1, 1, "'.elseif' without '.if'"},
    {".endif\n", 1, 1, "'.endif' without '.if'"},
    {".if 1\n.else\n.else\n.endif\n", 3, 1, "'.else' after '.else'"},
    {".if 0\n.else\n.elseif 1\n.endif\n", 3, 1, "'.elseif' after '.else'"},
    {".if\n.endif\n", 1, 1, "'.if' takes 1 operand"},
    {".ifdef 1\n.endif\n", 1, 8, "'.ifdef' takes a symbol name"},
    {".ifc a\n.endif\n", 1, 1, "'.ifc' takes 2 operands"},
    {".ifeqs a, \"b\"\n.endif\n", 1, 1, "'.ifeqs' takes 2 strings in double quotes"},
    {"nop\n.macro m\nnop\n", 2, 1, "'.macro' without '.endm'"},
    {".endm\n", 1, 1, "'.endm' without '.macro'"},
    {"nop\n.exitm\n", 2, 1, "'.exitm' outside a macro"},
    {".macro\n.endm\n", 1, 7, "'.macro' takes a name"},
    {".macro m\n.endm\n.macro M\n.endm\n", 3, 8, "macro 'M' is already defined"},
    {".macro m a, a\n.endm\n", 1, 8, "macro parameter 'a' appears twice"},
    {".macro m a:opt\n.endm\n", 1, 8, "invalid qualifier ':opt' of macro parameter"},
    {".macro m a:vararg, b\n.endm\n", 1, 8, "'a': only the last parameter may be ':vararg'"},
    {".macro m a:req\nnop\n.endm\nnop\n m\n", 5, 2,
     "missing value for required parameter 'a' of macro 'm'"},
    {".macro m a\n.endm\nm 1, 2\n", 3, 1, "too many arguments for macro 'm' (it takes 1)"},
    {".purgem x\n", 1, 9, "no macro 'x' to purge"},
    {".irp\n.endr\n", 1, 1, "'.irp' takes a parameter name"},
    {"nop\n.irpc c, 12\nnop\n", 2, 1, "'.irpc' without '.endr'"},
    {".include \"x.s\"\n", 1, 1,
     "'.include' cannot read files here (the program is not assembled from a file)"},
    {".include x.s\n", 1, 1, "'.include' takes a file name in double quotes"},
    // An error inside an expansion is at the line of the body it comes from (as gas reports
    // it); the text shown is the expanded line.
    {".macro m r\nnop\n\taddx \\r\n.endm\nm a0\n", 3, 2,
     "unknown instruction 'addx'; did you mean 'add' or 'addi'?"},
    {".rept 2\n\tnop\n\tbad\n.endr\n", 3, 2, "unknown instruction 'bad'"},
    {".irp r, a0\n\tli \\r, 1 +\n.endr\n", 2, 12, "expected an expression"},
    // A macro that invokes itself stops at the depth bound, at the invocation in its body.
    {".macro r\nnop\n  r\n.endm\nr\n", 3, 3,
     "macro 'r' nested too deeply (limit 100 expansions inside one another; does it invoke "
     "itself?)"},
};

std::string expanded_text(const BadSource& c) {
  // The expected caret line: the source line, with \r of the macro replaced (the cases above
  // only use a0) - hand-written for each case that expands text.
  std::string text = c.source;
  for (int l = 1; l < c.line; ++l) text = text.substr(text.find('\n') + 1);
  text = text.substr(0, text.find('\n'));
  for (std::size_t at; (at = text.find("\\r")) != std::string::npos;) text.replace(at, 2, "a0");
  return text;
}

pipesim::SourceError error_of(const std::string& source, const std::string& file,
                              const pipesim::FileReader& files = {}) {
  try {
    pipesim::assemble(source, file, files);
  } catch (const pipesim::SourceError& e) {
    return e;
  }
  FAIL("assembled without error:\n" << source);
  throw;
}

}  // namespace

TEST_CASE("macro, conditional and repetition errors are at their place", "[asm][macros]") {
  for (const BadSource& c : kCases) {
    INFO("source:\n" << c.source);
    const pipesim::SourceError e = error_of(c.source, "bad.s");
    CHECK(e.file == "bad.s");
    CHECK(e.line == c.line);
    CHECK(e.column == c.col);
    CHECK(std::string(e.what()) == c.message);
    CHECK(e.text == expanded_text(c));
  }
}

TEST_CASE("a false branch is not read: it may hold anything", "[asm][macros]") {
  // Text gas skips: unknown characters, macros not defined, operands that would be errors.
  const auto r = pipesim::assemble(
      ".if 0\n  ? ` \\x\n  undefined_macro 1 2\n.ifdef nothing\n.else\n  bad\n.endif\n.else\n"
      "_start: nop\n.endif\n",
      "t.s");
  CHECK(r.program.entry == 0x10000);
}

TEST_CASE(".ifdef sees only the symbols defined before it", "[asm][macros]") {
  // The words are 2 (x not defined yet at the first .ifdef) and 1.
  const auto p = pipesim::assemble(
                     ".data\n.ifdef x\n.word 1\n.else\n.word 2\n.endif\nx:\n.ifdef x\n.word 1\n"
                     ".endif\n.text\n_start: nop\n",
                     "t.s")
                     .program;
  bool found = false;
  for (const auto& seg : p.segments)
    if (seg.addr == 0x100000) {
      found = true;
      REQUIRE(seg.bytes.size() >= 8);
      CHECK(seg.bytes[0] == 2);
      CHECK(seg.bytes[4] == 1);
    }
  CHECK(found);
}

TEST_CASE("repetition by macros shares the work bound of .rept", "[asm][macros]") {
  // A macro of 101 tokens (a `.word` of 50 operands), invoked 100,000 times: past 10,000,000.
  std::string words = ".word 0";
  for (int i = 1; i < 50; ++i) words += ", " + std::to_string(i);
  const pipesim::SourceError e =
      error_of(".macro m\n" + words + "\n.endm\n.data\n.rept 100000\nm\n.endr\n", "t.s");
  CHECK(std::string(e.what()) ==
        "macro 'm' repeats too much: more than 10000000 tokens in all repeated bodies (limit "
        "10000000)");
  CHECK(e.line == 6);
}

TEST_CASE(".include: errors name the included file and line", "[asm][macros][include]") {
  pipesim::test::TempDir dir("pipesim-include");
  const std::string main = dir.file("main.s", "nop\n.include \"inc.s\"\n");
  dir.file("inc.s", "nop\n\taddx a0\n");
  const pipesim::SourceError e =
      error_of(".include \"inc.s\"\n", main, pipesim::included_file_reader());
  CHECK(e.file == (dir.path / "inc.s").string());
  CHECK(e.line == 2);
  CHECK(e.column == 2);
  CHECK(e.text == "\taddx a0");
  CHECK(std::string(e.what()) == "unknown instruction 'addx'; did you mean 'add' or 'addi'?");
}

TEST_CASE(".include: an error found after layout still names the included file",
          "[asm][macros][include]") {
  pipesim::test::TempDir dir("pipesim-include");
  const std::string main = dir.file("main.s", "");
  // An undefined symbol is only known to be undefined once layout is done.
  dir.file("inc.s", "# jump to nowhere\n  j nowhere\n");
  const pipesim::SourceError e =
      error_of("_start: .include \"inc.s\"\nnop\n", main, pipesim::included_file_reader());
  CHECK(e.file == (dir.path / "inc.s").string());
  CHECK(e.line == 2);
  CHECK(std::string(e.what()) == "undefined symbol 'nowhere'");
  CHECK(e.text == "  j nowhere");
}

TEST_CASE(".include: missing files, directories and self-inclusion are errors",
          "[asm][macros][include]") {
  pipesim::test::TempDir dir("pipesim-include");
  const std::string main = dir.file("main.s", "");
  const auto files = pipesim::included_file_reader();
  {
    const pipesim::SourceError e = error_of("nop\n.include \"nope.s\"\n", main, files);
    CHECK(e.line == 2);
    CHECK(e.column == 10);
    CHECK(std::string(e.what()) == "cannot find 'nope.s' (looked for '" +
                                       (dir.path / "nope.s").string() + "' and 'nope.s')");
  }
  {
    std::filesystem::create_directory(dir.path / "sub");
    const pipesim::SourceError e = error_of(".include \"sub\"\n", main, files);
    CHECK(e.column == 10);
    CHECK(std::string(e.what()).find("directory") != std::string::npos);
  }
  {
    // self.s includes itself: the 32nd file inside one another is too deep.
    const std::string self = dir.file("self.s", "nop\n.include \"self.s\"\n");
    const pipesim::SourceError e = error_of("nop\n.include \"self.s\"\n", self, files);
    CHECK(e.file == self);
    CHECK(e.line == 2);
    CHECK(std::string(e.what()) ==
          "'.include' nested too deeply (limit 32 files inside one another; does a file include "
          "itself?)");
  }
  {
    dir.file("four.bin", "abcd");
    const pipesim::SourceError e = error_of(".data\n.incbin \"four.bin\", 2, 3\n", main, files);
    CHECK(e.line == 2);
    CHECK(e.column == 24);
    CHECK(std::string(e.what()) ==
          "'.incbin' reads past the end of '" + (dir.path / "four.bin").string() + "' (4 bytes)");
  }
}

TEST_CASE("listings give the main file's line for included and expanded code",
          "[asm][macros][include]") {
  pipesim::test::TempDir dir("pipesim-include");
  const std::string main = dir.file("main.s", "");
  dir.file("inc.s", "nop\nnop\nnop\n");
  const auto p =
      pipesim::assemble(".macro m\n  addi a0, a0, 1\n.endm\n_start: nop\n.include \"inc.s\"\nm\n",
                        main, pipesim::included_file_reader())
          .program;
  // _start's nop is line 4; the included nops stand for line 5 (the .include); the macro's
  // addi for its body line, 2.
  CHECK(p.source_lines.at(0x10000) == 4);
  CHECK(p.source_lines.at(0x10004) == 5);
  CHECK(p.source_lines.at(0x1000c) == 5);
  CHECK(p.source_lines.at(0x10010) == 2);
}
