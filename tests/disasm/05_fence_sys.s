# gnu-as: -march=rv32im_zicsr_zifencei
# Ordering and environment instructions, and words outside RV32IM: objdump prints unknown
# 32-bit words as ".4byte 0x...", GNU's unimp (csrrw zero, cycle, zero) by name, fence.tso
# by name, and fences with reserved fields set as unknown words. Zifencei and Zicsr are on
# (first line), so 0x0000100f is fence.i, as pipesim knows it.
    .globl _start
_start:
    fence
    fence   iorw, iorw
    fence   rw, rw
    fence   r, w
    fence   w, r
    fence   i, o
    fence   io, rw
    fence   o, i
    fence   ior, ow
    fence   r, r
    .insn   0x0000000f
    .insn   0x0100000f
    .insn   0x0010000f
    .insn   0x8330000f
    .insn   0x0ff0008f
    .insn   0x0ff5800f
    .insn   0x1ff0000f
    .insn   0x8ff0000f
    .insn   0x0000100f
    .insn   0x0010100f
    ecall
    ebreak
    unimp
    .insn   0x00000057
    .insn   0x00c00073
    .insn   0x0000600b
    .insn   0xfe00003b
    .insn   0x04000033
    .insn   0x0000701b
    .insn   0x40001013
    .insn   0x00007063
    .insn   0x00003003
