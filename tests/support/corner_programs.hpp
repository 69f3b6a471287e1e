// Small programs that reach corners every engine must agree on, shared by the tests that compare
// engines with each other or with the functional model.
#pragma once

namespace pipesim::test {

// Guest output by ecall (write and putchar) in a loop, with a jump right behind an ecall (the
// path fetched behind a trap is flushed), then an exit ecall.
inline constexpr const char* kEcallLoopProgram = R"(
        li   s0, 3
again:  li   a7, 64
        li   a0, 1
        la   a1, msg
        li   a2, 3
        ecall
        j    next
next:   addi s0, s0, -1
        li   a7, 11
        li   a0, 'x'
        ecall
        bnez s0, again
        li   a7, 93
        li   a0, 7
        ecall
        .data
msg:    .ascii "hi\n"
)";

// Taken branches, jal and jalr back to back: each redirects while the one before it is still
// being resolved.
inline constexpr const char* kBackToBackControlProgram = R"(
        li   t0, 20
loop:   beq  zero, zero, a
a:      bne  t0, zero, b
b:      j    c
c:      jal  ra, f
        addi t0, t0, -1
        bnez t0, loop
        li   a7, 93
        mv   a0, t1
        ecall
f:      addi t1, t1, 3
        jalr zero, 0(ra)
)";

// A loop that has run twice when a store overwrites its first instruction and fetch jumps back to
// it: a decoded copy kept from before (a block, a handle) must be made again. Exits with
// 2 + 200 in a0 (4 with a stale copy).
inline constexpr const char* kStoreOverRunCode = R"(
        li    s1, 2
loop:   addi  a0, a0, 1        # replaced after the first round by the word at `new`
        addi  s1, s1, -1
        bnez  s1, loop
        bnez  s2, done         # after the second round
        li    s2, 1
        li    s1, 2
        la    s0, loop
        lw    t1, 44(s0)       # the word at `new`
        sw    t1, 0(s0)
        j     loop
new:    addi  a0, a0, 100
done:   li    a7, 93
        ecall
)";

}  // namespace pipesim::test
