# Every RV32IM instruction with ordinary operands (no alias applies), so both objdump styles
# print the table's mnemonic except where objdump 2.40 renames register-immediate forms.
    .globl _start
_start:
    lui     a0, 0x12345
    lui     t6, 0xfffff
    auipc   s0, 0x1
    auipc   a1, 0x80000
    jal     a1, _start
    jalr    a2, 12(a3)
    jalr    s1, -2048(s2)
    beq     a0, a1, fwd
    bne     a2, a3, _start
    blt     a4, a5, fwd
    bge     a6, a7, fwd
    bltu    s2, s3, _start
    bgeu    s4, s5, fwd
    lb      a0, -1(a1)
    lh      a2, 2047(a3)
    lw      t0, -2048(t1)
    lbu     t2, 0(s0)
    lhu     s1, 100(sp)
    sb      a0, -1(a1)
    sh      a2, 2047(a3)
    sw      t0, -2048(t1)
    addi    a0, a1, 2047
    addi    a0, a1, -2048
    slti    a0, a1, -7
    sltiu   a0, a1, 2
    xori    a0, a1, 0x7ff
    ori     a0, a1, -1
    andi    a0, a1, 254
    slli    a0, a1, 31
    srli    a0, a1, 1
    srai    a0, a1, 17
    add     a0, a1, a2
    sub     s3, s4, s5
    sll     t3, t4, t5
    slt     a0, a1, a2
    sltu    a0, a1, a2
    xor     a0, a1, a2
    srl     a0, a1, a2
    sra     a0, a1, a2
    or      a0, a1, a2
    and     a0, a1, a2
fwd:
    fence   rw, w
    ecall
    ebreak
    mul     a0, a1, a2
    mulh    s6, s7, s8
    mulhsu  s9, s10, s11
    mulhu   t3, t4, t5
    div     a0, zero, a2
    divu    a0, a1, zero
    rem     ra, sp, gp
    remu    tp, t0, t6
