// The two timing engines side by side: the cycle-level model (run_cycle_model) and the
// per-instruction timing model (run_timing_model) must report the same result, field by field.
// Used by timing_model_test.cpp (programs and presets) and engine_perturbation_test.cpp (every
// configuration key).
#pragma once

#include <catch2/catch.hpp>
#include <filesystem>
#include <initializer_list>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>

#include "isa/assembler.hpp"
#include "isa/program.hpp"
#include "sim/config/config.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/pipe/run_result.hpp"
#include "sim/pipe/timing_model.hpp"
#include "tests/support/files.hpp"

namespace pipesim::test {

// The benchmarks under programs/bench run for tens of millions of cycles; a few iterations
// exercise the same code.
inline std::string shrink_bench(const std::string& src) {
  std::istringstream in(src);
  std::string out, line;
  while (std::getline(in, line)) {
    for (const auto& [name, value] : {std::pair{"ITERATIONS,", "37"}, std::pair{"ROUNDS,", "2"}}) {
      const size_t at = line.find(name);
      if (line.find(".equ") == std::string::npos || at == std::string::npos) continue;
      size_t from = line.find_first_of("0123456789", at);
      size_t to = line.find_first_not_of("0123456789", from);
      line = line.substr(0, from) + value + line.substr(to);
    }
    out += line + "\n";
  }
  return out;
}

// Every assembly program in the folders `dirs` of programs/ (the benchmarks shrunk), assembled:
// visit(file name, program) for each, with the program's path in any failure. Returns how many.
template <class Visit>
int for_each_program(std::initializer_list<const char*> dirs, Visit&& visit) {
  namespace fs = std::filesystem;
  const fs::path root = fs::path(PIPESIM_SOURCE_DIR) / "programs";
  int count = 0;
  for (const char* dir : dirs) {
    for (const auto& e : fs::directory_iterator(root / dir)) {
      if (e.path().extension() != ".s") continue;
      INFO("program " << e.path().string());
      std::string src = read_file(e.path());
      if (std::string_view(dir) == "bench") src = shrink_bench(src);
      const std::string name = e.path().filename().string();
      visit(name, assemble(src, name).program);
      ++count;
    }
  }
  return count;
}

// Every reported number, field by field (a failure names the field).
inline void require_same(const MachineResult& fast, const MachineResult& slow,
                         const CapturedIo& fast_io, const CapturedIo& slow_io) {
  const PipelineStats& a = fast.stats;
  const PipelineStats& b = slow.stats;
  CHECK(a.cycles == b.cycles);
  CHECK(a.instructions == b.instructions);
  CHECK(a.fetched == b.fetched);
  CHECK(a.flushed == b.flushed);
  CHECK(a.fill_cycles == b.fill_cycles);
  CHECK(a.issue_width == b.issue_width);
  CHECK(a.halt_slots == b.halt_slots);
  CHECK(a.issue_reasons == b.issue_reasons);
  for (size_t i = 0; i < kNumStallCauses; ++i) {
    INFO("cause " << cause_name(static_cast<StallCause>(i)));
    CHECK(a.stall_cycles[i] == b.stall_cycles[i]);
    CHECK(a.stall_events[i] == b.stall_events[i]);
  }
  CHECK(a.forwards == b.forwards);
  CHECK(a.branches == b.branches);
  CHECK(a.taken_branches == b.taken_branches);
  CHECK(a.jumps == b.jumps);
  CHECK(a.mispredictions == b.mispredictions);
  CHECK(a.clock_period_ps == b.clock_period_ps);
  for (const auto& [x, y] : {std::pair{&a.icache, &b.icache}, std::pair{&a.dcache, &b.dcache}}) {
    INFO((x == &a.icache ? "icache" : "dcache"));
    CHECK(x->accesses == y->accesses);
    CHECK(x->hits == y->hits);
    CHECK(x->misses == y->misses);
    CHECK(x->evictions == y->evictions);
    CHECK(x->writebacks == y->writebacks);
  }
  CHECK(halt_name(fast.halt) == std::string(halt_name(slow.halt)));
  CHECK(fast.exit_code == slow.exit_code);
  CHECK(static_cast<int>(fast.fault.kind) == static_cast<int>(slow.fault.kind));
  CHECK(fast.fault.pc == slow.fault.pc);
  CHECK(fast.fault.word == slow.fault.word);
  CHECK(fast.fault.addr == slow.fault.addr);
  CHECK(fast.regs.x == slow.regs.x);
  CHECK(fast.pc == slow.pc);
  CHECK(fast.stopped == slow.stopped);
  CHECK_FALSE(fast.divergence.has_value());
  CHECK(fast_io.out == slow_io.out);
  CHECK(fast_io.err == slow_io.err);
}

// Runs `program` on both engines and requires the same result. `must_be_fast`: the timing model
// may not decline the run. Returns whether it ran it.
inline bool compare_engines(const Program& program, const PipelineConfig& config,
                            bool must_be_fast = true, RunLimits limits = {}) {
  INFO("config " << config.name);
  CapturedIo slow_io;
  const MachineResult slow = run_cycle_model(config, program, slow_io, {}, limits, false);
  CapturedIo fast_io;
  std::optional<MachineResult> fast = run_timing_model(config, program, fast_io, limits);
  if (must_be_fast) REQUIRE(fast.has_value());
  const bool ran = fast.has_value();
  if (!fast) {
    CHECK(fast_io.out.empty());  // declined before any output
    fast = run_machine(config, program, fast_io, {}, limits, false);
  }
  require_same(*fast, slow, fast_io, slow_io);
  // The accounting identity (docs/model.md "Accounting"): issue_width end-stage slots a cycle.
  const PipelineStats& s = slow.stats;
  if (config.kind == MachineKind::Pipelined)
    CHECK(s.issue_width * s.cycles ==
          s.instructions + s.fill_cycles + s.total_stall_cycles() + s.halt_slots);
  return ran;
}

}  // namespace pipesim::test
