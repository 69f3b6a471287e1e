# Every branch spelling relaxes the same way: the pseudo-branches expand to a table branch first,
# which is then inverted over a jal when its target is out of reach.
    .globl _start
_start:
    beqz a0, far
    bnez a0, far
    blez a0, far
    bgez a0, far
    bltz a0, far
    bgtz a0, far
    bgt  a0, a1, far
    ble  a0, a1, far
    bgtu a0, a1, far
    bleu a0, a1, far
    beqz a0, near
    .space 4096
near:
    nop
far:
    bnez a0, _start
    ebreak
