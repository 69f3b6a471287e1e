# A small complete program: Fibonacci numbers into an array, then a checksum.
    .globl _start
    .equ N, 12
    .text
_start:
    la   s0, fib
    li   t0, 0
    li   t1, 1
    li   t2, N
1:  sw   t0, 0(s0)
    add  t3, t0, t1
    mv   t0, t1
    mv   t1, t3
    addi s0, s0, 4
    addi t2, t2, -1
    bnez t2, 1b
    la   s0, fib
    li   a0, 0
    li   t2, N
2:  lw   t3, (s0)
    add  a0, a0, t3
    addi s0, s0, 4
    addi t2, t2, -1
    bgtz t2, 2b
    call check
    li   a7, 93
    ecall
check:
    li   t4, 376
    beq  a0, t4, 1f
    li   a0, 1
1:  ret
    .bss
fib: .zero 4 * N
