// Limits and interruptions, through the pipesim command: a run that does not end stops at a limit
// naming it, the pc and the progress, with the statistics so far; a program too big for the
// guest's memory and a stack overflow are clear errors, not host crashes; and a killed or
// interrupted run never damages a previous output file. Expected values are derived in comments.
#include <signal.h>
#include <algorithm>

#include <fmt/format.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"
#include "tests/support/tiny_elf.hpp"

namespace fs = std::filesystem;
using pipesim::test::pipesim_in;
using pipesim::test::ProcessOptions;
using pipesim::test::read_file;
using pipesim::test::run_process;
using pipesim::test::RunResult;
using pipesim::test::TempDir;

namespace {

constexpr const char* kLoop = "_start: j _start\n";

}  // namespace

TEST_CASE("limits: an endless loop stops at --max-cycles on every machine, with stats, exit 4",
          "[limits][cli]") {
  TempDir dir("pipesim-limits");
  dir.file("loop.s", kLoop);
  const RunResult configs = pipesim_in(dir.path, {"configs"});
  REQUIRE(configs.exit_code == 0);
  std::vector<std::string> presets;
  for (std::size_t at = 0; at < configs.out.size();) {
    const std::size_t nl = configs.out.find('\n', at);
    const std::string line = configs.out.substr(at, nl - at);
    at = nl == std::string::npos ? configs.out.size() : nl + 1;
    const std::string name = line.substr(0, line.find(' '));
    if (!name.empty() && name.find_first_of("-") != std::string::npos) presets.push_back(name);
  }
  REQUIRE(presets.size() >= 10);
  for (const std::string& p : presets) {
    INFO(p);
    const RunResult r = pipesim_in(dir.path, {"run", "loop.s", "-c", p, "--max-cycles", "1000"});
    CHECK(r.exit_code == 4);
    // The only instruction is the jump at 0x10000: whatever is in flight, the next instruction
    // to complete is that one.
    CHECK_THAT(r.err, Catch::StartsWith("error: cycle limit reached (--max-cycles 1000): stopped "
                                        "at pc 0x00010000 after 1000 cycles, "));
    CHECK_THAT(r.err, Catch::EndsWith("; raise it with --max-cycles\n"));
    CHECK_THAT(r.out, Catch::Contains("halt               limit"));
    CHECK_THAT(r.out, Catch::Contains("cycles             1000\n"));
  }
  // The functional model counts instructions.
  const RunResult f = pipesim_in(dir.path, {"run", "loop.s", "--max-instructions", "5000"});
  CHECK(f.exit_code == 4);
  CHECK(f.err ==
        "error: instruction limit reached (--max-instructions 5000): stopped at pc 0x00010000 "
        "after 5000 instructions; raise it with --max-instructions\n");
}

TEST_CASE("limits: --timeout stops a run on time, with the stats so far, exit 4", "[limits][cli]") {
  TempDir dir("pipesim-limits");
  dir.file("loop.s", kLoop);
  for (const std::vector<std::string>& machine :
       {std::vector<std::string>{"-c", "5-stage"}, std::vector<std::string>{}}) {
    std::vector<std::string> args = {"run", "loop.s", "--timeout", "0.3"};
    args.insert(args.end(), machine.begin(), machine.end());
    const auto start = std::chrono::steady_clock::now();
    const RunResult r = pipesim_in(dir.path, args);
    const double took =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    INFO(r.describe() << "\n" << r.err);
    CHECK(r.exit_code == 4);
    CHECK(took < 20);  // 0.3 s, generously: the machine is shared (and the sanitizer build slow)
    CHECK_THAT(r.err, Catch::StartsWith("error: time limit reached (--timeout 0.3): stopped at pc "
                                        "0x00010000 after "));
    CHECK_THAT(r.err, Catch::EndsWith("; raise it with --timeout\n"));
    if (!machine.empty()) CHECK_THAT(r.out, Catch::Contains("halt               limit"));
  }
}

TEST_CASE("limits: programs too large for the guest's memory are refused clearly",
          "[limits][cli]") {
  TempDir dir("pipesim-limits");
  // 16 MiB of .bss, then 4 more: the section passes 64 MiB at the 4th .space of the .rept
  // (16 + 4 x 16 = 80 MiB), line 4 of the source, column 9.
  dir.file("big.s",
           ".bss\nbuf: .space 0x1000000\n.rept 4\n        .space 0x1000000\n.endr\n"
           ".text\n_start: ebreak\n");
  RunResult r = pipesim_in(dir.path, {"run", "big.s"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("big.s:4:9: error: section '.bss' grows beyond 64 MiB\n"));
  // 64 MiB fits: one .space fewer runs (and maps the memory it asks for).
  dir.file("fits.s",
           ".bss\nbuf: .space 0x1000000\n.rept 3\n.space 0x1000000\n.endr\n.text\n"
           "_start: ebreak\n");
  r = pipesim_in(dir.path, {"run", "fits.s", "-c", "5-stage"});
  CHECK(r.exit_code == 0);
  // A .rept that would make 4 GiB stops in the assembler at 64 MiB, not in the host.
  dir.file("huge.s", ".data\n.rept 256\n.space 0x1000000\n.endr\n_start: ebreak\n");
  r = pipesim_in(dir.path, {"run", "huge.s"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("huge.s:3:1: error: section '.data' grows beyond 64 MiB"));
  // An ELF file may ask for more: the tiny ELF with p_memsz 0x10000001 (256 MiB + 1 byte),
  // rounded up to 257 MiB in the message.
  const auto elf = pipesim::test::edit_bytes(pipesim::test::tiny_elf(), "72=01000010");
  dir.file("big.elf", std::string(elf.begin(), elf.end()));
  r = pipesim_in(dir.path, {"run", "big.elf"});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: big.elf: the program needs 257 MiB of memory for its segments; pipesim gives a "
        "program at most 256 MiB (plus the 1 MiB stack)\n");
}

TEST_CASE("limits: a stack overflow is a guest fault with pc and cycle, not a host crash",
          "[limits][cli]") {
  TempDir dir("pipesim-limits");
  // f calls itself for ever, 16 bytes a frame: see bad_inputs_test.cpp for the count. The
  // faulting store is at 0x1000c on every machine; the pipeline reports the cycle.
  dir.file("rec.s", "_start: call f\nf: addi sp, sp, -16\n sw ra, 12(sp)\n call f\n");
  for (const char* config : {"", "5-stage", "single-cycle", "7-stage"}) {
    INFO(config);
    std::vector<std::string> args = {"run", "rec.s"};
    if (*config) args.insert(args.end(), {"-c", config});
    const RunResult r = pipesim_in(dir.path, args);
    REQUIRE(r.exited());
    CHECK(r.exit_code == 3);
    CHECK_THAT(r.err, Catch::StartsWith("error: guest fault at pc 0x0001000c (instruction word "
                                        "0x00112623), "));
    CHECK_THAT(r.err, Catch::Contains(*config ? "cycle " : "instruction 262148"));
    CHECK_THAT(r.err, Catch::EndsWith("store to unmapped address 0x7feffffc (just below the 1024 "
                                      "KiB stack at 0x7ff00000: a stack overflow, e.g. recursion "
                                      "too deep)\n"));
  }
}

TEST_CASE("limits: Ctrl-C stops a run with the stats so far, exit 130, the old file intact",
          "[limits][cli][signals]") {
  TempDir dir("pipesim-limits");
  dir.file("loop.s", kLoop);
  const std::string old = dir.file("out.json", "{\"previous\": \"result\"}\n");
  for (const std::vector<std::string>& machine :
       {std::vector<std::string>{"-c", "5-stage"}, std::vector<std::string>{}}) {
    // --verbose says when the run starts (its "limits:" line): Ctrl-C comes 300 ms later.
    std::vector<std::string> args = {"run", "loop.s", "--json", "out.json", "--verbose"};
    args.insert(args.end(), machine.begin(), machine.end());
    ProcessOptions opt;
    opt.send_signal = SIGINT;
    opt.signal_after_err = "limits:";
    opt.signal_after = std::chrono::milliseconds(300);
    const RunResult r = pipesim_in(dir.path, args, opt);
    INFO(r.describe() << "\n" << r.err);
    CHECK(r.exit_code == 130);
    CHECK_THAT(r.err, Catch::Contains("\nerror: interrupted by SIGINT: stopped at pc 0x00010000 "
                                      "after "));
    CHECK_THAT(r.err, Catch::EndsWith("; 'out.json' was not written\n"));
    if (!machine.empty()) CHECK_THAT(r.out, Catch::Contains("halt               limit"));
    CHECK(read_file(dir.path / "out.json") == "{\"previous\": \"result\"}\n");
    CHECK(dir.temp_files().empty());
  }
}

namespace {

// The value printed on the summary line `name   value` (0 when there is none).
uint64_t summary_value(const std::string& out, const std::string& name) {
  std::istringstream in(out);
  for (std::string line; std::getline(in, line);)
    if (line.rfind(name + " ", 0) == 0) return std::stoull(line.substr(line.find_last_of(' ') + 1));
  return 0;
}

}  // namespace

TEST_CASE("limits: Ctrl-C on a two-issue machine reports the run as it stands, exactly",
          "[limits][cli][signals]") {
  // The two-issue timing model stops where it is (it once fell back to the cycle model, which
  // started again and stopped at once: "after 0 cycles"). The functional model runs ahead of
  // issue there, so what has not issued is taken back: a0 counts the committed addi.
  TempDir dir("pipesim-limits");
  dir.file("count.s", "_start: addi a0, a0, 1\n j _start\n");
  for (const char* machine : {"2-wide", "2-wide-any", "ripes-6s-dual"}) {
    INFO(machine);
    ProcessOptions opt;
    opt.send_signal = SIGINT;
    opt.signal_after_err = "limits:";
    opt.signal_after = std::chrono::milliseconds(300);
    const RunResult r = pipesim_in(
        dir.path,
        {"run", "count.s", "-c", machine, "--regs", "--verbose", "--max-cycles", "100000000000"},
        opt);
    INFO(r.describe() << "\n" << r.out << r.err);
    CHECK(r.exit_code == 130);
    CHECK_THAT(r.err, Catch::Contains("engine: timing"));
    const uint64_t cycles = summary_value(r.out, "cycles");
    const uint64_t committed = summary_value(r.out, "instructions");
    CHECK(cycles > 4096);
    // The accounting identity: two slots a cycle.
    CHECK(2 * cycles == committed + summary_value(r.out, "fill cycles") +
                            summary_value(r.out, "stalls total") +
                            summary_value(r.out, "halt slots"));
    // addi, j, addi, j, ...: after n instructions a0 = ceil(n / 2), and the next is the j at
    // 0x10004 when n is odd.
    CHECK_THAT(r.out, Catch::Contains(fmt::format("x10 a0   0x{:08x}", (committed + 1) / 2)));
    CHECK(summary_value(r.out, "jumps") == committed / 2);
    CHECK_THAT(r.err,
               Catch::Contains(fmt::format("stopped at pc 0x{:08x} after {} cycles, {} "
                                           "instructions committed",
                                           committed % 2 ? 0x10004 : 0x10000, cycles, committed)));
  }
}

TEST_CASE("limits: Ctrl-C on a two-issue machine takes back what is in fetch and decode",
          "[limits][cli][signals]") {
  // Seven addi and a jump: most cycles, every front-end stage holds committed instructions
  // (ripes-6s-dual has two decode stages; a taken jump empties them less often than in the
  // test above). After n instructions a0 = 7 * (n / 8) + min(n % 8, 7).
  TempDir dir("pipesim-limits");
  std::string src = "_start:\n";
  for (int i = 0; i < 7; ++i) src += " addi a0, a0, 1\n";
  dir.file("count.s", src + " j _start\n");
  for (const char* machine : {"2-wide", "ripes-6s-dual"}) {
    INFO(machine);
    ProcessOptions opt;
    opt.send_signal = SIGINT;
    opt.signal_after_err = "limits:";
    opt.signal_after = std::chrono::milliseconds(300);
    const RunResult r = pipesim_in(
        dir.path,
        {"run", "count.s", "-c", machine, "--regs", "--verbose", "--max-cycles", "100000000000"},
        opt);
    INFO(r.describe() << "\n" << r.out << r.err);
    CHECK(r.exit_code == 130);
    CHECK_THAT(r.err, Catch::Contains("engine: timing"));
    const uint64_t cycles = summary_value(r.out, "cycles");
    const uint64_t n = summary_value(r.out, "instructions");
    CHECK(2 * cycles == n + summary_value(r.out, "fill cycles") +
                            summary_value(r.out, "stalls total") +
                            summary_value(r.out, "halt slots"));
    const uint64_t a0 = 7 * (n / 8) + std::min<uint64_t>(n % 8, 7);
    CHECK_THAT(r.out, Catch::Contains(fmt::format("x10 a0   0x{:08x}", a0)));
    CHECK(summary_value(r.out, "jumps") == n / 8);
    CHECK_THAT(r.err,
               Catch::Contains(fmt::format("stopped at pc 0x{:08x}", 0x10000 + 4 * (n % 8))));
  }
}

TEST_CASE("limits: kill -9 during a run leaves the previous output file intact",
          "[limits][cli][signals]") {
  TempDir dir("pipesim-limits");
  dir.file("ok.s", "_start: li a0, 5\n li a7, 93\n ecall\n");
  dir.file("loop.s", kLoop);
  // A good result first; then a run that would replace it is killed half-way.
  RunResult r = pipesim_in(dir.path, {"run", "ok.s", "-c", "5-stage", "--json", "out.json"});
  REQUIRE(r.exit_code == 5);
  const std::string good = read_file(dir.path / "out.json");
  REQUIRE_THAT(good, Catch::Contains("\"exit_code\": 5"));
  ProcessOptions opt;
  opt.send_signal = SIGKILL;
  opt.signal_after = std::chrono::milliseconds(300);
  r = pipesim_in(dir.path, {"run", "loop.s", "-c", "5-stage", "--json", "out.json"}, opt);
  CHECK(r.signal == SIGKILL);
  CHECK(read_file(dir.path / "out.json") == good);
  CHECK(dir.temp_files().empty());
}

TEST_CASE("limits: kill -9 at any moment of writing a large output leaves old or new, whole",
          "[limits][cli][signals]") {
  TempDir dir("pipesim-limits");
  // Writes 8 MiB of 'x' to stdout (128 writes of 64 KiB), which --json records: an output file
  // of about 8 MiB, long enough to write that some kills land in the middle of writing it.
  dir.file("chatty.s", R"(
        .data
buf:    .fill 65536, 1, 0x78
        .text
_start: li   s0, 128
1:      li   a0, 1
        la   a1, buf
        li   a2, 65536
        li   a7, 64
        ecall
        addi s0, s0, -1
        bnez s0, 1b
        li   a0, 0
        li   a7, 93
        ecall
)");
  const std::vector<std::string> args = {"--quiet", "run", "chatty.s", "--json", "out.json"};
  // The complete new file, and how long a whole run takes.
  const auto start = std::chrono::steady_clock::now();
  RunResult r = pipesim_in(dir.path, args);
  const auto whole = std::chrono::steady_clock::now() - start;
  REQUIRE(r.exit_code == 0);
  // The result's host_seconds differs from run to run; everything else must be byte-identical.
  const auto without_host_time = [](std::string s) {
    const std::size_t at = s.find("\n  \"host_seconds\": ");
    if (at != std::string::npos) s.erase(at, s.find('\n', at + 1) - at);
    return s;
  };
  const std::string fresh = without_host_time(read_file(dir.path / "out.json"));
  REQUIRE(fresh.size() > (8u << 20));
  const std::string old = "{\"previous\": \"result\"}\n";
  int kept_old = 0, got_new = 0;
  constexpr int kTries = 12;
  for (int k = 0; k < kTries; ++k) {
    dir.file("out.json", old);
    ProcessOptions opt;
    opt.send_signal = SIGKILL;
    // Spread over the whole run, from the start to its end.
    opt.signal_after =
        std::chrono::duration_cast<std::chrono::milliseconds>(whole * (k + 1) / kTries);
    r = pipesim_in(dir.path, args, opt);
    const std::string now = without_host_time(read_file(dir.path / "out.json"));
    INFO("kill after " << opt.signal_after.count() << " ms: " << r.describe());
    CHECK((now == old || now == fresh));
    CHECK(dir.temp_files().empty());
    (now == old ? kept_old : got_new) += 1;
  }
  CHECK(kept_old > 0);  // some kills came before the rename: the old file survived them
}

TEST_CASE(
    "limits: --max-cycles on 5-stage runs on the timing model, with the cycle model's numbers",
    "[limits][cli]") {
  // A loop with a load-use hold, a taken branch, a jump and output: cut anywhere, the result
  // (every counter, the registers, the pc, the output so far) is the cycle model's.
  TempDir dir("pipesim-limits");
  dir.file("loop.s",
           "la s0, d\nli s1, 0\n1: la a0, s\nli a7, 4\necall\naddi s1, s1, 1\nlw t1, 0(s0)\n"
           "add t2, t1, s1\nbne s1, t1, 1b\nj 1b\n.data\nd: .word 5\ns: .asciz \"x\"\n");
  for (const char* n : {"1", "4", "5", "6", "9", "23", "24", "25", "57", "100", "1000"}) {
    INFO("--max-cycles " << n);
    RunResult auto_engine =
        pipesim_in(dir.path, {"run", "loop.s", "-c", "5-stage", "--max-cycles", n, "--json", "-"});
    RunResult cycle = pipesim_in(dir.path, {"run", "loop.s", "-c", "5-stage", "--max-cycles", n,
                                            "--json", "-", "--engine", "cycle"});
    CHECK(auto_engine.exit_code == 4);
    CHECK(cycle.exit_code == 4);
    nlohmann::json fast = nlohmann::json::parse(auto_engine.out);
    nlohmann::json slow = nlohmann::json::parse(cycle.out);
    CHECK(fast["engine"] == "timing");
    CHECK(slow["engine"] == "cycle");
    CHECK(fast["halt"] == "limit");
    for (nlohmann::json* j : {&fast, &slow}) {
      j->erase("engine");
      j->erase("host_seconds");
    }
    CHECK(fast.dump(1) == slow.dump(1));
  }
}
