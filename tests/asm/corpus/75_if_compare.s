# Comparison and logical operators, as .if conditions and as data: gas ranks them
# || < && < comparisons < + - < & | ^ < * / % << >>; a comparison is -1 when true, 0 when false
# (signed), && and || are 1 or 0.
        .equ    N, 3
        .text
        .globl  _start
_start:
.if N == 3 && N != 4
        addi    a0, zero, 1
.endif
.if N < 2 || N >= 3
        addi    a0, a0, 2
.endif
.if N <> 3
        addi    a0, a0, 4
.elseif N > 2 && N <= 3
        addi    a0, a0, 8
.endif
        .macro  clamp reg, v
        .if \v > 100
        li      \reg, 100
        .elseif \v < -100
        li      \reg, -100
        .else
        li      \reg, \v
        .endif
        .endm
        clamp   a1, 500
        clamp   a2, -7
        clamp   a3, -1000
        li      a7, 93
        ecall
        .data
        .word   1 == 1, 1 < 2, 2 < 1, 1 && 2, 0 || 0, 1 + 2 == 3, 1 | 2 == 3
        .word   3 == 3 - 1, 1 || 0 && 0, -1 < 0, 2 >= 2, 2 <= 1, (N > 1) + 5
