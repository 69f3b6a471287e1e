// Hardening of the assembler and the .bin loader (issue 15): inputs built to exhaust the stack,
// the time or the memory of the host must end with a clear error naming the limit, or assemble
// in memory proportional to the source. Positions and values are derived in the comments; the
// limits are documented in docs/errors.md and docs/reliability.md ("Bounds on assembly source").
#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/sanitizers.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::run_process;
using pipesim::test::RunResult;
using pipesim::test::TempDir;

namespace {

// "LINE:COLUMN: MESSAGE" of the error assembling `source` gives, or "no error".
std::string error_of(const std::string& source) {
  try {
    pipesim::assemble(source, "t.s");
  } catch (const pipesim::SourceError& e) {
    return fmt::format("{}:{}: {}", e.line, e.column, e.what());
  }
  return "no error";
}

std::string repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// The first word of the first segment at `addr` (data are in .data, at 0x100000).
uint32_t word_at(const pipesim::Program& p, uint32_t addr) {
  for (const pipesim::Segment& s : p.segments)
    if (addr >= s.addr && addr + 4 <= s.addr + s.bytes.size()) {
      const std::size_t o = addr - s.addr;
      return static_cast<uint32_t>(s.bytes[o] | s.bytes[o + 1] << 8 | s.bytes[o + 2] << 16 |
                                   s.bytes[o + 3] << 24);
    }
  return 0xdeadbeef;
}

// `pipesim ARGS` in `dir` with the file NAME holding TEXT.
RunResult pipesim_with(const TempDir& dir, const std::string& name, const std::string& text,
                       std::vector<std::string> args) {
  dir.file(name, text);
  return pipesim::test::pipesim_in(dir.path, std::move(args));
}

// .equ s0, s1 + 1 / .equ s1, s2 + 1 / … / .equ s<n>, 1: each symbol defined by the next, all
// but the last after their use (so each is resolved only when used); s0 = n + 1.
std::string forward_chain(int n) {
  std::string s;
  for (int i = 0; i < n; ++i) s += fmt::format(".equ s{}, s{} + 1\n", i, i + 1);
  return s + fmt::format(".equ s{}, 1\n", n);
}

}  // namespace

TEST_CASE("hardening: expressions nest at most 256 deep", "[asm][hardening]") {
  // "li a0, " is 7 characters: the first '(' or operator is column 8, the 257th column 264.
  const std::string limit = "1:264: expression nested too deeply (limit 256)";
  CHECK(error_of("li a0, " + repeat("(", 20000) + "1" + repeat(")", 20000)) == limit);
  CHECK(error_of("li a0, " + repeat("-", 30000) + "1") == limit);
  CHECK(error_of("li a0, " + repeat("~", 30000) + "1") == limit);
  CHECK(error_of("li a0, " + repeat("-(", 15000) + "1" + repeat(")", 15000)) == limit);
  // Exactly 256 levels are fine: 128 pairs of '-' and '(' negate 1 128 times.
  const pipesim::AsmResult ok = pipesim::assemble(
      ".data\nx: .word " + repeat("-(", 128) + "1" + repeat(")", 128) + "\n.text\nnop\n", "t.s");
  CHECK(word_at(ok.program, 0x100000) == 1);
  CHECK(error_of("li a0, " + repeat("(", 257) + "1" + repeat(")", 257)) == limit);
  // A long chain of one operator is not nesting: 100,000 terms evaluate without recursion.
  const pipesim::AsmResult sum =
      pipesim::assemble(".data\n.word 1" + repeat("+1", 99999) + "\n.text\nnop\n", "t.s");
  CHECK(word_at(sum.program, 0x100000) == 100000);
}

TEST_CASE("hardening: symbols defined by symbols nest at most 1000 deep", "[asm][hardening]") {
  const std::string limit = "symbol definitions nested too deeply (limit 1000)";
  // 20,000 symbols, each defined by the next; used by .word (line 2, column 7) or as a jump
  // target (line 2, column 3). The error points at the use that starts the chain.
  CHECK(error_of("_start: ebreak\n.word s0\n" + forward_chain(20000)) == "2:7: " + limit);
  CHECK(error_of("_start: ebreak\nj s0\n" + forward_chain(20000)) == "2:3: " + limit);
  // 1000 resolved one inside another are fine (s0 .. s999; s1000 is a plain value): s0 = 1001.
  const pipesim::AsmResult ok =
      pipesim::assemble(".data\n.word s0\n" + forward_chain(1000) + ".text\nnop\n", "t.s");
  CHECK(word_at(ok.program, 0x100000) == 1001);
  CHECK(error_of(".data\n.word s0\n" + forward_chain(1001) + ".text\nnop\n") == "2:7: " + limit);
  // A chain defined backwards from a label defined later: each definition evaluates the chain
  // below it, down to s0 (unknown until `later`). Defining s<i> goes through s<i-1> .. s0, i
  // deep: s1001 (line 1002) is the first past the limit, at its use of s1000 (".equ s1001, " is
  // 12 characters: column 13).
  std::string back = ".equ s0, later\n";
  for (int i = 1; i <= 1200; ++i) back += fmt::format(".equ s{}, s{}\n", i, i - 1);
  CHECK(error_of(back + "later: nop\n") == "1002:13: " + limit);
  // A cycle is named as one.
  CHECK(error_of(".equ a, b\n.equ b, a\n.word a\n") ==
        "2:9: symbol 'a' is defined in terms of itself");
}

TEST_CASE("hardening: a web of symbol definitions is evaluated once per symbol",
          "[asm][hardening]") {
  // s<i> = s<i-1> + (s<i-1> - s<i-1>) names its predecessor three times: evaluated once per
  // path, s900 would take 3^900 steps. Each is the address of `later`: after la (8 bytes) and
  // li (4), 0x1000c; the program exits with it, status 0x0c = 12. (Run as a child process, so
  // that a regression times out instead of hanging the suite.)
  std::string web = ".equ s0, later\n";
  for (int i = 1; i <= 900; ++i) web += fmt::format(".equ s{0}, s{1} + (s{1} - s{1})\n", i, i - 1);
  TempDir dir("pipesim-hardening");
  const RunResult r = pipesim_with(
      dir, "web.s", web + "_start: la a0, s900\nli a7, 93\nlater: ecall\n", {"run", "web.s"});
  INFO(r.describe() << "\n" << r.err);
  REQUIRE(r.exited());
  CHECK(r.exit_code == 12);
}

TEST_CASE("hardening: .rept expansion is bounded in all", "[asm][hardening]") {
  // Three nested .rept 1000 around a statement that emits nothing: 10^9 repetitions. Tokens
  // charged: line 1's body (lines 2-6: 2+2+2+1+1 tokens, +1) 9 x 1000; each line 2 charges
  // (2+2+1+1) x 1000 = 6000; each line 3 charges (2+1) x 1000 = 3000, 1000 times per line 2.
  // After three rounds of line 1: 9000 + 3 x (6000 + 3,000,000) = 9,027,000; the fourth line 2
  // makes 9,033,000, and the 323rd line 3 of that round passes 10,000,000: line 3, column 1.
  const std::string nested = ".rept 1000\n.rept 1000\n.rept 1000\n.balign 4\n.endr\n.endr\n.endr\n";
  CHECK(error_of(nested) ==
        "3:1: '.rept' repeats too much: more than 10000000 tokens in all repeated bodies (limit "
        "10000000)");
  // One .rept whose body is large: ".word 1, 2" is 4 tokens; 26 lines and the 1 per
  // repetition make 105 x 100,000 > 10^7 at once, at line 1.
  CHECK(error_of(".rept 100000\n" + repeat(".word 1, 2\n", 26) + ".endr\n") ==
        "1:1: '.rept' repeats too much: more than 10000000 tokens in all repeated bodies (limit "
        "10000000)");
  // Ordinary tables are far from it.
  const pipesim::AsmResult ok =
      pipesim::assemble(".data\n.rept 1000\n.word 1, 2\n.endr\n.text\nnop\n", "t.s");
  CHECK(word_at(ok.program, 0x100000 + 4 * 1999) == 2);
}

TEST_CASE("hardening: .fill, .space and sections are bounded by the guest's memory",
          "[asm][hardening]") {
  // .fill of 2^24 eight-byte values: 128 MiB from one directive (column 7: the repeat count).
  CHECK(error_of(".data\n.fill 0x1000000, 8, 1\n") ==
        "2:7: size 134217728 is too large: one directive reserves at most 16 MiB");
  // A .fill of zero-size values emits nothing, at once (it used to loop 2^24 times, which a
  // .rept multiplied).
  CHECK(error_of(".rept 100000\n.fill 0x1000000, 0, 1\n.endr\n_start: nop\n") == "no error");
  // Five sections of 4 x 15 MiB: 5 lines each, section 4 from line 21 with 240 MiB before it;
  // its second .space (line 23) makes 270 MiB > 256 MiB. (In .bss, whose zeros the assembler
  // counts without storing them, so the test takes no memory.)
  std::string many;
  for (int s = 0; s < 5; ++s)
    many += fmt::format(".section .bss.{}\n", s) + repeat(".space 0xf00000\n", 4);
  CHECK(error_of(many) ==
        "23:1: the sections grow beyond 256 MiB in all, the most memory pipesim gives a program");
  // The padding between sections counts too: 4097 sections of one byte, each aligned to 64 KiB
  // (3 lines each), place the last byte at 0x100000 + 4096 x 0x10000 = 0x10100000, ending at
  // 0x10100001; it is the first byte past 256 MiB, on line 3 x 4096 + 3 = 12291.
  std::string aligned;
  for (int s = 0; s < 4097; ++s)
    aligned += fmt::format(".section .data.{}\n.balign 65536\n.byte 1\n", s);
  CHECK(error_of(aligned) ==
        "12291:1: data and .bss end at 0x10100001, more than 256 MiB past the start of data at "
        "0x100000, the most memory pipesim gives a program");
}

TEST_CASE("hardening: a .bin whose size is not a multiple of 4 is refused", "[asm][hardening]") {
  TempDir dir("pipesim-hardening");
  // 3 bytes: less than one instruction; 6 bytes: one and a half (RV32IM has no 2-byte ones).
  for (const std::string& bytes :
       {std::string("\x13\x00\x00", 3), std::string("\x73\x00\x10\x00\x13\x00", 6)}) {
    const std::size_t size = bytes.size();
    const RunResult r = pipesim_with(dir, "prog.bin", bytes, {"run", "prog.bin"});
    INFO(r.describe());
    CHECK(r.exit_code == 2);
    CHECK(r.err == fmt::format("error: prog.bin: a raw binary must hold whole 4-byte "
                               "instructions; this one has {} bytes\n",
                               size));
  }
  // 4 bytes (ebreak) run.
  const RunResult ok =
      pipesim_with(dir, "prog.bin", std::string("\x73\x00\x10\x00", 4), {"run", "prog.bin"});
  CHECK(ok.exit_code == 0);
}

// `pipesim asm big.s -o out.bin` on SOURCE (in dir), checking that its peak resident memory stays
// under 20 times the source plus what pipesim takes to start (`pipesim --version`, about 5 MiB).
RunResult assemble_in_bounded_memory(const TempDir& dir, const std::string& source) {
  static const long start_kib = [&] {  // measured once
    const RunResult base = pipesim_with(dir, "unused", "", {"--version"});
    REQUIRE(base.exit_code == 0);
    return base.max_rss_kib;
  }();
  const RunResult r = pipesim_with(dir, "big.s", source, {"asm", "big.s", "-o", "out.bin"});
  const long bound_kib = start_kib + static_cast<long>(20 * source.size() / 1024);
  INFO(r.describe() << "\n" << r.err.substr(0, 500));
  INFO("peak " << r.max_rss_kib << " KiB, bound " << bound_kib << " KiB");
#ifndef PIPESIM_TEST_ASAN  // AddressSanitizer keeps freed memory in quarantine: no bound holds
  CHECK(r.max_rss_kib < bound_kib);
#endif
  return r;
}

TEST_CASE("hardening: assembling takes memory proportional to the source", "[asm][hardening]") {
  // A 4 MB source. Before the assembler read statements one at a time it took about 400 bytes
  // per value of a one-line `.word` table (200 times the source) and 230 per short line (25
  // times).
  TempDir dir("pipesim-hardening");
  const std::string head = "_start: ebreak\n.data\n";
  const std::size_t target = 4'000'000;
  std::string one_line = head + ".word 1";  // 2 bytes a value: the densest table
  while (one_line.size() < target) one_line += ",1";
  std::string many_lines = head;  // 12 bytes a value
  while (many_lines.size() < target) many_lines += "  .word 123\n";
  for (const std::string* source : {&one_line, &many_lines}) {
    const RunResult r = assemble_in_bounded_memory(dir, *source + "\n");
    REQUIRE(r.exit_code == 0);
  }
}

TEST_CASE("hardening: a malformed long line is refused in memory proportional to the source",
          "[asm][hardening]") {
  // A 4 MB line whose first operand opens a parenthesis that never closes used to stop the
  // split into parts of 1024 operands: the whole line was held as one statement (about 50
  // times the source) before the parser found the missing ')', at the first comma (line 3:
  // ".word (1" is 8 characters, column 9). An unmatched ')' did the same (".word " is 6
  // characters: column 7). A 4 MB expression has no comma to split at: it is refused at its
  // 262,145th token (".equ x, " is 8 characters and tokens 4 on are one character each, token
  // n at column n + 5: column 262,150).
  TempDir dir("pipesim-hardening");
  const std::string head = "_start: ebreak\n.data\n";
  struct Case {
    std::string start, more, first_line;
  };
  const std::vector<Case> cases = {
      {".word (1", ",1", "big.s:3:9: error: missing ')' in expression"},
      {".word )", ",1", "big.s:3:7: error: expected an expression, found ')'"},
      {".equ x, 1", "+1", "big.s:3:262150: error: statement too long (limit 262144 tokens)"},
  };
  for (const Case& c : cases) {
    std::string source = head + c.start;
    while (source.size() < 4'000'000) source += c.more;
    const RunResult r = assemble_in_bounded_memory(dir, source + "\n");
    REQUIRE(r.exited());
    CHECK(r.exit_code == 2);
    CHECK(r.err.substr(0, r.err.find('\n')) == c.first_line);
  }
}

TEST_CASE("hardening: a statement holds at most 262144 tokens", "[asm][hardening]") {
  // Tokens are one character each from column 7 (".word ") or 9 (".equ x, "), the first being
  // token 2 or 4: token n is at column n + 5, and the 262,145th, past the limit, at 262,150.
  // In "li a0, 1+1…" token 4 is at column 8: the 262,145th at 262,149.
  const std::string limit = "statement too long (limit 262144 tokens)";
  CHECK(error_of(".equ x, 1" + repeat("+1", 140000)) == "1:262150: " + limit);
  CHECK(error_of(".word 1" + repeat("+1", 140000)) == "1:262150: " + limit);
  CHECK(error_of("li a0, 1" + repeat("+1", 140000)) == "1:262149: " + limit);
  // The operands of a data directive are split into parts of at most 1024 operands, and a part
  // also ends at the first comma past 65,536 tokens, so long operands never reach the limit:
  // 2000 operands of 600 tokens each ("i+1+1…", 300 terms, and the comma) would make parts of
  // 614,400 tokens; they assemble, operand i to i + 299 (parts end after 110 operands).
  std::string words = ".data\n.word ";
  for (int i = 0; i < 2000; ++i) words += fmt::format("{}{}{}", i ? "," : "", i, repeat("+1", 299));
  const pipesim::AsmResult p = pipesim::assemble(words + "\n.text\nnop\n", "t.s");
  for (const int i : {0, 109, 110, 111, 1999})
    CHECK(word_at(p.program, 0x100000 + 4 * static_cast<uint32_t>(i)) == i + 299u);
}

TEST_CASE("hardening: .rept nests at most 16 deep", "[asm][hardening]") {
  // 16 nested .rept 1 around a nop assemble it once; the 17th .rept (line 17) is too deep.
  const auto nested = [](int n) { return repeat(".rept 1\n", n) + "nop\n" + repeat(".endr\n", n); };
  const pipesim::AsmResult ok = pipesim::assemble(nested(16), "t.s");
  CHECK(word_at(ok.program, 0x10000) == 0x00000013);  // nop = addi x0, x0, 0
  CHECK(error_of(nested(17)) == "17:1: '.rept' nested too deeply");
}

TEST_CASE("hardening: a .set of a symbol does not change what was defined before it, as in GNU as",
          "[asm][hardening]") {
  // GNU as (riscv64-unknown-elf-as 2.40 -march=rv32im, read with objdump -s and -t) copies a
  // symbol that is already defined when .set defines it again: an expression read before keeps
  // the old definition, whether or not it was evaluated before the .set. pipesim used to follow
  // the new one unless the expression had been evaluated (and remembered) first.
  const auto words = [](const std::string& data, int n) {
    const pipesim::AsmResult p = pipesim::assemble(".data\n" + data + ".text\nnop\n", "t.s");
    std::vector<uint32_t> w;
    for (int i = 0; i < n; ++i)
      w.push_back(word_at(p.program, 0x100000 + 4 * static_cast<uint32_t>(i)));
    return w;
  };
  using W = std::vector<uint32_t>;
  // x = y + 4 with y not defined yet; y = lab, a later label (0x100004). Used before lab is
  // defined, between lab and `.set y, 100`, and after it, x is lab + 4 = 0x100008 every time:
  // gas emits R_RISCV_32 x for each word and gives x the value .data+8.
  CHECK(words(".equ x, y+4\n.equ y, lab\n.word x\nlab:\n.word x\n.set y, 100\n.word x\n", 3) ==
        W{0x100008, 0x100008, 0x100008});
  // The same without the use between lab and the .set (it used to give 104).
  CHECK(words(".equ x, y+4\n.equ y, lab\n.word x\nlab:\n.set y, 100\n.word x\n", 2) ==
        W{0x100008, 0x100008});
  // Plain numbers (gas: 05000000 05000000; and x is 5 in its symbol table): x keeps y = 1.
  CHECK(words(".equ x, y+4\n.set y, 1\n.word x\n.set y, 2\n.word x\n", 2) == W{5, 5});
  CHECK(words(".equ x, y+4\n.set y, 1\n.set y, 2\n.word x\n", 1) == W{5});
  CHECK(words(".equ x, y+4\n.word x\n.set y, 1\n.word x\n.set y, 2\n.word x\n", 3) == W{5, 5, 5});
  // A use of y before its first definition is that definition (gas: 01000000 02000000).
  CHECK(words(".word y\n.set y, 1\n.set y, 2\n.word y\n", 2) == W{1, 2});
  // The usual counter: each .set reads the one before it.
  CHECK(words(".set i, 0\n.rept 5\n.set i, i+1\n.word i\n.endr\n", 5) == W{1, 2, 3, 4, 5});
}

TEST_CASE("hardening: a data directive with thousands of operands assembles as written",
          "[asm][hardening]") {
  // The reader splits it into statements of 1024 operands; the words are those of the line:
  // value i is 7i + 1.
  std::string words = ".data\nx: .word 1";
  for (int i = 1; i < 3000; ++i) words += fmt::format(",{}", 7 * i + 1);
  const pipesim::AsmResult p = pipesim::assemble(words + "\n.text\nnop\n", "t.s");
  for (const int i : {0, 1023, 1024, 2047, 2048, 2999})
    CHECK(word_at(p.program, 0x100000 + 4 * static_cast<uint32_t>(i)) == 7u * i + 1);
  // A trailing comma just where a split would be is still an empty operand, at the column after
  // it: ".word " is 6 characters, then 1024 times "1,".
  CHECK(error_of(".word " + repeat("1,", 1024)) == "1:2055: missing operand");
  CHECK(error_of(".word " + repeat("1,", 1500) + "nope") == "1:3007: undefined symbol 'nope'");
  // A comma inside parentheses where the split would be stays in the first part, so the error
  // is the one of the whole line, at that comma: 1023 times "1," end at column 2052, then "(1"
  // and the comma at column 2055. GNU as: "missing ')'" too.
  CHECK(error_of(".word " + repeat("1,", 1023) + "(1,2)") == "1:2055: missing ')' in expression");
  // In a later part: 3000 times "1," end at column 6006, "(1" and the comma at 6009.
  CHECK(error_of(".word " + repeat("1,", 3000) + "(1,2)") == "1:6009: missing ')' in expression");
}

TEST_CASE("hardening: a .equ resolved later keeps the '.' of its definition, as in GNU as",
          "[asm][hardening]") {
  // Symbols are now evaluated once and remembered, so '.' must not depend on the use: GNU as
  // (riscv64-unknown-elf-as 2.40 -march=rv32im) binds it where the .equ is, 0x10004, so d is
  // 0x10010 - 0x10004 = 12 (it was 0x10010 - 0x10008 = 8, the '.' of the .word).
  const pipesim::AsmResult p =
      pipesim::assemble("_start: nop\n.equ d, later - .\n nop\n.word d\n nop\nlater: nop\n", "t.s");
  CHECK(word_at(p.program, 0x10008) == 12);
}

TEST_CASE("hardening: the reproducers through pipesim: exit 2, a message naming the limit",
          "[asm][hardening]") {
  TempDir dir("pipesim-hardening");
  struct Case {
    std::string source, first_line;
  };
  // Positions as derived in the tests above; "_start: " adds 8 columns on line 1.
  const std::vector<Case> cases = {
      {"_start: li a0, " + repeat("(", 20000) + "1" + repeat(")", 20000),
       "bad.s:1:272: error: expression nested too deeply (limit 256)"},
      {"_start: li a0, " + repeat("-", 30000) + "1",
       "bad.s:1:272: error: expression nested too deeply (limit 256)"},
      {"_start: ebreak\n.word s0\n" + forward_chain(20000),
       "bad.s:2:7: error: symbol definitions nested too deeply (limit 1000)"},
      {"_start: ebreak\nj s0\n" + forward_chain(20000),
       "bad.s:2:3: error: symbol definitions nested too deeply (limit 1000)"},
      {".rept 1000\n.rept 1000\n.rept 1000\n.balign 4\n.endr\n.endr\n.endr\n_start: ebreak\n",
       "bad.s:3:1: error: '.rept' repeats too much: more than 10000000 tokens in all repeated "
       "bodies (limit 10000000)"},
  };
  for (const Case& c : cases) {
    const RunResult r = pipesim_with(dir, "bad.s", c.source, {"run", "bad.s"});
    INFO(c.first_line);
    REQUIRE(r.exited());
    CHECK(r.exit_code == 2);
    CHECK(r.err.substr(0, r.err.find('\n')) == c.first_line);
  }
}

// An error on a very long line shows a window of kDiagnosticWidth (160) bytes around the column,
// not the whole line: a 10 MB `.word` list must not print 10 MB. Line: ".word " (6 bytes), then
// 4,000 times "1," (8,000 bytes), then "x" at byte 8,006 (column 8,007): an unknown symbol.
// The window starts 80 bytes before the column, at byte 7,926, which is a '1' (even offsets from
// byte 6 hold '1'); it ends 160 bytes later, at the end of the line (8,007 bytes long).
TEST_CASE("hardening: a diagnostic on a long line shows a window around the column",
          "[asm][hardening]") {
  const std::string line = ".word " + repeat("1,", 4000) + "x";
  const std::string shown = pipesim::format_diagnostic("t.s", 1, 8007, "error", "boom", line);
  const std::string window = repeat("1,", 40) + "x";  // bytes 7,926 to 8,006
  CHECK(shown ==
        "t.s:1:8007: error: boom\n    …" + window + "\n    " + std::string(81, ' ') + "^\n");
  // In the middle of the line the window is cut on both sides.
  const std::string mid = pipesim::format_diagnostic("t.s", 1, 1001, "error", "boom", line);
  // Column 1001 is byte 1000 ('1'): the window is bytes 920-1079, all "1,1,…" starting with '1'.
  CHECK(mid == "t.s:1:1001: error: boom\n    …" + repeat("1,", 80) + "…\n    " +
                   std::string(81, ' ') + "^\n");
  // A short line is shown whole, as before.
  CHECK(pipesim::format_diagnostic("t.s", 2, 3, "error", "m", "ab\tcd") ==
        "t.s:2:3: error: m\n    ab\tcd\n      ^\n");
}
