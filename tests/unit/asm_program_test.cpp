// What the assembler puts in a Program besides the bytes (which asm_gnu_test compares with
// GNU): entry point, labels, symbols, source lines, segments; and its warnings. Addresses are
// hand-derived from the layout (.text at 0x10000, .data at 0x100000, .bss after .data).
#include <catch2/catch.hpp>

#include "isa/assembler.hpp"
#include "isa/error.hpp"

using pipesim::assemble;
using pipesim::format_diagnostic;

TEST_CASE("program: entry, labels, symbols, source lines and segments", "[asm]") {
  const auto r = assemble(
      "    .globl main\n"       // 1
      "_start: nop\n"           // 2: 0x10000
      "main: addi a0, a0, 1\n"  // 3: 0x10004
      "1: j 1b\n"               // 4: 0x10008
      "    .data\n"             // 5
      "x: .word 5\n"            // 6: 0x100000
      "    .bss\n"              // 7
      "y: .zero 8\n",           // 8: 0x100004
      "p.s");
  const pipesim::Program& p = r.program;
  CHECK(r.warnings.empty());
  CHECK(p.entry == 0x10000);
  CHECK(p.labels == std::map<uint32_t, std::string>{
                        {0x10000, "_start"}, {0x10004, "main"}, {0x100000, "x"}, {0x100004, "y"}});
  CHECK(p.symbols == std::map<std::string, uint32_t>{
                         {"_start", 0x10000}, {"main", 0x10004}, {"x", 0x100000}, {"y", 0x100004}});
  CHECK(p.source_lines == std::map<uint32_t, int>{{0x10000, 2}, {0x10004, 3}, {0x10008, 4}});
  REQUIRE(p.segments.size() == 2);
  CHECK(p.segments[0].name == ".text");
  CHECK(p.segments[0].addr == 0x10000);
  CHECK(p.segments[0].bytes.size() == 12);
  CHECK(p.segments[0].executable);
  CHECK(p.segments[1].addr == 0x100000);
  CHECK(p.segments[1].bytes == std::vector<uint8_t>{5, 0, 0, 0});
  CHECK(p.segments[1].mem_size == 12);
  CHECK_FALSE(p.segments[1].executable);
}

TEST_CASE("program: entry is _start when defined elsewhere, else the start of .text", "[asm]") {
  CHECK(assemble("nop\n_start: nop\n", "a.s").program.entry == 0x10004);
  CHECK(assemble("nop\nnop\n", "a.s").program.entry == 0x10000);
}

TEST_CASE("program: listings prefer global labels and hide numeric ones", "[asm]") {
  const auto p = assemble(".globl g\n.Lx: local: g: 1: nop\n", "a.s").program;
  CHECK(p.labels == std::map<uint32_t, std::string>{{0x10000, "g"}});
  CHECK(p.symbols.count("1") == 0);
  CHECK(p.symbols.size() == 3);
}

TEST_CASE("program: .bss alone is its own zero-filled segment", "[asm]") {
  const auto p = assemble("nop\n.bss\n.zero 16\n", "a.s").program;
  REQUIRE(p.segments.size() == 2);
  CHECK(p.segments[1].addr == 0x100000);
  CHECK(p.segments[1].bytes.empty());
  CHECK(p.segments[1].mem_size == 16);
}

TEST_CASE("program: // comments (clang style) are accepted too", "[asm]") {
  // GNU as for RISC-V only knows '#' and /* */; clang also takes //.
  const auto p = assemble("nop // a comment\naddi a0, a0, 1 // another\n", "a.s").program;
  REQUIRE(p.segments.size() == 1);
  CHECK(p.segments[0].bytes.size() == 8);
}

TEST_CASE("warnings: truncated data values, with gas's wording", "[asm][warnings]") {
  // gas: "Warning: value 0x100 truncated to 0x0"; -129 fits as a sign-extended byte pattern.
  const auto r = assemble(".data\n.byte 256, -129\n.half 0x11170\n", "w.s");
  REQUIRE(r.warnings.size() == 2);
  CHECK(r.warnings[0] == format_diagnostic("w.s", 2, 7, "warning", "value 0x100 truncated to 0x0",
                                           ".byte 256, -129"));
  CHECK(r.warnings[1] == format_diagnostic("w.s", 3, 7, "warning",
                                           "value 0x11170 truncated to 0x1170", ".half 0x11170"));
  REQUIRE(r.program.segments.size() == 1);
  CHECK(r.program.segments[0].bytes == std::vector<uint8_t>{0x00, 0x7f, 0x70, 0x11});
}

TEST_CASE("program: .option arch adding non-compressed extensions is accepted", "[asm]") {
  // An unknown directive or option is an error now (tests/unit/asm_directives_test.cpp).
  const auto r = assemble(".option arch, +zicsr, +zifencei\nnop\n", "w.s");
  CHECK(r.warnings.empty());
  REQUIRE(r.program.segments.size() == 1);
  CHECK(r.program.segments[0].bytes.size() == 4);
}
