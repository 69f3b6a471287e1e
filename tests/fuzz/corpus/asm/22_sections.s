# Sections of every output region, with and without flags, interleaved.
    .globl _start
    .section .text.init, "ax", @progbits
_start:
    la  a0, ro
    la  a1, sro
    la  a2, dat
    la  a3, sdat
    la  a4, zero_a
    la  a5, szero
    j   main
    .text
main:
    ebreak
    .section .rodata
ro: .word 0x11111111
    .section .srodata, "a"
    .align 3
sro: .word 0x22222222
    .section .rodata.str1.1, "aMS", @progbits, 1
    .string "str"
    .data
dat: .byte 1
    .section .sdata, "aw"
    .align 2
sdat: .word 0x33333333
    .bss
zero_a: .zero 9
    .section .sbss, "aw", @nobits
    .align 4
szero: .zero 4
    .section .bss.more, "aw", @nobits
    .word 0
    .section .data.more, "aw"
    .half 0x4444
    .text
    nop
