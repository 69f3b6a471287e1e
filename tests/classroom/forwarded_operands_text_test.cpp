// `forwarded_operands: alu` (docs/config.md): a branch's operands and a store's data do not pass
// through the forwarding paths, so they wait for the register file. explain must say so rather
// than "available after EX", which is true only of the forwarded operands.
#include <catch2/catch.hpp>

#include <string>

#include "isa/assembler.hpp"
#include "sim/classroom/explainer.hpp"
#include "sim/classroom/recorded_run.hpp"
#include "sim/config/config_load.hpp"

using namespace pipesim;
using namespace pipesim::classroom;

TEST_CASE("explain: operands forwarded_operands alu does not forward wait for the register file",
          "[explain][forwarding]") {
  // 5-stage (split-phase register file: ID reads in the cycle WB writes) with
  // forwarded_operands alu:
  //   li t0, 1        IF1 ID2 EX3 MEM4 WB5
  //   beqz t0, out    IF2 ID3 S4 S5 EX6        t0 read in ID in c5, when li t0 writes it: 2 raw
  //   li t1, 2        IF3 S4 S5 ID6 EX7 MEM8 WB9
  //   sw t1, -4(sp)   IF6 ID7 S8 S9 EX10       the store's data t1 likewise: 2 raw
  //   add t2, t1, t1  IF7 S8 S9 ID10 EX11      an ALU input: forwarded (long written anyway)
  //   ebreak          IF10 ID11 EX12 MEM13 WB14: 14 cycles = 6 + 4 fill + 4 raw.
  const RecordedRun run = record_run(load_config("5-stage", {"forwarded_operands=alu"}),
                                     assemble("_start: li t0, 1\n"
                                              "        beqz t0, out\n"
                                              "        li t1, 2\n"
                                              "        sw t1, -4(sp)\n"
                                              "        add t2, t1, t1\n"
                                              "out:    ebreak\n",
                                              "fo.s")
                                         .program);
  CHECK(run.result.stats.cycles == 14);
  const std::string text = render_explanation("fo.s", run, explain_run(run));
  INFO(text);
  const std::string via_regfile =
      "read by ID in the cycle WB writes it (an operand forwarded_operands alu does not forward: "
      "it goes through the register file, written in the first half of the cycle and read in the "
      "second)";
  CHECK_THAT(text, Catch::Contains("`beqz t0, 0x10014` at 0x10004 waits in ID: RAW on t0 from "
                                   "`li t0, 1` at 0x10000, " +
                                   via_regfile));
  CHECK_THAT(text, Catch::Contains("`sw t1, -4(sp)` at 0x1000c waits in ID: RAW on t1 from "
                                   "`li t1, 2` at 0x10008, " +
                                   via_regfile));
  CHECK_THAT(text, !Catch::Contains("available after EX"));
}
