# Reference solution of array-sum.json: one word per iteration, the load's user placed two
# instructions after it (no load-use stall on 5-stage).
    .data
n:      .word 0
result: .word 0
data:   .space 256
    .text
    .globl _start
_start:
    lui  t0, %hi(data)
    addi t0, t0, %lo(data)
    lui  t1, %hi(n)
    lw   t2, %lo(n)(t1)
    li   a0, 0
    beqz t2, done
loop:
    lw   t3, 0(t0)
    addi t0, t0, 4
    addi t2, t2, -1
    add  a0, a0, t3
    bnez t2, loop
done:
    lui  t1, %hi(result)
    sw   a0, %lo(result)(t1)
    li   a0, 0
    li   a7, 93
    ecall
