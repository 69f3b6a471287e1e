# jal and jalr in every form GNU as accepts.
_start:
    jal  ra, f
    jal  f
    jal  t0, f
    jal  zero, end
f:
    jalr ra, 0(a0)
    jalr ra, 12(a0)
    jalr a0
    jalr a1, a0
    jalr a1, a0, -4
    jalr a0, 8
    jalr t0, -8(t1)
    jalr 16(a2)
end:
    ebreak
