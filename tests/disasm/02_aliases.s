# Each alias objdump knows for RV32IM, at and next to the field values that select it.
    .globl _start
_start:
    addi    zero, zero, 0       # nop
    addi    zero, zero, 1
    addi    a0, zero, 0         # li
    addi    a0, zero, -5
    addi    zero, zero, -1
    addi    a0, a1, 0           # mv
    addi    zero, a1, 0
    addi    a0, a1, 1
    xori    a0, a1, -1          # not
    xori    a0, a1, -2
    ori     a0, zero, 3
    andi    a0, a1, 255         # zext.b
    andi    a0, a1, 256
    sltiu   a0, a1, 1           # seqz
    sltiu   a0, zero, 1
    slti    a0, a1, 1
    sub     a0, zero, a1        # neg
    sub     a0, a1, zero
    slt     a0, a1, zero        # sltz
    slt     a0, zero, a1        # sgtz
    slt     a0, zero, zero
    sltu    a0, zero, a1        # snez
    sltu    a0, a1, zero
    slli    a0, a1, 0
    srli    zero, zero, 0
    add     zero, zero, zero
target:
    jal     zero, target        # j
    jal     ra, target          # jal
    jal     t0, target
    jalr    zero, 0(ra)         # ret
    jalr    zero, 4(ra)
    jalr    zero, 0(a0)         # jr
    jalr    zero, -8(a0)
    jalr    ra, 0(a0)           # jalr rs
    jalr    ra, 16(a0)
    jalr    t0, 0(a0)           # jalr rd, rs
    jalr    ra, 0(ra)
    jalr    zero, 0(zero)
    beq     a0, zero, target    # beqz
    beq     zero, a0, target
    beq     zero, zero, target
    bne     a0, zero, target    # bnez
    bne     zero, a0, target
    blt     a0, zero, target    # bltz
    blt     zero, a0, target    # bgtz
    blt     zero, zero, target
    bge     a0, zero, target    # bgez
    bge     zero, a0, target    # blez
    bge     zero, zero, target
    bltu    a0, zero, target
    bltu    zero, a0, target
    bgeu    a0, zero, target
    bgeu    zero, a0, target
    fence   iorw, iorw
    fence   iorw, rw
    fence   rw, iorw
