# Sections without the "a" flag are not loaded: their statements change no loaded byte, and
# their labels and label differences (across sections, too) are not evaluated.
  .text
  .globl _start
.Ltext0:
_start:
  li a0, 1
.LFE0:
  ret
.Letext0:
  .section .debug_info,"",@progbits
.Ldebug_info0:
  .4byte 0x40
  .2byte 0x5
  .4byte .Ldebug_abbrev0
  .byte 0x4
  .4byte .LFE0-.Ltext0
  .uleb128 0x30
  .sleb128 -5
  .string "int"
  .balign 4
  .zero 3
  .float 1.5
  .section .debug_abbrev,"",@progbits
.Ldebug_abbrev0:
  .uleb128 0x1
  .byte 0
  .section .debug_str,"MS",@progbits,1
.LASF0:
  .string "quicksort.c"
  .section .debug_line,"",@progbits
.Ldebug_line0:
  .section .comment
named_in_comment:
  .ascii "hand-written"
  .section .note.pipesim, "", @note
  .word 1, 2, 3
  .section .foo
  .space 100
  .text
  nop
  .data
  .word 9
