// `pipesim sweep` and `pipesim merge` end to end: every row of a sweep against `pipesim run` of
// the same program, machine and --set value (a separate process and code path), determinism
// whatever the thread count, the --emit-jobs commands run for real by GNU parallel and as a Slurm
// array task, and user errors (exit 2, no output file).
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

using pipesim::test::read_file;
using pipesim::test::run_process;
using pipesim::test::RunResult;
using pipesim::test::TempDir;
using pipesim::test::write_file;
namespace fs = std::filesystem;
using Json = nlohmann::json;

namespace {

RunResult run_pipesim(std::vector<std::string> args) {
  // Generous: the CI machine is shared and ctest runs tests in parallel.
  return pipesim::test::run_pipesim(std::move(args), std::chrono::seconds(120));
}

const std::string kExamples = std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/";
// Two programs with loops (so the branch policy matters) and exit codes stated in their headers:
// fibonacci.s exits with F(19) mod 256 = 85, factorial.s with 5! = 120.
const std::string kPrograms = kExamples + "{fibonacci,factorial}.s";
const std::vector<std::string> kProgramFiles = {kExamples + "fibonacci.s",
                                                kExamples + "factorial.s"};
const std::vector<std::string> kConfigs = {"5-stage", "5-stage-no-forwarding"};
const std::vector<std::string> kPolicies = {"not-taken", "2-bit"};

// The sweep of the tests: 2 configs x 2 branch policies x 2 programs = 8 runs.
std::vector<std::string> sweep_args() {
  return {"sweep",
          "--programs",
          kPrograms,
          "--configs",
          "5-stage,5-stage-no-forwarding",
          "--set",
          "branches.policy=not-taken,2-bit"};
}
std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// Splits CSV without quoted commas in the cells we read (program paths, numbers, policy names).
std::vector<std::vector<std::string>> simple_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    auto& cells = rows.emplace_back();
    bool quoted = false;
    std::string cell;
    for (char c : line) {
      if (c == '"') quoted = !quoted;
      if (c == ',' && !quoted) {
        cells.push_back(cell);
        cell.clear();
      } else {
        cell += c;
      }
    }
    cells.push_back(cell);
  }
  return rows;
}

}  // namespace

TEST_CASE("sweep cli: every row equals pipesim run of the same combination", "[sweep][cli]") {
  TempDir dir("pipesim-sweep");
  const std::string table = dir / "table.json";
  RunResult r = run_pipesim(with(sweep_args(), {"-o", table, "--threads", "2"}));
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  const Json doc = Json::parse(read_file(table));
  CHECK(doc["schema"] == "pipesim.sweep/3");
  const Json& rows = doc["rows"];
  REQUIRE(rows.size() == 8);

  // The functional model's instruction count for each program: no pipeline changes it.
  std::map<std::string, uint64_t> functional;
  for (const std::string& p : kProgramFiles) {
    r = run_pipesim({"run", p, "--json", "-"});
    REQUIRE(r.exit_code >= 0);
    functional[p] = Json::parse(r.out)["instructions"].get<uint64_t>();
  }

  std::size_t i = 0;
  std::map<std::string, uint64_t> cycles;  // by "config policy program"
  for (const std::string& config : kConfigs)
    for (const std::string& policy : kPolicies)
      for (const std::string& program : kProgramFiles) {
        INFO("row " << i << ": " << program << " on " << config << " with " << policy);
        const Json& row = rows[i++];
        CHECK(row["program"] == program);
        CHECK(row["config"] == config);
        CHECK(row["sets"] == "branches.policy=" + policy);
        CHECK(row["set"] == Json{{"branches.policy", policy}});
        CHECK(row["halt"] == "exit");
        CHECK(row["exit_code"] == (program.ends_with("fibonacci.s") ? 85 : 120));
        CHECK(row["fault"].is_null());
        CHECK(row["machine"]["name"] == config);
        CHECK(row["machine"]["branches"]["policy"] == policy);
        CHECK(row["stats"]["instructions"] == functional[program]);

        r = run_pipesim({"run", program, "--config", config, "--set", "branches.policy=" + policy,
                         "--json", "-"});
        REQUIRE(r.exited());
        const Json run = Json::parse(r.out);
        CHECK(row["stats"] == run["stats"]);
        CHECK(row["machine"] == run["config"]);
        CHECK(row["exit_code"] == run["exit_code"]);
        cycles[config + " " + policy + " " + program] = row["stats"]["cycles"].get<uint64_t>();
      }
  // The --set value really reached the machine: both programs have loops that a 2-bit predictor
  // learns, so it takes fewer cycles than predict-not-taken on both machines.
  for (const std::string& config : kConfigs)
    for (const std::string& program : kProgramFiles) {
      INFO(config << " " << program);
      CHECK(cycles[config + " 2-bit " + program] < cycles[config + " not-taken " + program]);
    }

  // The CSV table holds the same values, with the resolved config as dotted columns.
  r = run_pipesim(sweep_args());
  REQUIRE(r.exit_code == 0);
  const auto csv = simple_csv(r.out);
  REQUIRE(csv.size() == 9);
  const auto& header = csv[0];
  auto column = [&](const std::string& name) {
    const auto it = std::find(header.begin(), header.end(), name);
    REQUIRE(it != header.end());
    return static_cast<std::size_t>(it - header.begin());
  };
  const std::size_t policy_col = column("machine.branches.policy");
  const std::size_t set_col = column("set.branches.policy");
  const std::size_t cycles_col = column("stats.cycles");
  const std::size_t program_col = column("program");
  for (std::size_t k = 0; k < 8; ++k) {
    INFO("CSV row " << k + 1);
    REQUIRE(csv[k + 1].size() == header.size());
    CHECK(csv[k + 1][program_col] == rows[k]["program"].get<std::string>());
    CHECK(csv[k + 1][policy_col] == rows[k]["machine"]["branches"]["policy"].get<std::string>());
    CHECK(csv[k + 1][set_col] == rows[k]["set"]["branches.policy"].get<std::string>());
    CHECK(csv[k + 1][cycles_col] == std::to_string(rows[k]["stats"]["cycles"].get<uint64_t>()));
  }
}

TEST_CASE("sweep cli: the table is the same whatever the number of threads", "[sweep][cli]") {
  const RunResult one = run_pipesim(with(sweep_args(), {"-j", "1"}));
  const RunResult three = run_pipesim(with(sweep_args(), {"--threads", "3"}));
  const RunResult many = run_pipesim(with(sweep_args(), {"--threads", "16"}));
  REQUIRE(one.exit_code == 0);
  CHECK(three.out == one.out);
  CHECK(many.out == one.out);
  CHECK(one.err.empty());  // no progress bar when stderr is not a terminal
}

TEST_CASE("sweep cli: --emit-jobs run by GNU parallel, then merge, gives the direct table",
          "[sweep][cli][parallel]") {
  TempDir dir("pipesim-parallel");
  const std::string jobs = dir / "jobs.txt", results = dir / "results";
  RunResult r =
      run_pipesim(with(sweep_args(), {"--emit-jobs", jobs, "--results-dir", results, "--quiet"}));
  REQUIRE(r.exit_code == 0);
  const std::string lines = read_file(jobs);
  CHECK(std::count(lines.begin(), lines.end(), '\n') == 8);
  CHECK(fs::is_directory(results));
  CHECK(fs::is_empty(results));  // emitting runs nothing

  // Exactly as docs/sweeps.md says: the jobs file on stdin, two at a time.
  r = run_process({"parallel", "--will-cite", "-j2"}, lines, std::chrono::seconds(300));
  INFO(r.describe() << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  for (int k = 1; k <= 8; ++k) CHECK(fs::exists(results + "/run-" + std::to_string(k) + ".json"));

  const std::string merged = dir / "merged.csv", direct = dir / "direct.csv";
  REQUIRE(run_pipesim({"merge", results, "-o", merged}).exit_code == 0);
  REQUIRE(run_pipesim(with(sweep_args(), {"-o", direct})).exit_code == 0);
  const std::string direct_table = read_file(direct);
  CHECK(read_file(merged) == direct_table);
  CHECK(std::count(direct_table.begin(), direct_table.end(), '\n') == 9);

  const std::string merged_json = dir / "merged.json", direct_json = dir / "direct.json";
  REQUIRE(run_pipesim({"merge", results, "-o", merged_json}).exit_code == 0);
  REQUIRE(run_pipesim(with(sweep_args(), {"-o", direct_json})).exit_code == 0);
  CHECK(Json::parse(read_file(merged_json)) == Json::parse(read_file(direct_json)));

  // A job run again (a retried task) replaces its file; the merge is unchanged.
  fs::remove(results + "/run-5.json");
  REQUIRE(run_pipesim({"merge", results, "-o", merged}).exit_code == 2);
  r = run_process({"parallel", "--will-cite", "-j2", "::::", jobs}, {}, std::chrono::seconds(300));
  REQUIRE(r.exit_code == 0);
  REQUIRE(run_pipesim({"merge", results, "-o", merged}).exit_code == 0);
  CHECK(read_file(merged) == read_file(direct));
}

TEST_CASE("sweep cli: --per-job packs runs into job commands; merge gives the direct table",
          "[sweep][cli][parallel]") {
  // 8 runs in jobs of 3: jobs of 3, 3 and 2 runs, each one pipesim process.
  TempDir dir("pipesim-packed");
  const std::string jobs = dir / "jobs.txt", results = dir / "results";
  RunResult r = run_pipesim(
      with(sweep_args(), {"--emit-jobs", jobs, "--results-dir", results, "--per-job", "3"}));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::StartsWith("wrote 3 commands to "));
  const std::string lines = read_file(jobs);
  REQUIRE(std::count(lines.begin(), lines.end(), '\n') == 3);
  CHECK_THAT(lines, Catch::Contains(" --job 3/3 --per-job 3 --sweep-id "));
  r = run_process({"parallel", "--will-cite", "-j2"}, lines, std::chrono::seconds(300));
  INFO(r.describe() << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  const Json last = Json::parse(read_file(results + "/run-3.json"));
  CHECK(last["job"]["per_job"] == 3);
  CHECK(last["job"]["runs"] == 8);
  CHECK(last["rows"].size() == 2);
  const std::string merged = dir / "merged.csv", direct = dir / "direct.csv";
  REQUIRE(run_pipesim({"merge", results, "-o", merged}).exit_code == 0);
  REQUIRE(run_pipesim(with(sweep_args(), {"-o", direct})).exit_code == 0);
  CHECK(read_file(merged) == read_file(direct));

  // A job line whose sweep is not the emitted one (here: another id) is refused, not run.
  std::string line = lines.substr(0, lines.find('\n'));
  const std::size_t id = line.find("--sweep-id ") + 11;
  line.replace(id, 16, "0000000000000000");
  r = run_process({"bash", "-c", line});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("this command plans another sweep than the one emitted"));
  // --per-job is for emitting.
  r = run_pipesim(with(sweep_args(), {"--per-job", "2"}));
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: --per-job goes with --emit-jobs (and is written into the job commands)\n");
}

TEST_CASE("sweep cli: jobs run by GNU parallel over ssh hosts (--sshloginfile)",
          "[sweep][cli][parallel]") {
  // No ssh server here: a stand-in for ssh that drops the options and the host and runs the
  // command with a shell, as sshd would on a host sharing this file system. What is tested is
  // that the job lines survive GNU parallel's remote wrapping unchanged: a program name with a
  // quote, brackets and a star, and a --set value that is a JSON list with commas.
  TempDir dir("pipesim-ssh");
  const std::string ssh = dir / "fake-ssh";
  std::ofstream(ssh) << "#!/bin/bash\n"
                        // sshd gives the command a login environment; GNU parallel's remote
                        // worker runs the job with $SHELL, unset in some CI environments.
                        "export SHELL=/bin/bash HOME=\"${HOME:-/tmp}\"\n"
                        "while [[ $1 == -* ]]; do [[ $1 == -[opl] ]] && shift; shift; done\n"
                        "shift\n"
                        "[[ $1 == -- ]] && shift\n"
                        "exec bash -c \"$*\"\n";
  fs::permissions(ssh, fs::perms::owner_all);
  std::ofstream(dir / "hosts.txt") << "2/hostA\n1/hostB\n";  // N/host: N jobs at a time there
  const std::string odd = dir / "it's [odd] *.s";
  fs::copy_file(kExamples + "fibonacci.s", odd);
  const std::vector<std::string> args = {
      "sweep",       "--programs",
      dir / "it*.s", kExamples + "factorial.s",
      "--configs",   "5-stage",
      "--set",       R"(forwarding=[{"from":"MEM","to":"EX"}],none,full)"};
  const std::string jobs = dir / "jobs.txt", results = dir / "results";
  REQUIRE(run_pipesim(with(args, {"--emit-jobs", jobs, "--results-dir", results})).exit_code == 0);

  const RunResult r = run_process(
      {"parallel", "--will-cite", "--ssh", ssh, "--sshloginfile", dir / "hosts.txt", "::::", jobs},
      {}, std::chrono::seconds(300));
  INFO(r.describe() << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string merged = dir / "merged.json", direct = dir / "direct.json";
  REQUIRE(run_pipesim({"merge", results, "-o", merged}).exit_code == 0);
  REQUIRE(run_pipesim(with(args, {"-o", direct})).exit_code == 0);
  const Json table = Json::parse(read_file(direct));
  REQUIRE(table["rows"].size() == 6);
  CHECK(table["rows"][0]["program"] == odd);
  CHECK(table["rows"][0]["machine"]["forwarding"] == Json::parse(R"([{"from":"MEM","to":"EX"}])"));
  CHECK(Json::parse(read_file(merged)) == table);
}

TEST_CASE("sweep cli: a Slurm array task runs its own line of the jobs file", "[sweep][cli]") {
  TempDir dir("pipesim-slurm");
  // A program whose name needs quoting in a shell and escaping in a glob.
  const std::string odd = dir / "it's [odd] *.s";
  fs::copy_file(kExamples + "fibonacci.s", odd);
  const std::vector<std::string> args = {
      "sweep",     "--programs", dir / "it*.s", kExamples + "factorial.s",
      "--configs", "5-stage",    "--set",       "branches.policy=not-taken,2-bit"};
  const std::string jobs = dir / "jobs.txt", results = dir / "results";
  RunResult r = run_pipesim(with(args, {"--emit-jobs", jobs, "--results-dir", results}));
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.err, Catch::Contains("wrote 4 commands"));

  // The line a job array's task 3 runs (docs/sweeps.md), with the variable Slurm sets.
  r = run_process({"env", "SLURM_ARRAY_TASK_ID=3", "bash", "-c",
                   "sed -n \"${SLURM_ARRAY_TASK_ID}p\" '" + jobs + "' | bash"});
  INFO(r.describe() << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  std::vector<std::string> written;
  for (const auto& e : fs::directory_iterator(results)) written.push_back(e.path().string());
  CHECK(written == std::vector<std::string>{results + "/run-3.json"});

  // Job 3 in the documented order (policies slower than programs): 2-bit, the first program.
  const Json job = Json::parse(read_file(results + "/run-3.json"));
  CHECK(job["job"]["number"] == 3);
  CHECK(job["job"]["count"] == 4);
  REQUIRE(job["rows"].size() == 1);
  CHECK(job["rows"][0]["program"] == odd);
  CHECK(job["rows"][0]["sets"] == "branches.policy=2-bit");
  r = run_pipesim(with(args, {"-o", dir / "direct.json"}));
  REQUIRE(r.exit_code == 0);
  CHECK(job["rows"][0] == Json::parse(read_file(dir / "direct.json"))["rows"][2]);

  // The other three are missing: merge says which lines to run again.
  r = run_pipesim({"merge", results});
  CHECK(r.exit_code == 2);
  CHECK(r.err ==
        "error: the results of 3 of the 4 jobs are missing: job 1-2, 4 (job K is line K "
        "of the jobs file; run those lines again)\n");

  // The documented block of lines per task (docs/sweeps.md, blocks of 10): every line runs, and
  // a failed one fails the task. Here line 1 fails (status 7); lines 2-4 still write results.
  const std::string all = read_file(jobs);
  write_file(dir / "block.txt", "exit 7\n" + all.substr(all.find('\n') + 1));
  const std::string block =
      "first=$(( (SLURM_ARRAY_TASK_ID - 1) * 10 + 1 ))\n"
      "status=0\n"
      "while IFS= read -r line; do\n"
      "  bash -c \"$line\" || status=$?\n"
      "done < <(sed -n \"${first},$(( first + 9 ))p\" block.txt)\n"
      "exit $status\n";
  r = run_process(
      {"env", "SLURM_ARRAY_TASK_ID=1", "bash", "-c", "cd '" + dir.path.string() + "' && " + block});
  CHECK(r.exit_code == 7);
  for (int k : {2, 3, 4}) CHECK(fs::exists(results + "/run-" + std::to_string(k) + ".json"));
}

TEST_CASE("sweep cli: fault, ebreak and limit rows are the same run as jobs and merged",
          "[sweep][cli]") {
  // The cells that are empty on some rows (exit_code, fault, fault_pc) and the set.* columns,
  // through --emit-jobs, each line run by bash (as a Slurm task would), and merge: the table is
  // byte for byte the one a local sweep writes.
  TempDir dir("pipesim-sweep-halts");
  write_file(dir / "a-fault.s", "_start:\n  li a0, 0\n  lw a1, 0(a0)\n");
  write_file(dir / "b-ebreak.s", "_start:\n  li a0, 7\n  ebreak\n");
  write_file(dir / "c-loop.s", "_start:\n  j _start\n");
  const std::vector<std::string> args = {"sweep",
                                         "--programs",
                                         dir / "*.s",
                                         "--configs",
                                         "5-stage",
                                         "--set",
                                         "branches.policy=not-taken,2-bit",
                                         "--max-cycles",
                                         "100"};
  const std::string jobs = dir / "jobs.txt", results = dir / "results";
  REQUIRE(run_pipesim(with(args, {"--emit-jobs", jobs, "--results-dir", results})).exit_code == 0);
  const RunResult r = run_process({"bash", jobs}, {}, std::chrono::seconds(120));
  INFO(r.describe() << "\n" << r.err);
  REQUIRE(r.exit_code == 0);
  const std::string merged = dir / "merged.csv", direct = dir / "direct.csv";
  REQUIRE(run_pipesim({"merge", results, "-o", merged}).exit_code == 0);
  REQUIRE(run_pipesim(with(args, {"-o", direct})).exit_code == 0);
  CHECK(read_file(merged) == read_file(direct));

  const auto csv = simple_csv(read_file(direct));
  REQUIRE(csv.size() == 7);
  const auto& header = csv[0];
  REQUIRE(header.size() > 7);
  CHECK(std::vector<std::string>(header.begin(), header.begin() + 8) ==
        std::vector<std::string>{"program", "config", "sets", "set.branches.policy", "halt",
                                 "exit_code", "fault", "fault_pc"});
  // Rows: policies slowest, then the programs in name order. The fault: pc 0x00010004, cycle 6
  // (tests/unit/sweep_row_test.cpp works it out); the predictor changes nothing before it.
  for (std::size_t policy = 0; policy < 2; ++policy) {
    const auto& fault = csv[1 + 3 * policy];
    const auto& ebreak = csv[2 + 3 * policy];
    const auto& limit = csv[3 + 3 * policy];
    CHECK(fault[3] == (policy == 0 ? "not-taken" : "2-bit"));
    CHECK(fault[4] == "fault");
    CHECK(fault[5] == "");
    CHECK_THAT(fault[6], Catch::StartsWith("\"guest fault at pc 0x00010004 (instruction word "
                                           "0x00052583), cycle 6: load from unmapped address"));
    CHECK(fault[7] == "0x00010004");
    CHECK(std::vector<std::string>(ebreak.begin() + 4, ebreak.begin() + 8) ==
          std::vector<std::string>{"ebreak", "", "", ""});
    CHECK(std::vector<std::string>(limit.begin() + 4, limit.begin() + 8) ==
          std::vector<std::string>{"limit", "", "", ""});
  }
}

TEST_CASE("sweep cli: user errors exit 2 and leave no output file", "[sweep][cli]") {
  TempDir dir("pipesim-sweep-errors");
  const std::string out = dir / "table.csv";
  const std::string fib = kExamples + "fibonacci.s";
  struct Case {
    std::vector<std::string> args;
    std::string message;
  };
  const std::vector<Case> cases = {
      {{"--programs", dir / "*.s", "--configs", "5-stage"}, "no file matches"},
      {{"--programs", fib, "--configs", "5-stage,9-stage"}, "unknown configuration '9-stage'"},
      {{"--programs", fib, "--configs", "5-stage", "--set", "branches.polcy=1-bit,2-bit"},
       "unknown key \"branches.polcy\""},
      {{"--programs", fib, "--configs", "5-stage", "--set", "branches.policy=2-bit,sometimes"},
       "unknown policy \"sometimes\""},
      {{"--programs", fib, "--configs", "5-stage", "--set", "branches.policy"},
       "expected PATH=VALUE"},
      {{"--programs", fib, "--configs", "5-stage", "--set", "forwarding=none", "--set",
        "forwarding=full"},
       "given twice"},
      {{"--programs", kExamples, "--configs", "5-stage"}, "Is a directory"},
      {{"--programs", fib, "--configs", "5-stage", "--results-dir", dir / "r"},
       "--results-dir goes with --emit-jobs"},
      {{"--programs", fib, "--configs", "5-stage", "--job", "1/1"}, "--job and --sweep-id"},
      {{"--programs", fib, "--configs", "5-stage", "--job", "0/1", "--sweep-id", "x"},
       "expected K/N with 1 <= K <= N"},
  };
  for (const Case& c : cases) {
    INFO(c.message);
    const RunResult r = run_pipesim(with(with({"sweep"}, c.args), {"-o", out}));
    CHECK(r.exit_code == 2);
    CHECK_THAT(r.err, Catch::StartsWith("error: ") && Catch::Contains(c.message));
    CHECK(r.out.empty());
    CHECK_FALSE(fs::exists(out));
  }

  // Outputs are checked before anything runs; an existing table is left as it was.
  RunResult r = run_pipesim(
      {"sweep", "--programs", fib, "--configs", "5-stage", "-o", dir / "no/such/dir/t.csv"});
  CHECK(r.exit_code == 2);
  CHECK(r.err == "error: cannot write '" + dir / "no/such/dir/t.csv" + "': no directory '" +
                     dir / "no/such/dir" + "'\n");
  r = run_pipesim({"sweep", "--programs", fib, "--configs", "5-stage", "-o", dir / "t.txt"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("must end in .csv or .json"));
  r = run_pipesim(
      {"sweep", "--programs", fib, "--configs", "5-stage", "--emit-jobs", dir / "no/jobs.txt"});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("cannot write"));
  std::ofstream(out) << "old\n";
  r = run_pipesim({"sweep", "--programs", fib, "--configs", "nope", "-o", out});
  CHECK(r.exit_code == 2);
  CHECK(read_file(out) == "old\n");

  // merge: nothing to merge, empty and corrupt result files.
  const std::string results = dir / "results";
  fs::create_directory(results);
  r = run_pipesim({"merge", results, "-o", out});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("no .json result files"));
  std::ofstream(results + "/run-1.json").flush();
  r = run_pipesim({"merge", results, "-o", out});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("run-1.json: the file is empty"));
  std::ofstream(results + "/run-1.json") << "{\"schema\": \"pipesim.sweep/3\", \"rows\": [{";
  r = run_pipesim({"merge", results, "-o", out});
  CHECK(r.exit_code == 2);
  CHECK_THAT(r.err, Catch::Contains("run-1.json: not valid JSON"));
  CHECK(read_file(out) == "old\n");
  r = run_pipesim({"merge", dir / "missing", "-o", dir / "m.csv"});
  CHECK(r.exit_code == 2);
  CHECK_FALSE(fs::exists(dir / "m.csv"));
}

TEST_CASE("sweep cli: progress bar on stderr only when it is a terminal", "[sweep][cli]") {
  TempDir dir("pipesim-tty");
  const std::string table = dir / "table.csv";
  // script(1) gives the command a pseudo-terminal; its output is what the terminal showed.
  const std::string command = std::string(PIPESIM_BINARY) + " sweep --programs " + kExamples +
                              "fibonacci.s --configs 5-stage,7-stage -o " + table;
  RunResult r = run_process({"script", "-q", "-e", "-c", command, "/dev/null"});
  REQUIRE(r.exit_code == 0);
  CHECK_THAT(r.out, Catch::Contains("] 2/2 runs"));
  CHECK_THAT(r.out, Catch::Contains("sweep [" + std::string(30, '#') + "]"));
  CHECK(fs::exists(table));
  // --quiet: nothing on the terminal.
  r = run_process({"script", "-q", "-e", "-c", command + " --quiet", "/dev/null"});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out.empty());
  // Not a terminal (the other tests): nothing on stderr either; and help works.
  r = run_pipesim(
      {"sweep", "--programs", kExamples + "fibonacci.s", "--configs", "5-stage", "-o", table});
  CHECK(r.exit_code == 0);
  CHECK(r.err.empty());
  for (const char* sub : {"sweep", "merge"}) {
    r = run_pipesim({sub, "--help"});
    CHECK(r.exit_code == 0);
    CHECK_THAT(r.out, Catch::Contains("Usage"));
  }
}

TEST_CASE("sweep cli: a signal stops the sweep, no table is written, the runs done are kept",
          "[sweep][cli]") {
  TempDir dir("pipesim-signal");
  const std::string table = dir / "table.csv";
  // alu_loop runs 70 million cycles: six runs one at a time take several seconds even at 100
  // million cycles per second, so the sweep is still running when SIGTERM arrives 1 s after the
  // start; then it must end with status 143 = 128 + SIGTERM (without the stop the runs would
  // outlast run_process's 30 s limit on this machine, and the test would fail).
  const std::string script =
      "\"$0\" sweep --programs \"$1\" --configs 5-stage,7-stage -j 1 --set "
      "branches.policy=not-taken,1-bit,2-bit -o \"$2\" & pid=$!; sleep 1; kill -TERM $pid; wait "
      "$pid; echo $?";
  const RunResult r =
      run_process({"bash", "-c", script, PIPESIM_BINARY,
                   std::string(PIPESIM_SOURCE_DIR) + "/programs/bench/alu_loop.s", table});
  REQUIRE(r.exit_code == 0);
  CHECK(r.out == "143\n");
  // The runs done before the signal are kept in the journal for --resume
  // (sweep_resume_test.cpp): how many depends on the machine's speed.
  const std::string prefix =
      "error: sweep interrupted by SIGTERM; '" + table + "' was not written; the ";
  REQUIRE_THAT(r.err, Catch::StartsWith(prefix));
  const std::size_t kept = std::stoul(r.err.substr(prefix.size()));
  CHECK(r.err == prefix + std::to_string(kept) + " runs done are kept in '" + table +
                     ".journal': the same command with --resume goes on from there\n");
  CHECK_FALSE(fs::exists(table));
  // No temporary file left: only the journal, its header line and a line per run kept.
  CHECK(std::distance(fs::directory_iterator(dir.path), fs::directory_iterator()) == 1);
  const std::string journal = read_file(table + ".journal");
  CHECK(std::count(journal.begin(), journal.end(), '\n') == static_cast<long>(kept) + 1);
  CHECK_THAT(journal, Catch::StartsWith("{\"schema\":\"pipesim.sweep-journal/1\""));
}
