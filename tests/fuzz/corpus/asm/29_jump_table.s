# A jump table in read-only data: .word of labels, label differences.
    .globl _start
_start:
    li   t0, 2
    slli t0, t0, 2
    la   t1, table
    add  t1, t1, t0
    lw   t1, 0(t1)
    jr   t1
case0: li a0, 10
    j done
case1: li a0, 11
    j done
case2: li a0, 12
done:
    ebreak
    .section .rodata
    .balign 4
table: .word case0, case1, case2
offsets: .half case1 - case0, case2 - case0, done - _start
    .byte table - offsets + 100
