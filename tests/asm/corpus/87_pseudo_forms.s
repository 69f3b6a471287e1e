# Operand forms and pseudo-instructions gas 2.40 accepts for rv32im: li with %lo, the
# sign/zero extensions without Zbb (shift pairs; zext.b is andi), la/lla of a constant (li),
# the old names scall/sbreak, unimp and fence.tso.
    .equ K, 0x12345
    .globl _start
_start:
    li     a0, %lo(value)
    li     a1, %lo(value) + 4
    li     a2, %lo(0x12345)
    zext.b a0, a1
    sext.b a2, a3
    sext.h a4, a5
    zext.h t0, t1
    la     a3, 0x12345
    la     a4, K
    lla    a5, -5
    la     a6, later
    scall
    sbreak
    fence.tso
    fence
    ebreak
    unimp
    lui    t2, %hi(edge) + 1    # %hi(edge + 1): the operator takes all that follows
    addi   t2, t2, %lo(edge) + 4
    .equ later, 0x1000      # not known yet at the la: pc-relative to the address
    .data
    .word 0
value:
    .word 7
    .space 0x7f4
edge:
    .word 1
