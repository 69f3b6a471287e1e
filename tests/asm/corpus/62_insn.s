# .insn with a raw 32-bit encoding (the forms pipesim supports).
  .text
  .globl _start
_start:
  .insn 0x00a00513
  .insn 4, 0x00000013
  .insn 0x13 + 0x100
  ret
