# Exercise no_interlocks: a pipeline without hazard detection (and without forwarding) runs
# every instruction one cycle after the other and reads stale registers.
# Task: run it on 5-stage-no-interlocks (`pipesim run no_interlocks.s --config
# 5-stage-no-interlocks`): the result is wrong. Insert `nop`s, as few as possible, until the
# exit status is 10, as on the functional model (`pipesim run no_interlocks.s`).
    .text
    .globl _start
_start:
    li   a0, 4
    addi a1, a0, 1          # a1 = 5      needs a0
    add  a0, a1, a1         # a0 = 10     needs a1
    li   a7, 93
    ecall
