# Operators, precedence and number syntax, evaluated in 64 bits like gas.
_start: ebreak
    .data
    .word 1 + 2 * 3, (1 + 2) * 3, 10 - 2 - 3, 100 / 7, 100 % 7, -100 / 7, -100 % 7
    .word 1 << 4, 0x100 >> 4, 0xf0 & 0x3c, 0xf0 | 0x0f, 0xff ^ 0x0f, ~0, ~0x0f
    .word -5, - -5, +7, -(3 + 4)
    .word 1 + 6 & 3, 2 | 1 << 3, 8 - 4 ^ 1, 12 & 10 | 1
    .word 0x10, 0X1f, 0b1010, 0B11, 017, 0, 00, 'a, 'b', '\n', '\\', '\''
    .word 1 << 31, (1 << 32) >> 1, 0x123456789 >> 4, -1 >> 60, (-8) / 2
    .word 0x7fffffff + 1, 4294967295, -2147483648
    .byte -128, 255
    .half -32768, 65535
