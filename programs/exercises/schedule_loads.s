# Exercise schedule_loads: code scheduling removes load-use stalls.
# Task: draw the diagram on 5-stage and count the stalls; then reorder the instructions (same
# result, exit status 60) so that the run has no stall at all (15 cycles).
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
