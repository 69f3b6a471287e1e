# Loads and stores to a symbol: auipc + pc-relative access.
_start:
    lw  a0, var
    lh  a1, var + 4
    lhu a2, var + 6
    lb  a3, bytes
    lbu a4, bytes + 1
    sw  a0, var, t0
    sh  a1, var + 4, t1
    sb  a3, bytes, t2
    ebreak
    .data
var:   .word 1, 2
bytes: .byte 3, 4
