# .pushsection/.popsection, .previous and .subsection 0.
  .text
  .globl _start
_start:
  nop
  .pushsection .data
d1: .word 1
  .pushsection .rodata, "a"
r1: .word 2
  .popsection
d2: .word 3
  .popsection
  ret
  .data
d3: .word 4
  .previous
  nop
  .previous
d4: .word 5
  .section .rodata.x, "a", @progbits
r2: .word 6
  .text 0
  nop
  .subsection 0
  nop
  .data 0
d5: .word 7
  .pushsection .bss, 0
b1: .zero 4
  .popsection
d6: .word 8
