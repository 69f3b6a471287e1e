# %pcrel_lo names the auipc, whatever the label's kind; several uses of one auipc.
_start:
.Lpc0:
    auipc t0, %pcrel_hi(tab)
    lw    a0, %pcrel_lo(.Lpc0)(t0)
    lw    a1, %pcrel_lo(.Lpc0)(t0)
    addi  a2, t0, %pcrel_lo(.Lpc0)
1:  auipc t1, %pcrel_hi(tab + 2044)
    sw    a0, %pcrel_lo(1b)(t1)
hi2: auipc t2, %pcrel_hi(far)
    jalr  ra, %pcrel_lo(hi2)(t2)
    ebreak
far:
    ret
    .data
    .zero 2000
tab: .word 1, 2, 3
    .zero 2048
