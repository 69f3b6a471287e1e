// The sweep library (sim/sweep): --set parsing, the cross product and its order, program globs,
// the job commands --emit-jobs writes, the CSV table and merging job results. Expected values
// are written out by hand from the rules in docs/sweeps.md; the end-to-end checks against
// `pipesim run` and GNU parallel are in tests/cli/sweep_cli_test.cpp.
#include <catch2/catch.hpp>
#include <fstream>

#include "isa/error.hpp"
#include "sim/sweep/jobs.hpp"
#include "sim/sweep/plan.hpp"
#include "sim/sweep/runner.hpp"
#include "sim/sweep/table.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using namespace pipesim::sweep;
using pipesim::test::TempDir;
using pipesim::test::write_file;
using Strings = std::vector<std::string>;

namespace {
Row row(const std::string& program, uint64_t cycles) {
  Row r;
  r["program"] = program;
  r["stats"] = {{"cycles", cycles}};
  return r;
}
}  // namespace

TEST_CASE("sweep: --set PATH=V1,V2 splits values at top-level commas only", "[sweep]") {
  SetDimension d = parse_set_dimension("branches.policy=not-taken,2-bit");
  CHECK(d.path == "branches.policy");
  CHECK(d.values == Strings{"not-taken", "2-bit"});

  d = parse_set_dimension("stages[2].latency_ps=300");
  CHECK(d.path == "stages[2].latency_ps");
  CHECK(d.values == Strings{"300"});

  // A JSON list with commas inside is one value; so is a quoted string with a comma.
  d = parse_set_dimension(R"(forwarding=[{"from":"MEM","to":"EX"},{"from":"EX","to":"EX"}],none)");
  CHECK(d.path == "forwarding");
  CHECK(d.values == Strings{R"([{"from":"MEM","to":"EX"},{"from":"EX","to":"EX"}])", "none"});
  d = parse_set_dimension(R"(description="a, b",c)");
  CHECK(d.values == Strings{R"("a, b")", "c"});
  d = parse_set_dimension(R"(description="say \"x,y\"",z)");
  CHECK(d.values == Strings{R"("say \"x,y\"")", "z"});

  for (const char* bad : {"=1", "policy", "a=", "a=1,", "a=,1", "a=1,,2", "a=[1,2", "a=\"x,y"}) {
    INFO(bad);
    CHECK_THROWS_AS(parse_set_dimension(bad), pipesim::Error);
  }
}

TEST_CASE("sweep: plan is the cross product, configs slowest, programs fastest", "[sweep]") {
  const Strings programs = {"p1.s", "p2.s"};
  const Strings configs = {"5-stage", "7-stage"};
  const std::vector<SetDimension> dims = {{"a", {"1", "2", "3"}}, {"b", {"x", "y"}}};
  const std::vector<Job> jobs = plan(programs, configs, dims);
  REQUIRE(jobs.size() == 2 * 3 * 2 * 2);
  // The documented order, written as nested loops: config, then a, then b, then program.
  std::size_t i = 0;
  for (const std::string& c : configs)
    for (const std::string& a : dims[0].values)
      for (const std::string& b : dims[1].values)
        for (const std::string& p : programs) {
          INFO("job " << i);
          CHECK(jobs[i].index == i);
          CHECK(jobs[i].config == c);
          CHECK(jobs[i].sets == Strings{"a=" + a, "b=" + b});
          CHECK(jobs[i].program == p);
          ++i;
        }
  // Spot checks by hand: job 0 and 1 differ only in the program, job 2 moves b on, job 12 is the
  // second config's first.
  CHECK(jobs[1].program == "p2.s");
  CHECK(jobs[2].sets == Strings{"a=1", "b=y"});
  CHECK(jobs[12].config == "7-stage");
  CHECK(jobs[12].sets == Strings{"a=1", "b=x"});

  // Without --set: one job per (config, program).
  const std::vector<Job> plain = plan(programs, configs, {});
  REQUIRE(plain.size() == 4);
  CHECK(plain[3].config == "7-stage");
  CHECK(plain[3].program == "p2.s");
  CHECK(plain[3].sets.empty());
}

TEST_CASE("sweep: plan rejects an empty list and a path set twice", "[sweep]") {
  CHECK_THROWS_AS(plan({}, {"5-stage"}, {}), pipesim::Error);
  CHECK_THROWS_AS(plan({"p.s"}, {}, {}), pipesim::Error);
  CHECK_THROWS_WITH(plan({"p.s"}, {"5-stage"}, {{"a", {"1"}}, {"a", {"2"}}}),
                    Catch::Contains("--set a is given twice"));
}

TEST_CASE("sweep: program globs expand sorted, braces work, no match is an error", "[sweep]") {
  TempDir dir("pipesim-sweep");
  for (const char* name : {"b.s", "a.s", "c.S", "we[ir]d*.s"}) write_file(dir / name, "");
  const std::string d = dir.path.string() + "/";
  CHECK(expand_programs({d + "*.s"}) == Strings{d + "a.s", d + "b.s", d + "we[ir]d*.s"});
  CHECK(expand_programs({d + "{b,c}.?"}) == Strings{d + "b.s", d + "c.S"});
  // Each pattern's matches in order; a file matched twice is kept once.
  CHECK(expand_programs({d + "b.s", d + "[ab].s"}) == Strings{d + "b.s", d + "a.s"});
  // glob_escape makes a name with glob characters match only itself.
  CHECK(expand_programs({glob_escape(d + "we[ir]d*.s")}) == Strings{d + "we[ir]d*.s"});
  CHECK_THROWS_WITH(expand_programs({d + "*.c"}), Catch::Contains("no file matches"));
}

TEST_CASE("sweep: shell_quote gives the word back through a real shell", "[sweep]") {
  CHECK(shell_quote("programs/a-b_c.s") == "programs/a-b_c.s");
  CHECK(shell_quote("a b") == "'a b'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  CHECK(shell_quote("") == "''");
  for (const std::string word :
       {"plain", "two words", "it's", "$HOME", "`id`", "a\"b", "semi;colon", "[x]*", "back\\slash",
        "new\nline", R"(forwarding=[{"from":"MEM","to":"EX"}])"}) {
    INFO(word);
    const auto r = pipesim::test::run_process({"sh", "-c", "printf '%s' " + shell_quote(word)});
    CHECK(r.exit_code == 0);
    CHECK(r.out == word);
  }
}

TEST_CASE("sweep: job commands and sweep ids", "[sweep]") {
  const Job job{4, "my prog.s", "5-stage", {"branches.policy=2-bit", "forwarding=none"}};
  JobCommandOptions o;
  o.pipesim = "/opt/pipesim";
  o.directory = "/home/me/work";
  o.results_dir = "res";
  o.job_count = 12;
  o.sweep_id = "0123456789abcdef";
  o.max_cycles = 5000;
  // Job index 4 is job number 5: line 5 of the jobs file, result res/run-5.json.
  CHECK(result_file("res", 5) == "res/run-5.json");
  CHECK(job_command(job, o) ==
        "cd /home/me/work && /opt/pipesim sweep --programs 'my prog.s' --configs 5-stage "
        "--set branches.policy=2-bit --set forwarding=none --max-cycles 5000 --job 5/12 "
        "--sweep-id 0123456789abcdef -o res/run-5.json");
  o.check = true;
  CHECK_THAT(job_command(job, o), Catch::Contains("--max-cycles 5000 --check --job 5/12"));
  // A program whose name starts with '-' must not read as an option.
  CHECK_THAT(job_command(Job{0, "-x.s", "5-stage", {}}, o), Catch::Contains("--programs ./-x.s "));

  // The id depends on everything a job runs, and on nothing else.
  const std::vector<Job> jobs = plan({"a.s", "b.s"}, {"5-stage"}, {{"forwarding", {"none"}}});
  const std::string id = sweep_id(jobs, 1000, false);
  CHECK(id.size() == 16);
  CHECK(id == sweep_id(jobs, 1000, false));
  CHECK(id != sweep_id(jobs, 1001, false));
  CHECK(id != sweep_id(jobs, 1000, true));
  CHECK(id != sweep_id(plan({"a.s", "b.s"}, {"5-stage"}, {{"forwarding", {"full"}}}), 1000, false));
  CHECK(id != sweep_id(plan({"b.s", "a.s"}, {"5-stage"}, {{"forwarding", {"none"}}}), 1000, false));
}

TEST_CASE("sweep: CSV table flattens objects, quotes cells, keeps arrays whole", "[sweep]") {
  Row a;
  a["program"] = "p,1.s";
  a["fault"] = nullptr;
  a["stats"] = {{"cycles", 7}, {"cpi", 2.5}};
  a["machine"] = {{"forwarding", {{{"from", "EX"}, {"to", "EX"}}}}, {"hazard_detection", true}};
  Row b;
  b["program"] = "say \"hi\".s";
  b["fault"] = "bad";
  b["stats"] = {{"cycles", 9}, {"cpi", 3}, {"icache", {{"hits", 1}}}};
  b["machine"] = {{"forwarding", "none"}, {"hazard_detection", false}};
  // Columns in order of first appearance (stats.icache.hits only in the second row, so last);
  // RFC 4180 quoting: cells with commas or quotes in double quotes, quotes doubled.
  CHECK(to_csv({a, b}) ==
        "program,fault,stats.cycles,stats.cpi,machine.forwarding,machine.hazard_detection,"
        "stats.icache.hits\n"
        "\"p,1.s\",,7,2.5,\"[{\"\"from\"\":\"\"EX\"\",\"\"to\"\":\"\"EX\"\"}]\",true,\n"
        "\"say \"\"hi\"\".s\",bad,9,3,none,false,1\n");
  CHECK(table_format("t.csv") == "csv");
  CHECK(table_format("-") == "csv");
  CHECK(table_format("dir/t.json") == "json");
  CHECK_THROWS_WITH(table_format("t.txt"), Catch::Contains("must end in .csv or .json"));
}

TEST_CASE("sweep: merge puts job results in job order and insists on a complete sweep", "[sweep]") {
  TempDir dir("pipesim-merge");
  const std::string res = dir / "res";
  std::filesystem::create_directory(res);
  auto job_file = [&](std::size_t k, std::size_t n, const std::string& id, uint64_t cycles) {
    write_file(res + "/run-" + std::to_string(k) + ".json",
               to_json_document({row("p" + std::to_string(k), cycles)}, JobId{id, k, n}));
  };
  // Written out of order; run-10 sorts before run-2 by name, but job order decides.
  for (std::size_t k : {3, 1, 10, 2, 4, 5, 6, 7, 8, 9}) job_file(k, 10, "s1", 100 + k);
  write_file(res + "/.run-11.json.tmp-abc123", "half");  // write_output's temporary: ignored
  std::vector<Row> rows = merge_results({res});
  REQUIRE(rows.size() == 10);
  for (std::size_t k = 1; k <= 10; ++k) {
    INFO(k);
    CHECK(rows[k - 1]["program"] == "p" + std::to_string(k));
    CHECK(rows[k - 1]["stats"]["cycles"] == 100 + k);
  }

  std::filesystem::remove(res + "/run-4.json");
  std::filesystem::remove(res + "/run-7.json");
  CHECK_THROWS_WITH(merge_results({res}),
                    Catch::Contains("the results of 2 of the 10 jobs are missing: job 4, 7"));
  job_file(4, 10, "s1", 104);
  job_file(7, 10, "s2", 107);  // a stale file from another sweep with the same job count
  CHECK_THROWS_WITH(merge_results({res}), Catch::Contains("come from different sweeps"));
  job_file(7, 10, "s1", 107);
  CHECK(merge_results({res}).size() == 10);
  // The same job twice (a copy under another name).
  std::filesystem::copy_file(res + "/run-7.json", res + "/copy.json");
  CHECK_THROWS_WITH(merge_results({res}), Catch::Contains("both hold job 7"));
  std::filesystem::remove(res + "/copy.json");

  // Broken files are named in the error.
  const std::string bad = dir / "bad.json";
  const std::vector<std::pair<std::string, std::string>> broken = {
      {"", "is empty"},
      {"{\"schema\": \"pipesim.sweep/3\", \"rows\": [",
       "not valid JSON (truncated or corrupt?): line 1, column 40: syntax error"},
      // Beyond a double's range: nlohmann's out_of_range.406, not a parse_error.
      {"{\"schema\": \"pipesim.sweep/3\", \"rows\": [{\"cycles\": 1e400}]}",
       "not valid JSON (truncated or corrupt?): line 1, column 51: number 1e400 is too large"},
      {"[]", "not a JSON object"},
      {"{\"schema\": \"pipesim.result/1\", \"rows\": []}", "\"schema\" is \"pipesim.result/1\""},
      {"{\"schema\": \"pipesim.sweep/3\"}", "no \"rows\" array"},
      // An older pipesim's rows have other columns (exit_code 0 on every row, no fault_pc).
      {"{\"schema\": \"pipesim.sweep/1\", \"rows\": []}",
       "a sweep result of schema pipesim.sweep/1, written by another pipesim version"},
      {"{\"schema\": \"pipesim.sweep/3\", \"rows\": [1]}", "a row is not an object"},
      {"{\"schema\": \"pipesim.sweep/3\", \"job\": {\"sweep\": \"s\", \"number\": 0, \"count\": "
       "1}, \"rows\": [{}]}",
       "1 <= K <= N"},
      {"{\"schema\": \"pipesim.sweep/3\", \"job\": {\"sweep\": \"s\", \"number\": 1, \"count\": "
       "1}, \"rows\": [{}, {}]}",
       "job 1 of 1 holds 2 rows, not 1"},
      // Packed: 5 runs in jobs of 2 are 3 jobs, the last of one run.
      {"{\"schema\": \"pipesim.sweep/3\", \"job\": {\"sweep\": \"s\", \"number\": 3, \"count\": "
       "3, \"per_job\": 2, \"runs\": 5}, \"rows\": [{}, {}]}",
       "job 3 of 3 holds 2 rows, not 1"},
      {"{\"schema\": \"pipesim.sweep/3\", \"job\": {\"sweep\": \"s\", \"number\": 1, \"count\": "
       "2, \"per_job\": 2, \"runs\": 5}, \"rows\": [{}, {}]}",
       "R runs in jobs of N make \"count\" jobs"}};
  for (const auto& [text, message] : broken) {
    INFO(text);
    write_file(bad, text);
    CHECK_THROWS_WITH(merge_results({bad}), Catch::Contains(bad) && Catch::Contains(message));
  }

  // Whole tables (no "job") are concatenated in the order given; mixing them with job results
  // is refused.
  write_file(dir / "t1.json", to_json_document({row("x", 1), row("y", 2)}));
  write_file(dir / "t2.json", to_json_document({row("z", 3)}));
  rows = merge_results({dir / "t2.json", dir / "t1.json"});
  REQUIRE(rows.size() == 3);
  CHECK(rows[0]["program"] == "z");
  CHECK(rows[2]["program"] == "y");
  CHECK_THROWS_WITH(merge_results({dir / "t1.json", res}),
                    Catch::Contains("merge them separately"));
  CHECK_THROWS_WITH(merge_results({dir / "none"}), Catch::Contains("no such file or directory"));
  std::filesystem::create_directory(dir / "empty");
  CHECK_THROWS_WITH(merge_results({dir / "empty"}), Catch::Contains("no .json result files"));
}

TEST_CASE("sweep: the progress callback always ends with every run done", "[sweep]") {
  // A bug seen in CI: when the runs were done before the calling thread first looked, it never
  // called on_progress, and a terminal showed no progress bar at all. Tiny one-run sweeps make
  // that race likely; each must still report its start (0 of 1, while the run may be going on)
  // and its end (1 of 1), in order and without repeats.
  const std::string program = std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/hello.s";
  const LoadedSweep sweep = load_sweep(plan({program}, {"5-stage"}, {}), 1'000'000, false);
  for (int attempt = 0; attempt < 1000; ++attempt) {
    std::vector<std::pair<std::size_t, std::size_t>> calls;
    std::vector<Row> rows;
    run_all(
        sweep, 2, [&](std::size_t, Row&& row) { rows.push_back(std::move(row)); },
        [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); });
    INFO("attempt " << attempt);
    REQUIRE(rows.size() == 1);
    REQUIRE(!calls.empty());
    CHECK(calls.back() == std::pair<std::size_t, std::size_t>{1, 1});
    CHECK(calls.front().first <= 1);
    for (std::size_t i = 1; i < calls.size(); ++i) CHECK(calls[i].first > calls[i - 1].first);
  }
}
