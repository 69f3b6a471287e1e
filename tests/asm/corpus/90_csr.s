# gnu-as: -march=rv32im_zicsr_zifencei
# Zicsr: every CSR instruction and pseudo-instruction, CSRs by name and by number, and the
# immediate forms GNU as substitutes for a register form with a constant last operand.
    .globl _start
    .text
_start:
    csrrw   a0, cycle, a1
    csrrs   a0, cycle, zero
    csrrs   t0, 0xc00, x0
    csrrc   a0, instret, a1
    csrrwi  a0, time, 5
    csrrsi  a0, cycleh, 0
    csrrci  a0, timeh, 31
    csrrw   a0, cycle, 4
    csrrs   a0, instreth, 0
    csrrc   a0, 3074, 1
    csrrs   a0, 0x123, x0
    csrrw   zero, 4095, ra
    csrr    a0, cycle
    csrr    s11, 0xc82
    csrw    cycle, a0
    csrs    mstatus, a1
    csrc    mepc, t6
    csrw    cycle, 7
    csrs    fcsr, 2
    csrc    frm, 3
    csrwi   cycle, 1
    csrsi   0x300, 30
    csrci   mie, 0
    rdcycle     a0
    rdcycleh    a1
    rdtime      a2
    rdtimeh     a3
    rdinstret   a4
    rdinstreth  a5
    rdcycle     zero
    .equ    MY_CSR, 0xc00 + 2
    csrr    a0, MY_CSR
    csrrsi  a0, cycle, 10 + 5
