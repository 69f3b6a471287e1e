# .irp and .irpc repeat their body once per value with \param substituted; .rept, .irp and
# macros nest inside one another.
        .macro  clear regs:vararg
        .irp    r, \regs
        li      \r, 0
        .endr
        .endm
        .text
        .globl  _start
_start:
        .irp    reg, a0, a1, a2
        addi    \reg, \reg, 1
        .endr
        .irp    n 1 2 3
        addi    t0, t0, \n
        .endr
        .irp    empty
        addi    t1, t1, 7       # \empty is blank: the body once
        .endr
        .irpc   c, 1234
        addi    t2, t2, \c
        .endr
        clear   s0, s1, s2
        .rept   2
        .irp    r, a3, a4
        .rept   2
        addi    \r, \r, 1
        .endr
        .endr
        .endr
        .irp    k, 1, 2
1:      addi    a5, a5, \k
        beqz    a5, 1b
        .endr
        li      a7, 93
        ecall
        .data
        .irpc   ch, 789
        .byte   \ch
        .endr
        .balign 4
        .irp    w, 0x10, (2 * 3), 7 + 1
        .word   \w
        .endr
