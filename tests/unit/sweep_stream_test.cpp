// Sweeps that scale: the table written row by row (TableWriter) is the document the whole-table
// writer would give, rows come out in job order however the threads finish, a bounded number of
// rows wait in memory, merge refuses rows computed from different inputs, and SHA-256 is right
// (FIPS 180-4's examples).
#include <catch2/catch.hpp>

#include <atomic>
#include <filesystem>
#include <stdexcept>

#include "isa/error.hpp"
#include "sim/json/json_text.hpp"
#include "sim/load/sha256.hpp"
#include "sim/sweep/plan.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/table.hpp"
#include "tests/support/files.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pipesim::sweep;
using pipesim::test::TempDir;
using pipesim::test::write_file;

namespace {
Row row(const std::string& program, uint64_t cycles) {
  Row r;
  r["program"] = program;
  r["pipesim"] = "0.1.0";
  r["program_sha256"] = "aa";
  r["config"] = "5-stage";
  r["config_sha256"] = nullptr;
  r["stats"] = {{"cycles", cycles}, {"stalls", {{"raw", 1}, {"load_use", 2}}}};
  r["set"] = Row::object();
  return r;
}
}  // namespace

TEST_CASE("sha256: FIPS 180-4 examples and block boundaries", "[sweep]") {
  using pipesim::sha256_hex;
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the length no longer fits in the first padding block.
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(sha256_hex(std::string(1'000'000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("sweep: a table written row by row is the whole document, byte for byte", "[sweep]") {
  // The reference is nlohmann's own layout of the whole document (what pipesim.sweep/2 and
  // earlier wrote at once), built here independently of TableWriter.
  for (std::size_t n : {0, 1, 3}) {
    for (bool with_job : {false, true}) {
      INFO(n << " rows, job " << with_job);
      std::vector<Row> rows;
      for (std::size_t k = 0; k < n; ++k) rows.push_back(row("p" + std::to_string(k), 10 + k));
      std::optional<JobId> job;
      if (with_job) job = JobId{"abc", 2, 5};
      nlohmann::ordered_json doc;
      doc["schema"] = "pipesim.sweep/3";
      if (job) doc["job"] = {{"sweep", "abc"}, {"number", 2}, {"count", 5}};
      doc["rows"] = rows;
      CHECK(to_json_document(rows, job) == pipesim::json_text(doc, 2) + "\n");
    }
  }
}

TEST_CASE("sweep: a CSV row with a cell outside the header is a bug, not a lost value", "[sweep]") {
  pipesim::report::StringSink sink;
  TableWriter writer(sink, "csv", {"program", "stats.cycles"});
  CHECK(sink.text == "program,stats.cycles\n");
  Row ok;
  ok["program"] = "p";
  ok["stats"] = {{"cycles", 4}};
  writer.row(ok);
  CHECK(sink.text == "program,stats.cycles\np,4\n");
  CHECK_THROWS_AS(writer.row(row("q", 2)), std::logic_error);
}

TEST_CASE("sweep: rows come out in job order, and the header is known before the runs", "[sweep]") {
  // More jobs than the window of rows that may wait, on several threads: every row once, in
  // order; the columns computed before the runs are exactly those of the rows.
  const std::string dir = std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/";
  const std::vector<std::string> programs = {dir + "hello.s", dir + "fibonacci.s"};
  std::vector<SetDimension> dims = {{"branches.policy", {"not-taken", "2-bit"}}};
  // 2 programs x 2 configs x 2 policies x 40 values of a harmless set: 320 jobs (> kRowWindow).
  SetDimension period{"name", {}};
  for (int k = 0; k < 40; ++k) period.values.push_back("m" + std::to_string(k));
  dims.push_back(period);
  const LoadedSweep sweep =
      load_sweep(plan(programs, {"5-stage", "2-wide"}, dims), 1'000'000, false);
  REQUIRE(sweep.jobs.size() > kRowWindow);
  std::vector<Row> rows;
  std::vector<std::size_t> order;
  run_all(sweep, 3, [&](std::size_t i, Row&& r) {
    order.push_back(i);
    rows.push_back(std::move(r));
  });
  REQUIRE(rows.size() == sweep.jobs.size());
  for (std::size_t i = 0; i < order.size(); ++i) REQUIRE(order[i] == i);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    REQUIRE(rows[i]["program"] == sweep.jobs[i].program);
    REQUIRE(rows[i]["sets"] == sweep.jobs[i].sets[0] + " " + sweep.jobs[i].sets[1]);
  }
  CHECK(sweep_columns(sweep) == csv_columns(rows));
  // 2-wide rows have more stats (issue_reasons) than 5-stage ones: the header has both.
  const auto columns = sweep_columns(sweep);
  CHECK(std::count(columns.begin(), columns.end(), "stats.issue_width") == 1);

  // A writer that fails (a full disk) stops the sweep: its exception comes out, no later row.
  std::size_t written = 0;
  CHECK_THROWS_WITH(run_all(sweep, 2,
                            [&](std::size_t i, Row&&) {
                              if (i == 5) throw pipesim::Error("disk full");
                              ++written;
                            }),
                    "disk full");
  CHECK(written == 5);
}

TEST_CASE("sweep: merge refuses rows of other inputs and lists every missing job", "[sweep]") {
  TempDir dir("pipesim-merge-inputs");
  const std::string res = dir / "res";
  std::filesystem::create_directory(res);
  auto job_file = [&](std::size_t k, const Row& r) {
    write_file(res + "/run-" + std::to_string(k) + ".json",
               to_json_document({r}, JobId{"s", k, 40}));
  };
  for (std::size_t k = 1; k <= 40; ++k) job_file(k, row("p" + std::to_string(k % 2), k));
  CHECK(merge_results({res}).size() == 40);

  Row edited = row("p1", 7);  // p1's file changed before job 7 ran
  edited["program_sha256"] = "bb";
  job_file(7, edited);
  CHECK_THROWS_WITH(merge_results({res}),
                    Catch::Contains("program 'p1' was not the same file in every run") &&
                        Catch::Contains("run-1.json ran one with SHA-256 aa") &&
                        Catch::Contains("run-7.json one with bb"));
  Row config = row("p1", 7);
  config["config_sha256"] = "cc";  // a config file where the others ran the preset
  job_file(7, config);
  CHECK_THROWS_WITH(merge_results({res}), Catch::Contains("config '5-stage' was not the same"));
  Row version = row("p1", 7);
  version["pipesim"] = "0.2.0";
  job_file(7, version);
  CHECK_THROWS_WITH(merge_results({res}), Catch::Contains("written by pipesim 0.1.0 and") &&
                                              Catch::Contains("run-7.json by pipesim 0.2.0"));
  job_file(7, row("p1", 7));
  CHECK(merge_results({res}).size() == 40);

  // Every missing job, consecutive ones as ranges.
  for (std::size_t k : {3, 4, 5, 9, 20, 21, 40})
    std::filesystem::remove(res + "/run-" + std::to_string(k) + ".json");
  CHECK_THROWS_WITH(merge_results({res}),
                    Catch::Contains("the results of 7 of the 40 jobs are missing: job 3-5, 9, "
                                    "20-21, 40 (job K"));
}

TEST_CASE("sweep: --run-timeout ends a long run as a timeout row, others run to the end",
          "[sweep]") {
  // alu_loop.s runs 70 million cycles: about a second even at 100 million cycles per second,
  // far longer under the sanitizers; fibonacci.s a few hundred. With 0.2 s a run, the first is
  // stopped and says so, the second exits. --max-cycles on its own says "max-cycles".
  const std::string root = std::string(PIPESIM_SOURCE_DIR) + "/programs/";
  LoadedSweep sweep =
      load_sweep(plan({root + "bench/alu_loop.s", root + "examples/fibonacci.s"}, {"5-stage"}, {}),
                 1'000'000'000, false);
  sweep.run_timeout = 0.2;
  std::vector<Row> rows;
  run_all(sweep, 2, [&](std::size_t, Row&& r) { rows.push_back(std::move(r)); });
  REQUIRE(rows.size() == 2);
  CHECK(rows[0]["halt"] == "limit");
  CHECK(rows[0]["limit"] == "timeout");
  CHECK(rows[0]["stats"]["cycles"].get<uint64_t>() < 70'000'000);
  CHECK(rows[1]["halt"] == "exit");
  CHECK(rows[1]["limit"].is_null());

  sweep.run_timeout = 0;
  sweep.max_cycles = 1000;
  rows.clear();
  run_all(sweep, 1, [&](std::size_t, Row&& r) { rows.push_back(std::move(r)); });
  CHECK(rows[0]["limit"] == "max-cycles");
  CHECK(rows[0]["stats"]["cycles"] == 1000);
}
