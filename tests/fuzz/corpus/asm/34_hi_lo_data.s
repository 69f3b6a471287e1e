# Absolute addressing with %hi/%lo of data symbols, with offsets.
_start:
    lui  a0, %hi(x)
    lw   a1, %lo(x)(a0)
    lui  a2, %hi(x + 0x800)
    addi a2, a2, %lo(x + 0x800)
    lui  a3, %hi(y)
    sw   a1, %lo(y)(a3)
    lui  a4, %hi(big)
    lbu  a5, %lo(big + 3)(a4)
    ebreak
    .data
x:   .word 7
    .zero 0x7fc
y:   .word 0
big: .word 0x01020304
