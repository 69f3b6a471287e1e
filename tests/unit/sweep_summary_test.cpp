// The sweep summary (sim/sweep/summary.*): geometric means and speedups worked out by hand for a
// small table, the rows it leaves out, its errors, the same summary from the CSV and the JSON
// form of a table, and the chart's bars.
#include <catch2/catch.hpp>

#include "isa/error.hpp"
#include "sim/sweep/summary.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pipesim::sweep;
using pipesim::report::TableFormat;

namespace {
Row run(const std::string& config, const std::string& program, const std::string& halt,
        uint64_t cycles, uint64_t instructions, double time_ns) {
  Row r;
  r["program"] = program;
  r["config"] = config;
  r["sets"] = config == "5-stage" ? "" : "branches.policy=2-bit";
  r["halt"] = halt;
  r["stats"] = {{"cycles", cycles}, {"instructions", instructions}, {"time_ns", time_ns}};
  return r;
}

// By hand: A = 5-stage runs p1 in 10 cycles / 5 instructions (CPI 2, 1000 ns) and p2 in 30 / 10
// (CPI 3, 3000 ns); B = 7-stage with 2-bit runs p1 in 8 / 5 (CPI 1.6, 500 ns), p2 in 24 / 10
// (CPI 2.4, 1500 ns), and p3 faults. Geomean CPI: A sqrt(2 x 3) = 2.449, B sqrt(1.6 x 2.4) =
// sqrt(3.84) = 1.960. Speedup of B over A: 1000/500 = 2 and 3000/1500 = 2, geomean 2.000.
std::vector<Row> table() {
  return {run("5-stage", "p1", "exit", 10, 5, 1000), run("5-stage", "p2", "exit", 30, 10, 3000),
          run("7-stage", "p1", "exit", 8, 5, 500), run("7-stage", "p2", "ebreak", 24, 10, 1500),
          run("7-stage", "p3", "fault", 3, 1, 30)};
}
}  // namespace

TEST_CASE("sweep summary: geomean CPI and speedup, worked out by hand", "[sweep]") {
  SummaryBuilder b;
  for (const Row& r : table()) b.add(r);
  const SweepSummary s = b.finish("");
  CHECK(s.baseline == "5-stage");
  CHECK(summary_text(s, TableFormat::Text) ==
        "baseline: 5-stage\n"
        "speedup: the baseline's time over the machine's, geometric mean over the programs both "
        "ran to the end; CPI: geometric mean over the machine's runs that ended by exit or ebreak "
        "(counted)\n\n"
        "machine                        runs  counted  geomean CPI  speedup\n"
        "5-stage                           2        2        2.449    1.000\n"
        "7-stage branches.policy=2-bit     3        2        1.960    2.000\n");
  // Against the other machine: A is half as fast.
  const SweepSummary t = b.finish("7-stage branches.policy=2-bit");
  CHECK(*t.machines[0].speedup == Approx(0.5));
  CHECK(t.machines[1].compared == 2);
  CHECK_THROWS_WITH(b.finish("9-stage"),
                    "--baseline '9-stage' is none of the table's machines: '5-stage', '7-stage "
                    "branches.policy=2-bit'");
  // Three programs, p3 without a bar (it faulted); B's p1 bar says its CPI.
  CHECK(s.programs == std::vector<std::string>{"p1", "p2", "p3"});
  CHECK_FALSE(s.cpi[1][2].has_value());
  const std::string svg = summary_svg(s);
  CHECK(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
  CHECK_THAT(svg, Catch::Contains("<title>p1 on 7-stage branches.policy=2-bit: CPI 1.600</title>"));
  std::size_t bars = 0;
  for (std::size_t at = 0; (at = svg.find("</title></rect>", at)) != std::string::npos; ++at)
    ++bars;
  CHECK(bars == 4);
  CHECK_THAT(svg, Catch::Contains(">5-stage (baseline)</text>"));
}

TEST_CASE("sweep summary: bad tables are errors, not wrong numbers", "[sweep]") {
  SummaryBuilder b;
  b.add(run("5-stage", "p1", "exit", 10, 5, 1000));
  CHECK_THROWS_WITH(b.add(run("5-stage", "p1", "exit", 10, 5, 1000)),
                    "row 2: a second run of p1 on 5-stage: a summary compares one run of each "
                    "program on each machine");
  Row no_stats = run("5-stage", "p2", "exit", 1, 1, 1);
  no_stats.erase("stats");
  CHECK_THROWS_WITH(b.add(no_stats),
                    "row 3: no number in stats.instructions (is this a pipesim sweep table?)");
  CHECK_THROWS_WITH(SummaryBuilder().finish(""), "the table has no rows to summarize");
}

TEST_CASE("sweep summary: a CSV table and its JSON form give the same summary", "[sweep]") {
  pipesim::test::TempDir dir("pipesim-summary");
  pipesim::test::write_file(dir / "t.json", to_json_document(table()));
  pipesim::test::write_file(dir / "t.csv", to_csv(table()));
  for (const char* file : {"t.json", "t.csv"}) {
    INFO(file);
    SummaryBuilder b;
    for (const Row& r : read_table_rows(dir / file)) b.add(r);
    CHECK(summary_text(b.finish(""), TableFormat::Csv) ==
          "machine,runs,counted,geomean CPI,speedup\r\n"
          "5-stage,2,2,2.449,1.000\r\n"
          "7-stage branches.policy=2-bit,3,2,1.960,2.000\r\n");
  }
}
