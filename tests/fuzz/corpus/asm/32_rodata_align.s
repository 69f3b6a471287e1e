# .rodata after .text is aligned to the largest alignment inside it.
_start:
    nop
    .byte 1
    .section .rodata
    .byte 2
    .balign 32
big: .word 3
    .section .srodata, "a"
    .half 4
