# Exercise branch_policies: the cost of a taken branch under each branch policy.
# Task: draw the diagram on 5-stage (predict not-taken, decided in EX), count the flushed
# instructions; then predict the cycle counts on 5-stage-branch-in-id and 5-stage-2bit and
# check with `pipesim run branch_policies.s --config C`.
# Exit status: 10 (5 iterations of a0 += 2).
    .text
    .globl _start
_start:
    li   t0, 5              # iterations
    li   a0, 0
loop:
    addi a0, a0, 2
    addi t0, t0, -1
    bnez t0, loop           # taken 4 times, not taken once
    li   a7, 93
    ecall
