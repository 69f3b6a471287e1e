# .string8/16/32: every character widened to 1, 2 or 4 little-endian bytes, then a NUL as wide.
  .text
  .globl _start
_start:
  ret
  .data
s8:
  .string8 "ab", "c"
s16:
  .string16 "hello"
s32:
  .string32 "hi", ""
sa:
  .ascii "x", "yz"
  .asciz "q"
  .string "\t\n\001"
end:
