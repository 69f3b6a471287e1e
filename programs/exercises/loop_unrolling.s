# Exercise loop_unrolling: fewer branches, fewer flushes.
# Task: count this program's cycles on 5-stage by hand (how many instructions are flushed?),
# then unroll the loop twice (two additions per iteration, half the iterations) and count again.
# Exit status: 12 (4 iterations of a0 += 3).
    .text
    .globl _start
_start:
    li   t0, 4              # iterations
    li   a0, 0
loop:
    addi a0, a0, 3
    addi t0, t0, -1
    bnez t0, loop           # taken 3 times
    li   a7, 93
    ecall
