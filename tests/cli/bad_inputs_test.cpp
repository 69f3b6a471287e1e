// Bad inputs across every parser, through the pipesim command as a user meets them: each row is
// one input, the exact first line pipesim prints on stderr (for a source error, the caret
// display follows it; tests/unit/asm_errors_test.cpp checks that) and the exact exit status
// (docs/cli.md: 2 user error, 3 guest fault, 4 limit). Messages were written down by reading each
// input: the line and column of the offending token (columns count from 1), the value it names, and
// the rule it breaks. docs/errors.md explains them.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/tiny_elf.hpp"

namespace fs = std::filesystem;
using pipesim::test::first_line;
using pipesim::test::pipesim_in;
using pipesim::test::run_process;
using pipesim::test::TempDir;
using pipesim::test::write_file;

namespace {

enum class Kind {
  Asm,     // input: the text of bad.s; runs `pipesim run bad.s`
  Elf,     // input: edits of tests/support/tiny_elf.hpp's ELF (edit_bytes); `pipesim run bad.elf`
  Config,  // input: the text of bad.json; `pipesim run ok.s -c bad.json`
  Set,     // input: one --set argument; `pipesim run ok.s -c 5-stage --set INPUT`
  Answer,  // input: the text of answer.txt; `pipesim check ok.s -c 5-stage --answer answer.txt`
  Cli,     // input: the arguments, split at spaces (ok.s, loop.s, rec.s, empty.bin exist)
};

struct BadInput {
  Kind kind;
  std::string input;
  std::string message;  // the first line of stderr
  int status;
};

const std::string kPresets =
    "single-cycle, multi-cycle, 5-stage-no-interlocks, 5-stage-no-forwarding, 5-stage, "
    "5-stage-branch-in-id, 5-stage-2bit, 7-stage, 5-stage-mul-div, 5-stage-parallel-fu, "
    "5-stage-two-dividers, 5-stage-unified-memory, 5-stage-cache, 2-wide, 2-wide-any, "
    "qtrvsim-single, qtrvsim-stall, "
    "qtrvsim, ripes-single-cycle, ripes-multi-cycle, ripes-5s-no-fw-hz, ripes-5s-no-fw, "
    "ripes-5s-no-hz, ripes-5s, "
    "ripes-6s-dual";
const std::string kNotACell =
    ": write a stage name, S (or stall), - or . for an empty cell, or flushed at the "
    "end of the row (a | after the label separates it from the cells)";
const std::string kHeader =
    "expected the header row of cycle numbers (1 2 3 …, as `pipesim run --diagram` prints it), "
    "found ";
const std::string kConfig = "error: invalid configuration 'bad.json': ";
const std::string kSet = "error: invalid configuration '5-stage': ";
const std::string kKeys =
    "allowed here: name, description, extends, kind, stages, latch_overhead_ps, forwarding, "
    "split_phase_regfile, hazard_detection, forwarded_operands, branches, end_stage, "
    "skip_unused_stages, class_stages, functional_units, execute, memory, issue_width, issue, "
    "program_end, ecall";

// clang-format off
const std::vector<BadInput> kBadInputs = {
    // --- Assembler (bad.s) ---
    {Kind::Asm, "addx a0, a1, a2", "bad.s:1:1: error: unknown instruction 'addx'; did you mean 'add' or 'addi'?", 2},
    {Kind::Asm, "add a0, a1", "bad.s:1:1: error: 'add' takes 3 operands, not 2", 2},
    {Kind::Asm, "add a0, a1, a2, a3", "bad.s:1:1: error: 'add' takes 3 operands, not 4", 2},
    {Kind::Asm, "ecall a0", "bad.s:1:1: error: 'ecall' takes 0 operands, not 1", 2},
    {Kind::Asm, "la a0", "bad.s:1:1: error: 'la' takes 2 operands, not 1", 2},
    {Kind::Asm, "addi a0, a1, 4096", "bad.s:1:14: error: immediate 4096 is out of range [-2048, 2047] for 'addi'", 2},
    {Kind::Asm, "andi t0, t1, -2049", "bad.s:1:14: error: immediate -2049 is out of range [-2048, 2047] for 'andi'", 2},
    {Kind::Asm, "lw a0, 2048(sp)", "bad.s:1:8: error: immediate 2048 is out of range [-2048, 2047] for 'lw'", 2},
    {Kind::Asm, "sb a0, -2049(a1)", "bad.s:1:8: error: immediate -2049 is out of range [-2048, 2047] for 'sb'", 2},
    {Kind::Asm, "srai a0, a0, 32", "bad.s:1:14: error: shift amount 32 is out of range [0, 31]", 2},
    {Kind::Asm, "slli a0, a0, -1", "bad.s:1:14: error: shift amount -1 is out of range [0, 31]", 2},
    {Kind::Asm, "lui a0, -1", "bad.s:1:9: error: immediate -1 is out of range [0, 1048575] for 'lui'", 2},
    {Kind::Asm, "auipc a0, 0x100000", "bad.s:1:11: error: immediate 1048576 is out of range [0, 1048575] for 'auipc'", 2},
    {Kind::Asm, "li a0, 0x1ffffffff", "bad.s:1:8: error: 'li' value 8589934591 does not fit in 32 bits", 2},
    {Kind::Asm, "j nowhere", "bad.s:1:3: error: undefined symbol 'nowhere'", 2},
    {Kind::Asm, "call missing", "bad.s:1:6: error: undefined symbol 'missing'", 2},
    {Kind::Asm, "beq a0, a1, missing", "bad.s:1:13: error: undefined symbol 'missing'", 2},
    {Kind::Asm, "x: nop\nx: nop", "bad.s:2:1: error: symbol 'x' is already defined (line 1)", 2},
    {Kind::Asm, "add a0, x33, a1", "bad.s:1:9: error: invalid register 'x33'; RV32 has x0-x31", 2},
    {Kind::Asm, "add q0, a0, a1", "bad.s:1:5: error: invalid register 'q0'; did you mean 't0', 's0' or 'a0'?", 2},
    {Kind::Asm, "lw a0, 0(a9)", "bad.s:1:10: error: invalid register 'a9'; RV32 has a0-a7", 2},
    {Kind::Asm, "mv a0, 5", "bad.s:1:8: error: expected a register, found '5'", 2},
    {Kind::Asm, "addi 5, a0, 1", "bad.s:1:6: error: expected a register, found '5'", 2},
    {Kind::Asm, ".ascii \"abc", "bad.s:1:8: error: unterminated string", 2},
    {Kind::Asm, ".string \"a\\qb\"", "bad.s:1:11: error: unknown escape '\\q' in string", 2},
    {Kind::Asm, ".balign 6", "bad.s:1:9: error: alignment 6 is not a power of 2", 2},
    {Kind::Asm, ".p2align 17", "bad.s:1:10: error: alignment 2^17 is not supported (0 to 16)", 2},
    {Kind::Asm, ".endr", "bad.s:1:1: error: '.endr' without '.rept'", 2},
    {Kind::Asm, ".rept 3\nnop", "bad.s:1:1: error: '.rept' without '.endr'", 2},
    // 0x2000000 = 33554432 bytes = 32 MiB, twice what one directive may reserve.
    {Kind::Asm, ".space 0x2000000", "bad.s:1:8: error: size 33554432 is too large: one directive reserves at most 16 MiB", 2},
    {Kind::Asm, ".space -1", "bad.s:1:8: error: invalid size -1", 2},
    {Kind::Asm, ".fill 3, 9", "bad.s:1:10: error: invalid .fill size 9 (0 to 8)", 2},
    {Kind::Asm, ".word 1 +", "bad.s:1:10: error: expected an expression", 2},
    {Kind::Asm, "li a0, (1 + 2", "bad.s:1:14: error: missing ')' in expression", 2},
    {Kind::Asm, "li a0, 1 / 0", "bad.s:1:10: error: division by zero", 2},
    {Kind::Asm, ".word 5 % 0", "bad.s:1:9: error: division by zero", 2},
    {Kind::Asm, "li a0, 0x", "bad.s:1:8: error: invalid number '0x'", 2},
    {Kind::Asm, "li a0, 08", "bad.s:1:8: error: invalid number '08'", 2},
    {Kind::Asm, "addi a0, a0, %bogus(1)", "bad.s:1:14: error: unknown relocation operator '%bogus'", 2},
    {Kind::Asm, "lui a0, %lo(4)", "bad.s:1:9: error: '%lo' is not valid for 'lui'", 2},
    {Kind::Asm, ".option relax", "bad.s:1:9: error: linker relaxation is not supported (.option relax)", 2},
    {Kind::Asm, ".option rvc", "bad.s:1:9: error: compressed instructions are not supported (.option rvc)", 2},
    {Kind::Asm, "lw a0, 4", "bad.s:1:8: error: expected 'offset(register)' or a symbol for 'lw'", 2},
    {Kind::Asm, "sw a0, 4", "bad.s:1:8: error: expected 'offset(register)' or 'symbol, register' for 'sw'", 2},
    {Kind::Asm, "j 1b", "bad.s:1:3: error: undefined local label '1b'", 2},
    {Kind::Asm, ".section .foo, \"a\"", "bad.s:1:10: error: unsupported section '.foo' (pipesim places .text*, .rodata*, .srodata*, .data*, .sdata*, .bss* and .sbss*)", 2},
    {Kind::Asm, ".macro m", "bad.s:1:1: error: '.macro' without '.endm'", 2},
    {Kind::Asm, "fence rw, q", "bad.s:1:11: error: invalid fence operand 'q' (expected letters of 'iorw' in that order)", 2},
    {Kind::Asm, ".bss\nnop", "bad.s:2:1: error: instructions are not allowed in '.bss'", 2},
    {Kind::Asm, ".bss\n.word 1", "bad.s:2:7: error: '.bss' can only hold zeros", 2},
    {Kind::Asm, ".equ X, X + 1\nli a0, X", "bad.s:1:9: error: symbol 'X' is defined in terms of itself", 2},
    {Kind::Asm, "add a0, a1, ?", "bad.s:1:13: error: unexpected character '?'", 2},
    {Kind::Asm, "1 a0", "bad.s:1:1: error: expected an instruction or directive, found '1'", 2},
    {Kind::Asm, "csrr a0, mstatus",
     "error: guest fault at pc 0x00010000 (instruction word 0x30002573), instruction 1: illegal "
     "instruction 0x30002573: CSR mstatus (0x300) is not supported (pipesim supports only reads "
     "of cycle, time, instret, cycleh, timeh and instreth)",
     3},
    {Kind::Asm, "fadd.s f0, f1, f2", "bad.s:1:1: error: unknown instruction 'fadd.s'", 2},
    {Kind::Asm, "c.addi a0, 1", "bad.s:1:1: error: unknown instruction 'c.addi'; did you mean 'addi'?", 2},
    // Nothing to run: no code at all, or only data.
    {Kind::Asm, "", "error: bad.s: the program has no instructions to run (nothing at its entry point 0x00010000)", 2},
    {Kind::Asm, ".data\n.word 1", "error: bad.s: the program has no instructions to run (nothing at its entry point 0x00010000)", 2},

    // --- ELF files (bad.elf): edits of the tiny ELF; offsets are those of the ELF32 header ---
    {Kind::Elf, "len=0", "error: bad.elf: not an ELF file", 2},
    {Kind::Elf, "0=23212f62696e2f7368", "error: bad.elf: not an ELF file", 2},  // "#!/bin/sh"
    {Kind::Elf, "len=4", "error: bad.elf: truncated ELF header", 2},
    {Kind::Elf, "len=40", "error: bad.elf: truncated ELF header (40 bytes, expected 52)", 2},
    {Kind::Elf, "4=02", "error: bad.elf: is a 64-bit ELF (ELFCLASS64); pipesim runs RV32 programs", 2},
    {Kind::Elf, "4=09", "error: bad.elf: unknown ELF class 9", 2},
    {Kind::Elf, "5=02", "error: bad.elf: big-endian ELF not supported", 2},
    {Kind::Elf, "18=3e00", "error: bad.elf: ELF machine is x86-64 (62), expected RISC-V (243)", 2},
    {Kind::Elf, "18=2800", "error: bad.elf: ELF machine is ARM (40), expected RISC-V (243)", 2},
    {Kind::Elf, "16=0100", "error: bad.elf: is a relocatable object (ET_REL), link it first", 2},
    {Kind::Elf, "16=0300", "error: bad.elf: is a shared object or position-independent executable (ET_DYN); link a static executable (ET_EXEC)", 2},
    {Kind::Elf, "16=0400", "error: bad.elf: is a core dump (ET_CORE), not an executable", 2},
    {Kind::Elf, "36=01000000", "error: bad.elf: compressed instructions (RVC) are enabled (e_flags 0x1); pipesim runs RV32IM without the C extension: build with -march=rv32im", 2},
    {Kind::Elf, "36=04000000", "error: bad.elf: uses the double-float ABI (e_flags 0x4); pipesim supports only the soft-float ABI: build with -mabi=ilp32", 2},
    {Kind::Elf, "36=02000000", "error: bad.elf: uses the single-float ABI (e_flags 0x2); pipesim supports only the soft-float ABI: build with -mabi=ilp32", 2},
    {Kind::Elf, "42=3800", "error: bad.elf: program header entry size is 56, expected 32", 2},
    {Kind::Elf, "28=f0ffffff", "error: bad.elf: program header 0 lies outside the file", 2},
    // e_phnum 3: headers 1 and 2 would start at 84, where the code is, and run past the end.
    {Kind::Elf, "44=0300", "error: bad.elf: program header 1 lies outside the file", 2},
    {Kind::Elf, "52=00000000", "error: bad.elf: no loadable segments", 2},
    {Kind::Elf, "56=00100000", "error: bad.elf: data of segment 0 lies outside the file", 2},
    {Kind::Elf, "len=88", "error: bad.elf: data of segment 0 lies outside the file", 2},
    {Kind::Elf, "68=10000000", "error: bad.elf: segment 0 has more file bytes (0x10) than memory bytes (0x8)", 2},
    {Kind::Elf, "60=fcffffff 64=fcffffff", "error: bad.elf: segment 0 at 0xfffffffc (size 0x8) runs past the end of the 32-bit address space", 2},
    {Kind::Elf, "24=0000f07f 60=0000f07f 64=0000f07f", "error: bad.elf: segment LOAD#0 at 0x7ff00000 overlaps the stack [0x7ff00000, 0x80000000)", 2},
    // p_memsz 0x40000000 = 1024 MiB of .bss.
    {Kind::Elf, "72=00000040", "error: bad.elf: the program needs 1024 MiB of memory for its segments; pipesim gives a program at most 256 MiB (plus the 1 MiB stack)", 2},
    {Kind::Elf, "24=00000200", "error: bad.elf: entry point 0x20000 is not in an executable segment", 2},

    // --- Configuration files (bad.json) ---
    {Kind::Config, "", "bad.json:1:1: error: invalid JSON: syntax error while parsing value - unexpected end of input; expected '[', '{', or a literal", 2},
    {Kind::Config, "{", "bad.json:1:2: error: invalid JSON: syntax error while parsing object key - unexpected end of input; expected string literal", 2},
    {Kind::Config, R"({"extends": "5-stage"} trailing)", "bad.json:1:26: error: invalid JSON: syntax error while parsing value - invalid literal; last read: '\"5-stage\"} tra'; expected end of input", 2},
    // nlohmann reports a number beyond a double's range as out_of_range.406, not parse_error.
    {Kind::Config, "{\"extends\": \"5-stage\", \"x\": " + std::string(320, '1') + "}", "bad.json:1:29: error: invalid JSON: number 111111111111111111111111... is too large (beyond the range of a double)", 2},
    {Kind::Config, "{\n  \"extends\": \"5-stage\",\n  \"stages\": [-1e999]\n}", "bad.json:3:14: error: invalid JSON: number -1e999 is too large (beyond the range of a double)", 2},
    {Kind::Config, "[1,2]", kConfig + "a configuration is a JSON object {...}, got [1,2]", 2},
    {Kind::Config, "42", kConfig + "a configuration is a JSON object {...}, got 42", 2},
    {Kind::Config, R"({"extends": "5-stage", "latency": 3})", kConfig + "latency: unknown key; " + kKeys, 2},
    {Kind::Config, R"({"extends": "5-stage", "end_stag": "WB"})", kConfig + "end_stag: unknown key (did you mean \"end_stage\"?); " + kKeys, 2},
    {Kind::Config, R"({"stages": 3})", kConfig + "stages: expected a list of stages, got 3", 2},
    {Kind::Config, "{}", kConfig + "stages: missing; a configuration needs a list of stages (roles must appear in the order fetch, decode, execute, memory, writeback, every role at least once and each role's stages consecutive)", 2},
    {Kind::Config, R"({"extends": "5-stage", "stages": []})", kConfig + "stages: empty; roles must appear in the order fetch, decode, execute, memory, writeback, every role at least once and each role's stages consecutive", 2},
    {Kind::Config, R"({"extends": "6-stage"})", kConfig + "extends: unknown preset \"6-stage\"; presets are " + kPresets + " (a file path must contain '/' or end in \".json\")", 2},
    {Kind::Config, R"({"extends": 5})", kConfig + "extends: expected a preset name or file path, got 5", 2},
    {Kind::Config, R"({"extends": "bad.json"})", kConfig + "extends: \"bad.json\" makes a loop: bad.json -> bad.json", 2},
    {Kind::Config, R"({"extends": "5-stage", "kind": "superscalar"})", kConfig + "kind: unknown kind \"superscalar\"; expected one of pipelined, single-cycle, multi-cycle", 2},
    {Kind::Config, R"({"extends": "5-stage", "forwarding": "partial"})", kConfig + "forwarding: unknown value \"partial\"; expected \"full\", \"none\" or a list of {\"from\": stage, \"to\": stage} paths", 2},
    {Kind::Config, R"({"extends": "5-stage", "branches": "2-bit"})", kConfig + "branches: expected an object, got \"2-bit\"", 2},
    {Kind::Config, R"({"extends": "5-stage", "branches": {"policy": "3-bit"}})", kConfig + "branches.policy: unknown policy \"3-bit\"; expected one of stall, not-taken, taken, btfn, 1-bit, 2-bit", 2},
    {Kind::Config, R"({"extends": "5-stage", "branches": {"policy": "2-bit", "bht_entries": 100}})", kConfig + "branches.bht_entries: 100 is not a power of two between 1 and 65536 (the tables are indexed by pc bits)", 2},
    {Kind::Config, R"({"extends": "5-stage", "split_phase_regfile": "yes"})", kConfig + "split_phase_regfile: expected true or false, got \"yes\"", 2},
    {Kind::Config, R"({"extends": "5-stage", "latch_overhead_ps": -1})", kConfig + "latch_overhead_ps: -1 is out of range: must be a non-negative integer (0..1000000)", 2},
    {Kind::Config, R"({"extends": "5-stage", "end_stage": "EX"})", kConfig + "end_stage: \"EX\" is an execute stage; the run ends when the halting instruction is in a memory or writeback stage", 2},
    {Kind::Config, R"({"extends": "5-stage", "name": 7})", kConfig + "name: expected a string, got 7", 2},
    {Kind::Config, R"({"extends": "5-stage", "kind": "x", "forwarding": "y"})", "error: invalid configuration 'bad.json' (2 problems):", 2},

    // --- --set PATH=VALUE on the 5-stage preset ---
    {Kind::Set, "branches.policy", kSet + "--set 'branches.policy': expected path=value, e.g. branches.policy=2-bit (no '=' found)", 2},
    {Kind::Set, "branches.polcy=2-bit", kSet + "--set 'branches.polcy=2-bit': unknown key \"branches.polcy\" (did you mean \"policy\"?)", 2},
    {Kind::Set, "cache.size=4", kSet + "--set 'cache.size=4': unknown key \"cache\"", 2},
    {Kind::Set, "stages[2].latency_ps=fast", kSet + "--set 'stages[2].latency_ps=fast': stages[2].latency_ps expects an integer, got \"fast\"", 2},
    {Kind::Set, "stages[2].latency_ps=1e999", kSet + "--set 'stages[2].latency_ps=1e999': stages[2].latency_ps expects an integer, got \"1e999\"", 2},
    {Kind::Set, "stages[9].latency_ps=1", kSet + "--set 'stages[9].latency_ps=1': stages has no element [9] (it has 5)", 2},
    {Kind::Set, "hazard_detection=yes", kSet + "--set 'hazard_detection=yes': hazard_detection expects true or false, got \"yes\"", 2},
    {Kind::Set, "stages[x]=1", kSet + "--set 'stages[x]=1': malformed path \"stages[x]\"; paths are keys joined by '.', with [i] for list elements, e.g. stages[2].latency_ps", 2},
    {Kind::Set, "=1", kSet + "--set '=1': malformed path \"\"; paths are keys joined by '.', with [i] for list elements, e.g. stages[2].latency_ps", 2},
    {Kind::Set, "forwarding[0].from=EX", kSet + "--set 'forwarding[0].from=EX': forwarding is \"full\", not a list; set the whole value instead", 2},
    {Kind::Set, "extends=qtrvsim", kSet + "--set 'extends=qtrvsim': extends cannot be set with --set (it is resolved before --set applies)", 2},
    {Kind::Set, "branches.policy.x=1", kSet + "--set 'branches.policy.x=1': branches.policy has no key \"x\"", 2},
    {Kind::Set, "stages[2].latency_ps=0", kSet + "stages[2].latency_ps: 0 is out of range: must be a positive integer (1..1000000)", 2},
    {Kind::Set, "forwarding=partial", kSet + "forwarding: unknown value \"partial\"; expected \"full\", \"none\" or a list of {\"from\": stage, \"to\": stage} paths", 2},

    // --- Answer files of `check` (answer.txt), graded on 5-stage ---
    {Kind::Answer, "", "answer.txt:1:1: error: the answer is empty: expected the header row of cycle numbers (1 2 3 …) and one row per instruction", 2},
    {Kind::Answer, "\n\nlw IF ID\n", "answer.txt:3:1: error: " + kHeader + "`lw`", 2},
    {Kind::Answer, "one two\n", "answer.txt:1:1: error: " + kHeader + "`one`", 2},
    {Kind::Answer, "1 2 99999999999999999999\n", "answer.txt:1:5: error: " + kHeader + "`99999999999999999999`", 2},
    {Kind::Answer, "1 2 4\n", "answer.txt:1:5: error: the header's cycle numbers must be consecutive: 4 after 2", 2},
    {Kind::Answer, "0 1 2\n", "answer.txt:1:1: error: cycles are numbered from 1", 2},
    {Kind::Answer, "1 2 3\nadd IF ID XX EX\n", "answer.txt:2:11: error: unknown cell `XX`; did you mean `EX`?", 2},
    {Kind::Answer, "1 2 3\nadd | IF ID bogus\n", "answer.txt:2:13: error: unknown cell `bogus`" + kNotACell, 2},
    {Kind::Answer, "1 2 3\nadd IF ID EX MEM\n", "answer.txt:2:14: error: this cell is after the header's last cycle (3): extend the header row", 2},
    {Kind::Answer, "1 2 3\nadd IF flushed ID\n", "answer.txt:2:16: error: the `flushed` mark ends a row: nothing may follow it", 2},
    {Kind::Answer, "1 2 3\nx IF ID EX flushed flushed\n", "answer.txt:2:20: error: the `flushed` mark ends a row: nothing may follow it", 2},

    // --- Command lines (run in a folder holding ok.s, loop.s, rec.s and empty.bin) ---
    {Kind::Cli, "", "error: A subcommand is required", 2},
    {Kind::Cli, "frobnicate", "error: unknown command 'frobnicate' (commands: run, compare, configs, asm, disasm, check, explain, deps, schedule, exercise, task, tasks, sweep, merge, summarize, convert)", 2},
    {Kind::Cli, "run", "error: program is required", 2},
    {Kind::Cli, "disasm", "error: program is required", 2},
    {Kind::Cli, "sweep", "error: --programs is required", 2},
    {Kind::Cli, "run nothere.s", "error: cannot open 'nothere.s': No such file or directory", 2},
    {Kind::Cli, "run .", "error: cannot read '.': Is a directory", 2},
    {Kind::Cli, "run empty.bin", "error: empty.bin: empty binary", 2},
    {Kind::Cli, "run ok.s --bogus", "error: The following argument was not expected: --bogus", 2},
    {Kind::Cli, "run ok.s --diagram", "error: --diagram and --occupancy need a machine: add --config NAME (see pipesim configs)", 2},
    {Kind::Cli, "run ok.s -c 9-stage", "error: unknown configuration '9-stage': not a preset (" + kPresets + ") and no such file", 2},
    {Kind::Cli, "compare ok.s --configs 5-stage,nope", "error: unknown configuration 'nope': not a preset (" + kPresets + ") and no such file", 2},
    {Kind::Cli, "run ok.s --max-cycles -5", "error: --max-cycles: expected a whole number of at least 1, got '-5'", 2},
    {Kind::Cli, "run ok.s --max-cycles 0", "error: --max-cycles: expected a whole number of at least 1, got '0'", 2},
    {Kind::Cli, "run ok.s --max-instructions 1e6", "error: --max-instructions: expected a whole number of at least 1, got '1e6'", 2},
    {Kind::Cli, "run ok.s --max-cycles 99999999999999999999", "error: --max-cycles: '99999999999999999999' is too large (at most 18446744073709551615)", 2},
    {Kind::Cli, "run ok.s --timeout 0", "error: --timeout: expected a number of seconds, more than 0 and at most 1000000000, got '0'", 2},
    {Kind::Cli, "run ok.s --timeout -1", "error: --timeout: expected a number of seconds, more than 0 and at most 1000000000, got '-1'", 2},
    {Kind::Cli, "run ok.s --timeout 1e300", "error: --timeout: expected a number of seconds, more than 0 and at most 1000000000, got '1e300'", 2},
    {Kind::Cli, "run ok.s --timeout soon", "error: --timeout: expected a number of seconds, more than 0 and at most 1000000000, got 'soon'", 2},
    {Kind::Cli, "run ok.s -c 5-stage --from-cycle x", "error: Could not convert: --from-cycle = x", 2},
    {Kind::Cli, "run ok.s -q -v", "error: --quiet excludes --verbose", 2},
    {Kind::Cli, "check ok.s", "error: --config is required", 2},
    {Kind::Cli, "check ok.s -c 5-stage", "error: check needs exactly one of --answer FILE, --batch DIR, --course DIR, --key or --template", 2},
    {Kind::Cli, "check ok.s -c 5-stage --key --template", "error: check needs exactly one of --answer FILE, --batch DIR, --course DIR, --key or --template", 2},
    {Kind::Cli, "check ok.s -c 5-stage --answer none.txt", "error: cannot open 'none.txt': No such file or directory", 2},
    {Kind::Cli, "check ok.s -c 5-stage --key --format xml", "error: --format: xml not in {text,json,csv,gradescope,moodle,canvas}", 2},
    {Kind::Cli, "check ok.s -c 5-stage --batch ok.s", "error: --batch: 'ok.s' is not a directory", 2},
    {Kind::Cli, "check loop.s -c 5-stage --key", "error: 'loop.s' did not end within 100000 cycles on 5-stage (raise --max-cycles)", 2},
    // Output files.
    {Kind::Cli, "run ok.s --json ok.s", "error: refusing to write --json to 'ok.s': that file is the program 'ok.s'", 2},
    {Kind::Cli, "run ok.s --json ./ok.s", "error: refusing to write --json to './ok.s': that file is the program 'ok.s'", 2},
    {Kind::Cli, "asm ok.s -o ok.s", "error: refusing to write -o to 'ok.s': that file is the program 'ok.s'", 2},
    {Kind::Cli, "check ok.s -c 5-stage --key -o ok.s", "error: refusing to write -o to 'ok.s': that file is the program 'ok.s'", 2},
    {Kind::Cli, "merge empty.bin -o empty.bin", "error: empty.bin: the output file must end in .csv or .json", 2},
    {Kind::Cli, "run ok.s --json nodir/r.json", "error: cannot write 'nodir/r.json': no directory 'nodir'", 2},
    // Guest faults (exit 3): the pc, the instruction word, when, and what.
    {Kind::Cli, "run rec.s", "error: guest fault at pc 0x0001000c (instruction word 0x00112623), instruction 262148: store to unmapped address 0x7feffffc (just below the 1024 KiB stack at 0x7ff00000: a stack overflow, e.g. recursion too deep)", 3},
    // Limits (exit 4): which limit, where the program was, how far it got.
    {Kind::Cli, "run loop.s --max-instructions 1000", "error: instruction limit reached (--max-instructions 1000): stopped at pc 0x00010000 after 1000 instructions; raise it with --max-instructions", 4},
    {Kind::Cli, "run loop.s -c 5-stage --max-cycles 1000", "error: cycle limit reached (--max-cycles 1000): stopped at pc 0x00010000 after 1000 cycles, 498 instructions committed; raise it with --max-cycles", 4},
};
// clang-format on

std::vector<std::string> split_args(const std::string& s) {
  std::istringstream in(s);
  std::vector<std::string> out;
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

}  // namespace

TEST_CASE("bad inputs: every parser answers with the exact message and exit status",
          "[errors][cli]") {
  // The count the issue asks for (at least 100 bad inputs across the parsers).
  REQUIRE(kBadInputs.size() >= 100);
  const TempDir tmp("pipesim-bad-inputs");
  const fs::path& dir = tmp.path;
  write_file(dir / "ok.s", "_start: li a0, 1\n add a1, a0, a0\n li a7, 93\n li a0, 0\n ecall\n");
  write_file(dir / "loop.s", "_start: j _start\n");
  // Each frame takes 16 bytes: the 1 MiB stack holds 65536 of them. Frame k stores ra at
  // 0x80000000 - 16k + 12, the first below the stack (0x7ff00000) at k = 65537: 0x7feffffc.
  // `call` is auipc + jalr, so the code is auipc, jalr (0x10000), then per frame addi (0x10008),
  // sw (0x1000c), auipc, jalr. Before frame 65537's sw: 2 + 4 * 65536 + 1 = 262147
  // instructions, so the faulting one is instruction 262148, the sw at 0x1000c.
  write_file(dir / "rec.s", "_start: call f\nf: addi sp, sp, -16\n sw ra, 12(sp)\n call f\n");
  write_file(dir / "empty.bin", "");
  for (const BadInput& c : kBadInputs) {
    std::vector<std::string> args;
    switch (c.kind) {
      case Kind::Asm:
        write_file(dir / "bad.s", c.input);
        args = {"run", "bad.s"};
        break;
      case Kind::Elf: {
        const auto bytes = pipesim::test::edit_bytes(pipesim::test::tiny_elf(), c.input);
        write_file(dir / "bad.elf", std::string(bytes.begin(), bytes.end()));
        args = {"run", "bad.elf"};
        break;
      }
      case Kind::Config:
        write_file(dir / "bad.json", c.input);
        args = {"run", "ok.s", "-c", "bad.json"};
        break;
      case Kind::Set:
        args = {"run", "ok.s", "-c", "5-stage", "--set", c.input};
        break;
      case Kind::Answer:
        write_file(dir / "answer.txt", c.input);
        args = {"check", "ok.s", "-c", "5-stage", "--answer", "answer.txt"};
        break;
      case Kind::Cli:
        args = split_args(c.input);
        break;
    }
    const pipesim::test::RunResult r = pipesim_in(dir, args);
    INFO("input: " << c.input << "\nstderr:\n" << r.err << "ended: " << r.describe());
    CHECK(r.exited());
    CHECK(first_line(r.err) == c.message);
    CHECK(r.exit_code == c.status);
  }
}

TEST_CASE("bad inputs: the tiny ELF itself runs", "[errors]") {
  // The table's ELF rows are edits of this file: unedited it must load and run (ebreak: 0).
  const TempDir tmp("pipesim-tiny-elf");
  const fs::path elf = tmp.path / "ok.elf";
  const auto bytes = pipesim::test::tiny_elf();
  write_file(elf, std::string(bytes.begin(), bytes.end()));
  const auto r = run_process({PIPESIM_BINARY, "run", elf.string()});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
}
