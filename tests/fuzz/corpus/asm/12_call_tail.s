# call, tail, ret, j, jr.
    .globl _start
_start:
    call func
    tail func
    j    skip
skip:
    jr   ra
    jr   t0, 8
    jr   4(t1)
    j    .
func:
    ret
