# Every RV32I register-register and register-immediate ALU instruction.
    .globl _start
_start:
    add  a0, a1, a2
    sub  a0, a1, a2
    sll  t0, t1, t2
    slt  s0, s1, s2
    sltu s3, s4, s5
    xor  s6, s7, s8
    srl  s9, s10, s11
    sra  t3, t4, t5
    or   t6, zero, ra
    and  sp, gp, tp
    addi a0, a1, -2048
    addi a0, a1, 2047
    slti a2, a3, -1
    sltiu a4, a5, 100
    xori a6, a7, 0x7ff
    ori  a0, a0, 0x0f0
    andi a0, a0, -256
    slli a0, a0, 0
    slli a0, a0, 31
    srli a1, a1, 17
    srai a2, a2, 31
    ebreak
