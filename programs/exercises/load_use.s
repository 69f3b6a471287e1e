# Exercise load_use: the load-use hazard, the one forwarding cannot remove.
# Task: draw the diagram on 5-stage. Which instruction stalls, for how long, and why does the
# second load not cause a stall?
# Exit status: 15.
    .text
    .globl _start
_start:
    li   t0, 7
    sw   t0, -4(sp)         # memory[sp - 4] = 7
    lw   a0, -4(sp)         # a0 = 7
    addi a0, a0, 1          # a0 = 8      uses a0 right after the load: load-use
    lw   a1, -4(sp)         # a1 = 7
    li   a2, 2              # independent work between the load and its use
    add  a0, a0, a1         # a0 = 15     uses a1 two instructions after the load
    li   a7, 93
    ecall
