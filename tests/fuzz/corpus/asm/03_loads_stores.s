# Loads and stores: offset(base), (base), negative and extreme offsets, %lo.
_start:
    lui  s0, %hi(buf)
    addi s0, s0, %lo(buf)
    lb   a0, 0(s0)
    lh   a1, 2(s0)
    lw   a2, 4(s0)
    lbu  a3, -1(s0)
    lhu  a4, 2047(s0)
    lw   a5, -2048(s0)
    lw   a6, (s0)
    sb   a0, 0(s0)
    sh   a1, 6(s0)
    sw   a2, (s0)
    sw   zero, -4(sp)
    lw   t0, %lo(buf)(s0)
    sw   t0, %lo(buf+8)(s0)
    lbu  t1, ( 12 + 4 ) (s0)
    ebreak
    .data
buf: .word 1, 2, 3, 4
