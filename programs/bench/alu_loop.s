# A tight ALU loop for measuring simulation speed: 10 million iterations of 5 instructions,
# 50,000,004 instructions in all (li + 5 per iteration + exit sequence).
# Each iteration has a RAW chain (forwarded on 5-stage) and one taken branch.
        .text
        .globl _start
_start:
        li      t0, 10000000        # iterations
        li      a0, 0
        li      a1, 0
loop:
        addi    a0, a0, 3
        xor     a1, a1, a0
        slli    a2, a1, 1
        addi    t0, t0, -1
        bnez    t0, loop
        andi    a0, a1, 0x7f        # exit code: low bits of the checksum
        li      a7, 93
        ecall
