// Directives: the errors (exact file:line:col and message, derived by hand from the rules in
// docs/isa.md and gas's wording), the warnings, and what unloaded sections and .end leave out.
// Bytes are checked against GNU as by tests/asm/corpus/40_*.s to 57_*.s (asm_gnu_test.cpp).
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/error.hpp"

namespace {

using pipesim::assemble;
using pipesim::format_diagnostic;

struct Bad {
  const char* source;
  int line;
  int col;
  const char* message;
};

const Bad kBad[] = {
    {".frobnicate 1, 2", 1, 1, "unknown directive '.frobnicate'"},
    {"nop\n  .int 1\n  .nops 8", 3, 3,
     "'.nops' is not supported by pipesim's assembler (gas does not implement it for RISC-V "
     "either)"},
    {".insn r 0x33, 0, 0, a0, a1, a2", 1, 7,
     "only '.insn value' and '.insn 4, value' are supported (the formats with fields are not; "
     "write the instruction itself)"},
    {".insn 0x0001", 1, 7, "compressed (16-bit) instructions are not supported"},
    {".insn 2, 0x0001", 1, 10, "compressed (16-bit) instructions are not supported"},
    {".insn 8, 0x13", 1, 10, "value conflicts with instruction length 8"},
    {".error \"stop here\"", 1, 1, "stop here"},
    {"nop\n\t.error", 2, 2, ".error directive invoked in source file"},
    {".error 5", 1, 8, "'.error' expects a string"},
    {".err", 1, 1, ".err encountered"},
    {" .abort", 1, 2, ".abort detected; assembly stopped"},
    {".fail 499", 1, 1, ".fail 499 encountered"},
    {".fail", 1, 1, "'.fail' takes 1 operand, not 0"},
    {".data\n.balignw 4, 0x1234\n.byte 1\n.balignw 4, 0x1234", 4, 1,
     "alignment padding (3 bytes) not a multiple of 2"},
    {".option arch, +c", 1, 15, "compressed instructions are not supported (.option arch, +c)"},
    {".option arch, rv32imc", 1, 15,
     "compressed instructions are not supported (.option arch, rv32imc)"},
    {".option arch, +zca", 1, 15, "compressed instructions are not supported (.option arch, +zca)"},
    {".option arch, rv64im", 1, 15, "'rv64im': pipesim assembles RV32 only"},
    {".option arch", 1, 1, "'.option arch' needs extensions, e.g. '.option arch, +zicsr'"},
    {".option frob", 1, 9, "unknown option '.option frob'"},
    // Inside a .rept or macro body the operand's text comes from the body, not from the main
    // file's line of the same number (found by fuzz_asm: ".rept 4" is shorter than column 9).
    {".rept 4\n.option 1\n.endr", 2, 9, "unknown option '.option 1'"},
    {".macro m\n  .option arch, +c\n.endm\nm", 2, 17,
     "compressed instructions are not supported (.option arch, +c)"},
    {".data\n.float 1.5x", 2, 8, "invalid floating-point number '1.5x'"},
    {".data\n.float abc", 2, 8, "invalid floating-point number 'abc'"},
    {".data\n.word 1.5", 2, 7, "floating-point number '1.5' where an integer is expected"},
    {".data\n.uleb128 x\nx:", 2, 10, "'.uleb128' value must be a constant; 'x' is not defined yet"},
    {".data\n.uleb128 1, 2", 2, 1, "'.uleb128' takes 1 operand, not 2"},
    {".data\n.octa x\nx:", 2, 7, "'.octa' needs a constant"},
    {".data\n.byte 1\n.org 0", 3, 6, "'.org' moves backwards (from offset 1 to 0)"},
    {"x: nop\n.data\n.org x", 3, 6, "'.org' into another section ('.text')"},
    {".org y\ny:", 1, 6, "'.org' needs a value known at this point"},
    {".comm x", 1, 1, "'.comm' takes 2 to 3 operands, not 1"},
    {".lcomm x, 4, 4", 1, 1, "'.lcomm' takes 2 operands, not 3"},
    {".comm x, 4, 3", 1, 13, "alignment 3 is not a power of 2 (1 to 65536)"},
    {".comm x, -1", 1, 10, "invalid size -1 for common symbol 'x'"},
    {"x: nop\n.comm x, 4", 2, 7, "symbol 'x' is already defined"},
    {".comm x, 4\nx: nop", 2, 1, "common symbol 'x' is also defined"},
    {".eqv A, 1\n.eqv A, 2", 2, 6, "symbol 'A' is already defined"},
    {".weak", 1, 1, "'.weak' needs a symbol name"},
    {".popsection", 1, 1, "'.popsection' without '.pushsection'"},
    {".subsection 1", 1, 13, "subsections other than 0 are not supported"},
    {".text 2", 1, 7, "subsections other than 0 are not supported"},
    {".section .foo, \"ax\"", 1, 10,
     "unsupported section '.foo' (pipesim places .text*, .rodata*, .srodata*, .data*, .sdata*, "
     ".bss* and .sbss*)"},
    {".section .init_array", 1, 10,
     "unsupported section '.init_array' (pipesim places .text*, .rodata*, .srodata*, .data*, "
     ".sdata*, .bss* and .sbss*)"},
    {".section .debug_info\n  nop", 2, 3,
     "instructions in '.debug_info', a section that is not loaded, are not supported"},
    {".section .debug_info\nL: .byte 0\n.text\nla a0, L", 4, 8,
     "'L' is in section '.debug_info', which is not loaded: it has no address in the program"},
};

}  // namespace

TEST_CASE("directives: errors at the offending token with the exact message", "[asm][directives]") {
  for (const Bad& c : kBad) {
    INFO("source:\n" << c.source);
    try {
      assemble(c.source, "d.s");
      FAIL("assembled without error");
    } catch (const pipesim::SourceError& e) {
      CHECK(e.file == "d.s");
      CHECK(e.line == c.line);
      CHECK(e.column == c.col);
      CHECK(std::string(e.what()) == c.message);
    }
  }
}

TEST_CASE("directives: .warning, .print and .fail >= 500 warn and assembly goes on",
          "[asm][directives][warnings]") {
  const auto r = assemble(".warning \"careful\"\n.print \"hello\"\n.fail 500\nnop\n", "w.s");
  REQUIRE(r.warnings.size() == 3);
  CHECK(r.warnings[0] ==
        format_diagnostic("w.s", 1, 1, "warning", "careful", ".warning \"careful\""));
  CHECK(r.warnings[1] == format_diagnostic("w.s", 2, 1, "warning", "hello", ".print \"hello\""));
  CHECK(r.warnings[2] ==
        format_diagnostic("w.s", 3, 1, "warning", ".fail 500 encountered", ".fail 500"));
  REQUIRE(r.program.segments.size() == 1);
  CHECK(r.program.segments[0].bytes == std::vector<uint8_t>{0x13, 0, 0, 0});
}

TEST_CASE("directives: a section that is not loaded changes no loaded byte", "[asm][directives]") {
  const char* with_debug =
      ".text\nL0: li a0, 1\nL1: ret\n"
      ".section .debug_info,\"\",@progbits\n.4byte L1-L0, .Lnowhere\n.uleb128 L9\n"
      ".string \"x\"\n.balign 64\n.section .comment\n.zero 100\n"
      ".data\n.word 7\n";
  const char* without = ".text\nL0: li a0, 1\nL1: ret\n.data\n.word 7\n";
  const auto a = assemble(with_debug, "a.s").program;
  const auto b = assemble(without, "b.s").program;
  REQUIRE(a.segments.size() == b.segments.size());
  for (std::size_t i = 0; i < a.segments.size(); ++i) {
    CHECK(a.segments[i].addr == b.segments[i].addr);
    CHECK(a.segments[i].bytes == b.segments[i].bytes);
  }
}

TEST_CASE("directives: .end stops assembly, even inside .rept", "[asm][directives]") {
  const auto p = assemble("nop\n.rept 3\nnop\n.end\n.endr\nnop\n", "e.s").program;
  REQUIRE(p.segments.size() == 1);
  CHECK(p.segments[0].bytes.size() == 8);
}

TEST_CASE("directives: an undefined .weak symbol is 0, as ld resolves it", "[asm][directives]") {
  const auto p = assemble(".weak w\n.data\n.word w + 8\n", "w.s").program;
  REQUIRE(p.segments.size() == 1);
  CHECK(p.segments[0].bytes == std::vector<uint8_t>{8, 0, 0, 0});
}
