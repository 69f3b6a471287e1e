# Alignment in code: nop padding after odd amounts of data, as gas does without relaxation.
# (.align 2 / .balign 4 without a fill value only record the alignment in code.)
_start:
    nop
    .align 3
    nop
    .byte 1
    .align 3
    nop
    .byte 1, 2
    .p2align 3
    addi a0, a0, 1
    .byte 1, 2, 3
    .balign 16
    nop
    .align 2
    nop
    .balign 4
    nop
    .byte 9
    .balign 4, 0
    nop
    .balign 8, 0xff
    .byte 7
    .balign 4, 0
    ebreak
    .align 4
    .section .text.more, "ax"
    nop
    .balign 32
    nop
    .byte 1
