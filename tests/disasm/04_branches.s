# Branch and jump targets: backwards, forwards, far, between labels (<sym+0x..>), before the
# first symbol (<sym-0x..>), and to the instruction itself.
    .globl _start
_start:
    j       _start
    beq     a0, a1, .
    bne     a0, a1, near
    jal     ra, far
    blt     a0, a1, _start + 8
    bge     a0, a1, mid + 12
near:
    bltu    a0, a1, near + 4
    bgeu    a0, a1, _start
    .fill   300, 4, 0x00000013
mid:
    jal     zero, _start
    beq     a0, a1, mid - 4000
    .fill   20000, 4, 0x00000013
far:
    jal     ra, _start
    .insn   0x8000006f
    .insn   0x7ffff06f
    .insn   0x80000063
    .insn   0x7e000fe3
    ret
