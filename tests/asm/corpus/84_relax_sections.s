# A branch to a label of another section is always 8 bytes, however close the label ends up
# (gas cannot measure across sections; ld resolves the jal). A branch to `.+8` or `label+4`
# is measured like any label of the same section.
    .globl _start
_start:
    beq  a0, a1, helper
    bge  a0, a1, helper + 4
    jal  helper
    beq  a0, a1, .+8
    nop
    bne  a0, a1, near + 4
    j    helper
near:
    nop
    nop
    ebreak
    .section .text.helper, "ax", @progbits
helper:
    nop
    beq  a0, a1, _start
    bltu a0, a1, back
back:
    ret
