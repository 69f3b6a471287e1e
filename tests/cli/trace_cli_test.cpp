// The trace options and summary formats of the command line: every JSON trace the tests produce
// is validated against docs/trace.schema.json (scripts/validate_trace.py, python3-jsonschema),
// files are written atomically, and bad paths are user errors. Expected numbers come from the
// hand-worked diagrams of tests/golden/textbook_test.cpp (cited where used).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/files.hpp"
#include "tests/support/load_use.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using nlohmann::json;
using pipesim::test::kLoadUse;  // 10 cycles, 5 instructions, 1 load_use stall on 5-stage
using pipesim::test::read_file;
using pipesim::test::run_process;
using pipesim::test::RunResult;
using pipesim::test::write_file;
namespace fs = std::filesystem;

namespace {

RunResult pipesim_run(std::vector<std::string> args) {
  // Generous: the CI machine is shared and ctest runs tests in parallel.
  return pipesim::test::run_pipesim(std::move(args), std::chrono::seconds(120));
}

fs::path test_dir(const std::string& name) {
  // This process's own folder (removed at exit): two test runs at once must not share one.
  static const pipesim::test::TempDir root("pipesim-trace-cli");
  return root.fresh_folder(name);
}

// Files in `dir` whose names start with `.` (our temporary files are ".NAME.tmp-XXXXXX").
int hidden_files(const fs::path& dir) {
  int n = 0;
  for (const auto& e : fs::directory_iterator(dir)) n += e.path().filename().string()[0] == '.';
  return n;
}

// Runs scripts/validate_trace.py on the files; empty string when they are all valid.
std::string schema_problems(const std::vector<std::string>& files) {
  std::vector<std::string> argv = {"python3",
                                   std::string(PIPESIM_SOURCE_DIR) + "/scripts/validate_trace.py"};
  argv.insert(argv.end(), files.begin(), files.end());
  const RunResult r = run_process(argv, {}, std::chrono::seconds(600));
  if (r.exit_code == 0) return "";
  return r.describe() + "\n" + r.out + r.err;
}

}  // namespace

TEST_CASE("trace cli: every trace of several machines and programs is valid", "[trace][cli]") {
  const fs::path dir = test_dir("valid");
  const std::string src = std::string(PIPESIM_SOURCE_DIR) + "/programs/";
  const std::vector<std::pair<std::string, std::string>> runs = {
      // Small programs: python3-jsonschema takes seconds per 100 kB.
      {src + "examples/pipeline_demo.s", "5-stage"},
      {src + "exercises/multicycle_waw.s", "5-stage-parallel-fu"},
      {src + "exercises/morning_routine.s", "5-stage-parallel-fu"},
      {src + "examples/hello.s", "5-stage-cache"},
      {src + "exercises/branch_policies.s", "multi-cycle"},
      {src + "exercises/jumps.s", "single-cycle"},
      {src + "exercises/load_use.s", "5-stage-no-forwarding"},
      {src + "exercises/structural_memory_port.s", "5-stage-unified-memory"},
      {src + "exercises/deeper_pipeline.s", "7-stage"},
      {src + "exercises/branch_policies.s", "5-stage-2bit"},
  };
  std::vector<std::string> to_validate;
  int n = 0;
  for (const auto& [program, config] : runs) {
    INFO(program << " on " << config);
    const std::string base = (dir / ("run" + std::to_string(n++))).string();
    const RunResult r =
        pipesim_run({"run", program, "--config", config, "-q", "--trace-json", base + ".json",
                     "--trace-jsonl", base + ".jsonl", "--trace-konata", base + ".kanata",
                     "--trace-chrome", base + ".chrome.json"});
    REQUIRE(r.exited());
    CHECK(r.err == "");
    to_validate.push_back(base + ".json");
    to_validate.push_back(base + ".jsonl");
    CHECK(read_file(base + ".kanata").rfind("Kanata\t0004\n", 0) == 0);
    const json chrome = json::parse(read_file(base + ".chrome.json"));
    CHECK(chrome.is_array());
    CHECK(chrome.size() > 10);
  }
  // Also a run ended by the cycle limit (the summary says "limit").
  const std::string limited = (dir / "limited").string();
  const RunResult r =
      pipesim_run({"run", src + "examples/factorial.s", "--config", "5-stage", "--max-cycles", "50",
                   "--trace-json", limited + ".json", "--trace-jsonl", limited + ".jsonl"});
  CHECK(r.exit_code == 4);
  to_validate.push_back(limited + ".json");
  to_validate.push_back(limited + ".jsonl");
  CHECK(json::parse(read_file(limited + ".json"))["summary"]["halt"] == "limit");
  CHECK(schema_problems(to_validate) == "");
}

TEST_CASE("trace cli: the schema rejects a trace that breaks it", "[trace][cli]") {
  // The validator must be able to fail: a cycle numbered 0 and a string where a seq belongs.
  const fs::path dir = test_dir("invalid");
  const std::string prog = write_file(dir / "p.s", kLoadUse);
  const std::string good = (dir / "t.jsonl").string();
  REQUIRE(pipesim_run({"run", prog, "--config", "5-stage", "-q", "--trace-jsonl", good}).exited());
  std::string text = read_file(good);
  const std::string from = "{\"type\":\"cycle\",\"cycle\":1,";
  REQUIRE(text.find(from) != std::string::npos);
  text.replace(text.find(from), from.size(), "{\"type\":\"cycle\",\"cycle\":0,");
  const std::string bad = write_file(dir / "bad.jsonl", text);
  CHECK(schema_problems({bad}) != "");
}

TEST_CASE("trace cli: JSONL to stdout owns stdout", "[trace][cli]") {
  const fs::path dir = test_dir("stdout");
  const std::string prog = write_file(dir / "p.s", kLoadUse);
  const RunResult r = pipesim_run({"run", prog, "--config", "5-stage", "--trace-jsonl", "-"});
  REQUIRE(r.exit_code == 0);
  std::istringstream in(r.out);
  std::string line, last;
  int cycles = 0;
  while (std::getline(in, line)) {
    const json j = json::parse(line);  // nothing but JSON lines: no summary table
    cycles += j["type"] == "cycle";
    last = line;
  }
  CHECK(cycles == 10);
  CHECK(json::parse(last)["stats"]["stalls"]["load_use"] == 1);
}

TEST_CASE("trace cli: unwritable paths are user errors and leave no file", "[trace][cli]") {
  const fs::path dir = test_dir("errors");
  const std::string prog = write_file(dir / "p.s", kLoadUse);
  const std::string missing = (dir / "no-such-dir" / "t.jsonl").string();
  RunResult r = pipesim_run({"run", prog, "--config", "5-stage", "--trace-jsonl", missing});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot write '" + missing + "'"));
  CHECK(!fs::exists(missing));

  // One bad path among several: nothing is run, the other file's previous contents stay.
  const std::string keep = write_file(dir / "keep.kanata", "old contents\n");
  r = pipesim_run({"run", prog, "--config", "5-stage", "--trace-konata", keep, "--trace-chrome",
                   (dir / "no-such-dir" / "c.json").string()});
  CHECK(r.exit_code == 2);
  CHECK(read_file(keep) == "old contents\n");
  CHECK(hidden_files(dir) == 0);

  // A directory.
  r = pipesim_run({"run", prog, "--config", "5-stage", "--trace-json", dir.string()});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot write"));

  // A write that fails during the run (a full disk).
  if (fs::exists("/dev/full")) {
    r = pipesim_run({"run", prog, "--config", "5-stage", "--trace-jsonl", "/dev/full"});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("cannot write '/dev/full'"));
  }

  // Two outputs on stdout; a trace without a machine; a trace over the program itself.
  r = pipesim_run({"run", prog, "--config", "5-stage", "--trace-jsonl", "-", "--json", "-"});
  CHECK(r.exit_code == 2);
  r = pipesim_run({"run", prog, "--trace-json", (dir / "t.json").string()});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("need a machine"));
  CHECK(!fs::exists(dir / "t.json"));
  r = pipesim_run({"run", prog, "--config", "5-stage", "--trace-chrome", prog});
  CHECK(r.exit_code == 2);
  CHECK(read_file(prog) == kLoadUse);
  CHECK(hidden_files(dir) == 0);
}

TEST_CASE("trace cli: a successful run replaces an older trace file", "[trace][cli]") {
  const fs::path dir = test_dir("replace");
  const std::string prog = write_file(dir / "p.s", kLoadUse);
  const std::string out = write_file(dir / "t.json", "old");
  REQUIRE(pipesim_run({"run", prog, "--config", "5-stage", "-q", "--trace-json", out}).exit_code ==
          0);
  CHECK(json::parse(read_file(out))["summary"]["stats"]["cycles"] == 10);
  CHECK(hidden_files(dir) == 0);
}

TEST_CASE("trace cli: a binary trace converts to the files run writes", "[trace][cli]") {
  const fs::path dir = test_dir("binary");
  const std::string prog = write_file(dir / "p.s", kLoadUse);
  auto at = [&](const char* name) { return (dir / name).string(); };
  // The reference: the text traces `run` writes itself, in the same run as the binary one.
  REQUIRE(pipesim_run({"run", prog, "-c", "5-stage", "-q", "--trace-bin", at("t.bin"),
                       "--trace-jsonl", at("run.jsonl"), "--trace-konata", at("run.kanata"),
                       "--trace-chrome", at("run.chrome")})
              .exit_code == 0);
  RunResult r = pipesim_run({"convert", at("t.bin"), "--trace-jsonl", at("c.jsonl"),
                             "--trace-konata", at("c.kanata"), "--trace-chrome", at("c.chrome")});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  CHECK(read_file(at("c.jsonl")) == read_file(at("run.jsonl")));
  CHECK(read_file(at("c.kanata")) == read_file(at("run.kanata")));
  CHECK(read_file(at("c.chrome")) == read_file(at("run.chrome")));
  // The full JSONL records on request, from run and from convert alike, as --trace-json's.
  REQUIRE(pipesim_run({"run", prog, "-c", "5-stage", "-q", "--trace-jsonl", at("full.jsonl"),
                       "--trace-jsonl-schema", "full", "--trace-json", at("run.json")})
              .exit_code == 0);
  REQUIRE(pipesim_run({"convert", at("t.bin"), "--trace-jsonl", at("cfull.jsonl"),
                       "--trace-jsonl-schema", "full"})
              .exit_code == 0);
  CHECK(read_file(at("cfull.jsonl")) == read_file(at("full.jsonl")));
  {
    std::istringstream lean(read_file(at("run.jsonl"))), full(read_file(at("full.jsonl")));
    std::string lean_head, full_head, line;
    std::getline(lean, lean_head);
    std::getline(full, full_head);
    CHECK(json::parse(lean_head)["schema"] == "pipesim.trace/3");
    CHECK(json::parse(full_head)["schema"] == "pipesim.trace/1");
    // The full lines are the document's records, with a "type": its cycle 6 (trace-format.md).
    json cycle6;
    while (std::getline(full, line) && !cycle6.is_object()) {
      const json j = json::parse(line);
      if (j["type"] == "cycle" && j["cycle"] == 6) cycle6 = j;
    }
    REQUIRE(cycle6.is_object());
    const json doc = json::parse(read_file(at("run.json")));
    cycle6.erase("type");
    CHECK(cycle6 == doc["cycles"][5]);
  }
  r = pipesim_run({"run", prog, "-c", "5-stage", "--trace-jsonl", at("x.jsonl"),
                   "--trace-jsonl-schema", "short"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("--trace-jsonl-schema"));

  // Through a pipe: run's binary trace on stdout, convert's input from stdin.
  r = pipesim_run({"run", prog, "-c", "5-stage", "--trace-bin", "-"});
  REQUIRE(r.exit_code == 0);
  pipesim::test::ProcessOptions piping;
  piping.stdin_text = r.out;
  piping.time_limit = std::chrono::seconds(120);
  const RunResult piped =
      pipesim::test::run_pipesim({"convert", "-", "--trace-jsonl", "-"}, piping);
  CHECK(piped.exit_code == 0);
  CHECK(piped.out == read_file(at("run.jsonl")));

  // Errors: exit 2, a message, and no output file (not even a half-written one).
  r = pipesim_run({"convert", at("t.bin")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("nothing to write: add --trace-jsonl"));
  r = pipesim_run({"convert", prog, "--trace-jsonl", at("x.jsonl")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains(prog + ": not a pipesim binary trace"));
  const std::string bin = read_file(at("t.bin"));
  const std::string cut = write_file(dir / "cut.bin", bin.substr(0, bin.size() - 40));
  r = pipesim_run({"convert", cut, "--trace-jsonl", at("x.jsonl")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains(cut + ": damaged binary trace at byte"));
  r = pipesim_run({"convert", dir.string(), "--trace-jsonl", at("x.jsonl")});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot read"));
  if (fs::exists("/dev/zero")) {
    r = pipesim_run({"convert", "/dev/zero", "--trace-jsonl", at("x.jsonl")});
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::Contains("not a regular file (a character device)"));
  }
  r = pipesim_run({"convert", at("t.bin"), "--trace-jsonl", at("t.bin")});  // over its input
  CHECK(r.exit_code == 2);
  CHECK(read_file(at("t.bin")) == bin);
  CHECK(!fs::exists(at("x.jsonl")));
  CHECK(hidden_files(dir) == 0);
}

TEST_CASE("trace cli: --trace-json lowers the default cycle limit and says so", "[trace][cli]") {
  // The document holds every cycle in memory (hundreds of bytes each): a run that never ends
  // stops at 200000 cycles (docs/cli.md), a streaming trace does not.
  const fs::path dir = test_dir("json-limit");
  const std::string prog = write_file(dir / "forever.s", "loop: j loop\n");
  const std::string trace = (dir / "t.json").string();
  RunResult r = pipesim_run({"run", prog, "--config", "5-stage", "--trace-json", trace, "-q"});
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("cycle limit reached (--max-cycles 200000)") != std::string::npos);
  CHECK(r.err.find("note: --trace-json runs stop after 200000 cycles unless --max-cycles is "
                   "given") != std::string::npos);
  // The document is 88 MB: count its cycle records in the text rather than parse it (parsing
  // was most of this test's 12 s, 28 s under the sanitizers). The 30-cycle one is parsed whole.
  const std::string text = read_file(trace);
  size_t records = 0;
  for (size_t at = text.find("{\"cycle\":"); at != std::string::npos;
       at = text.find("{\"cycle\":", at + 1))
    ++records;
  CHECK(records == 200000);
  CHECK(text.find("{\"cycle\":200000,") != std::string::npos);
  CHECK(text.ends_with("]}\n"));

  r = pipesim_run(
      {"run", prog, "--config", "5-stage", "--trace-json", trace, "--max-cycles", "30", "-q"});
  CHECK(r.exit_code == 4);
  CHECK(r.err.find("note:") == std::string::npos);
  CHECK(json::parse(read_file(trace))["cycles"].size() == 30);

  r = pipesim_run({"run", prog, "--config", "5-stage", "--trace-jsonl", "/dev/null", "--max-cycles",
                   "300000", "-q"});
  CHECK(r.err.find("cycle limit reached (--max-cycles 300000)") != std::string::npos);
}

TEST_CASE("summary formats: run --format", "[cli][format]") {
  const fs::path dir = test_dir("format");
  const std::string prog = write_file(dir / "p.s", kLoadUse);
  RunResult r = pipesim_run({"run", prog, "--config", "5-stage", "--format", "json"});
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  CHECK(j["config"] == "5-stage");
  CHECK(j["halt"] == "ebreak");
  CHECK(j["stats"]["cycles"] == 10);
  CHECK(j["stats"]["instructions"] == 5);
  CHECK(j["stats"]["stalls"]["load_use"] == 1);

  r = pipesim_run({"run", prog, "--config", "5-stage", "--format", "csv"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("key,value\r\n", 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("\r\ncycles,10\r\n"));
  CHECK_THAT(r.out, Catch::Contains("\r\nCPI,2.000\r\n"));  // 10 cycles / 5 instructions
  CHECK_THAT(r.out, Catch::Contains("\r\nstalls load_use,1\r\n"));

  r = pipesim_run({"run", prog, "--config", "5-stage", "--format", "markdown"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("| key | value |\n| --- | --- |\n", 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("\n| cycles | 10 |\n"));

  r = pipesim_run({"run", prog, "--config", "5-stage", "--format", "yaml"});
  CHECK(r.exit_code == 2);
}

TEST_CASE("summary formats: compare --format", "[cli][format]") {
  // tests/golden/textbook_test.cpp RAW chain: 8 cycles with full forwarding, 12 without; 4
  // instructions.
  const fs::path dir = test_dir("compare-format");
  const std::string prog = write_file(dir / "p.s",
                                      "addi a0, zero, 5\n"
                                      "add  a1, a0, a0\n"
                                      "sub  a2, a1, a0\n"
                                      "ebreak\n");
  const std::vector<std::string> base = {"compare", prog, "--configs",
                                         "5-stage,5-stage-no-forwarding", "--format"};
  auto with = [&](const std::string& f) {
    std::vector<std::string> a = base;
    a.push_back(f);
    return pipesim_run(a);
  };
  RunResult r = with("json");
  REQUIRE(r.exit_code == 0);
  const json j = json::parse(r.out);
  REQUIRE(j.size() == 2);
  CHECK(j[0]["config"] == "5-stage");
  CHECK(j[0]["cycles"] == 8);
  CHECK(j[1]["cycles"] == 12);
  CHECK(j[0]["cpi"] == 2.0);
  CHECK(j[1]["speedup_cycles"].get<double>() == Approx(8.0 / 12.0));
  CHECK(j[0]["speedup_cycles"] == 1.0);

  r = with("csv");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("config,kind,cycles,instructions,CPI,clock (ps),time (ns),speedup (cycles),"
                    "speedup (time)\r\n5-stage,pipelined,8,4,2.000,",
                    0) == 0);
  r = with("markdown");
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.rfind("| config | kind | cycles |", 0) == 0);
  CHECK_THAT(r.out, Catch::Contains("| 5-stage-no-forwarding | pipelined | 12 | 4 | 3.000 |"));
}
