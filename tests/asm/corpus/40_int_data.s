# Integer data directives of every width (gas read.c and tc-riscv.c pseudo-op tables).
  .text
  .globl _start
_start:
  la a0, table
  lw a0, 0(a0)
  ret
  .data
table:
  .int 1, 2, -3
  .hword 3, 4, 0xffff
  .short 5, -6
  .long 0x12345678, table
  .2byte 7
  .4byte 8
  .8byte 9
  .quad 10, -2, table
  .dword 0x123456789abcdef0
  .octa 1, -1, 0x7fffffffffffffff
  .dc 11
  .dc.b 12, 13
  .dc.w 14
  .dc.l 15, end
  .dc.a table, end
  .half 16
  .byte 'a', 'b' + 1
end:
