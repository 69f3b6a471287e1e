// Superscalar machines against the functional model: hand-written corner cases (load-use chains,
// back-to-back branches and jumps, ecalls, every kind of fault) and random valid programs (the
// whole-run fuzzer's generator, tests/fuzz/word_program.hpp) on 2-wide, 2-wide-any and wide
// variants of other presets and of every issue setting, each run with --check (every commit
// compared with the functional model; a mismatch throws). A run that ends must end as the
// functional model does, and the accounting identity with issue_width end-stage slots a cycle
// holds on every run.
#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <vector>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/pipe/machine.hpp"
#include "tests/fuzz/word_program.hpp"
#include "tests/support/corner_programs.hpp"
#include "tests/support/wide_run.hpp"

using namespace pipesim;

namespace {

std::vector<PipelineConfig> wide_machines() {
  const std::vector<std::pair<std::string, std::vector<std::string>>> specs = {
      {"2-wide", {}},
      {"2-wide-any", {}},
      {"2-wide", {"issue.cross_lane_forwarding=false"}},
      {"2-wide-any", {"issue.read_ports=2", "issue.write_ports=1"}},
      {"2-wide-any", {"issue.cross_lane_forwarding=false", "issue.alignment=aligned"}},
      {"2-wide-any", {"issue.memory_per_cycle=2", "issue.branches_per_cycle=2"}},
      {"2-wide-any", {"branches.policy=2-bit"}},
      // Forwarding per lane: EX/MEM only from slot 1 into slot 0, MEM/WB only into slot 1, and
      // slot moves (younger_first_slot; only slot 0 takes loads and stores).
      {"2-wide-any",
       {R"(forwarding=[{"from":"EX","to":"EX","from_lanes":[1],"to_lanes":[0]},)"
        R"({"from":"MEM","to":"EX","to_lanes":[1]}])",
        R"(issue.slots=[["alu","mul","div","branch","mem"],["alu","mul","div","branch"]])",
        "issue.younger_first_slot=true"}},
      // The run ends (and counts) in MEM, before write-back: an ecall in the same group as the
      // older instruction that sets its arguments (once found looping forever).
      {"2-wide", {"end_stage=MEM"}},
      {"2-wide-any", {"end_stage=MEM"}},
      {"5-stage", {"issue_width=3"}},
      {"5-stage", {"issue_width=4", "issue.alignment=aligned", "issue.read_ports=5"}},
      {"7-stage", {"issue_width=2"}},
      {"7-stage", {"issue_width=2", "end_stage=MEM1"}},  // MEM2 between end stage and WB
      // Running off the code ends the run (Ripes' convention) with writes still before WB: the
      // final registers must hold them (checked at the end of every run).
      {"2-wide-any", {"end_stage=MEM", "program_end=drain"}},
      {"7-stage", {"issue_width=2", "end_stage=MEM1", "program_end=drain"}},
      {"7-stage", {"end_stage=MEM1", "program_end=drain"}},
      {"5-stage-no-forwarding", {"issue_width=2"}},
      {"5-stage-branch-in-id", {"issue_width=2"}},
      {"5-stage-mul-div", {"issue_width=2"}},
      {"5-stage-unified-memory", {"issue_width=2"}},
      {"5-stage-cache", {"issue_width=2"}},
  };
  std::vector<PipelineConfig> out;
  for (const auto& [preset, sets] : specs) out.push_back(load_config(preset, sets));
  return out;
}

// Runs `program` checked on `config`; a run that ends (not at the cycle limit) must end as the
// functional model does.
void check_run(const PipelineConfig& config, const Program& program, uint64_t max_cycles) {
  CapturedIo io;
  MachineResult r;
  REQUIRE_NOTHROW(r = run_machine(config, program, io, {}, RunLimits{max_cycles}, true));
  const PipelineStats& s = r.stats;
  CHECK(s.issue_width == config.issue.width);
  CHECK(test::identity_holds(s));
  if (r.halt == Halt::Limit) return;
  CapturedIo golden_io;
  Iss golden(program, golden_io);
  golden.run(1'000'000);
  // program_end drain: the run ends (exit 0) where the program runs off its code; the functional
  // model goes on and faults at the word after it.
  const bool drained = config.program_end == ProgramEnd::Drain && r.halt == Halt::Exit &&
                       golden.halt() == Halt::Fault &&
                       (golden.fault().kind == FaultKind::FetchAccess ||
                        golden.fault().kind == FaultKind::IllegalInstruction);
  CHECK((r.halt == golden.halt() || drained));
  CHECK(r.exit_code == (drained ? 0 : golden.exit_code()));
  CHECK(s.instructions == golden.instructions());
  CHECK(io.out == golden_io.out);
  for (unsigned reg = 0; reg < 32; ++reg) CHECK(r.regs[reg] == golden.state().regs[reg]);
}

const char* const kCornerCases[] = {
    R"(     la   t0, data
        lw   a0, 0(t0)
        addi a1, a0, 1
        lw   a2, 4(t0)
        lw   a3, 0(a2)
        add  a4, a3, a3
        sw   a4, 8(t0)
        lw   a5, 8(t0)
        beq  a5, a4, 1f
        addi a6, a6, 1
1:      mul  t1, a5, a4
        div  t2, t1, a0
        sw   t2, 12(t0)
        lw   t3, 12(t0)
        ebreak
        .data
data:   .word 5, data, 0, 0
)",
    test::kBackToBackControlProgram,
    test::kEcallLoopProgram,
    "li a0, 5\nlw a1, 0(zero)\naddi a0, a0, 1\nj .\n",
    "li a0, 5\nsw a0, 0(zero)\naddi a0, a0, 1\n",
    "li t0, 0x40000000\njalr zero, 0(t0)\nnop\n",
    "la t0, x\naddi t0, t0, 2\njalr zero, 0(t0)\nx: nop\n",
    "nop\n.word 0\nnop\n",
    "li a7, 1234\necall\nnop\n",
    "li a0, 1\nebreak\naddi a0, a0, 1\n",
    "nop\nnop\n",
    "li a0, 1\nli a1, 2\nli a2, 3\nli a3, 4\nadd a0, a0, a1\nadd a2, a2, a3\nadd a0, a0, a2\n"
    "ebreak\n",
};

}  // namespace

TEST_CASE("superscalar: corner cases on wide machines end as the functional model does",
          "[superscalar][differential]") {
  for (const PipelineConfig& config : wide_machines()) {
    for (const char* source : kCornerCases) {
      INFO("config " << config.name << " with issue_width " << config.issue.width << "\n"
                     << source);
      check_run(config, assemble(source, "corner.s").program, 100'000);
    }
  }
}

TEST_CASE("superscalar: random programs on wide machines, checked at every commit",
          "[superscalar][differential]") {
  const std::vector<PipelineConfig> machines = wide_machines();
  std::mt19937 rng(19);
  for (int n = 0; n < 30; ++n) {
    std::vector<uint8_t> bytes(4 * (8 + rng() % 56));
    for (uint8_t& b : bytes) b = static_cast<uint8_t>(rng());
    const Program program = fuzz::program_from_bytes(bytes.data(), bytes.size());
    const uint64_t words = bytes.size() / 4 + 1;
    for (const PipelineConfig& config : machines) {
      INFO("program " << n << ", config " << config.name << " with issue_width "
                      << config.issue.width);
      check_run(config, program, 200 + 40 * words);
    }
  }
}
