// `pipesim sweep --resume` and the journal behind it (docs/sweeps.md, "Resuming"), and the hash
// columns against sha256sum. The journals here are written by hand in the documented format, so
// the tests do not depend on when a signal arrives: a journal row altered on purpose must come
// out in the table unchanged, which shows that its run was taken from the journal, not run again.
#include <catch2/catch.hpp>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::read_file;
using pipesim::test::run_process;
using pipesim::test::RunResult;
using pipesim::test::TempDir;
using pipesim::test::write_file;
namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

namespace {

RunResult pipesim_in(const std::string& dir, const std::vector<std::string>& args) {
  std::vector<std::string> cmd = {"bash", "-c", "cd \"$0\" && exec \"$@\"", dir, PIPESIM_BINARY};
  cmd.insert(cmd.end(), args.begin(), args.end());
  return run_process(cmd, {}, std::chrono::seconds(120));
}

// 2 programs x 2 policies x 2 configs = 8 runs of small programs, in a folder of their own.
std::vector<std::string> sweep(const std::string& output) {
  return {"sweep",
          "--programs",
          "{fibonacci,factorial}.s",
          "--configs",
          "5-stage,my.json",
          "--set",
          "branches.policy=not-taken,2-bit",
          "-o",
          output};
}

std::vector<std::string> resumed(const std::string& output) {
  std::vector<std::string> args = sweep(output);
  args.push_back("--resume");
  return args;
}

std::string sweep_id(const std::string& dir) {
  std::vector<std::string> args = sweep("-");
  args.resize(args.size() - 2);
  args.insert(args.end(), {"--emit-jobs", "jobs.txt"});
  const RunResult r = pipesim_in(dir, args);
  REQUIRE(r.exit_code == 0);
  const std::string jobs = read_file(dir + "/jobs.txt");
  const std::size_t at = jobs.find("--sweep-id ") + 11;
  return jobs.substr(at, jobs.find(' ', at) - at);
}

std::string sha256sum(const std::string& file) {
  const RunResult r = run_process({"sha256sum", file});
  REQUIRE(r.exit_code == 0);
  return r.out.substr(0, 64);
}

}  // namespace

TEST_CASE("sweep: --resume takes the journal's runs and gives the uninterrupted table",
          "[sweep][cli]") {
  TempDir dir("pipesim-resume");
  const std::string d = dir.path.string();
  for (const char* p : {"fibonacci.s", "factorial.s"})
    fs::copy_file(std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/" + p, dir / p);
  write_file(dir / "base.json", R"({"extends": "5-stage", "name": "base"})");
  write_file(dir / "my.json", R"({"extends": "base.json", "name": "mine"})");

  RunResult r = pipesim_in(d, sweep("whole.json"));
  REQUIRE(r.exit_code == 0);
  CHECK_FALSE(fs::exists(dir / "whole.json.journal"));  // removed once the table is written
  const std::string whole = read_file(dir / "whole.json");
  const Json rows = Json::parse(whole)["rows"];
  REQUIRE(rows.size() == 8);
  // The hash columns, against sha256sum: a program's file; a config's chain, concatenated.
  CHECK(rows[0]["program_sha256"] == sha256sum(dir / "fibonacci.s"));
  CHECK(rows[1]["program_sha256"] == sha256sum(dir / "factorial.s"));
  CHECK(rows[0]["config_sha256"].is_null());  // a preset
  write_file(dir / "chain", read_file(dir / "my.json") + read_file(dir / "base.json"));
  CHECK(rows[4]["config_sha256"] == sha256sum(dir / "chain"));
  CHECK(rows[4]["pipesim"] == rows[0]["pipesim"]);

  // An interrupted sweep's journal: its header, three rows (the first altered), and a fourth
  // cut short by the interruption.
  Json altered = rows[0];
  altered["stats"]["cycles"] = 123456789;
  const std::string header =
      Json{{"schema", "pipesim.sweep-journal/1"}, {"sweep", sweep_id(d)}, {"jobs", 8}}.dump() +
      "\n";
  const std::string journal = header + altered.dump() + "\n" + rows[1].dump() + "\n" +
                              rows[2].dump() + "\n" + rows[3].dump().substr(0, 40);
  write_file(dir / "t.json.journal", journal);
  r = pipesim_in(d, resumed("t.json"));
  REQUIRE(r.exit_code == 0);
  CHECK(r.err == "sweep: 3 runs taken from 't.json.journal', 5 to run\n");
  Json expected = Json::parse(whole);
  expected["rows"][0] = altered;
  CHECK(read_file(dir / "t.json") == expected.dump(2) + "\n");
  CHECK_FALSE(fs::exists(dir / "t.json.journal"));

  // CSV too, from the same journal: byte for byte the uninterrupted table.
  write_file(dir / "t.csv.journal", header + rows[0].dump() + "\n" + rows[1].dump() + "\n");
  r = pipesim_in(d, resumed("t.csv"));
  REQUIRE(r.exit_code == 0);
  REQUIRE(pipesim_in(d, sweep("whole.csv")).exit_code == 0);
  CHECK(read_file(dir / "t.csv") == read_file(dir / "whole.csv"));

  // A program edited since the journal was written: its rows are not the same experiment.
  write_file(dir / "t.json.journal", journal);
  write_file(dir / "factorial.s", read_file(dir / "factorial.s") + "\n# edited\n");
  r = pipesim_in(d, resumed("t.json"));
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: t.json.journal: row 2 ran program 'factorial.s', which has changed since the "
        "sweep was interrupted; run without --resume to start over\n");

  // The journal of another sweep (another command line).
  write_file(
      dir / "t.json.journal",
      Json{{"schema", "pipesim.sweep-journal/1"}, {"sweep", "0123"}, {"jobs", 8}}.dump() + "\n");
  r = pipesim_in(d, resumed("t.json"));
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: t.json.journal: the journal of another sweep (its command line differs from "
        "this one); run without --resume to start over\n");

  // Nothing to go on with on stdout.
  r = pipesim_in(d, resumed("-"));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: --resume goes on with a sweep that writes a table file (-o FILE)\n");

  // The journal is written in place: where a FIFO, or a link to another file, stands in its
  // place, the sweep refuses at once (no hang on the FIFO, the linked file untouched).
  REQUIRE(run_process({"mkfifo", dir / "f.csv.journal"}).exit_code == 0);
  r = pipesim_in(d, sweep("f.csv"));
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: cannot write 'f.csv.journal': not a regular file (a sweep keeps its journal "
        "there: move it away)\n");
  fs::create_symlink("fibonacci.s", dir / "l.csv.journal");
  const std::string program = read_file(dir / "fibonacci.s");
  r = pipesim_in(d, sweep("l.csv"));
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::StartsWith("error: cannot write 'l.csv.journal': "));
  CHECK(read_file(dir / "fibonacci.s") == program);
  CHECK_FALSE(fs::exists(dir / "f.csv"));
  CHECK_FALSE(fs::exists(dir / "l.csv"));
}
