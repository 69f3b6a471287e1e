// `pipesim schedule` and comments (sim/classroom/scheduler.cpp): a comment on a moved line that
// names a stall the new order removed ("# load-use on a0") is rewritten so that it is not
// false; other comments are kept; and the comments schedule itself writes (the header, the
// "reordered" mark) are replaced, not repeated, when it runs on its own output.
#include <catch2/catch.hpp>

#include <string>

#include "sim/classroom/scheduler.hpp"
#include "sim/config/config_load.hpp"

using namespace pipesim;
using namespace pipesim::classroom;

namespace {

// programs/exercises/schedule_loads.s. On 5-stage each `add` uses the value its `lw` just loaded
// (load-use, 1 stall each: 11 instructions + 4 fill + 2 = 17 cycles). The schedule puts both
// loads before both adds (lw a0, lw a1, add a0, add a1: each add two slots after its load), so
// neither add stalls: 15 cycles. `add a0, a0, a1` did not stall before and keeps its comment.
const char* kLoads = R"(# two loads, each used at once
    .text
    .globl _start
_start:
    li   t0, 10
    sw   t0, -4(sp)
    li   t1, 20
    sw   t1, -8(sp)
    lw   a0, -4(sp)
    add  a0, a0, a0         # load-use on a0
    lw   a1, -8(sp)
    add  a1, a1, a1         # load-use on a1
    add  a0, a0, a1         # a0 = 20 + 40 = 60
    li   a7, 93
    ecall
)";

std::size_t count(const std::string& text, const std::string& part) {
  std::size_t n = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_CASE("schedule rewrites the stall comments its new order made false", "[schedule]") {
  const PipelineConfig config = load_config("5-stage");
  const ScheduleResult r = schedule_program(kLoads, "loads.s", config, 10000);
  CHECK(r.cycles_before == 17);
  CHECK(r.cycles_after == 15);
  CHECK(count(r.source, "# load-use on a") == 0);
  CHECK(count(r.source,
              "    add  a0, a0, a0         # no stall here since pipesim schedule (was: load-use "
              "on a0)\n") == 1);
  CHECK(count(r.source,
              "    add  a1, a1, a1         # no stall here since pipesim schedule (was: load-use "
              "on a1)\n") == 1);
  CHECK(count(r.source, "    add  a0, a0, a1         # a0 = 20 + 40 = 60\n") == 1);
  CHECK(count(r.source, "# two loads, each used at once\n") == 1);  // not about a stall

  // Scheduling the result again: nothing left to reorder, one header (with today's numbers),
  // the earlier run's "reordered" mark kept once.
  const ScheduleResult again = schedule_program(r.source, "loads.s", config, 10000);
  CHECK(again.reordered == 0);
  CHECK(count(again.source, "# Scheduled by pipesim schedule") == 1);
  CHECK(count(again.source,
              "# Scheduled by pipesim schedule for 5-stage: 15 cycles before, 15 "
              "after (0 of ") == 1);
  CHECK(count(again.source, "# reordered by pipesim schedule") == 1);
}

TEST_CASE("schedule leaves a stall comment alone when the stall remains", "[schedule]") {
  // One load used at once, and nothing independent to move between them: the block is not
  // reordered, so the comment (still true: 1 stall) is kept as written.
  const char* kOne = R"(
    .text
    .globl _start
_start:
    lw   a0, -4(sp)
    addi a0, a0, 1          # load-use on a0
    ebreak
)";
  const ScheduleResult r = schedule_program(kOne, "one.s", load_config("5-stage"), 10000);
  CHECK(count(r.source, "    addi a0, a0, 1          # load-use on a0\n") == 1);
}
