# fence with and without ordering sets, ecall, ebreak.
_start:
    fence
    fence rw, rw
    fence iorw, iorw
    fence r, w
    fence w, r
    fence i, o
    fence io, rw
    ecall
    ebreak
