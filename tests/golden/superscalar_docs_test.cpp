// The superscalar examples of the documentation, derived by hand and held against the model:
// docs/model.md "Superscalar issue" (the worked example on 2-wide and 2-wide-any) and README's
// morning routine (5-stage, 2-wide, 2-wide-any). Counts only: cycles, fill, issue stall cycles by
// reason and halt slots, with the identity W x cycles = instructions + fill + stalls + halt_slots.
//
// Rules used (docs/model.md): 5 stages, full forwarding; fill is W per cycle for the 4 cycles
// before the first instructions reach WB; issue in ID, in program order, each instruction into
// the first free slot accepting its class; a held instruction holds every younger one; the
// pairing rules in priority dependent, slot_class, ...; on an aligned machine (2-wide) packets
// are the 8-byte blocks and never merge, so the partner of an instruction left behind is an
// `alignment` bubble; ecall is class alu; the run ends with the exit ecall in WB.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <string>

#include "isa/assembler.hpp"
#include "sim/config/config_load.hpp"
#include "sim/pipe/machine.hpp"

using namespace pipesim;

namespace {

struct Expected {
  uint64_t cycles, instructions, fill, dependent, slot_class, alignment, halt_slots;
};

void check_run(const std::string& preset, const std::string& source, const Expected& e) {
  INFO(preset);
  const PipelineConfig config = load_config(preset, {});
  const Program program = assemble(source, "superscalar_docs.s").program;
  CapturedIo io;
  const MachineResult r = run_machine(config, program, io, {}, RunLimits{10000}, /*check=*/true);
  const PipelineStats& st = r.stats;
  auto reason = [&](IssueReason x) { return st.issue_reasons[static_cast<std::size_t>(x)]; };
  CHECK(r.halt == Halt::Exit);
  CHECK(st.cycles == e.cycles);
  CHECK(st.instructions == e.instructions);
  CHECK(st.fill_cycles == e.fill);
  CHECK(reason(IssueReason::Dependent) == e.dependent);
  CHECK(reason(IssueReason::SlotClass) == e.slot_class);
  CHECK(reason(IssueReason::Alignment) == e.alignment);
  CHECK(st.stall_cycles[static_cast<std::size_t>(StallCause::Issue)] ==
        e.dependent + e.slot_class + e.alignment);
  CHECK(st.total_stall_cycles() == e.dependent + e.slot_class + e.alignment);
  CHECK(st.halt_slots == e.halt_slots);
  CHECK(st.issue_width * st.cycles ==
        st.instructions + st.fill_cycles + st.total_stall_cycles() + st.halt_slots);
}

// docs/model.md's worked example: A..H at 0x10000..0x1001c.
const char* const kWorkedExample =
    "_start:\n"
    "    addi t0, zero, 5\n"  // A
    "    lw   t1, -4(sp)\n"   // B
    "    add  t2, t0, t0\n"   // C
    "    add  t3, t2, t0\n"   // D: reads t2 from C
    "    lw   t4, -4(sp)\n"   // E
    "    lw   t5, -8(sp)\n"   // F
    "    li   a7, 93\n"       // G
    "    ecall\n";            // H

std::string morning_routine() {
  std::ifstream in(std::string(PIPESIM_SOURCE_DIR) + "/programs/examples/morning-routine.s");
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace

TEST_CASE("superscalar docs: the worked example of model.md on 2-wide", "[superscalar][docs]") {
  // Packets (A,B) (C,D) (E,F) (G,H). Issue cycles: 2 A+B (slots 0 and 1); 3 C, D held
  // `dependent` (t2); 4 D alone, partner `alignment` (packet 3 cannot merge); 5 E in slot 1, F
  // held `slot_class` (slot 0 takes no loads); 6 F alone (`alignment`); 7 G, H (alu) held
  // `slot_class`; 8 H alone (`alignment`). H: EX 9, MEM 10, WB 11. 2 x 11 = 22 = 8 + 8 + 6.
  check_run("2-wide", kWorkedExample, {11, 8, 8, 1, 2, 3, 0});
}

TEST_CASE("superscalar docs: the worked example of model.md on 2-wide-any", "[superscalar][docs]") {
  // Issue cycles: 2 A+B; 3 C, D held `dependent`; 4 D+E (E merged into ID beside D; F stays in
  // IF, no slot lost); 5 F+G (one memory access); 6 H beside the word fetched after it, which
  // reaches WB with H in cycle 9 and never commits (a halt slot). 2 x 9 = 18 = 8 + 8 + 1 + 1.
  check_run("2-wide-any", kWorkedExample, {9, 8, 8, 1, 0, 0, 1});
}

TEST_CASE("superscalar docs: README's morning routine", "[superscalar][docs]") {
  const std::string source = morning_routine();
  REQUIRE(!source.empty());
  // 21 instructions, 1-cycle divider, no hazard that forwarding does not cover: 21 + 4.
  {
    INFO("5-stage");
    const PipelineConfig config = load_config("5-stage", {});
    CapturedIo io;
    const MachineResult r = run_machine(config, assemble(source, "m.s").program, io, {},
                                        RunLimits{10000}, /*check=*/true);
    CHECK(r.stats.cycles == 25);
  }
  // 2-wide: every instruction needs slot 0 (no loads or stores), so each aligned packet of two
  // takes two issue cycles: 10 packets (cycles 2..21) and the ecall's packet (cycle 22, WB 25).
  // Per packet one slot is lost to the held second instruction and one to `alignment`; the held
  // one is `dependent` in the packets (add a0,t4,s4; add a0,a0,t1), (add a0,a0,t2; add a0,a0,t3),
  // (add a0,a0,s1; add a0,a0,s2), `slot_class` in the 7 others and beside the ecall (the word
  // after it): 3 dependent, 8 slot_class, 10 alignment. 2 x 25 = 50 = 21 + 8 + 21.
  check_run("2-wide", source, {25, 21, 8, 3, 8, 10, 0});
  // 2-wide-any: pairs issue in cycles 2..7 (li/li, divu/divu, 3 x brushing, addi t4/addi s4).
  // `leave`'s 7 adds form a chain: cycle 8 add a0,t4,s4 issues and the next add is held
  // `dependent`, and so on to cycle 13 (6 `dependent` slots); 14 add a0,a0,s3 + li a7; 15 the
  // ecall beside the word after it (a halt slot). The ecall is in WB in cycle 18.
  // 2 x 18 = 36 = 21 + 8 + 6 + 1.
  check_run("2-wide-any", source, {18, 21, 8, 6, 0, 0, 1});
}
