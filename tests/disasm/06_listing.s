# A small program for the listing comparison: several functions, local and global labels,
# a run of zero words inside code and a call/return through auipc+jalr.
    .globl _start
_start:
    li      a0, 10
    call    sum
    j       done
    .globl sum
sum:
    mv      t0, zero
loop:
    add     t0, t0, a0
    addi    a0, a0, -1
    bnez    a0, loop
    mv      a0, t0
    ret
pad:
    .insn   0x00000013
    .word   0, 0, 0
    .insn   0x00000013
done:
    li      a7, 93
    ecall
