# factorial.s: computes n! for n = 0..12 with a recursive function and prints "n! = value" lines.
# 12! = 479001600 is the largest factorial that fits in 32 bits.
# Shows: a recursive function that keeps its argument and return address in a stack frame
# (the standard RISC-V calling convention: a0 = argument and result, ra = return address,
# sp 16-byte aligned), and `mul`.
# Exit status: 5! = 120.

    .data
text:   .ascii  "! = "

    .text
    .globl  _start
_start:
    li      s0, 0                   # s0 = n
loop:
    mv      a0, s0
    call    print_u32               # "n"
    li      a0, 1
    la      a1, text
    li      a2, 4
    li      a7, 64
    ecall                           # "! = "
    mv      a0, s0
    call    fact                    # a0 = n!
    call    print_u32
    call    newline
    addi    s0, s0, 1
    li      t0, 13
    blt     s0, t0, loop            # n = 0 .. 12

    li      a0, 5
    call    fact
    li      a7, 93                  # exit(5!) = exit(120)
    ecall

# fact(a0 = n) -> a0 = n!, recursively: fact(0) = 1, fact(n) = n * fact(n - 1).
fact:
    bnez    a0, 1f
    li      a0, 1                   # base case
    ret
1:  addi    sp, sp, -16             # frame: saved ra and n
    sw      ra, 12(sp)
    sw      a0, 8(sp)
    addi    a0, a0, -1
    call    fact                    # a0 = (n-1)!  (overwrites ra, hence the save)
    lw      t0, 8(sp)               # t0 = n
    mul     a0, a0, t0              # n * (n-1)!
    lw      ra, 12(sp)
    addi    sp, sp, 16
    ret

# print_u32(a0): writes a0 as an unsigned decimal number (no newline). Leaf function.
print_u32:
    addi    sp, sp, -16
    addi    t0, sp, 16              # fill the buffer backwards from its end
    li      t2, 10
1:  remu    t1, a0, t2
    divu    a0, a0, t2
    addi    t1, t1, '0'
    addi    t0, t0, -1
    sb      t1, 0(t0)
    bnez    a0, 1b
    li      a0, 1
    mv      a1, t0
    addi    a2, sp, 16
    sub     a2, a2, t0
    li      a7, 64
    ecall
    addi    sp, sp, 16
    ret

# newline(): writes "\n" from a byte on the stack.
newline:
    addi    sp, sp, -16
    li      t0, '\n'
    sb      t0, 0(sp)
    li      a0, 1
    mv      a1, sp
    li      a2, 1
    li      a7, 64
    ecall
    addi    sp, sp, 16
    ret
