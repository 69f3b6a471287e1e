// Runs every guest program in programs/ under qemu-riscv32 and under `pipesim run` and requires
// the same exit status and stdout. qemu is the reference; each program's hand-derived
// programs/**/<name>.expected (first line: exit status, then the exact stdout) is checked too, so
// a bug shared by both simulators is still caught. Assembly examples run in pipesim twice: from
// the .s source (pipesim's own assembler) and from the ELF that GNU as + ld built. Finally every
// program runs on every preset machine (`--config`, `--check`): timing must not change results.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>

#include "sim/config/config_load.hpp"
#include "tests/support/run_process.hpp"

namespace fs = std::filesystem;
using pipesim::test::run_process;
using pipesim::test::RunResult;

namespace {

// Every program, by directory: C programs in programs/c, assembly examples in programs/examples,
// benchmarks (C and assembly) in programs/bench. The "programs list is complete" case below keeps
// these lists in step with the directories.
const std::set<std::string> kCPrograms = {"crc32",     "matmul", "modular", "quicksort",
                                          "recursion", "sieve",  "strings"};
const std::set<std::string> kAsmPrograms = {
    "array_sum", "bubble_sort",   "factorial",      "fibonacci",       "hello",
    "muldiv",    "pipeline_demo", "string_reverse", "morning-routine", "counters"};
const std::set<std::string> kBenchPrograms = {"alu_loop", "branchy", "load_store", "muldiv_loop",
                                              "sort_crc"};

const fs::path kSourceDir = PIPESIM_SOURCE_DIR;
const fs::path kProgramsDir = PIPESIM_PROGRAMS_DIR;      // where programs/CMakeLists.txt puts ELFs
constexpr bool kProgramsBuilt = PIPESIM_PROGRAMS_BUILT;  // false without the RISC-V toolchain
const std::string kQemu = PIPESIM_QEMU_RISCV32;          // "" if cmake did not find it

struct Expected {
  int exit_code = 0;
  std::string out;
};

Expected read_expected(const fs::path& path) {
  std::ifstream f(path, std::ios::binary);
  REQUIRE(f.good());
  std::string first;
  std::getline(f, first);
  std::stringstream rest;
  rest << f.rdbuf();
  return {std::stoi(first), rest.str()};
}

fs::path source_dir(const std::string& name) {
  if (kBenchPrograms.count(name)) return kSourceDir / "programs" / "bench";
  return kSourceDir / "programs" / (kCPrograms.count(name) ? "c" : "examples");
}

fs::path elf(const std::string& name) {
  return kProgramsDir / (name + ".elf");
}

// The ELF under qemu; nullopt (after a warning) where the toolchain or qemu is missing.
std::optional<RunResult> run_qemu(const std::string& name) {
  if (!kProgramsBuilt || kQemu.empty()) {
    WARN("skipped: " << (kProgramsBuilt ? "qemu-riscv32" : "riscv64-unknown-elf-gcc")
                     << " was not found when cmake ran (scripts/deps.sh installs it)");
    return std::nullopt;
  }
  REQUIRE(fs::exists(elf(name)));
  return run_process({kQemu, elf(name).string()});
}

RunResult run_pipesim(const fs::path& program) {
  return run_process({PIPESIM_BINARY, "run", program.string()});
}

// `got` must have ended normally with the exit status and stdout of `want`.
void require_same(const RunResult& got, const Expected& want) {
  INFO("stderr: " << got.err);
  REQUIRE(got.describe() == "exit " + std::to_string(want.exit_code));
  CHECK(got.out == want.out);
}

// The preset machines (configs/*.json) whose results must equal sequential execution: all but
// those without interlocks (hazard_detection false), which are meant to compute wrong results on
// hazards.
std::vector<std::string> consistent_presets() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(kSourceDir / "configs"))
    if (e.path().extension() == ".json" &&
        pipesim::load_config(e.path().stem().string()).hazard_detection)
      names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// `pipesim run --config C --check --json -` on each preset machine: same exit status and stdout
// as the reference, and a run that ended with exit (not a fault, limit or divergence).
void check_pipesim_on_machines(const std::string& name, const fs::path& program) {
  const Expected want = read_expected(source_dir(name) / (name + ".expected"));
  for (const std::string& config : consistent_presets()) {
    INFO("pipesim run " << program.string() << " --config " << config << " --check --json -");
    const RunResult p = run_process(
        {PIPESIM_BINARY, "run", program.string(), "--config", config, "--check", "--json", "-"});
    INFO("stderr: " << p.err);
    CHECK(p.describe() == "exit " + std::to_string(want.exit_code));
    const nlohmann::json j = nlohmann::json::parse(p.out, nullptr, /*allow_exceptions=*/false);
    if (!j.is_object()) {
      FAIL_CHECK("stdout is not a JSON object: " << p.out);
      continue;
    }
    CHECK(j.value("halt", "") == "exit");
    CHECK(j.value("exit_code", -1) == want.exit_code);
    CHECK(j.value("stdout", "") == want.out);
    CHECK_FALSE(j.contains("divergence"));
  }
}

void check_qemu_against_expectation(const std::string& name) {
  const auto q = run_qemu(name);
  if (!q) return;
  require_same(*q, read_expected(source_dir(name) / (name + ".expected")));
}

// pipesim on `program` against qemu on the ELF and against the expectation file.
void check_pipesim(const std::string& name, const fs::path& program) {
  INFO("pipesim run " << program.string());
  const RunResult p = run_pipesim(program);
  if (const auto q = run_qemu(name)) {
    INFO("compared with qemu-riscv32 " << elf(name).string() << " (" << q->describe() << ")");
    require_same(p, {q->exit_code, q->out});
  }
  INFO("compared with " << name << ".expected");
  require_same(p, read_expected(source_dir(name) / (name + ".expected")));
}

void check_pipesim_on_elf(const std::string& name) {
  if (!kProgramsBuilt) {
    WARN("skipped: riscv64-unknown-elf-gcc was not found when cmake ran");
    return;
  }
  check_pipesim(name, elf(name));
}

std::set<std::string> stems(const fs::path& dir, const std::string& ext) {
  std::set<std::string> s;
  for (const auto& e : fs::directory_iterator(dir))
    if (e.path().extension() == ext) s.insert(e.path().stem().string());
  return s;
}

}  // namespace

TEST_CASE("programs list is complete and every program has an expectation file", "[programs]") {
  CHECK(stems(kSourceDir / "programs" / "c", ".c") == kCPrograms);
  CHECK(stems(kSourceDir / "programs" / "examples", ".s") == kAsmPrograms);
  CHECK(stems(kSourceDir / "programs" / "c", ".expected") == kCPrograms);
  CHECK(stems(kSourceDir / "programs" / "examples", ".expected") == kAsmPrograms);
  std::set<std::string> bench = stems(kSourceDir / "programs" / "bench", ".s");
  bench.merge(stems(kSourceDir / "programs" / "bench", ".c"));
  CHECK(bench == kBenchPrograms);
  CHECK(stems(kSourceDir / "programs" / "bench", ".expected") == kBenchPrograms);
}

// Catch2 numbers test cases with __COUNTER__, so one macro can register several.
#define PIPESIM_COMMON_TESTS(name)                                               \
  TEST_CASE("program " #name ": qemu-riscv32 output matches " #name ".expected", \
            "[programs][qemu]") {                                                \
    check_qemu_against_expectation(#name);                                       \
  }                                                                              \
  TEST_CASE("program " #name ": pipesim run on the ELF matches qemu-riscv32",    \
            "[programs][pipesim]") {                                             \
    check_pipesim_on_elf(#name);                                                 \
  }

#define PIPESIM_C_PROGRAM(name)                                              \
  PIPESIM_COMMON_TESTS(name)                                                 \
  TEST_CASE("program " #name ": every preset machine gives the same result", \
            "[programs][pipesim][machines]") {                               \
    if (kProgramsBuilt) check_pipesim_on_machines(#name, elf(#name));        \
  }

#define PIPESIM_ASM_SOURCE_TEST(name)                                               \
  TEST_CASE("program " #name ": pipesim run on the .s source matches qemu-riscv32", \
            "[programs][pipesim]") {                                                \
    check_pipesim(#name, source_dir(#name) / #name ".s");                           \
  }

#define PIPESIM_ASM_PROGRAM(name)                                            \
  PIPESIM_COMMON_TESTS(name)                                                 \
  PIPESIM_ASM_SOURCE_TEST(name)                                              \
  TEST_CASE("program " #name ": every preset machine gives the same result", \
            "[programs][pipesim][machines]") {                               \
    check_pipesim_on_machines(#name, source_dir(#name) / #name ".s");        \
  }

// Benchmarks (programs/bench) run tens of millions of instructions, so only on the functional
// model here; scripts/bench.sh requires every preset to give the same exit status.
#define PIPESIM_BENCH_C_PROGRAM(name) PIPESIM_COMMON_TESTS(name)
#define PIPESIM_BENCH_ASM_PROGRAM(name) \
  PIPESIM_COMMON_TESTS(name)            \
  PIPESIM_ASM_SOURCE_TEST(name)

PIPESIM_C_PROGRAM(crc32)
PIPESIM_C_PROGRAM(matmul)
PIPESIM_C_PROGRAM(modular)
PIPESIM_C_PROGRAM(quicksort)
PIPESIM_C_PROGRAM(recursion)
PIPESIM_C_PROGRAM(sieve)
PIPESIM_C_PROGRAM(strings)
PIPESIM_ASM_PROGRAM(array_sum)
PIPESIM_ASM_PROGRAM(bubble_sort)
PIPESIM_ASM_PROGRAM(factorial)
PIPESIM_ASM_PROGRAM(fibonacci)
PIPESIM_ASM_PROGRAM(hello)
PIPESIM_ASM_PROGRAM(muldiv)
PIPESIM_ASM_PROGRAM(pipeline_demo)
PIPESIM_ASM_PROGRAM(string_reverse)
PIPESIM_ASM_PROGRAM(counters)
// clang-format off
PIPESIM_ASM_PROGRAM(morning-routine)  // stringified as written
// clang-format on
PIPESIM_BENCH_ASM_PROGRAM(alu_loop)
PIPESIM_BENCH_ASM_PROGRAM(branchy)
PIPESIM_BENCH_ASM_PROGRAM(load_store)
PIPESIM_BENCH_ASM_PROGRAM(muldiv_loop)
PIPESIM_BENCH_C_PROGRAM(sort_crc)

// The helper itself, on ordinary host commands.
TEST_CASE("run_process captures stdout, stderr and the exit status separately", "[support]") {
  const RunResult r = run_process({"sh", "-c", "echo out; echo err >&2; exit 3"});
  CHECK(r.exit_code == 3);
  CHECK(r.out == "out\n");
  CHECK(r.err == "err\n");
  CHECK(r.describe() == "exit 3");
}

TEST_CASE("run_process feeds stdin and survives a child that does not read it", "[support]") {
  CHECK(run_process({"cat"}, "line 1\nline 2\n").out == "line 1\nline 2\n");
  const RunResult r = run_process({"true"}, std::string(1 << 20, 'x'));
  CHECK(r.describe() == "exit 0");
}

TEST_CASE("run_process reports time-outs, signals and commands that do not exist", "[support]") {
  using namespace std::chrono_literals;
  const RunResult slow = run_process({"sleep", "10"}, {}, 200ms);
  CHECK(slow.timed_out);
  CHECK_FALSE(slow.exited());
  CHECK(run_process({"sh", "-c", "kill -SEGV $$"}).signal == 11);
  const RunResult missing = run_process({"/nonexistent/command"});
  CHECK_FALSE(missing.failure.empty());
  CHECK(missing.describe().find("could not start") == 0);
}
