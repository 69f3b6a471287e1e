// The lean JSONL trace (pipesim.trace/3, docs/trace-format.md "The lean JSONL schema") carries
// everything the full records do: a small reader written from the docs' rules (expand(), here,
// independent of the writer) rebuilds each full record from the lean lines and the header, and
// it must equal the full writer's record, key order included, for every program under programs/
// on machines of every kind (scalar, superscalar, no interlocks, multi-cycle, parallel units,
// caches), for runs that stop at --max-cycles and runs that fault.
#include <catch2/catch.hpp>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/machine.hpp"
#include "sim/report/jsonl_trace.hpp"
#include "tests/support/engine_compare.hpp"
#include "tests/support/sanitizers.hpp"

using namespace pipesim;
using ojson = nlohmann::ordered_json;

namespace {

std::vector<ojson> lines_of(const std::string& text) {
  std::vector<ojson> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(ojson::parse(line));
  return lines;
}

ojson or_default(const ojson& j, const char* key, ojson fallback) {
  return j.contains(key) ? j[key] : fallback;
}

// The lean stream read back as the full records, following the rules of docs/trace-format.md.
class Expander {
 public:
  // One full record per lean line but "code" lines (which it remembers), or null for those.
  ojson expand(const ojson& lean) {
    const std::string type = lean["type"];
    if (type == "header") return header(lean);
    if (type == "code") {
      code_[lean["pc"].get<uint64_t>()] = lean;
      return nullptr;
    }
    if (type == "cycle") return cycle(lean);
    if (type == "insn") return instruction(lean);
    return lean;  // the summary, as it is
  }

 private:
  ojson header(const ojson& lean) {
    head_ = lean;
    ojson full = lean;
    width_ = lean.value("issue_width", 1u);
    full["schema"] = width_ > 1 ? "pipesim.trace/2" : "pipesim.trace/1";
    return full;
  }

  ojson cycle(const ojson& lean) {
    const ojson& names = head_["stages"];
    ojson full;
    full["type"] = "cycle";
    full["cycle"] = lean["cycle"];
    full["stages"] = ojson::object();
    for (std::size_t i = 0; i < names.size(); ++i)
      full["stages"][names[i].get<std::string>()] = lean["stages"][i];
    full["held"] = or_default(lean, "held", ojson::array());
    if (!head_["lanes"].empty()) {
      full["lanes"] = ojson::object();
      for (std::size_t l = 0; l < head_["lanes"].size(); ++l)
        full["lanes"][head_["lanes"][l].get<std::string>()] = lean["lanes"][l];
    }
    full["forwards"] = or_default(lean, "forwards", ojson::array());
    ojson events = ojson::array();
    for (const ojson& seq : or_default(lean, "commit", ojson::array()))
      events.push_back({{"kind", "commit"}, {"stage", names.back()}, {"seq", seq}});
    for (const ojson& e : or_default(lean, "events", ojson::array())) events.push_back(e);
    full["events"] = events;
    return full;
  }

  ojson instruction(const ojson& lean) {
    const ojson& names = head_["stages"];
    const ojson& units = head_["units"];
    const uint64_t pc = lean["pc"];
    REQUIRE(code_.count(pc) == 1);  // its code line came first
    std::vector<uint64_t> enter(names.size()), busy(names.size(), 1);
    for (std::size_t i = 0; i < names.size(); ++i)
      enter[i] = lean["enter"].is_array() ? lean["enter"][i].get<uint64_t>()
                                          : lean["enter"].get<uint64_t>() + i;
    if (lean.contains("busy"))
      for (std::size_t i = 0; i < names.size(); ++i) busy[i] = lean["busy"][i];
    ojson full;
    full["type"] = "instruction";
    full["seq"] = lean["seq"];
    full["pc"] = pc;
    full["word"] = code_[pc]["word"];
    full["disasm"] = code_[pc]["disasm"];
    full["enter"] = ojson::object();
    full["busy"] = ojson::object();
    uint64_t last_working = 0;
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (enter[i] == 0) continue;
      full["enter"][names[i].get<std::string>()] = enter[i];
      full["busy"][names[i].get<std::string>()] = busy[i];
      last_working = enter[i] + busy[i] - 1;
    }
    full["stalls"] = or_default(lean, "stalls", ojson::array());
    full["retired"] = or_default(lean, "retired", true);
    full["flushed_by"] = or_default(lean, "flushed_by", nullptr);
    full["unit"] = units.empty() ? ojson(nullptr) : or_default(lean, "unit", units[0]);
    if (!full["unit"].is_null()) full["unit_instance"] = or_default(lean, "unit_instance", 0);
    full["last_cycle"] = or_default(lean, "last_cycle", last_working);
    if (width_ > 1) full["lane"] = or_default(lean, "lane", 0);
    return full;
  }

  ojson head_;
  unsigned width_ = 1;
  std::map<uint64_t, ojson> code_;
};

struct Streams {
  std::string lean, full;
};

Streams traced(const PipelineConfig& c, const Program& p, uint64_t max_cycles) {
  report::StringSink lean, full;
  report::JsonlTraceWriter w_lean(lean, "t.s", c, report::JsonlSchema::Lean);
  report::JsonlTraceWriter w_full(full, "t.s", c, report::JsonlSchema::Full);
  TraceSink* sinks[] = {&w_lean, &w_full};
  CapturedIo io;
  const MachineResult r = run_machine(c, p, io, sinks, RunLimits{max_cycles}, false);
  w_lean.finish(r);
  w_full.finish(r);
  return {std::move(lean.text), std::move(full.text)};
}

// Every full record equals its expansion from the lean lines, in the same order. Returns the
// two streams' sizes.
std::pair<std::size_t, std::size_t> require_expands(const PipelineConfig& c, const Program& p,
                                                    uint64_t max_cycles = 200000) {
  INFO("machine " << c.name);
  const Streams s = traced(c, p, max_cycles);
  const std::vector<ojson> lean = lines_of(s.lean), full = lines_of(s.full);
  REQUIRE(lean.front()["schema"] == "pipesim.trace/3");
  Expander expander;
  std::size_t next = 0;
  for (const ojson& line : lean) {
    const ojson expanded = expander.expand(line);
    if (expanded.is_null()) continue;
    REQUIRE(next < full.size());
    INFO("lean line " << line.dump());
    REQUIRE(expanded.dump() == full[next].dump());
    ++next;
  }
  REQUIRE(next == full.size());
  return {s.lean.size(), s.full.size()};
}

const char* const kMachines[] = {"5-stage",
                                 "5-stage-no-interlocks",
                                 "ripes-5s-no-fw-hz",
                                 "5-stage-2bit",
                                 "5-stage-mul-div",
                                 "5-stage-two-dividers",
                                 "5-stage-cache",
                                 "multi-cycle",
                                 "single-cycle",
                                 "ripes-multi-cycle",
                                 "2-wide",
                                 "ripes-6s-dual",
                                 "7-stage",
                                 "qtrvsim",
                                 "5-stage-unified-memory"};

}  // namespace

TEST_CASE("lean trace: expands to the full records, every program and machine", "[lean_trace]") {
  std::vector<PipelineConfig> machines;
  for (const char* name : kMachines) machines.push_back(load_config(name));
  // 20,000 cycles of each: the benchmarks loop long after that (200,000 took 14 minutes under
  // the sanitizers, every line parsed twice). Under the sanitizers, where this test code is not
  // optimised, 2,000: every kind of line still occurs (at 20,000 the test took 7.7 minutes of
  // CI's 45 there), and what they look for is the writers' memory use, not the records' rules.
  const uint64_t cycles = test::kUnderAddressSanitizer ? 2000 : 20000;
  const int programs = test::for_each_program({"examples", "exercises", "bench", "tasks"},
                                              [&](const std::string&, const Program& p) {
                                                for (const PipelineConfig& c : machines)
                                                  require_expands(c, p, cycles);
                                              });
  CHECK(programs >= 28);
}

TEST_CASE("lean trace: a run cut at --max-cycles and a run that faults", "[lean_trace]") {
  const Program loop = assemble("loop: addi t0, t0, 1\n j loop\n", "t.s").program;
  // An illegal instruction (word 0) after a multiply and a load: a guest fault.
  const Program fault =
      assemble("li t0, 3\n mul t1, t0, t0\n lw a0, 0(sp)\n addi a0, a0, 1\n .word 0\n ebreak\n",
               "t.s")
          .program;
  for (const char* name : kMachines) {
    const PipelineConfig c = load_config(name);
    require_expands(c, loop, 57);
    require_expands(c, fault);
    CapturedIo io;
    CHECK(run_machine(c, fault, io, {}, RunLimits{1000}, false).halt == Halt::Fault);
  }
}

TEST_CASE("lean trace: a changed word at a pc gets a new code line", "[lean_trace]") {
  // The program rewrites its own second instruction (addi a0, a0, 1 -> addi a0, a0, 2) and runs it
  // again: its instruction records must name the new word and disassembly.
  const Program p = assemble(
                        "  la t0, patch\n"
                        "  lw t1, 0(t0)\n"
                        "  li t2, 0x00100000\n"  // imm 1 -> 2: + (1 << 20)
                        "  li a1, 0\n"
                        "again:\n"
                        "patch: addi a0, a0, 1\n"
                        "  bnez a1, done\n"
                        "  add t1, t1, t2\n"
                        "  sw t1, 0(t0)\n"
                        "  fence.i\n"
                        "  li a1, 1\n"
                        "  j again\n"
                        "done: ebreak\n",
                        "t.s")
                        .program;
  const PipelineConfig c = load_config("5-stage");
  require_expands(c, p);
  const std::string lean = traced(c, p, 10000).lean;
  CHECK(lean.find("\"disasm\":\"addi a0, a0, 1\"") != std::string::npos);
  CHECK(lean.find("\"disasm\":\"addi a0, a0, 2\"") != std::string::npos);
}
