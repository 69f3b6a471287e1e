# Branches and jumps to absolute numbers: gas emits the jal/auipc with a relocation against
# *ABS*, and ld makes it pc-relative to that address. A conditional branch to a number is
# always 8 bytes (an inverted branch over a jal), as is one to an .equ constant.
    .globl _start
    .equ HANDLER, 0x1000
_start:
    beq  a0, a1, 0x100
    bnez a0, HANDLER
    blt  a0, a1, 0x10008
    jal  0x10000
    jal  t0, HANDLER + 4
    j    0x20
    call 0x100
    tail 0x200
    call t0, 0x300
    jump 0x400, t1
    ebreak
