# muldiv.s: the M extension's multiply and divide instructions on ordinary values and on the
# corner cases the RISC-V spec defines instead of trapping:
#     x / 0        = -1 (all ones)        x % 0        = x       (signed and unsigned)
#     INT_MIN / -1 = INT_MIN (overflow)   INT_MIN % -1 = 0
# Signed division rounds toward zero, and the remainder has the sign of the dividend.
# Two tables drive two loops; each row holds the operands and the expected results (derived by
# hand, in the comments). Every result is printed in hex and compared with its expectation.
# Exit status: the number of results that differ from the table, 0.

    .data
# a, b, then the expected a/b, a%b (signed) and a/b, a%b (unsigned)
div_rows:
    .word   100, 7,                  14, 2, 14, 2
    .word   -7, 2,                   -3, -1, 0x7ffffffc, 1    # 0xfffffff9 / 2 unsigned
    .word   7, -2,                   -3, 1, 0, 7              # 7 / 0xfffffffe unsigned = 0
    .word   42, 0,                   -1, 42, 0xffffffff, 42   # divide by zero
    .word   0x80000000, -1,          0x80000000, 0, 0, 0x80000000  # INT_MIN / -1 overflows
    .word   0x80000000, 0,           -1, 0x80000000, 0xffffffff, 0x80000000
    .equ    DIV_ROWS, 6
# a, b, then the expected mul (low 32 bits), mulh (high, signed x signed),
# mulhsu (high, signed a x unsigned b) and mulhu (high, unsigned x unsigned)
mul_rows:
    .word   7, -3,                   -21, -1, 6, 6            # 7 * 0xfffffffd = 0x6_ffffffeb
    .word   0x80000000, 0x80000000,  0, 0x40000000, 0xc0000000, 0x40000000  # +-2^62
    .word   -1, -1,                  1, 0, 0xffffffff, 0xfffffffe
    .word   0x12345678, 0x100,       0x34567800, 0x12, 0x12, 0x12
    .equ    MUL_ROWS, 4
div_head:
    .ascii  "a        b        div      rem      divu     remu\n"
div_head_end:
    .equ    DIV_HEAD_LEN, div_head_end - div_head
mul_head:
    .ascii  "a        b        mul      mulh     mulhsu   mulhu\n"
mul_head_end:
    .equ    MUL_HEAD_LEN, mul_head_end - mul_head

    .text
    .globl  _start
_start:
    li      s2, 0                   # s2 = number of mismatches

    la      a1, div_head            # table heading
    li      a2, DIV_HEAD_LEN
    call    write_out
    la      s0, div_rows            # s0 = current row
    li      s1, DIV_ROWS            # s1 = rows left
div_loop:
    lw      s3, 0(s0)               # s3 = a
    lw      s4, 4(s0)               # s4 = b
    mv      a0, s3
    call    print_hex
    mv      a0, s4
    call    print_hex
    div     a0, s3, s4
    lw      a1, 8(s0)
    call    check                   # print a0, count it if it differs from a1
    rem     a0, s3, s4
    lw      a1, 12(s0)
    call    check
    divu    a0, s3, s4
    lw      a1, 16(s0)
    call    check
    remu    a0, s3, s4
    lw      a1, 20(s0)
    call    check
    call    newline
    addi    s0, s0, 24              # 6 words per row
    addi    s1, s1, -1
    bnez    s1, div_loop

    la      a1, mul_head
    li      a2, MUL_HEAD_LEN
    call    write_out
    la      s0, mul_rows
    li      s1, MUL_ROWS
mul_loop:
    lw      s3, 0(s0)
    lw      s4, 4(s0)
    mv      a0, s3
    call    print_hex
    mv      a0, s4
    call    print_hex
    mul     a0, s3, s4
    lw      a1, 8(s0)
    call    check
    mulh    a0, s3, s4
    lw      a1, 12(s0)
    call    check
    mulhsu  a0, s3, s4
    lw      a1, 16(s0)
    call    check
    mulhu   a0, s3, s4
    lw      a1, 20(s0)
    call    check
    call    newline
    addi    s0, s0, 24
    addi    s1, s1, -1
    bnez    s1, mul_loop

    mv      a0, s2                  # exit status = mismatches
    li      a7, 93
    ecall

# check(a0 = result, a1 = expected): prints the result; counts a mismatch in s2.
check:
    beq     a0, a1, print_hex       # equal: just print (a tail call: print_hex returns for us)
    addi    s2, s2, 1
    j       print_hex

# print_hex(a0): writes a0 as 8 hex digits and a space. Leaf function, buffer on the stack.
print_hex:
    addi    sp, sp, -16
    mv      t1, sp                  # t1 = where the next digit goes
    li      t0, 8                   # digits left
1:  srli    t2, a0, 28              # the top 4 bits
    slli    a0, a0, 4
    li      t3, 10
    blt     t2, t3, 2f
    addi    t2, t2, 'a' - '0' - 10  # 10..15 -> 'a'..'f' (after adding '0' below)
2:  addi    t2, t2, '0'
    sb      t2, 0(t1)
    addi    t1, t1, 1
    addi    t0, t0, -1
    bnez    t0, 1b
    li      t2, ' '
    sb      t2, 0(t1)
    li      a0, 1                   # write(1, sp, 9)
    mv      a1, sp
    li      a2, 9
    li      a7, 64
    ecall
    addi    sp, sp, 16              # free the buffer
    ret

# newline(): writes "\n".
newline:
    la      a1, div_head_end - 1    # the heading ends with a newline character
    li      a2, 1
    # fall through
# write_out(a1 = buf, a2 = len): write(1, buf, len).
write_out:
    li      a0, 1
    li      a7, 64
    ecall
    ret
