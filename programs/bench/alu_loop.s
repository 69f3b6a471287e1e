# A tight ALU loop: ITERATIONS iterations of 5 instructions with a RAW chain (forwarded on the
# 5-stage preset) and one taken branch; no loads, stores, multiplies or data-dependent branches.
# 5 * ITERATIONS + 11 instructions (50,000,011 at the default size).
# Exit status: the checksum a1 folded to 8 bits (see the end). Reference (Python):
#   a0 = a1 = 0
#   for _ in range(N): a0 = (a0 + 3) % 2**32; a1 ^= a0
#   a1 ^= a1 >> 16; a1 ^= a1 >> 8; status = a1 & 0xff
        .equ    ITERATIONS, 10000000    # scripts/bench.sh rewrites this line to scale the run
        .text
        .globl _start
_start:
        li      t0, ITERATIONS
        li      a0, 0
        li      a1, 0
loop:
        addi    a0, a0, 3
        xor     a1, a1, a0
        slli    a2, a1, 1
        addi    t0, t0, -1
        bnez    t0, loop
        srli    t1, a1, 16              # fold the 32-bit checksum into the exit status
        xor     a1, a1, t1
        srli    t1, a1, 8
        xor     a1, a1, t1
        andi    a0, a1, 0xff
        li      a7, 93
        ecall
