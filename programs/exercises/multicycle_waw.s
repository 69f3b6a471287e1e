# Exercise multicycle_waw: multi-cycle units, out-of-order completion and the WAW hazard.
# Task: draw the diagram on 5-stage-mul-div (a multiply takes 3 cycles, a divide 16; either
# holds EX) and on 5-stage-parallel-fu (separate units: younger instructions go on while the
# divider works). On the parallel machine, why must the `addi a0` wait although it does not
# read a0? Rename its destination register and count again.
# Exit status: 3.
    .text
    .globl _start
_start:
    li   t0, 40
    li   t1, 8
    div  a0, t0, t1         # a0 = 5, 16 cycles in the divider
    mul  a1, t1, t1         # a1 = 64, 3 cycles in the multiplier (independent)
    addi a0, t1, -5         # a0 = 3: writes a0 again (WAW with the div)
    li   a7, 93
    ecall
