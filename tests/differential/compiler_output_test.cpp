// Byte identity on real compiler output (issue 17): every C program of programs/c and
// programs/bench, compiled by riscv64-unknown-elf-gcc with each option set below, becomes ONE
// assembly file a user could give pipesim: gcc -S of a generated unity .c (the program, the
// runtime programs/lib/rt.c and programs/lib/int64.c for libgcc's 64-bit helpers), then
// programs/lib/crt0.S preprocessed, programs/lib/save_restore.s (-msave-restore's libgcc
// routines) and a label __global_pointer$ (which only a linker script gives otherwise).
// For each case:
//   1. GNU as -mno-relax + ld -T tests/asm/gnu.ld (the script pipesim's layout follows, so every
//      allocated section is compared) and pipesim's assembler must give the same bytes at the
//      same addresses, the same entry and the same symbols;
//   2. qemu-riscv32 on the GNU ELF and `pipesim run` on the .s must both end with the exit status
//      and stdout of the program's .expected (checked by hand when the program was written).
// Every case runs, and each one that fails is reported with its first reason. The cases run in
// parallel worker threads (they are processes mostly); Catch2 is only used on the main thread.
#include <catch2/catch.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "isa/assembler.hpp"
#include "isa/error.hpp"
#include "tests/support/elf_image.hpp"
#include "tests/support/files.hpp"
#include "tests/support/run_process.hpp"
#include "tests/support/temp_dir.hpp"

namespace fs = std::filesystem;
using pipesim::test::run_process;
using pipesim::test::RunResult;

namespace {

const fs::path kSource = PIPESIM_SOURCE_DIR;
const fs::path kLib = kSource / "programs" / "lib";
const std::string kQemu = PIPESIM_QEMU_RISCV32;
const std::string kGcc = "riscv64-unknown-elf-gcc";

// The option sets of issue 17. -ffunction-sections/-fdata-sections and -msave-restore are used
// with -O2, where they change the most code (at -O0 gcc saves few registers).
struct OptionSet {
  std::string name;  // as the report shows it
  std::vector<std::string> flags;
};
const std::vector<OptionSet> kOptionSets = {
    {"-O0", {"-O0"}},
    {"-O1", {"-O1"}},
    {"-O2", {"-O2"}},
    {"-O3", {"-O3"}},
    {"-Os", {"-Os"}},
    {"-g", {"-g"}},
    {"-O2 -ffunction-sections -fdata-sections", {"-O2", "-ffunction-sections", "-fdata-sections"}},
    {"-O2 -msave-restore", {"-O2", "-msave-restore"}},
};

struct Case {
  fs::path program;  // programs/<dir>/<name>.c
  const OptionSet* options;
  std::string name() const { return program.stem().string() + " " + options->name; }
};

struct Outcome {
  std::string failure;  // "" when the case passed
  double seconds = 0;
};

std::vector<fs::path> c_programs() {
  std::vector<fs::path> files;
  for (const char* dir : {"c", "bench"})
    for (const auto& e : fs::directory_iterator(kSource / "programs" / dir))
      if (e.path().extension() == ".c") files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

std::string slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

// The first few lines of a tool's complaint, for the report.
std::string head(const std::string& text) {
  std::string out;
  std::istringstream in(text);
  std::string line;
  for (int n = 0; n < 3 && std::getline(in, line); ++n) out += (n ? " | " : "") + line;
  return out;
}

std::string failed(const std::string& what, const RunResult& r) {
  return what + " failed (" + r.describe() + "): " + head(r.err.empty() ? r.out : r.err);
}

// What a run must print and end with: programs/<dir>/<name>.expected, first line the exit status.
std::string check_run(const std::string& who, const RunResult& r, const fs::path& expected) {
  const std::string want = slurp(expected);
  const std::size_t nl = want.find('\n');
  const std::string status = "exit " + want.substr(0, nl);
  if (r.describe() != status)
    return who + ": " + r.describe() + ", expected " + status + " (" + head(r.err) + ")";
  if (r.out != want.substr(nl + 1)) return who + ": stdout differs from " + expected.string();
  return "";
}

// Builds the single assembly file of a case in `dir`; returns "" or why it could not.
std::string write_single_file(const Case& c, const fs::path& dir, const std::string& crt0) {
  std::ofstream(dir / "unity.c") << "#include \"" << c.program.string() << "\"\n"
                                 << "#include \"" << (kLib / "rt.c").string() << "\"\n"
                                 << "#include \"" << (kLib / "int64.c").string() << "\"\n";
  std::vector<std::string> gcc = {kGcc,
                                  "-march=rv32im",
                                  "-mabi=ilp32",
                                  "-ffreestanding",
                                  "-nostdlib",
                                  "-fno-tree-loop-distribute-patterns",
                                  "-I" + kLib.string()};
  gcc.insert(gcc.end(), c.options->flags.begin(), c.options->flags.end());
  for (const std::string& a : {std::string("-S"), (dir / "unity.c").string(), std::string("-o"),
                               (dir / "unity.s").string()})
    gcc.push_back(a);
  const RunResult cc = run_process(gcc, {}, std::chrono::minutes(2));
  if (cc.describe() != "exit 0") return failed("gcc -S", cc);
  // gcc's output first: it sets the ELF attributes, which must come before any instruction.
  std::ofstream(dir / "single.s")
      << slurp(dir / "unity.s") << "\n# programs/lib/crt0.S, preprocessed\n"
      << crt0 << "\n# programs/lib/save_restore.s\n"
      << slurp(kLib / "save_restore.s")
      << "\n# No linker script defines it here; nothing is relaxed, so gp addresses nothing\n"
         "# (a label in .text: an empty .sdata would be dropped by ld, and its label with it).\n"
         "\t.text\n__global_pointer$:\n";
  return "";
}

Outcome run_case(const Case& c, const fs::path& dir, const std::string& crt0) {
  const auto start = std::chrono::steady_clock::now();
  Outcome o;
  auto finish = [&](std::string failure) {
    o.failure = std::move(failure);
    o.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return o;
  };
  fs::create_directories(dir);
  if (std::string why = write_single_file(c, dir, crt0); !why.empty()) return finish(why);
  const std::string s = (dir / "single.s").string(), obj = (dir / "single.o").string(),
                    elf = (dir / "single.elf").string();
  const RunResult as = run_process(
      {"riscv64-unknown-elf-as", "-march=rv32im", "-mabi=ilp32", "-mno-relax", s, "-o", obj});
  if (as.describe() != "exit 0") return finish(failed("GNU as", as));
  const RunResult ld =
      run_process({"riscv64-unknown-elf-ld", "-m", "elf32lriscv", "-T",
                   (kSource / "tests" / "asm" / "gnu.ld").string(), obj, "-o", elf});
  if (ld.describe() != "exit 0") return finish(failed("GNU ld", ld));
  const fs::path expected = fs::path(c.program).replace_extension(".expected");
  if (std::string why = check_run("qemu-riscv32", run_process({kQemu, elf}), expected);
      !why.empty())
    return finish(why);

  pipesim::AsmResult ours;
  try {
    ours = pipesim::assemble(slurp(s), "single.s");
  } catch (const pipesim::SourceError& e) {
    return finish("pipesim's assembler: " + head(pipesim::format_diagnostic(e)));
  }
  const std::string diff = pipesim::test::first_difference(pipesim::test::read_elf_image(elf),
                                                           pipesim::test::image_of(ours.program));
  if (!diff.empty()) return finish("not byte-identical: " + diff);
  return finish(check_run("pipesim run", run_process({PIPESIM_BINARY, "run", s}), expected));
}

}  // namespace

TEST_CASE("compiler output is byte-identical to GNU as + ld and runs as under qemu",
          "[gnu][compiler]") {
  REQUIRE(run_process({kGcc, "--version"}).describe() == "exit 0");
  REQUIRE_FALSE(kQemu.empty());  // cmake found no qemu-riscv32: scripts/deps.sh installs it
  pipesim::test::TempDir tmp("pipesim-cc");
  const RunResult cpp = run_process({kGcc, "-E", "-P", (kLib / "crt0.S").string()});
  REQUIRE(cpp.describe() == "exit 0");

  std::vector<Case> cases;
  for (const fs::path& p : c_programs())
    for (const OptionSet& o : kOptionSets) cases.push_back({p, &o});
  REQUIRE(cases.size() >= 8 * kOptionSets.size());

  std::vector<Outcome> outcomes(cases.size());
  std::atomic<std::size_t> next{0};
  auto worker = [&] {
    for (std::size_t i; (i = next++) < cases.size();)
      outcomes[i] = run_case(cases[i], tmp.path / std::to_string(i), cpp.out);
  };
  const unsigned n = std::clamp(std::thread::hardware_concurrency(), 2u, 8u);
  std::vector<std::thread> threads;
  for (unsigned t = 0; t < n; ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();

  std::size_t passed = 0;
  double slowest = 0;
  for (std::size_t i = 0; i < cases.size(); ++i) {
    slowest = std::max(slowest, outcomes[i].seconds);
    if (outcomes[i].failure.empty())
      ++passed;
    else
      FAIL_CHECK(cases[i].name() << ": " << outcomes[i].failure);
  }
  INFO(passed << " of " << cases.size() << " cases pass; slowest case " << slowest << " s");
  CHECK(passed == cases.size());
}
