# li at every boundary of the addi / lui / lui+addi expansions.
_start:
    li a0, 0
    li a0, 1
    li a0, -1
    li a0, 2047
    li a0, -2048
    li a0, 2048
    li a0, -2049
    li a0, 0x800
    li a0, 0xfff
    li a0, 0x1000
    li a0, 0x7ffff800
    li a0, 0x7ffff7ff
    li a0, 0x7fffffff
    li a0, 0x80000000
    li a0, 0x80000800
    li a0, -0x80000000
    li a0, 0xffffffff
    li a0, 0xfffff800
    li a0, 0xfffff7ff
    li a0, 0x12345678
    li a0, 0xdeadbeef
    li t6, 'A'
    li s0, 1 << 20
    li s1, (1 << 31) - 1
    ebreak
