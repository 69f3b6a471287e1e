# A chain: the last branch is out of reach; its 4 extra bytes push the target of the one before
# out of reach, and that one's push the first one's target.
    .globl _start
_start:
    beq  a0, a1, t1         # +4092 while the second is short
    .space 2044
    beq  a0, a2, t2         # +4092 while the third is short
    .space 2040
t1: nop
    .space 2040
    bne  a0, a3, far        # out of reach
t2: nop
    .space 4096
far:
    blt  a0, a1, _start     # backward, out of reach
    ebreak
