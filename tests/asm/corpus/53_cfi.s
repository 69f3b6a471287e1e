# .cfi_* describe frames for debuggers: with `.cfi_sections .debug_frame` (what gcc -g emits)
# they go to .debug_frame, which is not loaded.
  .cfi_sections .debug_frame
  .text
  .globl _start
_start:
  .cfi_startproc
  addi sp, sp, -16
  .cfi_def_cfa_offset 16
  sw ra, 12(sp)
  .cfi_offset 1, -4
  .cfi_remember_state
  lw ra, 12(sp)
  .cfi_restore 1
  addi sp, sp, 16
  .cfi_def_cfa_offset 0
  .cfi_restore_state
  .cfi_def_cfa 2, 16
  .cfi_def_cfa_register 2
  .cfi_adjust_cfa_offset 0
  .cfi_rel_offset 8, 0
  .cfi_register 1, 5
  .cfi_same_value 9
  .cfi_undefined 10
  .cfi_return_column 1
  .cfi_signal_frame
  .cfi_escape 0x2e, 0x00
  .cfi_window_save
  ret
  .cfi_endproc
