# Alignment padding moves with the branches before it: a branch that grows by 4 bytes can
# swallow or add padding, which moves the labels after it. .balign with a maximum skip pads
# only when the padding is small enough, decided again as branches grow.
    .globl _start
_start:
    beq  a0, a1, far1
    .balign 16
l16:
    nop
    .p2align 3
    bne  a0, a1, l16
    .balign 32, , 8
    nop
    .space 4040
    .balign 64
    nop
    .fill 3, 4, 0x13
far1:
    nop
    blt  a0, a1, _start
    .balign 8, 0
    ebreak
    .data
    .balign 8
word: .word 1
