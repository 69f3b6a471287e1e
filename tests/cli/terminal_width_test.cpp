// The flagship demo's diagram on a terminal 80 columns wide (a pseudo-terminal opened by
// scripts/pty_run.py): every line fits, every instruction and cycle is there in the same place
// as in the piped layout, colour is on under the terminal and off with NO_COLOR and when piped.
#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "tests/support/diagram_cells.hpp"
#include "tests/support/run_process.hpp"

using namespace pipesim::test;

namespace {

const std::string kDemo = std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/pipeline_demo.s";

// pipesim under a pseudo-terminal `columns` wide, with `env` (NAME=VALUE) set.
RunResult on_terminal(std::size_t columns, const std::vector<std::string>& env,
                      const std::vector<std::string>& args) {
  std::vector<std::string> argv{"python3", std::string(PIPESIM_SOURCE_DIR) + "/scripts/pty_run.py",
                                std::to_string(columns)};
  argv.insert(argv.end(), env.begin(), env.end());
  argv.push_back("--");
  argv.push_back(PIPESIM_BINARY);
  argv.insert(argv.end(), args.begin(), args.end());
  return run_process(argv);
}

// The diagram's part of the output: from its first header row to the blank line before the
// summary (the legend included).
std::string diagram_part(const std::string& out) {
  const std::size_t start = out.find("\n ");
  const std::size_t end = out.find("\nprogram ");
  return out.substr(start + 1, end == std::string::npos ? std::string::npos : end - start - 1);
}

}  // namespace

TEST_CASE("terminal: the demo's diagram fits 80 columns of a pseudo-terminal", "[cli][terminal]") {
  const std::vector<std::string> args{"run", kDemo, "--config", "5-stage", "--diagram"};
  const RunResult tty = on_terminal(80, {}, args);
  if (tty.exit_code == 77 || tty.failure.size() > 0) {
    WARN("no pseudo-terminal (or python3) here: skipped; " << tty.describe() << tty.err);
    return;
  }
  REQUIRE(tty.exit_code == 90);                       // the demo exits with 90
  CHECK(tty.out.find("\x1b[") != std::string::npos);  // in colour on a terminal
  const std::string plain = strip_ansi(tty.out);
  for (const std::string& line : split_lines(plain)) {
    INFO(line);
    CHECK(columns(line) <= 80);
  }

  // Piped, the same run is in today's blocks of 20 cycles, without colour: the reference.
  const RunResult piped = run_pipesim(args);
  REQUIRE(piped.exit_code == 90);
  CHECK(piped.out.find('\x1b') == std::string::npos);
  const DiagramCells reference = read_diagram(diagram_part(piped.out));
  const DiagramCells fitted = read_diagram(diagram_part(plain));
  REQUIRE(reference.header_cycles.size() == 97);  // the demo runs 97 cycles
  // Every cycle 1..97 has its column, every cell is in the same row and cycle, so every
  // instruction (each label, as often as it appears) is there.
  CHECK(fitted.header_cycles == reference.header_cycles);
  CHECK(*fitted.header_cycles.begin() == 1);
  CHECK(*fitted.header_cycles.rbegin() == 97);
  CHECK(fitted.cells == reference.cells);
  CHECK(fitted.blocks > reference.blocks);  // narrower than 20 cycles of 4 columns

  // NO_COLOR (any non-empty value) turns colour off; the layout is that of --width 80.
  const RunResult no_colour = on_terminal(80, {"NO_COLOR=1"}, args);
  REQUIRE(no_colour.exit_code == 90);
  CHECK(no_colour.out.find('\x1b') == std::string::npos);
  CHECK(no_colour.out == plain);
  std::vector<std::string> width_args = args;
  width_args.insert(width_args.end(), {"--width", "80"});
  CHECK(run_pipesim(width_args).out == plain);
  // An empty NO_COLOR does not count (no-color.org); --color=never does.
  CHECK(on_terminal(80, {"NO_COLOR="}, args).out == tty.out);
  std::vector<std::string> never = args;
  never.push_back("--color=never");
  CHECK(on_terminal(80, {}, never).out == plain);
  // $COLUMNS, when set, is the width.
  const std::string at_60 = on_terminal(80, {"COLUMNS=60"}, never).out;
  for (const std::string& line : split_lines(diagram_part(at_60))) CHECK(columns(line) <= 60);
  CHECK(read_diagram(diagram_part(at_60)).cells == reference.cells);
}

TEST_CASE("terminal: colour when asked, piped or not", "[cli][terminal]") {
  const std::vector<std::string> args{"run",     kDemo,       "--config",
                                      "5-stage", "--diagram", "--color=always"};
  const RunResult piped = run_pipesim(args);
  REQUIRE(piped.exit_code == 90);
  CHECK(piped.out.find("\x1b[") != std::string::npos);
  // Piped, colour or not, the layout is today's: the same text once the escapes are removed.
  std::vector<std::string> plain_args = args;
  plain_args.back() = "--color=auto";
  CHECK(strip_ansi(piped.out) == run_pipesim(plain_args).out);
}

TEST_CASE("terminal: check --key fits the width only when asked or on a terminal",
          "[cli][terminal]") {
  const std::vector<std::string> args{"check", kDemo, "--config", "5-stage", "--key"};
  const RunResult piped = run_pipesim(args);
  REQUIRE(piped.exit_code == 0);
  const DiagramCells key = read_diagram(piped.out);
  CHECK(key.blocks == 1);  // an answer key file stays one table
  std::vector<std::string> fitted_args = args;
  fitted_args.insert(fitted_args.end(), {"--width", "80"});
  const RunResult fitted = run_pipesim(fitted_args);
  for (const std::string& line : split_lines(fitted.out)) CHECK(columns(line) <= 80);
  const DiagramCells blocks = read_diagram(fitted.out);
  CHECK(blocks.blocks > 1);
  CHECK(blocks.cells == key.cells);
}

TEST_CASE("terminal: --from-cycle after --to-cycle is an error on every path", "[cli][terminal]") {
  for (const std::vector<std::string>& extra :
       std::vector<std::vector<std::string>>{{"--diagram"}, {"--occupancy"}, {}}) {
    std::vector<std::string> args{"run",          kDemo, "--config",   "5-stage",
                                  "--from-cycle", "10",  "--to-cycle", "5"};
    args.insert(args.end(), extra.begin(), extra.end());
    const RunResult r = run_pipesim(args);
    CHECK(r.exit_code == 2);
    CHECK(first_line(r.err) == "error: --from-cycle 10 is after --to-cycle 5: the window is empty");
  }
  // Without a machine too, before the program is read.
  const RunResult functional =
      run_pipesim({"run", "no-such-file.s", "--from-cycle", "3", "--to-cycle", "2"});
  CHECK(functional.exit_code == 2);
  CHECK_THAT(functional.err, Catch::Contains("--from-cycle 3 is after --to-cycle 2"));
  // --to-cycle 0 is "not given": the default window from --from-cycle.
  const RunResult unset = run_pipesim({"run", kDemo, "--config", "5-stage", "--occupancy",
                                       "--from-cycle", "90", "--to-cycle", "0"});
  CHECK(unset.exit_code == 90);
  CHECK_THAT(unset.out, Catch::Contains("\n   97  "));
}
