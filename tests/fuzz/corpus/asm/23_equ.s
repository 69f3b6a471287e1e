# .equ, .set, '=' and symbols used before they are defined.
    .equ SIZE, 16
    .equ OFFSET, 8
    .set COUNT, SIZE / 4
    SHIFT = 3
_start:
    li   a0, SIZE
    li   a1, COUNT
    slli a2, a2, SHIFT
    addi a3, a3, SIZE - 1
    .set COUNT, COUNT + 1
    li   a4, COUNT
    la   a5, OTHER
    lw   a6, OFFSET(sp)
    ebreak
    .data
    .word LATER, SIZE * COUNT
    .equ LATER, 0x55

arr: .zero 8
    .equ OTHER, arr + 4
