// The HTML view's data (sim/report/html_view.*): the page's JSON for a hand-worked run, and the
// page around it. The page's drawing is tested in a real browser (tests/browser/).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/html_view.hpp"
#include "tests/support/files.hpp"
#include "tests/support/load_use.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pipesim;
using nlohmann::json;
using pipesim::test::read_file;

namespace {

// The load-use case of tests/golden/textbook_test.cpp ("load-use costs one stall with forwarding"):
//                          1   2   3   4   5   6   7   8   9   10
// 00010000  li a0, 7       IF  ID  EX  MEM WB
// 00010004  sw a0, -4(sp)      IF  ID  EX  MEM WB
// 00010008  lw a1, -4(sp)          IF  ID  EX  MEM WB
// 0001000c  add a2, a1, a1             IF  ID  S   EX  MEM WB
// 00010010  ebreak                         IF  S   ID  EX  MEM WB
json load_use_run() {
  const PipelineConfig config = load_config("5-stage", {});
  const Program program = assemble(test::kLoadUse, "load_use.s").program;
  CapturedIo io;
  report::HtmlView view;
  TraceSink* sinks[] = {&view};
  const MachineResult r = run_machine(config, program, io, sinks, RunLimits{1000}, true);
  return view.run_json(config, program, r, "summary", "");
}

// The labels of a row's cells, from its first cycle.
std::vector<std::string> cells(const json& run, std::size_t row) {
  std::vector<std::string> out;
  for (const json& code : run["rows"][row][3])
    out.push_back(run["labels"][code.get<std::size_t>()].get<std::string>());
  return out;
}

}  // namespace

TEST_CASE("html view: the data of a hand-worked load-use run", "[html]") {
  const json run = load_use_run();
  CHECK(run["lastCycle"] == 10);
  // Shown: the 5 committed instructions; hidden: the 4 fetched behind ebreak (in IF, ID, EX and
  // MEM when it reaches WB in cycle 10).
  REQUIRE(run["rows"].size() == 5);
  CHECK(run["hidden"] == 4);
  const std::vector<std::string> five = {"IF", "ID", "EX", "MEM", "WB"};
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(cells(run, i) == five);
    CHECK(run["rows"][i][2] == i + 1);  // first cycle: one fetch per cycle
  }
  CHECK(cells(run, 3) == std::vector<std::string>{"IF", "ID", "S", "EX", "MEM", "WB"});
  CHECK(cells(run, 4) == std::vector<std::string>{"IF", "S", "ID", "EX", "MEM", "WB"});
  CHECK(run["texts"][run["rows"][3][1].get<std::size_t>()] == "add a2, a1, a1");
  CHECK(run["rows"][3][0] == 0x1000c);

  // add's S (cycle 6 = first cycle 4 + 2) is explained with the classroom's wording.
  REQUIRE(run["rows"][3][5].size() == 1);
  CHECK(run["rows"][3][5][0][0] == 2);
  CHECK(run["notes"][run["rows"][3][5][0][1].get<std::size_t>()] ==
        "stalled in ID: load-use on a1 from `lw a1, -4(sp)` at 0x10008, available after MEM");

  // Forwarding: li → sw (a0 over EX/MEM in cycle 4) and lw → add (a1 over MEM/WB in cycle 7,
  // once per operand: add reads a1 twice): [cycle, producer row, receiver row, reg, latch, stage].
  CHECK(run["forwards"] == json::parse("[[4,0,1,10,2,2],[7,2,3,11,3,2],[7,2,3,11,3,2]]"));

  // Register writes at each writer's WB cycle: li a0 = 7 (5), lw a1 = 7 (7), add a2 = 14 (9).
  CHECK(run["regs"]["writes"] == json::parse("[[5,10,7],[7,11,7],[9,12,14]]"));
  CHECK(run["regs"]["initial"][2] == 0x80000000u);  // sp: the stack top (docs/memory-map.md)
}

TEST_CASE("html view: the page is self-contained and its data cannot end the script", "[html]") {
  const std::string page =
      report::render_html_page("a</script><b>&", json::array({load_use_run()}), "");
  CHECK(page.rfind("<!DOCTYPE html>", 0) == 0);
  CHECK(page.find("a&lt;/script&gt;&lt;b&gt;&amp;") != std::string::npos);
  CHECK(page.find("</script><b>") == std::string::npos);
  CHECK(page.find("a\\u003c/script>\\u003cb>&") != std::string::npos);  // the title in the data
  // No marker left unfilled, and nothing fetched from the network.
  for (const char* marker : {"@TITLE@", "@CSS@", "@JS@", "@DATA@"})
    CHECK(page.find(marker) == std::string::npos);
  CHECK(page.find("src=") == std::string::npos);
  CHECK(page.find("href=\"http") == std::string::npos);
}

namespace {

std::string temp_path(const std::string& name) {
  static const test::TempDir dir("pipesim-html-test");  // this process's own, removed at exit
  return (dir.path / name).string();
}

}  // namespace

TEST_CASE("html view: --html lowers the default cycle limit and says so", "[html][cli]") {
  const std::string prog = temp_path("forever.s"), page = temp_path("forever.html");
  std::ofstream(prog) << "loop: j loop\n";
  std::filesystem::remove(page);
  const auto r =
      test::run_process({PIPESIM_BINARY, "run", prog, "--config", "5-stage", "--html", page, "-q"});
  CHECK(r.exit_code == 4);  // kExitLimit
  CHECK(r.err.find("cycle limit reached (--max-cycles 200000)") != std::string::npos);
  CHECK(r.err.find("note: --html runs stop after 200000 cycles unless --max-cycles is given") !=
        std::string::npos);
  // The page is written, with the limit message as a banner.
  const std::string html = read_file(page);
  CHECK(html.find("\"lastCycle\":200000") != std::string::npos);
  CHECK(html.find("cycle limit reached (--max-cycles 200000)") != std::string::npos);

  // An explicit --max-cycles wins, and brings no note.
  const auto r2 = test::run_process({PIPESIM_BINARY, "run", prog, "--config", "5-stage", "--html",
                                     page, "--max-cycles", "50", "-q"});
  CHECK(r2.exit_code == 4);
  CHECK(r2.err.find("--max-cycles 50") != std::string::npos);
  CHECK(r2.err.find("note:") == std::string::npos);
  CHECK(read_file(page).find("\"lastCycle\":50") != std::string::npos);
}

TEST_CASE("html view: --html needs a machine and a writable place", "[html][cli]") {
  const std::string prog = temp_path("ok.s");
  std::ofstream(prog) << "ebreak\n";
  const auto r = test::run_process({PIPESIM_BINARY, "run", prog, "--html", temp_path("x.html")});
  CHECK(r.exit_code == 2);
  CHECK(r.err.find("--html needs a machine") != std::string::npos);
  const auto r2 = test::run_process(
      {PIPESIM_BINARY, "run", prog, "--config", "5-stage", "--html", "/nonexistent/dir/x.html"});
  CHECK(r2.exit_code == 2);
  // Never written over an input.
  const auto r3 =
      test::run_process({PIPESIM_BINARY, "compare", prog, "--configs", "5-stage", "--html", prog});
  CHECK(r3.exit_code == 2);
  CHECK(read_file(prog) == "ebreak\n");
}
