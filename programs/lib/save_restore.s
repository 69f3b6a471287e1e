# save_restore.s: the prologue/epilogue routines that gcc -msave-restore calls instead of
# saving callee-saved registers inline (libgcc has them; a single assembly file has no libgcc).
# Written from gcc's convention, as its call sites and .cfi_offset notes state it:
#   call t0, __riscv_save_N   pushes a frame of (N + 1) words rounded up to 16 bytes holding ra
#                             at the top (frame - 4), then s0, s1, ... s(N-1) below it, and
#                             returns through t0 (ra still holds the caller's return address);
#   tail __riscv_restore_N    reloads the same registers, pops the frame and returns through ra,
#                             which ends the function that called __riscv_save_N.
# Each routine is written out in full (no fall-through between them), for clarity.
    .text

    .globl  __riscv_save_0
    .type   __riscv_save_0, @function
__riscv_save_0:
    addi    sp, sp, -16
    sw      ra, 12(sp)
    jr      t0

    .globl  __riscv_save_1
    .type   __riscv_save_1, @function
__riscv_save_1:
    addi    sp, sp, -16
    sw      ra, 12(sp)
    sw      s0, 8(sp)
    jr      t0

    .globl  __riscv_save_2
    .type   __riscv_save_2, @function
__riscv_save_2:
    addi    sp, sp, -16
    sw      ra, 12(sp)
    sw      s0, 8(sp)
    sw      s1, 4(sp)
    jr      t0

    .globl  __riscv_save_3
    .type   __riscv_save_3, @function
__riscv_save_3:
    addi    sp, sp, -16
    sw      ra, 12(sp)
    sw      s0, 8(sp)
    sw      s1, 4(sp)
    sw      s2, 0(sp)
    jr      t0

    .globl  __riscv_save_4
    .type   __riscv_save_4, @function
__riscv_save_4:
    addi    sp, sp, -32
    sw      ra, 28(sp)
    sw      s0, 24(sp)
    sw      s1, 20(sp)
    sw      s2, 16(sp)
    sw      s3, 12(sp)
    jr      t0

    .globl  __riscv_save_5
    .type   __riscv_save_5, @function
__riscv_save_5:
    addi    sp, sp, -32
    sw      ra, 28(sp)
    sw      s0, 24(sp)
    sw      s1, 20(sp)
    sw      s2, 16(sp)
    sw      s3, 12(sp)
    sw      s4, 8(sp)
    jr      t0

    .globl  __riscv_save_6
    .type   __riscv_save_6, @function
__riscv_save_6:
    addi    sp, sp, -32
    sw      ra, 28(sp)
    sw      s0, 24(sp)
    sw      s1, 20(sp)
    sw      s2, 16(sp)
    sw      s3, 12(sp)
    sw      s4, 8(sp)
    sw      s5, 4(sp)
    jr      t0

    .globl  __riscv_save_7
    .type   __riscv_save_7, @function
__riscv_save_7:
    addi    sp, sp, -32
    sw      ra, 28(sp)
    sw      s0, 24(sp)
    sw      s1, 20(sp)
    sw      s2, 16(sp)
    sw      s3, 12(sp)
    sw      s4, 8(sp)
    sw      s5, 4(sp)
    sw      s6, 0(sp)
    jr      t0

    .globl  __riscv_save_8
    .type   __riscv_save_8, @function
__riscv_save_8:
    addi    sp, sp, -48
    sw      ra, 44(sp)
    sw      s0, 40(sp)
    sw      s1, 36(sp)
    sw      s2, 32(sp)
    sw      s3, 28(sp)
    sw      s4, 24(sp)
    sw      s5, 20(sp)
    sw      s6, 16(sp)
    sw      s7, 12(sp)
    jr      t0

    .globl  __riscv_save_9
    .type   __riscv_save_9, @function
__riscv_save_9:
    addi    sp, sp, -48
    sw      ra, 44(sp)
    sw      s0, 40(sp)
    sw      s1, 36(sp)
    sw      s2, 32(sp)
    sw      s3, 28(sp)
    sw      s4, 24(sp)
    sw      s5, 20(sp)
    sw      s6, 16(sp)
    sw      s7, 12(sp)
    sw      s8, 8(sp)
    jr      t0

    .globl  __riscv_save_10
    .type   __riscv_save_10, @function
__riscv_save_10:
    addi    sp, sp, -48
    sw      ra, 44(sp)
    sw      s0, 40(sp)
    sw      s1, 36(sp)
    sw      s2, 32(sp)
    sw      s3, 28(sp)
    sw      s4, 24(sp)
    sw      s5, 20(sp)
    sw      s6, 16(sp)
    sw      s7, 12(sp)
    sw      s8, 8(sp)
    sw      s9, 4(sp)
    jr      t0

    .globl  __riscv_save_11
    .type   __riscv_save_11, @function
__riscv_save_11:
    addi    sp, sp, -48
    sw      ra, 44(sp)
    sw      s0, 40(sp)
    sw      s1, 36(sp)
    sw      s2, 32(sp)
    sw      s3, 28(sp)
    sw      s4, 24(sp)
    sw      s5, 20(sp)
    sw      s6, 16(sp)
    sw      s7, 12(sp)
    sw      s8, 8(sp)
    sw      s9, 4(sp)
    sw      s10, 0(sp)
    jr      t0

    .globl  __riscv_save_12
    .type   __riscv_save_12, @function
__riscv_save_12:
    addi    sp, sp, -64
    sw      ra, 60(sp)
    sw      s0, 56(sp)
    sw      s1, 52(sp)
    sw      s2, 48(sp)
    sw      s3, 44(sp)
    sw      s4, 40(sp)
    sw      s5, 36(sp)
    sw      s6, 32(sp)
    sw      s7, 28(sp)
    sw      s8, 24(sp)
    sw      s9, 20(sp)
    sw      s10, 16(sp)
    sw      s11, 12(sp)
    jr      t0

    .globl  __riscv_restore_0
    .type   __riscv_restore_0, @function
__riscv_restore_0:
    lw      ra, 12(sp)
    addi    sp, sp, 16
    ret

    .globl  __riscv_restore_1
    .type   __riscv_restore_1, @function
__riscv_restore_1:
    lw      s0, 8(sp)
    lw      ra, 12(sp)
    addi    sp, sp, 16
    ret

    .globl  __riscv_restore_2
    .type   __riscv_restore_2, @function
__riscv_restore_2:
    lw      s1, 4(sp)
    lw      s0, 8(sp)
    lw      ra, 12(sp)
    addi    sp, sp, 16
    ret

    .globl  __riscv_restore_3
    .type   __riscv_restore_3, @function
__riscv_restore_3:
    lw      s2, 0(sp)
    lw      s1, 4(sp)
    lw      s0, 8(sp)
    lw      ra, 12(sp)
    addi    sp, sp, 16
    ret

    .globl  __riscv_restore_4
    .type   __riscv_restore_4, @function
__riscv_restore_4:
    lw      s3, 12(sp)
    lw      s2, 16(sp)
    lw      s1, 20(sp)
    lw      s0, 24(sp)
    lw      ra, 28(sp)
    addi    sp, sp, 32
    ret

    .globl  __riscv_restore_5
    .type   __riscv_restore_5, @function
__riscv_restore_5:
    lw      s4, 8(sp)
    lw      s3, 12(sp)
    lw      s2, 16(sp)
    lw      s1, 20(sp)
    lw      s0, 24(sp)
    lw      ra, 28(sp)
    addi    sp, sp, 32
    ret

    .globl  __riscv_restore_6
    .type   __riscv_restore_6, @function
__riscv_restore_6:
    lw      s5, 4(sp)
    lw      s4, 8(sp)
    lw      s3, 12(sp)
    lw      s2, 16(sp)
    lw      s1, 20(sp)
    lw      s0, 24(sp)
    lw      ra, 28(sp)
    addi    sp, sp, 32
    ret

    .globl  __riscv_restore_7
    .type   __riscv_restore_7, @function
__riscv_restore_7:
    lw      s6, 0(sp)
    lw      s5, 4(sp)
    lw      s4, 8(sp)
    lw      s3, 12(sp)
    lw      s2, 16(sp)
    lw      s1, 20(sp)
    lw      s0, 24(sp)
    lw      ra, 28(sp)
    addi    sp, sp, 32
    ret

    .globl  __riscv_restore_8
    .type   __riscv_restore_8, @function
__riscv_restore_8:
    lw      s7, 12(sp)
    lw      s6, 16(sp)
    lw      s5, 20(sp)
    lw      s4, 24(sp)
    lw      s3, 28(sp)
    lw      s2, 32(sp)
    lw      s1, 36(sp)
    lw      s0, 40(sp)
    lw      ra, 44(sp)
    addi    sp, sp, 48
    ret

    .globl  __riscv_restore_9
    .type   __riscv_restore_9, @function
__riscv_restore_9:
    lw      s8, 8(sp)
    lw      s7, 12(sp)
    lw      s6, 16(sp)
    lw      s5, 20(sp)
    lw      s4, 24(sp)
    lw      s3, 28(sp)
    lw      s2, 32(sp)
    lw      s1, 36(sp)
    lw      s0, 40(sp)
    lw      ra, 44(sp)
    addi    sp, sp, 48
    ret

    .globl  __riscv_restore_10
    .type   __riscv_restore_10, @function
__riscv_restore_10:
    lw      s9, 4(sp)
    lw      s8, 8(sp)
    lw      s7, 12(sp)
    lw      s6, 16(sp)
    lw      s5, 20(sp)
    lw      s4, 24(sp)
    lw      s3, 28(sp)
    lw      s2, 32(sp)
    lw      s1, 36(sp)
    lw      s0, 40(sp)
    lw      ra, 44(sp)
    addi    sp, sp, 48
    ret

    .globl  __riscv_restore_11
    .type   __riscv_restore_11, @function
__riscv_restore_11:
    lw      s10, 0(sp)
    lw      s9, 4(sp)
    lw      s8, 8(sp)
    lw      s7, 12(sp)
    lw      s6, 16(sp)
    lw      s5, 20(sp)
    lw      s4, 24(sp)
    lw      s3, 28(sp)
    lw      s2, 32(sp)
    lw      s1, 36(sp)
    lw      s0, 40(sp)
    lw      ra, 44(sp)
    addi    sp, sp, 48
    ret

    .globl  __riscv_restore_12
    .type   __riscv_restore_12, @function
__riscv_restore_12:
    lw      s11, 12(sp)
    lw      s10, 16(sp)
    lw      s9, 20(sp)
    lw      s8, 24(sp)
    lw      s7, 28(sp)
    lw      s6, 32(sp)
    lw      s5, 36(sp)
    lw      s4, 40(sp)
    lw      s3, 44(sp)
    lw      s2, 48(sp)
    lw      s1, 52(sp)
    lw      s0, 56(sp)
    lw      ra, 60(sp)
    addi    sp, sp, 64
    ret
