# Conditional branches, backward and forward.
_start:
top:
    beq  a0, a1, top
    bne  a0, a1, fwd
    blt  a0, a1, top
    bge  a0, a1, fwd
    bltu a0, a1, top
    bgeu a0, a1, fwd
    beq  x0, x0, .+8
    nop
fwd:
    bne  t0, t1, top+4
    ebreak
