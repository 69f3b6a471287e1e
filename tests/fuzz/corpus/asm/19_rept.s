# .rept/.endr, nested, with numeric labels inside.
_start:
    .rept 3
    addi a0, a0, 1
    .endr
    .rept 2
    .rept 2
    nop
    .endr
    addi a1, a1, 1
    .endr
    .rept 0
    ebreak
    .endr
    .rept 2
1:  addi a2, a2, 1
    bnez a2, 1b
    .endr
    ebreak
    .data
    .rept 4
    .byte 0x5a
    .endr
