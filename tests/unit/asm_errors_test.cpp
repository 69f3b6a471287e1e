// Malformed sources: each must fail with a SourceError at the offending token, with the exact
// message (hand-derived; columns count from 1, tabs as one column). Also the `pipesim asm`
// command: exit status 2 and a GCC-style first line on stderr.
#include <fmt/format.h>
#include <sys/wait.h>
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

namespace {

struct BadSource {
  const char* source;
  int line;
  int col;
  const char* message;
};

const std::string kUnsupportedSection =
    "unsupported section '.foo' (pipesim places .text*, .rodata*, .srodata*, .data*, .sdata*, "
    ".bss* and .sbss*)";

const BadSource kCases[] = {
    {"addx a0, a1, a2", 1, 1, "unknown instruction 'addx'; did you mean 'add' or 'addi'?"},
    {"nop\n  add a0, a1", 2, 3, "'add' takes 3 operands, not 2"},
    {"nop a0", 1, 1, "'nop' takes 0 operands, not 1"},
    {"add a0, a1, a2,", 1, 16, "missing operand"},
    {"addi a0, a1, 2048", 1, 14, "immediate 2048 is out of range [-2048, 2047] for 'addi'"},
    {"addi a0, a1, -2049", 1, 14, "immediate -2049 is out of range [-2048, 2047] for 'addi'"},
    {"sw a0, 2048(sp)", 1, 8, "immediate 2048 is out of range [-2048, 2047] for 'sw'"},
    {"slli a0, a0, 32", 1, 14, "shift amount 32 is out of range [0, 31]"},
    {"lui a0, 0x100000", 1, 9, "immediate 1048576 is out of range [0, 1048575] for 'lui'"},
    {"li a0, 0x100000000", 1, 8, "'li' value 4294967296 does not fit in 32 bits"},
    {"li a0, -0x80000001", 1, 8, "'li' value -2147483649 does not fit in 32 bits"},
    {"j nowhere", 1, 3, "undefined symbol 'nowhere'"},
    {"x: nop\nx: nop", 2, 1, "symbol 'x' is already defined (line 1)"},
    {"add a0, x32, a1", 1, 9, "invalid register 'x32'; RV32 has x0-x31"},
    {"lw a0, 4(x01)", 1, 10, "invalid register 'x01'; write 'x1' (no leading zeros)"},
    {"mv a0, 5", 1, 8, "expected a register, found '5'"},
    {".ascii \"abc", 1, 8, "unterminated string"},
    {".string \"a\\qb\"", 1, 11, "unknown escape '\\q' in string"},
    {".balign 3", 1, 9, "alignment 3 is not a power of 2"},
    {".p2align 20", 1, 10, "alignment 2^20 is not supported (0 to 16)"},
    {"nop\n.endr", 2, 1, "'.endr' without '.rept'"},
    {"nop\n  .rept 2\nnop", 2, 3, "'.rept' without '.endr'"},
    {"ret\n.rept -1\n.endr", 2, 7, "invalid repeat count -1"},
    // (A beq out of reach is relaxed, as GNU as does: tests/unit/asm_relax_test.cpp.)
    // .text cannot hold 1 MiB, so reach out of range with an offset from a label.
    {"nop\nstart: jal start + 0x100000", 2, 12,
     "jump target out of range: offset 1048576 is not in [-1048576, 1048574] ('jal' cannot reach "
     "it)"},
    {"li a0, 1 +", 1, 11, "expected an expression"},
    {".word 1 +* 2", 1, 10, "expected an expression, found '*'"},
    {"li a0, (1 + 2", 1, 14, "missing ')' in expression"},
    {"li a0, 1 / 0", 1, 10, "division by zero"},
    {".word 7 % (2 - 2)", 1, 9, "division by zero"},
    {"li a0, 09", 1, 8, "invalid number '09'"},
    {"li a0, 0b102", 1, 8, "invalid number '0b102'"},
    {"li a0, 0x", 1, 8, "invalid number '0x'"},
    {"addi a0, a0, %pcrel_lo(1f)\n1: nop", 1, 14,
     "%pcrel_lo of '1f' does not name an auipc with %pcrel_hi"},
    {"addi a0, a0, %foo(1)", 1, 14, "unknown relocation operator '%foo'"},
    {"lui a0, %lo(0x1234)", 1, 9, "'%lo' is not valid for 'lui'"},
    {"la a0, %hi(x)\nx:", 1, 8, "'%hi' is not valid for 'la'"},
    {"nop\n.byte 1\n  nop", 3, 3,
     "misaligned instruction at 0x10005: instructions must be 4-byte aligned (in code '.align 2' "
     "does not pad; use '.balign 4, 0')"},
    {".option relax", 1, 9, "linker relaxation is not supported (.option relax)"},
    {".option rvc", 1, 9, "compressed instructions are not supported (.option rvc)"},
    {"lw a0, 4", 1, 8, "expected 'offset(register)' or a symbol for 'lw'"},
    {"sw a0, 4", 1, 8, "expected 'offset(register)' or 'symbol, register' for 'sw'"},
    {"j 1b", 1, 3, "undefined local label '1b'"},
    {"1: j 1f", 1, 6, "undefined local label '1f'"},
    {"x: .word x * 2", 1, 12, "invalid operands (.text and *ABS* sections) for '*'"},
    {"x: y: .word x + y", 1, 15, "invalid operands (.text and .text sections) for '+'"},
    {"addi a0, a0, foo\nfoo: nop", 1, 14,
     "immediate of 'addi' must be a constant, not an address (use %lo, %hi, %pcrel_hi or "
     "%pcrel_lo)"},
    // `j 0x100` is a jump to address 0x100, as ld takes it (tests/asm/corpus/83_*.s).
    {".section .foo, \"a\"", 1, 10, kUnsupportedSection.c_str()},
    {".macro m", 1, 1, "'.macro' without '.endm'"},
    {"fence rw, x", 1, 11, "invalid fence operand 'x' (expected letters of 'iorw' in that order)"},
    {".bss\nnop", 2, 1, "instructions are not allowed in '.bss'"},
    {".bss\n.word 1", 2, 7, "'.bss' can only hold zeros"},
    {".equ X, X + 1\nli a0, X", 1, 9, "symbol 'X' is defined in terms of itself"},
    {"li a0, undefined_thing", 1, 8,
     "'li' value must be a constant; 'undefined_thing' is not "
     "defined yet"},
    {"ebreak\n.space 0x100000", 2, 1,
     "code and read-only data end at 0x110004, past the start of data at 0x100000"},
    {"\tadd a0, a1, ?", 1, 14, "unexpected character '?'"},
    {"1 a0", 1, 1, "expected an instruction or directive, found '1'"},
};

}  // namespace

TEST_CASE("malformed sources fail at the offending token with the exact message", "[asm][errors]") {
  STATIC_REQUIRE(std::size(kCases) >= 30);
  for (const BadSource& c : kCases) {
    INFO("source:\n" << c.source);
    try {
      pipesim::assemble(c.source, "bad.s");
      FAIL("assembled without error");
    } catch (const pipesim::SourceError& e) {
      CHECK(e.file == "bad.s");
      CHECK(e.line == c.line);
      CHECK(e.column == c.col);
      CHECK(std::string(e.what()) == c.message);
      // The offending line, for the caret display.
      std::string text = c.source;
      for (int l = 1; l < c.line; ++l) text = text.substr(text.find('\n') + 1);
      CHECK(e.text == text.substr(0, text.find('\n')));
    }
  }
}

TEST_CASE("error diagnostics render GCC-style with a caret", "[asm][errors]") {
  try {
    pipesim::assemble("nop\n\taddx a0, a1, a2\n", "prog.s");
    FAIL("assembled without error");
  } catch (const pipesim::SourceError& e) {
    CHECK(pipesim::format_diagnostic(e) ==
          "prog.s:2:2: error: unknown instruction 'addx'; did you mean 'add' or 'addi'?\n    "
          "\taddx a0, a1, a2\n    \t^\n");
  }
}

TEST_CASE("pipesim asm reports assembly errors with status 2 and FILE:LINE:COL",
          "[asm][errors][cli]") {
  namespace fs = std::filesystem;
  const pipesim::test::TempDir tmp("pipesim-asmerr");
  const fs::path& dir = tmp.path;
  struct Case {
    const char* source;
    const char* first_line;  // after "FILE:"
  };
  const Case cases[] = {
      {"nop\n  addx a0, a1, a2\n",
       "2:3: error: unknown instruction 'addx'; did you mean 'add' or 'addi'?"},
      {"addi a0, a1, 4096\n",
       "1:14: error: immediate 4096 is out of range [-2048, 2047] for 'addi'"},
      {"j missing\n", "1:3: error: undefined symbol 'missing'"},
      {".balign 6\n", "1:9: error: alignment 6 is not a power of 2"},
  };
  int n = 0;
  for (const Case& c : cases) {
    const fs::path src = dir / fmt::format("bad{}.s", n++);
    std::ofstream(src) << c.source;
    const fs::path err = dir / "stderr.txt";
    const int status = std::system(
        fmt::format("'{}' asm '{}' >/dev/null 2>'{}'", PIPESIM_BINARY, src.string(), err.string())
            .c_str());
    const std::string out = pipesim::test::read_file(err);
    INFO("source:\n" << c.source << "stderr:\n" << out);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 2);
    CHECK(out.substr(0, out.find('\n')) == src.string() + ":" + c.first_line);
  }
}
