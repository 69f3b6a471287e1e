# Included by 73_include.s: definitions, a macro, and a nested include.
        .equ    STEP, 4
        .macro  bump reg
        addi    \reg, \reg, STEP
        .endm
        .include "73_more.s"
