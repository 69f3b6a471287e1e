# bubble_sort.s: sorts ten signed words in .data with bubble sort and prints the array before and
# after. Each pass bubbles the largest remaining element to the end; the sort stops early after a
# pass without swaps.
# Shows: nested loops, signed comparison (blt/bge), swapping two words in memory, a routine that
# prints negative numbers.
# Exit status: the number of swaps, which equals the number of inversions (pairs i < j with
# a[i] > a[j]) in the input: 26.

    .data
array:  .word   29, -4, 17, 0, 8, -15, 42, 3, 3, -1
    .equ    N, 10

    .text
    .globl  _start
_start:
    call    print_array             # before
    li      s1, 0                   # s1 = number of swaps
    li      s2, N - 1               # s2 = compares in this pass (the tail is already sorted)
pass:
    la      t0, array               # t0 = &a[j]
    mv      t1, s2                  # t1 = compares left in this pass
    li      t4, 0                   # t4 = swapped anything in this pass?
inner:
    lw      t2, 0(t0)               # a[j]
    lw      t3, 4(t0)               # a[j+1]
    bge     t3, t2, no_swap         # in order (a[j+1] >= a[j], signed): leave them
    sw      t3, 0(t0)               # swap
    sw      t2, 4(t0)
    addi    s1, s1, 1
    li      t4, 1
no_swap:
    addi    t0, t0, 4
    addi    t1, t1, -1
    bnez    t1, inner
    beqz    t4, sorted              # no swaps: done early
    addi    s2, s2, -1
    bnez    s2, pass
sorted:
    call    print_array             # after
    mv      a0, s1                  # exit status = swaps
    li      a7, 93
    ecall

# print_array(): prints the N words of `array` separated by spaces, then a newline.
print_array:
    addi    sp, sp, -16
    sw      ra, 12(sp)
    sw      s0, 8(sp)
    sw      s3, 4(sp)
    la      s0, array
    li      s3, N
1:  lw      a0, 0(s0)
    call    print_int
    addi    s3, s3, -1
    li      a0, '\n'                # separator: newline after the last one, else a space
    beqz    s3, 2f
    li      a0, ' '
2:  call    putchar
    addi    s0, s0, 4
    bnez    s3, 1b
    lw      s3, 4(sp)
    lw      s0, 8(sp)
    lw      ra, 12(sp)
    addi    sp, sp, 16
    ret

# print_int(a0): writes a0 as a signed decimal number. Leaf function.
print_int:
    addi    sp, sp, -16
    addi    t0, sp, 16              # fill the buffer backwards from its end
    mv      t3, a0                  # remember the sign
    bgez    a0, 1f
    neg     a0, a0                  # magnitude (INT_MIN stays 0x80000000, right as unsigned)
1:  li      t2, 10
2:  remu    t1, a0, t2
    divu    a0, a0, t2
    addi    t1, t1, '0'
    addi    t0, t0, -1
    sb      t1, 0(t0)
    bnez    a0, 2b
    bgez    t3, 3f
    li      t1, '-'
    addi    t0, t0, -1
    sb      t1, 0(t0)
3:  li      a0, 1
    mv      a1, t0
    addi    a2, sp, 16
    sub     a2, a2, t0
    li      a7, 64
    ecall
    addi    sp, sp, 16
    ret

# putchar(a0): writes one byte.
putchar:
    addi    sp, sp, -16
    sb      a0, 0(sp)
    li      a0, 1
    mv      a1, sp
    li      a2, 1
    li      a7, 64
    ecall
    addi    sp, sp, 16
    ret
