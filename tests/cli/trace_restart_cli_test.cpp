// A traced run the timing model declines part-way (run_machine's restart, cli/trace_outputs.*):
// trace files written through a temporary file and /dev/null start over and the cycle model
// traces the run from its first cycle; stdout keeps the two runs (untraced first). Every way, the
// files must be the cycle model's (`--engine cycle`, the reference) byte for byte, the guest
// output must appear once, and the exit status must be the program's.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::read_file;
using pipesim::test::RunResult;
using pipesim::test::write_file;
namespace fs = std::filesystem;

namespace {

// Writes "hi\n", loops about 3,000 cycles, then stores into its code (the timing model declines
// there: part of the trace is written by then) and exits with 7.
constexpr const char* kDeclines = R"(_start: li a0, 1
        la a1, msg
        li a2, 3
        li a7, 64
        ecall
        li t2, 1000
loop:   addi t2, t2, -1
        bnez t2, loop
        la t0, patch
        lw t1, 0(t0)
        sw t1, 0(t0)
patch:  li a0, 7
        li a7, 93
        ecall
        .data
msg:    .ascii "hi\n"
)";

// The same without the store: the timing model completes it.
constexpr const char* kCompletes = R"(_start: li a0, 1
        la a1, msg
        li a2, 3
        li a7, 64
        ecall
        li t2, 1000
loop:   addi t2, t2, -1
        bnez t2, loop
        li a0, 7
        li a7, 93
        ecall
        .data
msg:    .ascii "hi\n"
)";

fs::path test_dir(const std::string& name) {
  // This process's own folder (removed at exit): two test runs at once must not share one.
  static const pipesim::test::TempDir root("pipesim-trace-restart");
  return root.fresh_folder(name);
}

RunResult pipesim_run(std::vector<std::string> args) {
  return pipesim::test::run_pipesim(std::move(args), std::chrono::seconds(120));
}

const std::vector<std::pair<std::string, std::string>> kFormats = {
    {"--trace-jsonl", "jsonl"},
    {"--trace-konata", "kanata"},
    {"--trace-bin", "bin"},
    {"--trace-chrome", "chrome.json"},
    {"--trace-json", "json"}};

// `run PROGRAM -c 5-stage` with every trace format written to DIR/PREFIX.EXT.
std::vector<std::string> every_trace(const std::string& program, const fs::path& dir,
                                     const std::string& prefix) {
  std::vector<std::string> args = {"run", program, "-c", "5-stage"};
  for (const auto& [option, ext] : kFormats) {
    args.push_back(option);
    args.push_back((dir / (prefix + "." + ext)).string());
  }
  return args;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("trace restart: files started over hold the cycle model's trace, byte for byte",
          "[trace][cli]") {
  const fs::path dir = test_dir("files");
  for (const char* source : {kDeclines, kCompletes}) {
    const bool declines = source == kDeclines;
    INFO((declines ? "declines" : "completes"));
    const std::string prog = write_file(dir / "p.s", source);
    std::vector<std::string> cycle = every_trace(prog, dir, "cycle");
    cycle.insert(cycle.end(), {"--engine", "cycle"});
    const RunResult reference = pipesim_run(cycle);
    REQUIRE(reference.exit_code == 7);
    std::vector<std::string> autom = every_trace(prog, dir, "auto");
    autom.push_back("--verbose");
    const RunResult r = pipesim_run(autom);
    CHECK(r.exit_code == 7);
    CHECK_THAT(r.err, Catch::Contains(declines ? "engine: cycle" : "engine: timing"));
    CHECK(count(r.out, "hi\n") == 1);
    CHECK(r.out == reference.out);
    for (const auto& [option, ext] : kFormats) {
      INFO(option);
      const std::string got = read_file(dir / ("auto." + ext));
      CHECK(got.size() > 1000);
      CHECK(got == read_file(dir / ("cycle." + ext)));
    }
  }
}

TEST_CASE("trace restart: /dev/null and stdout, declined part-way", "[trace][cli]") {
  const fs::path dir = test_dir("devices");
  const std::string prog = write_file(dir / "p.s", kDeclines);
  const RunResult reference = pipesim_run({"run", prog, "-c", "5-stage", "--engine", "cycle"});
  REQUIRE(reference.exit_code == 7);
  REQUIRE(count(reference.out, "hi\n") == 1);
  // /dev/null starts over (nothing to take back); a link to it is /dev/null too.
  fs::create_symlink("/dev/null", dir / "null");
  for (const std::string& null : {std::string("/dev/null"), (dir / "null").string()}) {
    const RunResult r = pipesim_run({"run", prog, "-c", "5-stage", "--trace-jsonl", null,
                                     "--trace-konata", null, "--trace-bin", null, "--verbose"});
    CHECK(r.exit_code == 7);
    CHECK(r.out == reference.out);
    CHECK_THAT(r.err, Catch::Contains("engine: cycle"));
  }
  // stdout cannot start over: two runs, untraced first; the trace is the cycle model's.
  for (const auto& [option, ext] : kFormats) {
    if (option == "--trace-json") continue;  // (not to stdout)
    INFO(option);
    const RunResult slow =
        pipesim_run({"run", prog, "-c", "5-stage", option, "-", "--engine", "cycle"});
    const RunResult r = pipesim_run({"run", prog, "-c", "5-stage", option, "-"});
    CHECK(slow.exit_code == 7);
    CHECK(r.exit_code == 7);
    CHECK(r.out.size() > 1000);
    CHECK(r.out == slow.out);
  }
  // A file and stdout together: the file cannot start over alone, two runs as well.
  const std::string file = (dir / "t.kanata").string();
  const RunResult r =
      pipesim_run({"run", prog, "-c", "5-stage", "--trace-jsonl", "-", "--trace-konata", file});
  CHECK(r.exit_code == 7);
  const std::string got = read_file(file);
  REQUIRE(pipesim_run({"run", prog, "-c", "5-stage", "--trace-jsonl", "-", "--trace-konata", file,
                       "--engine", "cycle"})
              .exit_code == 7);
  CHECK(got == read_file(file));
}

TEST_CASE("trace restart: --engine timing declined part-way leaves no trace file", "[trace][cli]") {
  const fs::path dir = test_dir("timing");
  const std::string prog = write_file(dir / "p.s", kDeclines);
  const fs::path trace = dir / "t.jsonl";
  const RunResult r = pipesim_run(
      {"run", prog, "-c", "5-stage", "--engine", "timing", "--trace-jsonl", trace.string()});
  CHECK(r.exit_code == 2);
  CHECK(r.out.empty());  // not even the guest output: it was held back
  CHECK_THAT(r.err, Catch::Contains("the timing model declined this run"));
  CHECK_FALSE(fs::exists(trace));
  int hidden = 0;  // nor a temporary file (".t.jsonl.tmp-XXXXXX")
  for (const auto& e : fs::directory_iterator(dir))
    hidden += e.path().filename().string()[0] == '.';
  CHECK(hidden == 0);
}
