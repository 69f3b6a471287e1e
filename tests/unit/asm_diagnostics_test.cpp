// The assembler's diagnostics as a student meets them (issue 17): every error of a source in
// one run and in source order, "did you mean" hints, clearer messages for common slips, and
// sources in odd encodings or line endings. Every expected text is written by hand: columns
// count bytes from 1 (a tab is one), and each is derived in a comment where it is not obvious.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/source_errors.hpp"

namespace {

// What `pipesim asm` would print for the source's errors, or "no error".
std::string diagnostics_of(const std::string& source) {
  try {
    pipesim::assemble(source, "p.s");
  } catch (const pipesim::SourceError& e) {
    return pipesim::format_diagnostics(e);
  }
  return "no error";
}

// "LINE:COLUMN: MESSAGE" of every error, in the order reported.
std::vector<std::string> errors_of(const std::string& source) {
  try {
    pipesim::assemble(source, "p.s");
  } catch (const pipesim::SourceErrors& e) {
    std::vector<std::string> out;
    for (const pipesim::SourceError& one : e.errors)
      out.push_back(std::to_string(one.line) + ":" + std::to_string(one.column) + ": " +
                    one.what());
    return out;
  }
  return {"no SourceErrors"};
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

const std::string kCommentHint = " (in GNU syntax '#' starts a comment; ';' separates statements)";

}  // namespace

TEST_CASE("every error of a source is reported in one run, in source order", "[asm][diag]") {
  // The undefined label of line 1 is found after layout, after the others: it still comes first.
  const std::string source =
      "_start: j lop\n"
      "loop:   addd a0, a0, 1\n"
      "        add t9, a0, a0\n"
      "        lw t0, t1\n"
      "        j loop\n";
  CHECK(diagnostics_of(source) ==
        "p.s:1:11: error: undefined symbol 'lop'; did you mean 'loop'?\n"
        "    _start: j lop\n"
        "              ^\n"
        "p.s:2:9: error: unknown instruction 'addd'; did you mean 'add' or 'addi'?\n"
        "    loop:   addd a0, a0, 1\n"
        "            ^\n"
        "p.s:3:13: error: invalid register 't9'; RV32 has t0-t6\n"
        "            add t9, a0, a0\n"
        "                ^\n"
        "p.s:4:16: error: 'lw' needs a memory operand 'offset(register)': '0(t1)', not 't1'\n"
        "            lw t0, t1\n"
        "                   ^\n");
}

TEST_CASE("the first error is the SourceError's own fields, for callers that show one",
          "[asm][diag]") {
  try {
    pipesim::assemble("nop\nfoo\nbar\n", "p.s");
    FAIL("assembled without error");
  } catch (const pipesim::SourceError& e) {
    CHECK(e.line == 2);
    CHECK(e.column == 1);
    CHECK(std::string(e.what()) == "unknown instruction 'foo'");
    CHECK(e.text == "foo");
  }
}

TEST_CASE("after 20 errors the assembler stops and says so", "[asm][diag]") {
  // 25 lines of 'foo': the first 20 are reported, then the stop.
  std::string expected;
  for (int line = 1; line <= 20; ++line)
    expected +=
        "p.s:" + std::to_string(line) + ":1: error: unknown instruction 'foo'\n    foo\n    ^\n";
  expected += "p.s: error: too many errors, stopping after 20\n";
  CHECK(diagnostics_of(repeat("foo\n", 25)) == expected);
  // Exactly 20: no stop.
  CHECK(errors_of(repeat("foo\n", 20)).size() == 20);
  CHECK(diagnostics_of(repeat("foo\n", 20)).find("too many") == std::string::npos);
  // A bound on the work (here the .rept token bound, passed at line 3: see hardening_asm_test)
  // stops the assembly at once: the outer .rept of line 2 does not report it again.
  CHECK(errors_of(".rept 1000\n.rept 1000\n.rept 1000\n.balign 4\n.endr\n.endr\n.endr\nfoo\n") ==
        std::vector<std::string>{"3:1: '.rept' repeats too much: more than 10000000 tokens in all "
                                 "repeated bodies (limit 10000000)"});
  // Undefined symbols found after layout count too.
  const std::string jumps = diagnostics_of(repeat("j nowhere\n", 30));
  CHECK(jumps.find("p.s:20:3: error: undefined symbol 'nowhere'") != std::string::npos);
  CHECK(jumps.find("p.s:21:") == std::string::npos);
  CHECK(jumps.find("too many errors, stopping after 20") != std::string::npos);
}

TEST_CASE("recovery is per statement, per line after a bad token, once per .rept body line",
          "[asm][diag]") {
  // A bad statement before ';' does not hide the one after it (which, failing after a ';',
  // gets the comment hint).
  CHECK(errors_of("foo a0; addi a0, a0\n") ==
        std::vector<std::string>{"1:1: unknown instruction 'foo'",
                                 "1:9: 'addi' takes 3 operands, not 2" + kCommentHint});
  // A malformed token (09 is not octal) drops the rest of its line, not the next line.
  CHECK(errors_of("li a0, 09 ; foo\nret a0\n") ==
        std::vector<std::string>{"1:8: invalid number '09'", "2:1: 'ret' takes 0 operands, not 1"});
  // An error in a repeated body is the same error each time: reported once.
  CHECK(errors_of(".rept 3\nfoo\n.endr\nret a0\n") ==
        std::vector<std::string>{"2:1: unknown instruction 'foo'",
                                 "4:1: 'ret' takes 0 operands, not 1"});
  // A label defined twice is reported, and its statement still assembles: the later `j x` is
  // fine, the bad register after it is reported.
  CHECK(errors_of("x: nop\nx: j x\nmv a0, a9\n") ==
        std::vector<std::string>{"2:1: symbol 'x' is already defined (line 1)",
                                 "3:8: invalid register 'a9'; RV32 has a0-a7"});
  // A definition loop is found by each use, at the reference inside the definition (as gas
  // says "symbol definition loop encountered at `a'"): one error, then the unrelated lines.
  CHECK(errors_of(".equ a, a + 1\nli t0, a\nli t1, a\nli t2, 1\nfoo\n") ==
        std::vector<std::string>{"1:9: symbol 'a' is defined in terms of itself",
                                 "5:1: unknown instruction 'foo'"});
}

TEST_CASE("mistyped mnemonics, directives, registers and labels get a close suggestion",
          "[asm][diag]") {
  // Pseudo-instructions too; a swap of two letters is one edit.
  CHECK(errors_of("mvv a0, a1") ==
        std::vector<std::string>{"1:1: unknown instruction 'mvv'; did you mean 'mv'?"});
  CHECK(errors_of("sltiiu a0, a1, 1") ==
        std::vector<std::string>{"1:1: unknown instruction 'sltiiu'; did you mean 'sltiu'?"});
  CHECK(errors_of("slit a0, a1, 1") ==
        std::vector<std::string>{"1:1: unknown instruction 'slit'; did you mean 'slt' or 'slti'?"});
  // Equally close names, shortest first, then in table order (pseudo-instructions first):
  // bneq is one deletion from beq and bne, one substitution from bnez.
  CHECK(errors_of("bneq a0, a1, 0") ==
        std::vector<std::string>{
            "1:1: unknown instruction 'bneq'; did you mean 'beq', 'bne' or 'bnez'?"});
  // Nothing close: no hint.
  CHECK(errors_of("frobnicate a0") ==
        std::vector<std::string>{"1:1: unknown instruction 'frobnicate'"});

  CHECK(errors_of("add a0, x32, a1") ==
        std::vector<std::string>{"1:9: invalid register 'x32'; RV32 has x0-x31"});
  CHECK(errors_of("lw a0, 4(x01)") ==
        std::vector<std::string>{"1:10: invalid register 'x01'; write 'x1' (no leading zeros)"});
  CHECK(errors_of("mv a8, a0") ==
        std::vector<std::string>{"1:4: invalid register 'a8'; RV32 has a0-a7"});
  CHECK(errors_of("mv s12, a0") ==
        std::vector<std::string>{"1:4: invalid register 's12'; RV32 has s0-s11"});
  CHECK(errors_of("mv zer0, a0") ==
        std::vector<std::string>{"1:4: invalid register 'zer0'; did you mean 'zero'?"});

  CHECK(errors_of("loop: nop\nj lopo\n") ==
        std::vector<std::string>{"2:3: undefined symbol 'lopo'; did you mean 'loop'?"});
  CHECK(errors_of("main: nop\ncall mian\n") ==
        std::vector<std::string>{"2:6: undefined symbol 'mian'; did you mean 'main'?"});
  // Not for one-letter names, nor when nothing is close.
  CHECK(errors_of("x: nop\nj y\n") == std::vector<std::string>{"2:3: undefined symbol 'y'"});
  CHECK(errors_of("loop: nop\nj done\n") ==
        std::vector<std::string>{"2:3: undefined symbol 'done'"});

  // An unknown directive is an error (GNU as too: "unknown pseudo-op"); it gets the hint.
  CHECK(errors_of(".data\n.wrod 1\n") ==
        std::vector<std::string>{"2:1: unknown directive '.wrod'; did you mean '.word'?"});
}

TEST_CASE("common slips get a message that says what was meant", "[asm][diag]") {
  // GNU as would read t1 as a symbol; the register was surely meant as the base.
  CHECK(errors_of("lw t0, t1") ==
        std::vector<std::string>{
            "1:8: 'lw' needs a memory operand 'offset(register)': '0(t1)', not 't1'"});
  CHECK(errors_of("lbu a0, sp") ==
        std::vector<std::string>{
            "1:9: 'lbu' needs a memory operand 'offset(register)': '0(sp)', not 'sp'"});

  // ';' separates statements in GNU as: what follows it must assemble, or the hint says so.
  CHECK(errors_of("addi a0, a0, 1 ; add one") ==
        std::vector<std::string>{"1:18: 'add' takes 3 operands, not 1" + kCommentHint});
  CHECK(errors_of("; the loop") ==
        std::vector<std::string>{"1:3: unknown instruction 'the'" + kCommentHint});
  // A bad token after ';' (1st is no number) gets it too.
  CHECK(errors_of("nop ; 1st try") ==
        std::vector<std::string>{"1:7: invalid number '1st'" + kCommentHint});
  // Statements after ';' that assemble are fine, and an error before any ';' has no hint.
  CHECK(diagnostics_of("nop; nop ; ret # done\n") == "no error");
  CHECK(errors_of("foo ; nop") == std::vector<std::string>{"1:1: unknown instruction 'foo'"});
}

TEST_CASE("a byte order mark, CR or CRLF line endings are accepted", "[asm][diag]") {
  const pipesim::Program plain = pipesim::assemble("nop\naddi a0, a0, 1\n", "p.s").program;
  for (const std::string& source :
       {std::string("\xef\xbb\xbfnop\naddi a0, a0, 1\n"), std::string("nop\raddi a0, a0, 1\r"),
        std::string("nop\r\naddi a0, a0, 1\r\n"), std::string("nop\raddi a0, a0, 1")}) {
    INFO(source);
    const pipesim::Program p = pipesim::assemble(source, "p.s").program;
    REQUIRE(p.segments.size() == plain.segments.size());
    CHECK(p.segments[0].bytes == plain.segments[0].bytes);
  }
  // Errors are placed on the right line, shown without the line ending.
  CHECK(diagnostics_of("nop\rfrob a0\rnop\r") ==
        "p.s:2:1: error: unknown instruction 'frob'\n    frob a0\n    ^\n");
  CHECK(diagnostics_of("nop\r\nfrob a0\r\n") ==
        "p.s:2:1: error: unknown instruction 'frob'\n    frob a0\n    ^\n");
  // The mark is not part of the first line: the column counts from after it.
  CHECK(diagnostics_of("\xef\xbb\xbf"
                       "frob a0\n") ==
        "p.s:1:1: error: unknown instruction 'frob'\n    frob a0\n    ^\n");
}

TEST_CASE("control characters, NUL and bytes that are not UTF-8 are shown escaped", "[asm][diag]") {
  // A NUL at column 10 ("  addi a0" is 9 bytes): the message is not cut short at it, and the
  // line after it is still read.
  const std::string nul = std::string("nop\n  addi a0") + '\0' + ", a0, 1\nfoo\n";
  try {
    pipesim::assemble(nul, "p.s");
    FAIL("assembled without error");
  } catch (const pipesim::SourceError& e) {
    CHECK(std::string(e.what()) == "unexpected character '\\x00'");
    CHECK(pipesim::format_diagnostics(e) ==
          "p.s:2:10: error: unexpected character '\\x00'\n"
          "      addi a0\\x00, a0, 1\n"
          "             ^\n"
          "p.s:3:1: error: unknown instruction 'foo'\n"
          "    foo\n"
          "    ^\n");
  }
  // A byte that is not UTF-8, in the message and in the line.
  CHECK(diagnostics_of("nop\n\xff\n") ==
        "p.s:2:1: error: unexpected character '\\xff'\n    \\xff\n    ^\n");
  // Latin-1 in a comment: the line is shown escaped; valid UTF-8 stays as it is.
  CHECK(diagnostics_of("frob a0 # caf\xe9\n") ==
        "p.s:1:1: error: unknown instruction 'frob'\n    frob a0 # caf\\xe9\n    ^\n");
  CHECK(diagnostics_of("frob a0 # caf\xc3\xa9\n") ==
        "p.s:1:1: error: unknown instruction 'frob'\n    frob a0 # caf\xc3\xa9\n    ^\n");
  // A vertical tab is white space to the assembler; shown as \x0b, the caret moves 4 columns.
  CHECK(diagnostics_of("\vfrob a0\n") ==
        "p.s:1:2: error: unknown instruction 'frob'\n    \\x0bfrob a0\n        ^\n");
}

TEST_CASE("a huge token is quoted shortened, and its line shown as a window", "[asm][diag]") {
  // "unknown instruction '" is 21 bytes: the message keeps its first 200 bytes (179 a's), a
  // "…", and its last 80 (79 a's and the quote).
  const std::string a(10'000'000, 'a');
  try {
    pipesim::assemble(a + "\n", "p.s");
    FAIL("assembled without error");
  } catch (const pipesim::SourceError& e) {
    CHECK(std::string(e.what()) ==
          "unknown instruction '" + std::string(179, 'a') + "…" + std::string(79, 'a') + "'");
    // The line: the first 160 bytes and a "…".
    CHECK(pipesim::format_diagnostics(e) == "p.s:1:1: error: unknown instruction '" +
                                                std::string(179, 'a') + "…" + std::string(79, 'a') +
                                                "'\n    " + std::string(160, 'a') + "…\n    ^\n");
  }
}
