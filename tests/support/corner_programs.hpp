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

}  // namespace pipesim::test
