# .org moves '.' forward in the section (a constant offset or an address in it), with a fill.
  .text
  .globl _start
_start:
  nop
  .org 16
  nop
  .org _start + 32
  ret
  .data
d:
  .byte 1
  .org 8, 0xee
  .byte 2
  .org d + 12
  .word 3
  .org . + 2, 0x5a
  .byte 4
  .bss
b:
  .org 20
  .byte 0
