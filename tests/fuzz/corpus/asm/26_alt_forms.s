# Operand forms GNU as accepts beyond the canonical ones.
_start:
    add  a0, a1, 5
    add  a0, a1, -3
    and  a0, a1, 0xff
    or   a0, a1, 1
    xor  a0, a1, -1
    slt  a0, a1, 10
    sltu a0, a1, 10
    sll  a0, a1, 3
    srl  a0, a1, 31
    sra  a0, a1, 1
    lw   a0, (a1)
    sb   a0, (a1)
    jalr a0, 4
    jr   a0, 4
    lw   a0, 4 (a1)
    addi a0, a0, - 1
    ebreak
