# array_sum.s: adds up the ten words of an array in .data and prints the sum as a decimal number.
# Shows: a counted loop over memory with a pointer that advances by 4 bytes (one word) per
# element, and converting a number to decimal digits with divu/remu.
# Exit status: the sum, 3 + 1 + 4 + 1 + 5 + 9 + 2 + 6 + 5 + 3 = 39.

    .data
array:  .word   3, 1, 4, 1, 5, 9, 2, 6, 5, 3
    .equ    COUNT, 10                   # number of elements
label:  .ascii  "sum = "
buf:    .space  12                      # room for the decimal digits and a newline

    .text
    .globl  _start
_start:
    la      t0, array               # t0 = pointer to the current element
    li      t1, COUNT               # t1 = elements left
    li      s0, 0                   # s0 = running sum
loop:
    lw      t2, 0(t0)               # t2 = *t0
    add     s0, s0, t2              # sum += element
    addi    t0, t0, 4               # next word
    addi    t1, t1, -1              # one fewer left
    bnez    t1, loop                # repeat while elements remain

    # Convert s0 to decimal, filling buf from its end backwards: digit = n % 10, n = n / 10.
    la      t0, buf + 12            # one past the end of buf
    li      t1, '\n'
    addi    t0, t0, -1
    sb      t1, 0(t0)               # the last character is a newline
    mv      t2, s0                  # t2 = number still to print
    li      t3, 10
digits:
    remu    t4, t2, t3              # lowest decimal digit
    divu    t2, t2, t3              # drop it
    addi    t4, t4, '0'             # digit -> ASCII
    addi    t0, t0, -1
    sb      t4, 0(t0)
    bnez    t2, digits              # until nothing is left (prints "0" for zero)

    # Two writes: the label "sum = ", then the digits from t0 to the end of buf.
    mv      s1, t0                  # keep the start of the digits (a0-a7 are used by ecall)
    li      a0, 1
    la      a1, label
    li      a2, 6
    li      a7, 64
    ecall
    li      a0, 1
    mv      a1, s1
    la      a2, buf + 12
    sub     a2, a2, s1              # length = end - start
    li      a7, 64
    ecall

    mv      a0, s0                  # exit status = the sum
    li      a7, 93
    ecall
