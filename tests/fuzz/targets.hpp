// What each fuzz harness does with one input, shared by the libFuzzer harnesses
// (tests/fuzz/fuzz_*.cpp) and by tests/differential/fuzz_corpus_test.cpp, which replays every seed
// (tests/fuzz/corpus/ and what tests/fuzz/seeds.txt gathers) in the ordinary test suite: a crash
// the fuzzers found, saved in tests/fuzz/corpus/, stays a regression test. Each function returns
// normally for any input, or the input found a bug (an exception other than pipesim::Error escapes,
// or a sanitizer reports).
#pragma once

#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "isa/assembler.hpp"
#include "isa/disasm.hpp"
#include "isa/elf.hpp"
#include "isa/error.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"
#include "sim/iss/iss.hpp"
#include "sim/json/json_text.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/pipe/timing_model.hpp"
#include "sim/report/binary_trace.hpp"
#include "sim/report/chrome_trace.hpp"
#include "sim/report/hazard_events.hpp"
#include "sim/report/jsonl_trace.hpp"
#include "sim/report/konata_trace.hpp"
#include "sim/report/summary.hpp"
#include "tests/fuzz/word_program.hpp"

namespace pipesim::fuzz {

// Assembly source text: assembles (and disassembles, as `pipesim asm` would) or throws Error.
inline void asm_target(const uint8_t* data, std::size_t size) {
  const std::string_view source(reinterpret_cast<const char*>(data), size);
  try {
    const AsmResult r = assemble(source, "fuzz.s");
    (void)listing(r.program, DisasmStyle::Aliases);
  } catch (const Error&) {
  }
}

// ELF bytes: loads or throws Error; a file that loads runs 500 instructions on the functional
// model (guest memory must refuse segments it cannot hold).
inline void elf_target(const uint8_t* data, std::size_t size) {
  try {
    const Program program = load_elf(std::span(data, size), "fuzz.elf");
    CapturedIo io;
    Iss iss(program, io);
    iss.run(500);
  } catch (const Error&) {
  }
}

// A configuration: the input up to the first NUL byte is a JSON file (written to a scratch
// file, loaded as --config FILE would be); each NUL-separated piece after it is a --set. A
// configuration that loads must survive the JSON round trip (what --json records).
// The scratch file is made once, in $TMPDIR (scripts/fuzz.sh gives each harness its own and
// removes it, for a run that ends by a crash or time-out), and removed when the process exits.
struct ScratchFile {
  std::string path;
  ScratchFile() {
    const char* dir = std::getenv("TMPDIR");
    path = std::string(dir != nullptr && *dir != '\0' ? dir : "/tmp") +
           "/pipesim-fuzz-config-XXXXXX.json";
    const int fd = mkstemps(path.data(), 5);
    if (fd < 0) std::abort();
    ::close(fd);
  }
  ~ScratchFile() { ::unlink(path.c_str()); }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;
};
inline void config_target(const uint8_t* data, std::size_t size) {
  static const ScratchFile scratch;
  const std::string& path = scratch.path;
  const std::string input(reinterpret_cast<const char*>(data), size);
  const std::size_t nul = input.find('\0');
  std::vector<std::string> sets;
  for (std::size_t at = nul; at != std::string::npos && at < input.size();) {
    const std::size_t next = input.find('\0', at + 1);
    sets.push_back(input.substr(at + 1, next == std::string::npos ? next : next - at - 1));
    at = next;
  }
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) std::abort();
  std::fwrite(input.data(), 1, std::min(nul, input.size()), f);
  std::fclose(f);
  try {
    const PipelineConfig c = load_config(path, sets);
    (void)config_from_json(nlohmann::json::parse(json_text(config_to_json(c))), "round-trip");
  } catch (const Error&) {
  }
}

// Answer files of `pipesim check`: the first byte picks the machine (a preset); the rest is the
// answer. It parses or throws SourceError; an answer that parses is graded against the machine's
// run of a small program with a load-use stall, a division and a taken branch.
inline void answer_target(const uint8_t* data, std::size_t size) {
  struct Exercise {
    classroom::RecordedRun run;
    classroom::AnswerKey key;
    report::HazardEvents events;
    explicit Exercise(const PipelineConfig& config)
        : run(classroom::record_run(config, assemble(R"(
        .data
v:      .word 5
        .text
_start: li   a0, 7
        lw   a1, v
        add  a2, a1, a0
        div  a3, a0, a0
        beq  a3, a3, done
        addi a0, a0, 1
done:   li   a7, 93
        ecall
)",
                                                     "exercise.s")
                                                .program)),
          key(classroom::make_answer_key(run)),
          events(run.recorder) {}
  };
  static const std::vector<std::unique_ptr<const Exercise>> exercises = [] {
    std::vector<std::unique_ptr<const Exercise>> v;
    for (const PresetInfo& p : list_presets())
      v.push_back(std::make_unique<const Exercise>(load_config(p.name)));
    return v;
  }();
  if (size == 0) return;
  const Exercise& ex = *exercises[data[0] % exercises.size()];
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    const classroom::ParsedAnswer answer =
        classroom::parse_answer(text, "answer.txt", ex.key.words);
    (void)classroom::grade_answer(ex.run, ex.key, ex.events, answer);
  } catch (const SourceError&) {
  }
}

// Binary traces (`pipesim convert`): converted into every streaming text format, or refused with
// pipesim::Error.
inline void btrace_target(const uint8_t* data, std::size_t size) {
  try {
    report::StringSource in(std::string_view(reinterpret_cast<const char*>(data), size));
    report::BinaryTraceReader reader(in, "t.btrace");
    report::StringSink jsonl, konata, chrome;
    report::JsonlTraceWriter w_jsonl(jsonl, reader.program(), reader.config());
    report::KonataTraceWriter w_konata(konata, reader.config());
    report::ChromeTraceWriter w_chrome(chrome, reader.program(), reader.config());
    report::TraceWriter* writers[] = {&w_jsonl, &w_konata, &w_chrome};
    reader.replay(writers);
  } catch (const Error&) {
  }
}

// One whole run of run_target: checked against the functional model (throws std::logic_error
// on any disagreement), the accounting identity (issue_width end-stage slots a cycle,
// docs/model.md "Accounting"), and, where the per-instruction timing model supports the machine,
// the same run without --check (which takes that model, docs/timing-model.md) must report
// exactly the same.
inline void run_one(const PipelineConfig& config, const Program& program, uint64_t words) {
  CapturedIo io;
  RunLimits limits;
  limits.max_cycles = 200 + 40 * words;  // loops end here
  const MachineResult checked = run_machine(config, program, io, {}, limits, /*check=*/true);
  const PipelineStats& s = checked.stats;
  if (config.kind == MachineKind::Pipelined &&
      s.issue_width * s.cycles !=
          s.instructions + s.fill_cycles + s.total_stall_cycles() + s.halt_slots)
    throw std::logic_error("accounting identity fails on " + config.name + ": " +
                           json_text(report::stats_json(s)));
  if (!timing_model_supports(config)) return;
  const auto same = [&](const MachineResult& fast, const CapturedIo& fast_io,
                        const MachineResult& slow, const CapturedIo& slow_io) {
    if (report::stats_json(fast.stats) != report::stats_json(slow.stats) ||
        fast.halt != slow.halt || fast.exit_code != slow.exit_code ||
        fast.fault.kind != slow.fault.kind || fast.pc != slow.pc || fast.regs.x != slow.regs.x ||
        fast.stopped != slow.stopped || fast_io.out != slow_io.out || fast_io.err != slow_io.err)
      throw std::logic_error("timing model and cycle model disagree on " + config.name + ": " +
                             json_text(report::stats_json(fast.stats)) + " vs " +
                             json_text(report::stats_json(slow.stats)));
  };
  CapturedIo fast_io;
  same(run_machine(config, program, fast_io, {}, limits, false), fast_io, checked, io);
  // The same run cut by the cycle limit part-way (the timing model ends it there, or declines).
  RunLimits cut = limits;
  cut.max_cycles = checked.stats.cycles * (words % 7 + 1) / 8;
  CapturedIo cut_io, cut_fast_io;
  const MachineResult slow_cut = run_cycle_model(config, program, cut_io, {}, cut, false);
  same(run_machine(config, program, cut_fast_io, {}, cut, false), cut_fast_io, slow_cut, cut_io);
}

// The functional model's two ways of running, under both misaligned-access policies: run()
// (pre-decoded blocks, sim/iss/block_cache.hpp) must leave exactly the state that step() one
// instruction at a time does. Throws std::logic_error if not.
inline void iss_paths_agree(const Program& program, uint64_t max_instructions) {
  for (const Misaligned m : {Misaligned::Fault, Misaligned::Allow}) {
    CapturedIo run_io, step_io;
    Iss run(program, run_io, m), stepped(program, step_io, m);
    run.run(max_instructions);
    while (!stepped.halted() && stepped.instructions() < max_instructions) stepped.step();
    const Fault &a = run.fault(), &b = stepped.fault();
    if (run.instructions() != stepped.instructions() || run.state().pc != stepped.state().pc ||
        run.state().regs.x != stepped.state().regs.x || a.kind != b.kind || a.pc != b.pc ||
        a.word != b.word || a.addr != b.addr || run.exit_code() != stepped.exit_code() ||
        run_io.out != step_io.out || run_io.err != step_io.err ||
        (run.halt() != stepped.halt() && run.halt() != Halt::Limit))
      throw std::logic_error("the functional model's run() and step() disagree after " +
                             std::to_string(run.instructions()) + " instructions");
  }
}

// The --set overrides of a superscalar machine drawn from `seed`: issue_width 2 to 4 and every
// issue setting at random within its limits (docs/config.md "Issue"), the slots either all
// alike or each class in a random non-empty set of slots.
inline std::vector<std::string> superscalar_sets(uint64_t seed) {
  std::mt19937_64 rng(seed);
  const auto pick = [&rng](uint32_t lo, uint32_t hi) {  // lo..hi
    return lo + static_cast<uint32_t>(rng() % (hi - lo + 1));
  };
  const uint32_t w = pick(2, kMaxIssueWidth);
  std::vector<std::string> sets = {
      "issue_width=" + std::to_string(w),
      std::string("issue.alignment=") + (pick(0, 1) ? "aligned" : "any"),
      "issue.memory_per_cycle=" + std::to_string(pick(1, w)),
      "issue.branches_per_cycle=" + std::to_string(pick(1, w)),
      "issue.read_ports=" + std::to_string(pick(2, 2 * w)),
      "issue.write_ports=" + std::to_string(pick(1, w)),
      std::string("issue.cross_lane_forwarding=") + (pick(0, 1) ? "true" : "false")};
  if (pick(0, 1)) {
    std::vector<std::vector<std::string>> slots(w);
    for (const char* cls : {"alu", "mul", "div", "mem", "branch"}) {
      const uint32_t mask = pick(1, (1u << w) - 1);
      for (uint32_t q = 0; q < w; ++q)
        if (mask >> q & 1) slots[q].push_back(cls);
    }
    std::string list = "issue.slots=[";
    for (uint32_t q = 0; q < w; ++q) {
      if (slots[q].empty()) slots[q].push_back("alu");  // a slot accepts at least one class
      list += q ? ",[" : "[";
      for (std::size_t k = 0; k < slots[q].size(); ++k)
        list += (k ? ",\"" : "\"") + slots[q][k] + "\"";
      list += "]";
    }
    sets.push_back(list + "]");
  }
  return sets;
}

// Half the time, gives each forwarding path of the wide machine `c` random non-empty lane lists
// (docs/config.md "Forwarding", lanes), drawn from `seed`.
inline void draw_forward_lanes(PipelineConfig& c, uint64_t seed) {
  std::mt19937_64 rng(seed ^ 0x9e3779b97f4a7c15ull);
  if (rng() % 2) return;
  const uint32_t every = (1u << c.issue.width) - 1;
  for (ForwardPath& f : c.forwarding) {
    f.from_lanes = static_cast<uint8_t>(1 + rng() % every);
    f.to_lanes = static_cast<uint8_t>(1 + rng() % every);
  }
}

// Whole runs of programs nobody wrote (word_program.hpp) on every preset, and on one superscalar
// machine drawn from the input itself (a pipelined preset with blocking execute made wide by
// superscalar_sets, both picked by a hash of the input: every saved input stays a valid seed and
// replays the same machine), each as run_one does.
inline void run_target(const uint8_t* data, std::size_t size) {
  static const std::vector<PipelineConfig> machines = [] {
    std::vector<PipelineConfig> all;
    for (const PresetInfo& p : list_presets()) all.push_back(load_config(p.name));
    return all;
  }();
  static const std::vector<std::string> wide_bases = [] {
    std::vector<std::string> names;
    for (const PipelineConfig& c : machines)
      if (c.kind == MachineKind::Pipelined && c.execute == ExecuteMode::Blocking &&
          c.issue.width == 1)
        names.push_back(c.name);
    return names;
  }();
  if (size > 4 * 256) return;  // long programs add little but time
  const Program program = program_from_bytes(data, size);
  const uint64_t words = program.segments[0].bytes.size() / 4;
  iss_paths_agree(program, 200 + 40 * words);
  for (const PipelineConfig& config : machines) run_one(config, program, words);
  uint64_t hash = 14695981039346656037ull;  // FNV-1a
  for (std::size_t i = 0; i < size; ++i) hash = (hash ^ data[i]) * 1099511628211ull;
  PipelineConfig wide = load_config(wide_bases[hash % wide_bases.size()], superscalar_sets(hash));
  draw_forward_lanes(wide, hash);
  run_one(wide, program, words);
}

}  // namespace pipesim::fuzz
