// The textbook's load-use program (tests/golden/textbook_test.cpp, "load-use costs one stall with
// forwarding", writes it out beside its hand-worked diagram), for the tests that check other views
// of the same run. On 5-stage (full forwarding): 5 instructions + 4 fill + 1 load_use stall = 10
// cycles.
//                          1   2   3   4   5   6   7   8   9   10
// 00010000  li a0, 7       IF  ID  EX  MEM WB
// 00010004  sw a0, -4(sp)      IF  ID  EX  MEM WB
// 00010008  lw a1, -4(sp)          IF  ID  EX  MEM WB
// 0001000c  add a2, a1, a1             IF  ID  S   EX  MEM WB
// 00010010  ebreak                         IF  S   ID  EX  MEM WB
#pragma once

namespace pipesim::test {

inline constexpr const char* kLoadUse =
    "addi a0, zero, 7\n"
    "sw   a0, -4(sp)\n"
    "lw   a1, -4(sp)\n"
    "add  a2, a1, a1\n"
    "ebreak\n";

}  // namespace pipesim::test
