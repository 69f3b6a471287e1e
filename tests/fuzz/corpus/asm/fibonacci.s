# fibonacci.s: prints the first 20 Fibonacci numbers, F(0) = 0, F(1) = 1, F(n) = F(n-1) + F(n-2),
# one per line, with a loop that keeps only the last two values in registers.
# Shows: a loop with a data dependency from one iteration to the next, calling a subroutine
# (print_u32) with `call`/`ret`, and saving the registers it needs across calls in s0-s3.
# Exit status: F(19) mod 256 = 4181 mod 256 = 85.

    .text
    .globl  _start
_start:
    li      s0, 0                   # s0 = F(n)
    li      s1, 1                   # s1 = F(n+1)
    li      s2, 20                  # s2 = numbers left to print
    li      s3, 0                   # s3 = last number printed
next:
    mv      a0, s0
    mv      s3, s0
    call    print_u32               # print F(n) and a newline
    add     t0, s0, s1              # F(n+2) = F(n) + F(n+1)
    mv      s0, s1
    mv      s1, t0
    addi    s2, s2, -1
    bnez    s2, next

    andi    a0, s3, 0xff            # exit status = F(19) mod 256
    li      a7, 93
    ecall

# print_u32(a0): writes a0 as an unsigned decimal number and a newline. A leaf function: it uses
# only temporaries and argument registers, and a 16-byte buffer on the stack.
print_u32:
    addi    sp, sp, -16             # buffer at sp .. sp+15
    addi    t0, sp, 16              # t0 = one past its end; fill backwards
    li      t1, '\n'
    addi    t0, t0, -1
    sb      t1, 0(t0)
    li      t2, 10
1:  remu    t1, a0, t2              # next digit, lowest first
    divu    a0, a0, t2
    addi    t1, t1, '0'
    addi    t0, t0, -1
    sb      t1, 0(t0)
    bnez    a0, 1b                  # `1b` = the nearest label `1` backwards
    li      a0, 1                   # write(1, t0, sp + 16 - t0)
    mv      a1, t0
    addi    a2, sp, 16
    sub     a2, a2, t0
    li      a7, 64
    ecall
    addi    sp, sp, 16              # free the buffer
    ret
