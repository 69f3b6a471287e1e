# Exercise dual_issue_pairs: which instructions issue together on a two-issue machine?
# Task: draw the diagram on 2-wide-any (two identical issue slots, any two consecutive
# instructions, one load or store per cycle) and say, cycle by cycle, which pairs issue
# together, and for each instruction that does not issue with the one ahead of it, why not.
    .text
    .globl _start
_start:
    li   t0, 6
    li   t1, 7
    add  t2, t0, t1
    sub  t3, t0, t1
    add  t4, t2, t3
    sw   t4, -4(sp)
    lw   a0, -4(sp)
    addi a0, a0, 1          # a0 = 12 + 1 = 13
    li   a7, 93
    ecall
