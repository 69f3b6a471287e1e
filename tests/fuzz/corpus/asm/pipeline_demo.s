# pipeline_demo.s: a weighted sum, result = 3 * (a[0] + ... + a[5]), written so that its loop
# shows the three classic events of an in-order pipeline (look at it with a pipeline diagram):
#
#   load-use hazard  `slli` needs t2 in the cycle right after `lw` loads it. The value exists only
#                    at the end of MEM, so even with forwarding the pipeline stalls one cycle.
#   RAW chain        slli -> add -> add: each instruction reads the register the previous one
#                    just wrote. Forwarding (EX->EX) hides it; without forwarding each link stalls.
#   taken branch     `bnez` jumps back 5 times of 6. A predict-not-taken pipeline has already
#                    fetched the instructions after it, and flushes them when the branch resolves.
#
# Exit status: the result, 3 * (5 + 3 + 8 + 1 + 9 + 4) = 3 * 30 = 90, also printed.

    .data
array:  .word   5, 3, 8, 1, 9, 4
    .equ    N, 6
text:   .ascii  "result = "
digits: .ascii  "00\n"                  # two digits (the result is below 100) and a newline

    .text
    .globl  _start
_start:
    la      t0, array               # t0 = &a[i]
    li      t1, N                   # t1 = elements left
    li      s0, 0                   # s0 = sum of 3 * a[i]
loop:
    lw      t2, 0(t0)               # t2 = a[i]
    slli    t3, t2, 1               # t3 = 2 * a[i]       <- load-use hazard on t2
    add     t3, t3, t2              # t3 = 3 * a[i]       <- RAW on t3 (from slli)
    add     s0, s0, t3              # sum += 3 * a[i]     <- RAW on t3 (from add)
    addi    t0, t0, 4               # next element
    addi    t1, t1, -1
    bnez    t1, loop                # <- RAW on t1, and taken 5 of 6 times

    # Print "result = " and the two decimal digits of s0, then exit with it.
    li      a0, 1
    la      a1, text
    li      a2, 9
    li      a7, 64
    ecall
    la      t0, digits
    li      t1, 10
    divu    t2, s0, t1              # tens
    remu    t3, s0, t1              # units
    addi    t2, t2, '0'
    addi    t3, t3, '0'
    sb      t2, 0(t0)
    sb      t3, 1(t0)
    li      a0, 1
    mv      a1, t0
    li      a2, 3
    li      a7, 64
    ecall
    mv      a0, s0                  # exit status = 90
    li      a7, 93
    ecall
