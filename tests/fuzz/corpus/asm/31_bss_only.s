# .bss without .data: zero-filled memory after an empty data section.
_start:
    la a0, buffer
    sw zero, 0(a0)
    ebreak
    .bss
    .align 3
buffer: .zero 64
count:  .word 0
