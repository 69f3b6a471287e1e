# lui/auipc, %hi/%lo of constants and symbols, %pcrel_hi/%pcrel_lo.
_start:
    lui   a0, 0
    lui   a0, 0xfffff
    lui   a0, 0x12345
    auipc a1, 0
    auipc a1, 0x80000
    lui   a2, %hi(0x12345fff)
    addi  a2, a2, %lo(0x12345fff)
    lui   a3, %hi(value)
    lw    a3, %lo(value)(a3)
1:  auipc a4, %pcrel_hi(value)
    addi  a4, a4, %pcrel_lo(1b)
.Lhere:
    auipc a5, %pcrel_hi(value + 4)
    sw    a0, %pcrel_lo(.Lhere)(a5)
    ebreak
    .data
    .word 0
value: .word 42, 43
