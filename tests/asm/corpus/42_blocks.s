# Repeated blocks: .dcb.* (count, value) and .ds.* (count units, fill), .space/.skip/.zero.
  .text
  .globl _start
_start:
  ret
  .data
a:
  .dcb.b 3, 0x11
  .dcb.w 2, 0x1234
  .dcb 2, 0x5678
  .dcb.l 2, 0x9abcdef0
  .dcb.b 2
  .dcb.s 2, 1.5
  .dcb.d 1, -2.0
b:
  .ds.b 3
  .ds.b 2, 7
  .ds.w 2
  .ds 1
  .ds.w 2, 0x4321
  .ds.l 2, 0x11223344
  .ds.s 1
  .ds.d 1
  .ds.x 1
  .ds.p 1
  .space 3, 0xaa
  .skip 2, 0xbb
  .zero 5
c:
  .byte 1
  .bss
z:
  .ds.l 4
  .dcb.b 3
  .ds.w 3, 0
