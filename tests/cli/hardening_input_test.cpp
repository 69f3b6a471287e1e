// Hardening of the inputs users hand over (issue 15): JSON nested deeper than the code that walks
// it can follow, keys given twice, files that never end or are not files (/dev/zero, a
// directory), files too large to hold, running out of memory, and empty list items on the
// command line. Each reproducer runs the pipesim binary and checks the first line of its
// stderr and its exit status (docs/cli.md: 2 user error, 4 limit). The columns were counted by
// hand in the inputs written below (columns count bytes from 1).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/sanitizers.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using pipesim::test::first_line;
using pipesim::test::pipesim_in;
using pipesim::test::ProcessOptions;
using pipesim::test::RunResult;
using pipesim::test::TempDir;
using pipesim::test::write_file;

namespace {

// A file of `size` bytes (zeros) that takes no room on disk.
void sparse_file(const std::string& path, std::uintmax_t size) {
  write_file(path, "");
  fs::resize_file(path, size);
}

// Runs a shell command line in `dir`, with $PIPESIM the binary: for process substitution
// (<(...)) and ulimit.
RunResult shell_in(const TempDir& dir, const std::string& script) {
  ProcessOptions opt;
  opt.cwd = dir.path.string();
  return pipesim::test::run_process(
      {"/bin/bash", "-c", "PIPESIM='" + std::string(PIPESIM_BINARY) + "'; " + script}, opt);
}

const char* kOk = "_start: li a0, 0\n li a7, 93\n ecall\n";

// `n` arrays nested in each other: [[[...]]].
std::string nested_arrays(std::size_t n) {
  return std::string(n, '[') + std::string(n, ']');
}

// `prefix` (before the first '[') is 37 bytes, so the first '[' is at column 38; the outer
// object is level 1, and the 64th '[' (column 38 + 63 = 101) is level 65, one past the limit.
const std::string kDeepConfig =
    R"({"extends": "5-stage", "forwarding": )" + nested_arrays(70000) + "}";
const std::string kDeepAt101 = ":1:101: error: invalid JSON: nested too deeply (limit 64)";

}  // namespace

TEST_CASE("hardening: JSON nested 70,000 deep is refused where it passes the limit",
          "[hardening][inputs]") {
  TempDir dir("pipesim-hardening");
  write_file(dir / "ok.s", kOk);
  write_file(dir / "deep.json", kDeepConfig);
  REQUIRE(kDeepConfig.find('[') == 37);

  SECTION("a configuration file") {
    const RunResult r = pipesim_in(dir.path, {"run", "ok.s", "-c", "deep.json"});
    INFO(r.describe());
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) == "deep.json" + kDeepAt101);
    // The offending line is shown up to a little past the column, not all 140,000 bytes.
    CHECK(r.err.size() < 400);
  }
  SECTION("a configuration it extends") {
    write_file(dir / "child.json", R"({"extends": "deep.json"})");
    const RunResult r = pipesim_in(dir.path, {"run", "ok.s", "-c", "child.json"});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) == "deep.json" + kDeepAt101);
  }
  SECTION("sweep --configs") {
    const RunResult r = pipesim_in(
        dir.path, {"sweep", "--programs", "ok.s", "--configs", "5-stage,deep.json", "-o", "t.csv"});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) == "deep.json" + kDeepAt101);
    CHECK_FALSE(fs::exists(dir / "t.csv"));
  }
  SECTION("--set forwarding=[[[...]]]") {
    // The --set argument is shown by its first 57 bytes: "forwarding=" and 46 '['. (30,000
    // levels: one argument of a command line is at most 128 KiB.)
    const RunResult r = pipesim_in(
        dir.path, {"run", "ok.s", "-c", "5-stage", "--set", "forwarding=" + nested_arrays(30000)});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) ==
          "error: invalid configuration '5-stage': --set 'forwarding=" + std::string(46, '[') +
              "...': invalid JSON: nested too deeply (limit 64)");
  }
  SECTION("a task file") {
    // "cases" starts at column 2; its '[' is at column 11 (level 2); 63 more reach level 65.
    write_file(dir / "task.json", R"({"cases": )" + nested_arrays(1000) + "}");
    const RunResult r = pipesim_in(dir.path, {"task", "run", "task.json", "ok.s"});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) == "task.json:1:74: error: invalid JSON: nested too deeply (limit 64)");
  }
  SECTION("a sweep result file") {
    // The rows' '[' is at column 39 (level 2); the 64th '[' is at column 102.
    write_file(dir / "r.json",
               R"({"schema": "pipesim.sweep/3", "rows": )" + nested_arrays(1000) + "}");
    const RunResult r = pipesim_in(dir.path, {"merge", "r.json"});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) ==
          "error: r.json: not valid JSON (truncated or corrupt?): line 1, column 102: nested too "
          "deeply (limit 64)");
  }
  SECTION("64 levels are still accepted") {
    // Level 1 is the object, so 63 arrays reach level 64: the config is read, and the
    // forwarding list is then refused by the schema.
    write_file(dir / "ok64.json",
               R"({"extends": "5-stage", "forwarding": )" + nested_arrays(63) + "}");
    const RunResult r = pipesim_in(dir.path, {"run", "ok.s", "-c", "ok64.json"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(first_line(r.err),
               Catch::StartsWith("error: invalid configuration 'ok64.json': forwarding"));
  }
}

TEST_CASE("hardening: a key given twice is refused at its second occurrence",
          "[hardening][inputs]") {
  TempDir dir("pipesim-hardening");
  write_file(dir / "ok.s", kOk);
  struct Case {
    std::string json;
    std::string message;  // after "bad.json:"
  };
  const std::vector<Case> cases = {
      // The second "policy" at column 56, the first at 37.
      {R"({"extends": "5-stage", "branches": {"policy": "2-bit", "policy": "stall"}})",
       "1:56: error: invalid JSON: duplicate key \"policy\" in branches (first at line 1, column "
       "37)"},
      {"{\n  \"extends\": \"5-stage\",\n  \"extends\": \"7-stage\"\n}",
       "3:3: error: invalid JSON: duplicate key \"extends\" (first at line 2, column 3)"},
      // "\u0061" is "a": the same key, spelt differently. Second key at column 10.
      {R"({"a": 1, "\u0061": 2})",
       "1:10: error: invalid JSON: duplicate key \"a\" (first at line 1, column 2)"},
      // In the second stage object (stages[1]): its "name" keys at columns 52 and 66.
      {R"({"extends": "5-stage", "stages": [{"name": "IF"}, {"name": "ID", "name": "X"}]})",
       "1:66: error: invalid JSON: duplicate key \"name\" in stages[1] (first at line 1, column "
       "52)"},
  };
  for (const Case& c : cases) {
    INFO(c.json);
    write_file(dir / "bad.json", c.json);
    const RunResult r = pipesim_in(dir.path, {"run", "ok.s", "-c", "bad.json"});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) == "bad.json:" + c.message);
  }

  SECTION("in a --set value") {
    const RunResult r = pipesim_in(dir.path, {"run", "ok.s", "-c", "5-stage", "--set",
                                              R"(branches={"policy":"stall","policy":"2-bit"})"});
    CHECK(r.exit_code == 2);
    CHECK(
        first_line(r.err) ==
        R"(error: invalid configuration '5-stage': --set 'branches={"policy":"stall","policy":"2-bit"}': invalid JSON: duplicate key "policy" (first at line 1, column 2))");
  }
  SECTION("in a task file") {
    write_file(dir / "task.json", "{\"name\": \"a\",\n \"name\": \"b\"}");
    const RunResult r = pipesim_in(dir.path, {"task", "run", "task.json", "ok.s"});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) ==
          "task.json:2:2: error: invalid JSON: duplicate key \"name\" (first at line 1, column 2)");
  }
  SECTION("in a sweep result file") {
    write_file(dir / "r.json", R"({"schema": "pipesim.sweep/3", "rows": [], "rows": []})");
    const RunResult r = pipesim_in(dir.path, {"merge", "r.json"});
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) ==
          "error: r.json: not valid JSON (truncated or corrupt?): line 1, column 43: duplicate "
          "key \"rows\" (first at line 1, column 31)");
  }
}

TEST_CASE("hardening: a device or a directory where a file is expected", "[hardening][inputs]") {
  TempDir dir("pipesim-hardening");
  write_file(dir / "ok.s", kOk);
  fs::create_directory(dir / "sub");
  const std::string kZero =
      "error: cannot read '/dev/zero': not a regular file (a character device)";
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"run", "/dev/zero"}, kZero},
      {{"run", "ok.s", "-c", "/dev/zero"}, kZero},
      {{"run", "ok.s", "-c", "/dev/urandom"},
       "error: cannot read '/dev/urandom': not a regular file (a character device)"},
      {{"merge", "/dev/zero"}, kZero},
      {{"check", "ok.s", "-c", "5-stage", "--answer", "/dev/zero"}, kZero},
      {{"task", "run", "/dev/zero", "ok.s"}, kZero},
      {{"schedule", "/dev/zero", "-c", "5-stage"}, kZero},
      {{"run", "ok.s", "-c", "sub/"}, "error: cannot read 'sub/': Is a directory"},
      {{"task", "run", "sub", "ok.s"}, "error: cannot read 'sub': Is a directory"},
      {{"check", "ok.s", "-c", "5-stage", "--answer", "sub"},
       "error: cannot read 'sub': Is a directory"},
      {{"run", "ok.s", "-c", "nothere/x.json"},
       "error: cannot open 'nothere/x.json': No such file or directory"},
  };
  for (const Case& c : cases) {
    INFO(c.args[0] << " " << c.args[1]);
    const RunResult r = pipesim_in(dir.path, c.args);
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) == c.message);
  }
}

TEST_CASE("hardening: input files larger than their limit", "[hardening][inputs]") {
  TempDir dir("pipesim-hardening");
  write_file(dir / "ok.s", kOk);

  SECTION("regular files: refused by their size, before reading") {
    sparse_file(dir / "big.json", (std::uintmax_t{4} << 20) + 1);
    sparse_file(dir / "big.s", (std::uintmax_t{256} << 20) + 1);
    sparse_file(dir / "big.txt", (std::uintmax_t{4} << 20) + 1);
    sparse_file(dir / "results.json", (std::uintmax_t{64} << 20) + 1);
    struct Case {
      std::vector<std::string> args;
      std::string message;
    };
    const std::vector<Case> cases = {
        {{"run", "ok.s", "-c", "big.json"},
         "error: cannot read 'big.json': too large for a configuration file (limit 4 MiB)"},
        {{"run", "big.s"}, "error: cannot read 'big.s': too large for a program (limit 256 MiB)"},
        {{"check", "ok.s", "-c", "5-stage", "--answer", "big.txt"},
         "error: cannot read 'big.txt': too large for an answer file (limit 4 MiB)"},
        {{"task", "run", "big.json", "ok.s"},
         "error: cannot read 'big.json': too large for a task file (limit 4 MiB)"},
        {{"merge", "results.json"},
         "error: cannot read 'results.json': too large for a sweep result file (limit 64 MiB)"},
    };
    for (const Case& c : cases) {
      INFO(c.args[0] << " " << c.args[1]);
      const RunResult r = pipesim_in(dir.path, c.args);
      CHECK(r.exit_code == 2);
      CHECK(first_line(r.err) == c.message);
    }
  }
  SECTION("a pipe that never ends is read up to the limit") {
    // bash's <(...) names a pipe /dev/fd/N; `cat /dev/zero` writes to it for ever.
    const RunResult config = shell_in(dir, "\"$PIPESIM\" run ok.s -c <(cat /dev/zero)");
    CHECK(config.exit_code == 2);
    CHECK_THAT(first_line(config.err),
               Catch::Matches("error: cannot read '/dev/fd/[0-9]+': too large for a "
                              "configuration file \\(limit 4 MiB\\)"));
    const RunResult answer =
        shell_in(dir, "\"$PIPESIM\" check ok.s -c 5-stage --answer <(cat /dev/zero)");
    CHECK(answer.exit_code == 2);
    CHECK_THAT(first_line(answer.err),
               Catch::Matches("error: cannot read '/dev/fd/[0-9]+': too large for an answer file "
                              "\\(limit 4 MiB\\)"));
  }
  SECTION("a pipe with a small file in it is read") {
    const RunResult r =
        shell_in(dir, "\"$PIPESIM\" run ok.s -c <(echo '{\"extends\": \"5-stage\"}') -q");
    CHECK(r.describe() == "exit 0");
    CHECK(r.err == "");
  }
}

#ifndef PIPESIM_TEST_ASAN
TEST_CASE("hardening: running out of memory is a limit (exit 4) that says what to lower",
          "[hardening][inputs]") {
  // A 240 MiB program (under the 256 MiB limit) under a 160 MiB address-space limit: reading it
  // needs more memory than the host (here ulimit -v) gives. Not under AddressSanitizer, whose
  // runtime reserves terabytes of address space and cannot start under ulimit -v.
  TempDir dir("pipesim-hardening");
  sparse_file(dir / "big.bin", std::uintmax_t{240} << 20);
  const RunResult r = shell_in(dir, "ulimit -v 163840; exec \"$PIPESIM\" run big.bin");
  INFO(r.describe() << "\n" << r.err);
  CHECK(r.exit_code == 4);
  CHECK(r.err ==
        "error: out of memory (the host gave pipesim no more): lower --max-cycles (--html, "
        "--trace-json and check keep every cycle in memory), -j (a sweep's runs at a time) or "
        "the size of the program and input files\n");
}
#endif

TEST_CASE("hardening: empty values and list items on the command line", "[hardening][inputs]") {
  TempDir dir("pipesim-hardening");
  write_file(dir / "ok.s", kOk);
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"run", "ok.s", "-c", "5-stage", "--set", "name="},
       "error: invalid configuration '5-stage': --set 'name=': no value after '=' (expected "
       "path=value, e.g. branches.policy=2-bit)"},
      {{"run", "ok.s", "-c", "5-stage", "--set", "branches.policy="},
       "error: invalid configuration '5-stage': --set 'branches.policy=': no value after '=' "
       "(expected path=value, e.g. branches.policy=2-bit)"},
      {{"sweep", "--programs", "ok.s", "--configs", "5-stage,,5-stage"},
       "error: --configs: empty item in the list '5-stage,,5-stage' (expected NAME,NAME,...)"},
      {{"sweep", "--programs", "ok.s", "--configs", "5-stage,7-stage,5-stage"},
       "error: --configs: '5-stage' is twice in the list '5-stage,7-stage,5-stage'"},
      {{"sweep", "--programs", "ok.s", "--configs", "5-stage,"},
       "error: --configs: empty item in the list '5-stage,' (expected NAME,NAME,...)"},
      {{"sweep", "--programs", "ok.s", "--configs", ""},
       "error: --configs: empty item in the list '' (expected NAME,NAME,...)"},
      {{"compare", "ok.s", "--configs", ",5-stage"},
       "error: --configs: empty item in the list ',5-stage' (expected NAME,NAME,...)"},
      {{"sweep", "--programs", "ok.s", "--configs", "5-stage", "-j", "0"},
       "error: --threads: expected a whole number of at least 1, got '0'"},
      {{"sweep", "--programs", "ok.s", "--configs", "5-stage", "-j", "-2"},
       "error: --threads: expected a whole number of at least 1, got '-2'"},
  };
  for (const Case& c : cases) {
    INFO(c.args.back());
    const RunResult r = pipesim_in(dir.path, c.args);
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) == c.message);
  }

  SECTION("lists without empty items still work, several -j too") {
    const RunResult r = pipesim_in(dir.path, {"sweep", "--programs", "ok.s", "--configs",
                                              "5-stage,single-cycle", "-j", "99999999999"});
    CHECK(r.describe() == "exit 0");
    CHECK(r.out.find("5-stage") != std::string::npos);
    CHECK(r.out.find("single-cycle") != std::string::npos);
  }
}

TEST_CASE("hardening: a value quoted in a message is cut to its first 60 bytes",
          "[hardening][inputs]") {
  TempDir dir("pipesim-hardening");
  write_file(dir / "ok.s", kOk);
  const std::string x(5000, 'x');
  // 57 bytes and "...": 60 in all.
  const std::string cut = std::string(57, 'x') + "...";
  struct Case {
    std::string json;
    std::string message;  // after "error: invalid configuration 'bad.json': "
  };
  const std::vector<Case> cases = {
      {R"({"extends": "5-stage", ")" + x + R"(": 1})",
       cut + ": unknown key; allowed here: name, description, extends, kind, stages, "
             "latch_overhead_ps, forwarding, split_phase_regfile, hazard_detection, "
             "forwarded_operands, branches, end_stage, skip_unused_stages, class_stages, "
             "functional_units, execute, memory, "
             "issue_width, "
             "issue, program_end, ecall"},
      {R"({"extends": "5-stage", "branches": {"policy": ")" + x + R"("}})",
       "branches.policy: unknown policy \"" + cut +
           "\"; expected one of stall, not-taken, taken, btfn, 1-bit, 2-bit"},
      {R"({"extends": "5-stage", "name": [")" + x + R"("]})",
       "name: expected a string, got [\"" + std::string(55, 'x') + "..."},
  };
  for (const Case& c : cases) {
    write_file(dir / "bad.json", c.json);
    const RunResult r = pipesim_in(dir.path, {"run", "ok.s", "-c", "bad.json"});
    CHECK(r.exit_code == 2);
    CHECK(r.err == "error: invalid configuration 'bad.json': " + c.message + "\n");
  }
  SECTION("in a task file") {
    write_file(dir / "task.json",
               R"({"name": "t", "statement": "s", "config": "5-stage", "input": {"array": "a", )"
               R"("length": "n", "capacity": 4}, "output": {"symbol": "o"}, "reference": ")" +
                   x + R"("})");
    const RunResult r = pipesim_in(dir.path, {"task", "run", "task.json", "ok.s"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("unknown reference \"" + cut + "\" (sum, max"));
  }
}
