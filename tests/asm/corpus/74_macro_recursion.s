# A macro that invokes itself, stopped by a conditional: the usual way to unroll with gas.
        .macro  sum_to n
        .if \n
        addi    a0, a0, \n
        sum_to  "(\n-1)"
        .endif
        .endm
        .macro  table from, to
        .word   \from
        .if \to - \from
        table   "(\from+1)", \to
        .endif
        .endm
        .text
        .globl  _start
_start:
        sum_to  5
        li      a7, 93
        ecall
        .data
squares:
        table   3, 9
