# Load/store heavy: ROUNDS rounds over two 4 KiB word arrays in .bss. Each round copies src to
# dst (a memcpy unrolled 4 times: 4 lw, 4 sw) and then walks dst with word and byte loads,
# storing a mixed value back into src, so every round depends on the one before.
# 10 + 5 * WORDS + 3 + ROUNDS * (5 + 11 * WORDS / 4 + 12 * WORDS) + 7 instructions
# (45,332,140 at the default size). Exit status: the checksum s folded to 8 bits.
# Reference (Python; byte(i) is byte i of dst, little-endian):
#   src = [(i * 0x9e3779b9) % 2**32 for i in range(WORDS)]; s = 0
#   for _ in range(ROUNDS):
#       dst = src[:]
#       for i in range(WORDS):
#           w = dst[i]; b = (dst[i // 4] >> (8 * (i % 4))) & 0xff
#           s = (s + w + b) % 2**32; src[i] = w ^ s
#   s ^= s >> 16; s ^= s >> 8; status = s & 0xff
        .equ    ROUNDS, 3000            # scripts/bench.sh rewrites this line to scale the run
        .equ    WORDS, 1024             # words per array (a multiple of 4)
        .bss
        .align  4
src:    .space  4 * WORDS
dst:    .space  4 * WORDS
        .text
        .globl _start
_start:
        la      s0, src
        la      s1, dst
        li      s2, WORDS
        li      t0, 0x9e3779b9          # src[i] = i * golden ratio: distinct, well-mixed words
        li      t1, 0                   # i * 0x9e3779b9
        mv      t2, s0
        li      t3, 0
init:
        sw      t1, 0(t2)
        add     t1, t1, t0
        addi    t2, t2, 4
        addi    t3, t3, 1
        bne     t3, s2, init
        li      s3, ROUNDS
        li      a0, 0                   # s
round:
        mv      t2, s0                  # memcpy(dst, src, 4 * WORDS), 4 words per iteration
        mv      t3, s1
copy:
        lw      a1, 0(t2)
        lw      a2, 4(t2)
        lw      a3, 8(t2)
        lw      a4, 12(t2)
        sw      a1, 0(t3)
        sw      a2, 4(t3)
        sw      a3, 8(t3)
        sw      a4, 12(t3)
        addi    t2, t2, 16
        addi    t3, t3, 16
        bne     t2, s1, copy            # dst directly follows src: t2 reached src's end
        li      t2, 0                   # walk: i
walk:
        slli    t3, t2, 2
        add     t5, s1, t3
        lw      a1, 0(t5)               # w = dst[i]
        add     t6, s1, t2
        lbu     a2, 0(t6)               # b = byte i of dst
        add     a0, a0, a1
        add     a0, a0, a2
        xor     a1, a1, a0
        add     t5, s0, t3
        sw      a1, 0(t5)               # src[i] = w ^ s
        addi    t2, t2, 1
        bne     t2, s2, walk
        addi    s3, s3, -1
        bnez    s3, round
        srli    t1, a0, 16              # fold the 32-bit checksum into the exit status
        xor     a0, a0, t1
        srli    t1, a0, 8
        xor     a0, a0, t1
        andi    a0, a0, 0xff
        li      a7, 93
        ecall
