# Data-dependent branches: a xorshift32 generator drives two branches per iteration, one taken
# half of the time at random (no predictor can do better than chance) and one taken 3 times in 4
# (a 2-bit counter learns its bias). Measures branch predictors and the cost of flushes.
# 14 or 15 instructions per iteration (15 when the biased branch falls through), 14 more
# outside the loop: 49,875,537 at the default size.
# Exit status: the checksum a0 ^ a1 folded to 8 bits. Reference (Python):
#   x, a0, a1 = 2463534242, 0, 0
#   for _ in range(N):
#       x ^= (x << 13) % 2**32; x ^= x >> 17; x ^= (x << 5) % 2**32
#       if x & 1: a0 = (a0 + x) % 2**32
#       else:     a0 ^= x >> 3
#       if x & 0x30 == 0: a1 += 1
#   c = a0 ^ a1; c ^= c >> 16; c ^= c >> 8; status = c & 0xff
        .equ    ITERATIONS, 3500000     # scripts/bench.sh rewrites this line to scale the run
        .text
        .globl _start
_start:
        li      t0, ITERATIONS
        li      s0, 2463534242          # xorshift32 state (Marsaglia's example seed)
        li      a0, 0
        li      a1, 0
loop:
        slli    t1, s0, 13
        xor     s0, s0, t1
        srli    t1, s0, 17
        xor     s0, s0, t1
        slli    t1, s0, 5
        xor     s0, s0, t1
        andi    t2, s0, 1
        beqz    t2, even                # random: taken half of the time
        add     a0, a0, s0
        j       mixed
even:
        srli    t1, s0, 3
        xor     a0, a0, t1
mixed:
        andi    t2, s0, 0x30
        bnez    t2, next                # biased: taken 3 times in 4
        addi    a1, a1, 1
next:
        addi    t0, t0, -1
        bnez    t0, loop
        xor     a1, a1, a0
        srli    t1, a1, 16              # fold the 32-bit checksum into the exit status
        xor     a1, a1, t1
        srli    t1, a1, 8
        xor     a1, a1, t1
        andi    a0, a1, 0xff
        li      a7, 93
        ecall
