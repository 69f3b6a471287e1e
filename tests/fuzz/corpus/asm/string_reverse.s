# string_reverse.s: reverses a NUL-terminated string in place and prints it before and after.
# Shows: byte loads/stores (lbu/sb), finding the end of a string, and a two-pointer loop that
# swaps bytes until the pointers meet.
# Exit status: the length of the string, 23.

    .data
str:    .asciz  "in-order pipelined CPUs"
nl:     .byte   '\n'

    .text
    .globl  _start
_start:
    la      a0, str
    call    print_line              # before

    # Find the length: walk t1 forward until the byte it points to is 0.
    la      t0, str
    mv      t1, t0
len:
    lbu     t2, 0(t1)
    beqz    t2, found
    addi    t1, t1, 1
    j       len
found:
    sub     s0, t1, t0              # s0 = length (exit status)

    # Swap str[i] and str[j] moving i up and j down until they meet.
    addi    t1, t1, -1              # t1 = last character; t0 = first
swap:
    bgeu    t0, t1, done            # stop when the pointers meet or cross
    lbu     t2, 0(t0)
    lbu     t3, 0(t1)
    sb      t3, 0(t0)
    sb      t2, 0(t1)
    addi    t0, t0, 1
    addi    t1, t1, -1
    j       swap
done:
    la      a0, str
    call    print_line              # after

    mv      a0, s0
    li      a7, 93
    ecall

# print_line(a0 = string): writes the NUL-terminated string and a newline.
print_line:
    mv      a1, a0                  # buf
    mv      t0, a0
1:  lbu     t1, 0(t0)               # length = distance to the NUL byte
    beqz    t1, 2f
    addi    t0, t0, 1
    j       1b
2:  sub     a2, t0, a1              # len
    li      a0, 1
    li      a7, 64
    ecall
    li      a0, 1
    la      a1, nl
    li      a2, 1
    li      a7, 64
    ecall
    ret
