# Branch pseudo-instructions: compare with zero and swapped operands.
_start:
1:  beqz a0, 1b
    bnez a1, 1f
    blez a2, 1b
    bgez a3, 1f
    bltz a4, 1b
    bgtz a5, 1f
    bgt  a0, a1, 1b
    ble  a0, a1, 1f
    bgtu a2, a3, 1b
    bleu a2, a3, 1f
1:  ebreak
