# .uleb128/.sleb128 of constants (one constant each: gas for RISC-V refuses label differences).
  .text
  .globl _start
_start:
  ret
  .data
a:
  .uleb128 0
  .uleb128 1
  .uleb128 127
  .uleb128 128
  .uleb128 255
  .uleb128 300
  .uleb128 16383
  .uleb128 16384
  .uleb128 0xffffffff
  .uleb128 0x123456789
  .uleb128 -1
  .sleb128 0
  .sleb128 1
  .sleb128 -1
  .sleb128 63
  .sleb128 64
  .sleb128 -64
  .sleb128 -65
  .sleb128 127
  .sleb128 -128
  .sleb128 8191
  .sleb128 -8192
  .sleb128 -2147483648
  .sleb128 0x7fffffffffffffff
  .equ N, 1000
  .uleb128 N
  .sleb128 -N * 3
end:
