# Without .cfi_sections gas makes a loaded .eh_frame; pipesim ignores .cfi_* and loads no
# .eh_frame (tests/asm/gnu.ld discards it), and the code is the same.
  .text
  .globl _start
_start:
  .cfi_startproc
  addi sp, sp, -16
  .cfi_def_cfa_offset 16
  addi sp, sp, 16
  .cfi_def_cfa_offset 0
  ret
  .cfi_endproc
  .section .rodata
  .word 7
