# Reference solution of reverse.json: read forwards, write backwards.
    .data
n:      .word 0
data:   .space 256
out:    .space 256
    .text
    .globl _start
_start:
    lui  t0, %hi(data)
    addi t0, t0, %lo(data)
    lui  t1, %hi(n)
    lw   t2, %lo(n)(t1)
    beqz t2, done
    lui  t1, %hi(out)
    addi t1, t1, %lo(out)
    slli t4, t2, 2
    add  t1, t1, t4
loop:
    lw   t3, 0(t0)
    addi t0, t0, 4
    addi t1, t1, -4
    sw   t3, 0(t1)
    addi t2, t2, -1
    bnez t2, loop
done:
    li   a0, 0
    li   a7, 93
    ecall
