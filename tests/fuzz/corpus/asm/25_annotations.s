# Directives that only annotate the object: accepted and without effect on the code.
    .file "annotations.c"
    .option nopic
    .option norvc
    .option norelax
    .option push
    .option pop
    .attribute arch, "rv32i2p1_m2p0"
    .attribute stack_align, 16
    .text
    .globl _start
    .global main
    .local helper
    .type _start, @function
_start:
    call main
    ebreak
    .size _start, .-_start
    .type main, @function
main:
    li a0, 0
    ret
    .size main, .-main
helper:
    ret
    .ident "GCC: (pipesim) 0"
