# The M extension.
_start:
    mul    a0, a1, a2
    mulh   a0, a1, a2
    mulhsu a3, a4, a5
    mulhu  a3, a4, a5
    div    t0, t1, t2
    divu   t0, t1, t2
    rem    s0, s1, s2
    remu   s3, s4, s5
    ecall
