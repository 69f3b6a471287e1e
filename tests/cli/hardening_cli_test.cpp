// Hardening of the command line (issue 15, second adversarial pass): an output option given an
// empty file name (`--json "$OUT"` with OUT unset) used to mean "no output" and exit 0 with the
// output lost; `schedule` on a source with no instructions "scheduled" a run that only faulted.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::first_line;
using pipesim::test::pipesim_in;
using pipesim::test::ProcessOptions;
using pipesim::test::read_file;
using pipesim::test::run_process;
using pipesim::test::TempDir;

namespace {}  // namespace

TEST_CASE("hardening: every output option refuses an empty file name", "[cli][hardening]") {
  TempDir dir;
  std::ofstream(dir / "ok.s") << "li a0, 0\nebreak\n";
  // Each command line ends with the output option; "" is appended as its value. The message is
  // CLI11's "OPTION: " followed by the validator's text (cli/validators.cpp, file_name()).
  const std::vector<std::vector<std::string>> commands = {
      {"run", "ok.s", "--json"},
      {"run", "ok.s", "-c", "5-stage", "--html"},
      {"run", "ok.s", "-c", "5-stage", "--trace-json"},
      {"run", "ok.s", "-c", "5-stage", "--trace-jsonl"},
      {"run", "ok.s", "-c", "5-stage", "--trace-konata"},
      {"run", "ok.s", "-c", "5-stage", "--trace-chrome"},
      {"compare", "ok.s", "--html"},
      {"asm", "ok.s", "-o"},
      {"deps", "ok.s", "-o"},
      {"schedule", "ok.s", "-c", "5-stage", "-o"},
      {"check", "ok.s", "-c", "5-stage", "--key", "-o"},
      {"sweep", "--programs", "ok.s", "--configs", "5-stage", "-o"},
      {"sweep", "--programs", "ok.s", "--configs", "5-stage", "--emit-jobs"},
      {"merge", "r.json", "-o"},
      {"exercise", "new", "--topic", "raw", "--seed", "1", "-o"},
  };
  for (std::vector<std::string> args : commands) {
    const std::string option = args.back() != "-o"     ? args.back()
                               : args[0] == "exercise" ? "--output-dir"
                                                       : "--output";
    args.push_back("");
    const auto r = pipesim_in(dir.path, args);
    INFO(args[0] << " " << option << ": " << r.err << r.describe());
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) == "error: " + option + ": expected a file name, got an empty one");
  }
}

TEST_CASE("hardening: schedule refuses a source with no instructions, as run does",
          "[cli][hardening]") {
  TempDir dir;
  std::ofstream(dir / "empty.s") << "";
  std::ofstream(dir / "data.s") << ".data\n.word 1\n";
  for (const std::string name : {"empty.s", "data.s"}) {
    const std::string expected =
        "error: " + name +
        ": the program has no instructions to run (nothing at its entry point 0x00010000)";
    const auto run = pipesim_in(dir.path, {"run", name});
    CHECK(first_line(run.err) == expected);
    CHECK(run.exit_code == 2);
    const auto sched = pipesim_in(dir.path, {"schedule", name, "-c", "5-stage"});
    CHECK(first_line(sched.err) == expected);
    CHECK(sched.exit_code == 2);
    CHECK(sched.out.empty());
  }
}

// `check --key` draws a table of rows × cycles. A loop of 3,000 iterations of 3 instructions on
// 5-stage (no stalls: addi, bnez resolved in EX with a 2-cycle flush each iteration) has over
// 9,000 rows over about 15,000 cycles: hundreds of MB of text. It is refused before it is drawn
// (it took 109 s and 1.2 GB, then failed on the answer size limit).
TEST_CASE("hardening: check refuses a run too long to grade, before drawing it",
          "[cli][hardening]") {
  TempDir dir;
  std::ofstream(dir / "long.s") << "li t0, 3000\n1: addi t0, t0, -1\nnop\nbnez t0, 1b\nebreak\n";
  const auto r = pipesim_in(dir.path, {"check", "long.s", "-c", "5-stage", "--key"});
  CHECK(r.exit_code == 2);
  CHECK(first_line(r.err).rfind("error: the run is too long to grade as a pipeline diagram: ", 0) ==
        0);
  CHECK(r.err.find("an answer holds at most 4 MiB") != std::string::npos);
  CHECK(r.out.empty());
}

// The answers of `check --batch DIR` are inputs like --answer: `-o` naming one of them would
// replace a student's answer with the grades (it did).
TEST_CASE("hardening: check --batch refuses to write over one of the answers it grades",
          "[cli][hardening]") {
  TempDir dir;
  std::ofstream(dir / "ok.s") << "li a0, 0\nebreak\n";
  std::filesystem::create_directory(dir.path / "answers");
  const std::string answer = "1 2 3\nli a0, 0 IF ID EX\n";
  std::ofstream(dir / "answers/a.txt") << answer;
  const auto r = pipesim_in(
      dir.path, {"check", "ok.s", "-c", "5-stage", "--batch", "answers", "-o", "answers/a.txt"});
  CHECK(first_line(r.err) ==
        "error: refusing to write -o to 'answers/a.txt': that file is the --batch answer "
        "'answers/a.txt'");
  CHECK(r.exit_code == 2);
  CHECK(read_file(dir.path / "answers/a.txt") == answer);
  // Beside the folder, the grades are written.
  const auto ok = pipesim_in(
      dir.path, {"check", "ok.s", "-c", "5-stage", "--batch", "answers", "-o", "grades.csv"});
  CHECK(ok.exit_code == 0);
}

// A trace streamed into a FIFO whose reader stops reading: once the pipe's buffer is full,
// write() blocks, and the run loop never polls the stop flag again. The first Ctrl-C must still
// end pipesim (exit 130), not only a second one.
TEST_CASE("hardening: Ctrl-C ends a run blocked writing a trace into a FIFO nobody reads",
          "[cli][hardening]") {
  TempDir dir;
  std::ofstream(dir / "loop.s") << "1: j 1b\n";
  const std::string fifo = dir / "trace.fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // A reader that opens the FIFO (so pipesim's open succeeds) but never reads.
  const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
  REQUIRE(reader >= 0);
  ProcessOptions o;
  o.cwd = dir.path.string();
  o.send_signal = SIGINT;
  o.signal_after = std::chrono::milliseconds(500);
  o.time_limit = std::chrono::seconds(20);
  // (The cycle model: the timing model would still be in its untraced first run at the signal,
  // docs/timing-model.md#traces, and stop there without blocking.)
  const auto r = run_process({PIPESIM_BINARY, "run", "loop.s", "-c", "5-stage", "--engine", "cycle",
                              "--trace-jsonl", "trace.fifo"},
                             o);
  ::close(reader);
  INFO(r.err << r.describe());
  CHECK(r.exit_code == 130);
  CHECK(first_line(r.err) == "error: interrupted by SIGINT");
  struct stat st;
  REQUIRE(::stat(fifo.c_str(), &st) == 0);
  CHECK(S_ISFIFO(st.st_mode));
}
