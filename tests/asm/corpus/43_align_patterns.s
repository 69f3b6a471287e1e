# Alignment with 2- and 4-byte fill patterns, in data and in code.
  .text
  .globl _start
_start:
  nop
  .balignw 16, 0x0013
  nop
  .p2alignl 5, 0x00000013
  nop
  .balignl 8, 0x00000013
  ret
  .data
d:
  .byte 1, 2
  .balignw 8, 0xabcd
  .byte 2, 3, 4, 5
  .balignl 16, 0x11223344
  .byte 3, 4
  .p2alignw 3, 0x5566
  .byte 6, 7, 8, 9
  .p2alignl 4, 0x778899aa
  .byte 7, 8
  .balignw 8, 0x1234, 2
  .byte 8, 9
  .balignw 8, 0x1234, 4
  .byte 9, 10
  .p2alignw 2, 0x0000
end:
