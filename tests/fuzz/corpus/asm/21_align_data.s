# Alignment in data: zero padding, fill values, maximum skip.
_start: ebreak
    .data
a:  .byte 1
    .align 2
b:  .byte 2
    .balign 8
c:  .byte 3
    .p2align 4
d:  .byte 4
    .balign 4, 0xcc
e:  .byte 5
    .p2align 3, 0xdd, 2
f:  .byte 6
    .p2align 3, 0xee, 7
g:  .byte 7
    .balign 2
h:  .half 8
