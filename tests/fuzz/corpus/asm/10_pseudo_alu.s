# Pseudo-instructions over ALU instructions.
_start:
    nop
    mv   a0, a1
    not  a2, a3
    neg  a4, a5
    seqz t0, t1
    snez t2, s0
    sltz s1, a0
    sgtz a1, a2
    sgt  a0, a1, a2
    sgtu a3, a4, a5
    ebreak
