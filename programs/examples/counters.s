# counters.s: a program that measures itself. `rdcycle` before and after a loop gives the cycles
# the loop took on the machine that runs it; `rdinstret` gives the instructions it retired.
#
#   pipesim run programs/examples/counters.s -c 5-stage --diagram     (then look at s1 and s2:
#   pipesim run programs/examples/counters.s -c 5-stage-no-forwarding  pipesim prints the final
#                                                                      registers with --verbose)
#
# The counter rule (docs/isa.md): rdcycle reads the number of the cycle in which it is in the
# execute stage (its EX column in the --diagram, its "EX" entry cycle in --json). So s1, the
# difference of the two readings, is the distance between the two rdcycle instructions' EX
# columns: on 5-stage, 21 instructions (the 20 of the loop and the second rdcycle) plus 4
# load-use stalls (one per lw) plus 3 x 2 slots flushed by the taken bnez = 31 cycles.
# tests/golden/counters_test.cpp checks s1 against the --json trace on 5-stage and
# 5-stage-no-forwarding.
#
# The cycle count depends on the machine, so the program prints neither s1 nor s2 (qemu-riscv32,
# which runs every example too, has counters of its own): its output and exit status are the
# sum of the array, 2 + 3 + 5 + 7 = 17, on every machine.

    .data
values: .word   2, 3, 5, 7
    .equ    N, 4
text:   .ascii  "sum = 17\n"

    .text
    .globl  _start
_start:
    la      a1, values              # a1 = &values[i]
    li      a2, N                   # a2 = elements left
    li      a0, 0                   # a0 = sum
    rdinstret s3
    rdcycle s0                      # start of the measured region
loop:
    lw      t0, 0(a1)
    add     a0, a0, t0              # <- load-use hazard on t0
    addi    a1, a1, 4
    addi    a2, a2, -1
    bnez    a2, loop                # <- taken 3 times of 4
    rdcycle s1                      # end of the measured region
    rdinstret s4
    sub     s1, s1, s0              # s1 = cycles from the first rdcycle to the second
    sub     s2, s4, s3              # s2 = instructions retired from rdinstret s3 up to s4: 23

    mv      s5, a0                  # keep the sum for the exit status
    li      a0, 1                   # write(1, text, 9)
    la      a1, text
    li      a2, 9
    li      a7, 64
    ecall
    mv      a0, s5                  # exit(sum)
    li      a7, 93
    ecall
