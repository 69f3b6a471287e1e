# Numeric local labels: redefinition, 1b/1f, several numbers, same line.
_start:
1:  addi a0, a0, 1
    bnez a0, 1b
    j    1f
1:  addi a1, a1, 1
2:  beq  a0, a1, 2f
    bne  a0, a1, 1b
    j    2b
2:  nop
10: j 10b ; 1: j 1b
    j 10f
10: ebreak
