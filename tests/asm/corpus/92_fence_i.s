# gnu-as: -march=rv32im_zicsr_zifencei
# Zifencei: fence.i, next to the other fences and the counter reads around it.
    .globl _start
    .text
_start:
    rdcycle t0
    fence.i
    fence
    fence.i
    fence   rw, rw
    rdcycle t1
    fence.i
