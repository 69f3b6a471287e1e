# Exercise structural_memory_port: one memory port shared by fetch and data accesses.
# Task: draw the diagram on 5-stage-unified-memory: in the cycle a load or store is in MEM it
# uses the port and the instruction fetch waits. How many cycles does each memory access cost?
# Compare with 5-stage (separate instruction and data memories).
# Exit status: 9.
    .text
    .globl _start
_start:
    li   t0, 4
    li   t1, 5
    sw   t0, -4(sp)         # MEM uses the port: fetch waits
    sw   t1, -8(sp)
    lw   a0, -4(sp)
    lw   a1, -8(sp)
    add  a0, a0, a1         # 9
    li   a7, 93
    ecall
