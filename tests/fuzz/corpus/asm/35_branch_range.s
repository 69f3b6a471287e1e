# Branches and jumps at the edges of their ranges.
_start:
back:
    .space 4096
    beq  a0, a1, back
    beq  a0, a1, fwd
    .space 4084
    nop
fwd:
    jal  ra, back
    ebreak
