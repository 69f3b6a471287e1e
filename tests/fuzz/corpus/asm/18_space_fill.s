# .zero, .space, .skip, .fill.
_start: ebreak
    .data
a:  .zero 5
b:  .space 3
c:  .space 4, 0xab
d:  .skip 2, 1
e:  .fill 3
f:  .fill 2, 2, 0x1234
g:  .fill 2, 4, 0xdeadbeef
h:  .fill 1, 3, 0x112233
i:  .fill 0, 4, 7
    .byte 0xee
