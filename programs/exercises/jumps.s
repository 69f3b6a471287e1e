# Exercise jumps: a call and a return. Where is a jump's target known, and what does that cost?
# Task: draw the diagram on 5-stage (jal's target is known in ID, jalr's in EX) and on
# 5-stage-branch-in-id (both in ID).
# Exit status: 13.
    .text
    .globl _start
_start:
    li   a0, 1
    jal  ra, add_two        # call
    addi a0, a0, 10
    li   a7, 93
    ecall
add_two:
    addi a0, a0, 2
    ret                     # jalr zero, 0(ra)
