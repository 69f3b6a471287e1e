// One ecall rule everywhere (docs/model.md, "Control hazards"): ecall is a trap taken
// when it completes in the end stage, reading a7 and its arguments there, so it never waits for
// them in ID; a non-exit ecall flushes what is behind it. Each output that shows an ecall says
// so: the diagram legend, explain, the HTML tooltip, deps, and the sentence check feedback uses.
// Every expected count is derived by hand in the comments.
#include <catch2/catch.hpp>

#include <string>

#include "isa/assembler.hpp"
#include "sim/classroom/answer_key.hpp"
#include "sim/classroom/answer_parser.hpp"
#include "sim/classroom/deps.hpp"
#include "sim/classroom/deps_render.hpp"
#include "sim/classroom/explainer.hpp"
#include "sim/classroom/grader.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"
#include "sim/machine/host_io.hpp"
#include "sim/report/diagram.hpp"
#include "sim/report/hazard_events.hpp"
#include "sim/report/hazard_text.hpp"
#include "sim/report/html_view.hpp"

using namespace pipesim;
using namespace pipesim::classroom;

namespace {

// On 5-stage-no-forwarding (no forwarding, split-phase register file: ID reads a value in the
// cycle WB writes it):
//   li a0     IF1 ID2 EX3 MEM4 WB5
//   li a7         IF2 ID3 EX4 MEM5 WB6
//   ecall             IF3 ID4 EX5 MEM6 WB7     7 cycles = 3 instructions + 4 fill, no stall.
// A textbook derivation that reads a7 in ID holds ecall in ID until cycle 6 (the cycle li a7
// writes it back): 2 stall cycles, 9 cycles in all. pipesim's ecall reads a7 in WB (cycle 7).
const char* kExit = R"(
_start: li   a0, 5
        li   a7, 93
        ecall
)";

// A write (a7 = 64) then exit, on 5-stage. The write ecall is a trap: when it is in WB the
// four instructions behind it (in IF, ID, EX, MEM) are flushed and fetch restarts after it.
// Instructions: li, auipc+addi (la), li, li, ecall, li, li, ecall = 9; cycles = 9 + 4 fill + 4
// control bubbles (one per flushed slot) = 17.
const char* kWrite = R"(
        .data
msg:    .ascii "A\n"
        .text
_start: li   a0, 1
        la   a1, msg
        li   a2, 2
        li   a7, 64
        ecall
        li   a0, 0
        li   a7, 93
        ecall
)";

RecordedRun recorded(const char* source, const std::string& machine) {
  return record_run(load_config(machine), assemble(source, "ecall.s").program);
}

uint64_t seq_of_first(const RecordedRun& run, isa::Op op) {
  for (const InsnRecord& r : run.recorder.instructions())
    if (r.op == op && r.committed) return r.seq;
  FAIL("no committed instruction of that kind");
  return 0;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

}  // namespace

TEST_CASE("ecall: the model never stalls it for a7, and a textbook derivation would", "[ecall]") {
  const RecordedRun run = recorded(kExit, "5-stage-no-forwarding");
  CHECK(run.result.stats.cycles == 7);
  CHECK(run.result.stats.total_stall_cycles() == 0);
  const uint64_t ecall = seq_of_first(run, isa::Op::Ecall);
  const report::TextbookEcallStall t =
      report::textbook_ecall_stall(run.recorder, run.config, ecall);
  CHECK(t.cycles == 2);
  CHECK(isa::abi_name(t.reg) == "a7");
  REQUIRE(run.recorder.find(t.producer) != nullptr);
  CHECK(run.recorder.find(t.producer)->pc == 0x10004);  // li a7, 93

  const std::string s = report::ecall_no_stall_sentence(run.recorder, run.config, ecall,
                                                        report::code_namer(run.recorder));
  CHECK(s ==
        "no stall before `ecall` at 0x10008: a textbook pipeline would hold it 2 cycles in ID for "
        "a7 from `li a7, 93` at 0x10004, but " +
            report::ecall_rule_sentence(run.config));
  CHECK(contains(report::ecall_rule_sentence(run.config),
                 "ecall is a trap: it reads a7 and its arguments (a0, a1, a2) from the register "
                 "file when it completes in WB"));

  // With forwarding an ALU result reaches the next instruction's EX: no textbook stall either.
  const RecordedRun fwd = recorded(kExit, "5-stage");
  CHECK(report::textbook_ecall_stall(fwd.recorder, fwd.config, seq_of_first(fwd, isa::Op::Ecall))
            .cycles == 0);
  // A load right before: the value exists after MEM, one cycle after the ecall would need it
  // in EX. The textbook stall is 1 cycle (load-use on a0); the model still has none.
  const RecordedRun load = recorded(R"(
_start: li   a7, 93
        lw   a0, -4(sp)
        ecall
)",
                                    "5-stage");
  CHECK(load.result.stats.total_stall_cycles() == 0);
  const report::TextbookEcallStall lt =
      report::textbook_ecall_stall(load.recorder, load.config, seq_of_first(load, isa::Op::Ecall));
  CHECK(lt.cycles == 1);
  CHECK(isa::abi_name(lt.reg) == "a0");
}

TEST_CASE("ecall: a non-exit ecall flushes the 4 instructions behind it on 5-stage", "[ecall]") {
  const RecordedRun run = recorded(kWrite, "5-stage");
  CHECK(run.result.stats.instructions == 9);
  CHECK(run.result.stats.cycles == 17);
  const uint64_t ecall = seq_of_first(run, isa::Op::Ecall);
  int flushed = 0;
  for (const InsnRecord& r : run.recorder.instructions())
    flushed += !r.committed && r.flushed_by == ecall;
  CHECK(flushed == 4);

  // explain: the flush group says it is a trap.
  const Explanation e = explain_run(run);
  bool found = false;
  for (const CauseSection& s : e.sections)
    for (const HazardGroup& g : s.groups)
      if (g.flush && g.pc == 0x10014) {
        found = true;
        CHECK(g.squashed == 4);
        CHECK(contains(g.sentence,
                       "`ecall` at 0x10014 is a trap: when it completes in WB, "
                       "everything fetched behind it is squashed"));
      }
  CHECK(found);
}

TEST_CASE("ecall: the diagram legend explains it whenever an ecall row is shown", "[ecall]") {
  const std::string no_stall =
      "ecall: a trap; it reads a7, a0.. in WB, after older writes: no stall before it\n";
  const std::string flush =
      "ecall: a non-exit ecall flushes what was fetched behind it; fetch restarts after it\n";
  {
    const RecordedRun run = recorded(kExit, "5-stage-no-forwarding");
    const std::string d = report::render_diagram(run.recorder, run.config);
    CHECK(contains(d, no_stall));
    CHECK_FALSE(contains(d, flush));   // an exit ecall flushes nothing that is shown
    report::DiagramOptions first_two;  // cycles 1-2: the ecall is fetched in cycle 3
    first_two.to_cycle = 2;
    CHECK_FALSE(
        contains(report::render_diagram(run.recorder, run.config, nullptr, first_two), "ecall:"));
  }
  {
    const RecordedRun run = recorded(kWrite, "5-stage");
    const std::string d = report::render_diagram(run.recorder, run.config);
    CHECK(contains(d, no_stall));
    CHECK(contains(d, flush));
  }
  {
    const RecordedRun run = recorded("_start: li a0, 1\n ebreak\n", "5-stage");
    CHECK_FALSE(contains(report::render_diagram(run.recorder, run.config), "ecall:"));
  }
}

TEST_CASE("ecall: a pasted diagram with the ecall legend lines still scores 100", "[ecall]") {
  const RecordedRun run = recorded(kWrite, "5-stage");
  const AnswerKey key = make_answer_key(run);
  const report::HazardEvents events(run.recorder);
  const std::string pasted = report::render_diagram(run.recorder, run.config, &run.result.stats);
  REQUIRE(contains(pasted, "ecall: a non-exit"));
  CHECK(grade_answer(run, key, events, parse_answer(pasted, "mine.txt", key.words)).score == 100);
}

TEST_CASE("ecall: explain says why a textbook stall before ecall is not there", "[ecall]") {
  const RecordedRun run = recorded(kExit, "5-stage-no-forwarding");
  const Explanation e = explain_run(run);
  REQUIRE(e.ecall_notes.size() == 1);
  CHECK(contains(e.ecall_notes[0], "a textbook pipeline would hold it 2 cycles in ID for a7"));
  const std::string text = render_explanation("ecall.s", run, e);
  CHECK(contains(text, "\necall: no stall\n  no stall before `ecall` at 0x10008"));
  // On 5-stage forwarding covers li a7: nothing to explain.
  const RecordedRun fwd = recorded(kExit, "5-stage");
  CHECK(explain_run(fwd).ecall_notes.empty());
}

TEST_CASE("ecall: deps marks its register dependences as read at commit", "[ecall]") {
  const Program p = assemble(kExit, "ecall.s").program;
  const PipelineConfig config = load_config("5-stage-no-forwarding");
  const std::vector<BasicBlock> blocks = static_blocks(p, config);
  REQUIRE(blocks.size() == 1);
  // li a0 (0), li a7 (1), ecall (2): RAW a0 0->2 and RAW a7 1->2, both into the ecall.
  int into_ecall = 0;
  for (const Dependence& d : blocks[0].graph.deps) {
    CHECK(d.at_commit == (d.to == 2));
    into_ecall += d.to == 2 && d.kind == DepKind::Raw;
  }
  CHECK(into_ecall == 2);
  const DepsAnalysis a = analyse_deps(p, config, 10, 1000, 1000);
  CHECK(contains(deps_text("ecall.s", config, a),
                 "RAW i1 -> i2  a7  (ecall: at commit, never stalls)"));
  CHECK(deps_json("ecall.s", config, a)["blocks"][0]["dependences"][1]["at_commit"] == true);
  // The critical path still counts the values the ecall needs: li a7 (1) then ecall (1).
  CHECK(blocks[0].graph.critical_path == 2);
}

TEST_CASE("ecall: the HTML view's ecall row carries the rule for its tooltip", "[ecall]") {
  const PipelineConfig config = load_config("5-stage-no-forwarding");
  const Program program = assemble(kExit, "ecall.s").program;
  CapturedIo io;
  report::HtmlView view;
  TraceSink* sinks[] = {&view};
  const MachineResult r = run_machine(config, program, io, sinks, RunLimits{1000}, true);
  const nlohmann::json run = view.run_json(config, program, r, "summary", "");
  // Rows: li a0, li a7, ecall (the 4 fetched behind the exit ecall are hidden).
  REQUIRE(run["rows"].size() == 3);
  CHECK(run["rows"][0].size() == 7);  // an ordinary row has no ecall note
  REQUIRE(run["rows"][2].size() == 8);
  const std::string note = run["notes"][run["rows"][2][7].get<std::size_t>()];
  CHECK(contains(note, "no stall before `ecall` at 0x10008: a textbook pipeline would hold it"));
  CHECK(contains(note, "ecall is a trap"));
}

TEST_CASE("ecall: on Ripes' presets every output states the configured rule", "[ecall][ripes]") {
  // ripes-5s: the system call is done in EX, held there while MEM or WB holds a register
  // writer; no flush. kExit: li a0 IF1 ID2 EX3 MEM4 WB5, li a7 IF2 ID3 EX4 MEM5 WB6; ecall IF3
  // ID4 EX5 and held in EX in cycles 5 and 6 (li a7 in MEM, then WB): 2 raw cycles, which
  // explain shows as a stall; pipesim's "no stall before it" note does not apply.
  const RecordedRun run = recorded(kExit, "ripes-5s");
  const std::string d = report::render_diagram(run.recorder, run.config, &run.result.stats);
  CHECK(contains(d,
                 "ecall: system call in EX, held while a later stage holds a register writer "
                 "(raw)\necall: an exit ends the run in WB; no flush behind it\n"));
  CHECK_FALSE(contains(d, "no stall before it"));
  CHECK(run.result.stats.stall_cycles[static_cast<std::size_t>(StallCause::Raw)] == 2);
  CHECK(report::textbook_ecall_stall(run.recorder, run.config, seq_of_first(run, isa::Op::Ecall))
            .cycles == 0);
  CHECK(explain_run(run).ecall_notes.empty());
  // A pasted diagram with these legend lines is still an answer.
  const AnswerKey key = make_answer_key(run);
  const report::HazardEvents events(run.recorder);
  CHECK(grade_answer(run, key, events, parse_answer(d, "mine.txt", key.words)).score == 100);
  // deps: its register dependences are ordinary ones there (it reads them before commit).
  const Program p = assemble(kExit, "ecall.s").program;
  const std::vector<BasicBlock> blocks = static_blocks(p, run.config);
  REQUIRE(blocks.size() == 1);
  for (const Dependence& dep : blocks[0].graph.deps) CHECK_FALSE(dep.at_commit);
  CHECK_FALSE(contains(
      deps_text("ecall.s", run.config, analyse_deps(p, run.config, 10, 1000, 1000)), "at commit"));
  // ripes-5s-no-hz: in ID, without waiting.
  const RecordedRun nohz = recorded(kExit, "ripes-5s-no-hz");
  CHECK(contains(report::ecall_rule_sentence(nohz.config),
                 "ecall performs its system call in ID, without waiting: it reads a7 and its "
                 "arguments (a0, a1, a2) as the register file holds them then"));
  CHECK(
      contains(report::render_diagram(nohz.recorder, nohz.config),
               "ecall: system call in ID, no wait: it reads a7, a0.. before older writes land\n"));
}
