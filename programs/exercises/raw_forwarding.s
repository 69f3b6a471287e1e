# Exercise raw_forwarding: RAW hazards with and without forwarding.
# Task: draw the pipeline diagram of this program on 5-stage-no-forwarding and on 5-stage
# (`pipesim check raw_forwarding.s --config C --template` gives a blank sheet), then check it
# with `pipesim check raw_forwarding.s --config C --answer yours.txt`.
# Exit status: 18.
    .text
    .globl _start
_start:
    li   a0, 5              # a0 = 5
    addi a1, a0, 3          # a1 = 8      RAW on a0 (the instruction just before)
    add  a2, a1, a0         # a2 = 13     RAW on a1 (just before) and a0 (two before)
    sub  a3, a2, a1         # a3 = 5      RAW on a2 and a1
    add  a0, a3, a2         # a0 = 18     RAW on a3 and a2
    li   a7, 93
    ecall                   # exit(a0)
