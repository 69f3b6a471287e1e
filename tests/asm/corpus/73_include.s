# .include reads another source in place (names relative to the including file); .incbin
# copies a file's bytes, all or [skip, skip + count).
        .include "inc/73_defs.s"
        .text
        .globl  _start
_start:
        bump    a0
        addi    a1, zero, MORE
        li      a7, 93
        ecall
        .data
blob:
        .incbin "inc/73_blob.bin"
        .balign 4
part:
        .incbin "inc/73_blob.bin", 4
        .balign 4
slice:
        .incbin "inc/73_blob.bin", 4, 6
        .balign 4
        .word   STEP
