# Multiply/divide heavy: a multiplicative generator feeds every RV32M instruction each
# iteration (mul, mulh, mulhsu, mulhu, div, divu, rem, remu), with operands that vary in sign
# and size. Measures multi-cycle units: blocking dividers and pipelined multipliers.
# 22 instructions per iteration, 22 * ITERATIONS + 15 in all (44,000,015 at the default size).
# Exit status: the checksum a0 folded to 8 bits. Reference (Python; sx is x read as a signed
# word; div and rem truncate toward zero; d is positive, so never 0 and never -1):
#   x, a0, M = 1, 0, 2**32
#   for _ in range(N):
#       x = (x * 1664525 + 1013904223) % M; d = (x >> 20) | 1; sx = x - M * (x >> 31)
#       q = abs(sx) // d * (1 if sx >= 0 else -1)
#       a0 = (a0 + x * x) % M;   a0 ^= (sx * sx >> 32) % M
#       a0 = (a0 + (sx * x >> 32)) % M;   a0 ^= x * x >> 32
#       a0 = (a0 + q) % M;   a0 ^= x // d;   a0 = (a0 + sx - q * d) % M;   a0 ^= x % d
#   a0 ^= a0 >> 16; a0 ^= a0 >> 8; status = a0 & 0xff
        .equ    ITERATIONS, 2000000     # scripts/bench.sh rewrites this line to scale the run
        .text
        .globl _start
_start:
        li      t0, ITERATIONS
        li      s0, 1                   # x
        li      s1, 1664525             # Numerical Recipes' LCG multiplier
        li      s2, 1013904223          # and increment
        li      a0, 0
loop:
        mul     s0, s0, s1
        add     s0, s0, s2
        srli    t1, s0, 20
        ori     t1, t1, 1               # d: odd, 1..4095
        mul     t2, s0, s0
        mulh    t3, s0, s0
        mulhsu  t4, s0, s0
        mulhu   t5, s0, s0
        add     a0, a0, t2
        xor     a0, a0, t3
        add     a0, a0, t4
        xor     a0, a0, t5
        div     t2, s0, t1
        divu    t3, s0, t1
        rem     t4, s0, t1
        remu    t5, s0, t1
        add     a0, a0, t2
        xor     a0, a0, t3
        add     a0, a0, t4
        xor     a0, a0, t5
        addi    t0, t0, -1
        bnez    t0, loop
        srli    t1, a0, 16              # fold the 32-bit checksum into the exit status
        xor     a0, a0, t1
        srli    t1, a0, 8
        xor     a0, a0, t1
        andi    a0, a0, 0xff
        li      a7, 93
        ecall
