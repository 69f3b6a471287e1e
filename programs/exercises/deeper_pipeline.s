# Exercise deeper_pipeline: 5 stages against 7 (fetch and memory split in two).
# Task: draw the diagram on 5-stage and on 7-stage. How long is the load-use stall, and how many
# instructions does a taken branch flush, on each? Which machine finishes first, in cycles and
# in nanoseconds (`pipesim compare deeper_pipeline.s --configs 5-stage,7-stage`)?
# Exit status: 4.
    .text
    .globl _start
_start:
    li   t0, 2              # iterations
    li   a0, 0
    sw   t0, -4(sp)         # memory[sp - 4] = 2
loop:
    lw   a1, -4(sp)
    add  a0, a0, a1         # load-use on a1
    addi t0, t0, -1
    bnez t0, loop           # taken once
    li   a7, 93
    ecall
