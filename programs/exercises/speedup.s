# Exercise speedup: sequential against pipelined execution, in cycles and in time.
# Task: count the cycles of this program on single-cycle, multi-cycle and 5-stage by hand, and
# the time each takes (clock periods: `pipesim configs`). What is the speedup of the pipeline
# over each? Check with `pipesim compare speedup.s --configs single-cycle,multi-cycle,5-stage`.
# Exit status: 13.
    .text
    .globl _start
_start:
    li   t0, 6
    sw   t0, -4(sp)
    lw   a0, -4(sp)
    addi a0, a0, 1          # load-use
    add  a0, a0, t0         # a0 = 7 + 6
    li   a7, 93
    ecall
