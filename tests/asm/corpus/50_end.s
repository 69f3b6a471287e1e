# .end: the rest of the file is not assembled.
  .text
  .globl _start
_start:
  li a0, 1
  ret
  .data
  .word 5
  .end
  .word 6
  this line is not read at all
