# Data directives with labels and expressions.
_start:
    la a0, words
    ebreak
    .data
words:  .word 1, -1, 0x7fffffff, 0x80000000, 0xffffffff
        .4byte 0x12345678
        .long words
halves: .half 1, -1, 0xffff, -32768
        .2byte 0x1234
        .short 7
bytes:  .byte 1, 2, 255, -128, 'a', 'z' - 'a'
        .byte 0x7f, -1
addrs:  .word words, halves + 2, bytes - words, _start, addrs
        .word end - words
        .dword 0x123456789abcdef0
end:
